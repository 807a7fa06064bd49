/**
 * The party organisation volunteers belong to (商州 report: 临时党支部, 楼栋党小组, 党员责任区,
 * and the organs, enterprises and cadres that report in 报到 from the street or the district).
 * A branch, group or zone hangs under a compound; an agency under the street or district it
 * comes from, and any compound below that node may take its members.
 */
import type { AgencyKind, PartyUnitKind, PartyUnitView } from '../../typings/duty';

export const UNIT_KINDS: readonly PartyUnitKind[] = ['branch', 'group', 'zone', 'agency'];
export const UNIT_KIND_LABELS: Record<PartyUnitKind, string> = {
  branch: '临时党支部',
  group: '楼栋党小组',
  zone: '党员责任区',
  agency: '报到单位',
};
export const AGENCY_KINDS: readonly AgencyKind[] = ['organ', 'enterprise', 'cadre'];

export type PartyUnitDoc = Omit<PartyUnitView, 'id'> & {
  _id: string; // `${compoundId}-branch` for a branch, else `u` + random
  _v?: number;
  /** The org node's ancestors, root first. */
  path: string[];
  createdAt: number;
};

export const branchId = (compoundId: string) => `${compoundId}-branch`;

/** The unit's org node, for scope checks. */
export const unitNode = (u: Pick<PartyUnitDoc, 'orgId' | 'path'>) => ({ _id: u.orgId, path: u.path });

export function toUnitView(u: PartyUnitDoc): PartyUnitView {
  const v: PartyUnitView = { id: u._id, kind: u.kind, name: u.name, orgId: u.orgId, orgName: u.orgName, orgLevel: u.orgLevel, updatedAt: u.updatedAt };
  if (u.buildingIds) v.buildingIds = u.buildingIds;
  if (u.areas) v.areas = u.areas;
  if (u.agencyKind) v.agencyKind = u.agencyKind;
  return v;
}

/** Whether a compound (given by its lineage) may take members of `u`. */
export const unitServes = (u: Pick<PartyUnitDoc, 'kind' | 'orgId'>, compoundLineage: readonly string[]) =>
  u.kind === 'agency' ? compoundLineage.slice(0, -1).includes(u.orgId) : u.orgId === compoundLineage[compoundLineage.length - 1];

declare module '../store/port' {
  interface Collections {
    partyUnits: PartyUnitDoc;
  }
}
