/**
 * The demo's 吹哨 and 督导: the agencies a community may whistle to (区住建局 is the duty demo's;
 * here 区城管局, 区房管局 and a 驻社单位), a contact of 区住建局 (demo-unit-contact), one open request
 * from 城关社区, the district's checklist (4 categories × 3 items) and one open finding from the
 * street against the demo compound, with the counters they move. Fixed ids and times (their
 * deadlines far enough ahead that no timer flags them): seeding twice writes the same documents.
 */
import type { OrgDoc } from '../auth/nodes';
import type { PartyUnitDoc } from '../party/model';
import { DEFAULT_CHECKLIST, type FindingDoc, type InspectCountsDoc } from '../inspect/model';
import type { Store } from '../store/port';
import type { UnitContactDoc, WhistleDoc, WhistleStatsDoc } from '../whistle/model';
import { DEMO, SEED_AT } from './district';

export const DEMO_UNIT_CONTACT = 'demo-unit-contact';
export const DEMO_WHISTLE = 'w-demo-manpower';
export const DEMO_FINDING = 'f-demo-entry-temp';
const DEADLINE = Date.UTC(2027, 5, 30);

export function buildWhistleDemo(orgs: ReadonlyMap<string, OrgDoc>) {
  const at = (id: string) => orgs.get(id)!;
  const agency = (id: string, name: string, org: OrgDoc, agencyKind: PartyUnitDoc['agencyKind']): PartyUnitDoc => ({
    _id: id,
    kind: 'agency',
    name,
    orgId: org._id,
    orgName: org.name,
    orgLevel: org.level,
    path: org.path,
    agencyKind,
    createdAt: SEED_AT,
    updatedAt: SEED_AT,
  });
  const partyUnits = [
    agency('u-demo-agency-cgj', '区城管局', at(DEMO.district), 'organ'),
    agency('u-demo-agency-fgj', '区房管局', at(DEMO.district), 'organ'),
    agency('u-demo-agency-gd', '城关供电所（驻社单位）', at(DEMO.street), 'enterprise'),
  ];
  const zj = { id: 'u-demo-agency-zj', name: '区住建局机关党支部' };
  const contacts: UnitContactDoc[] = [
    {
      _id: `${zj.id}:${DEMO_UNIT_CONTACT}`,
      unitId: zj.id,
      unitName: zj.name,
      openid: DEMO_UNIT_CONTACT,
      name: '马强',
      lineage: [DEMO.district],
      invitedBy: 'demo-admin',
      joinedAt: SEED_AT,
    },
  ];
  const community = at(DEMO.community);
  const asked = [zj, { id: 'u-demo-agency-cgj', name: '区城管局' }];
  const whistle: WhistleDoc = {
    _id: DEMO_WHISTLE,
    orgId: community._id,
    orgName: community.name,
    lineage: [...community.path, community._id],
    need: 'manpower',
    quantity: 5,
    detail: '核酸检测点秩序维护，需 5 名人员协助',
    place: '威尼斯水城东门核酸检测点',
    urgency: 'urgent',
    deadline: DEADLINE,
    status: 'open',
    unitIds: asked.map((u) => u.id),
    units: asked,
    raisedBy: 'demo-community-staff',
    raisedByName: '李干事',
    createdAt: SEED_AT,
    reopens: 0,
    watchAt: DEADLINE,
  };
  const stats: WhistleStatsDoc[] = asked.map((u) => ({ _id: u.id, asked: 1, claimed: 0, closed: 0, responseMinutes: 0 }));

  const compound = at(DEMO.compound);
  const street = at(DEMO.street);
  const finding: FindingDoc = {
    _id: DEMO_FINDING,
    orgId: compound._id,
    orgName: compound.name,
    orgLevel: compound.level,
    lineage: [...compound.path, compound._id],
    category: 'entry',
    categoryName: '出入口管理',
    item: 'entry-temp',
    itemName: '测温登记不规范',
    description: '东门测温后未逐人登记体温',
    photos: [],
    deadline: DEADLINE,
    status: 'open',
    overdue: false,
    inspectorOrgId: street._id,
    inspectorOrgName: street.name,
    inspectorPath: street.path,
    recordedBy: 'demo-street-staff',
    recordedByName: '王干事',
    createdAt: SEED_AT,
    reopens: 0,
    watchAt: DEADLINE,
  };
  const counts: InspectCountsDoc[] = finding.lineage.map((oid) => ({
    _id: oid,
    parentId: at(oid).parentId,
    name: at(oid).name,
    counts: { entry: { 'entry-temp': { open: 1 } } },
    rectifyHours: 0,
    rectified: 0,
  }));
  return {
    partyUnits,
    contacts,
    whistles: [whistle],
    stats,
    checklist: { _id: DEMO.district, categories: DEFAULT_CHECKLIST, updatedAt: SEED_AT },
    findings: [finding],
    counts,
  };
}

/** Inserts the demo's whistle and inspection documents, leaving existing ones alone. Returns how many were new. */
export async function seedWhistleDemo(store: Store, orgs: ReadonlyMap<string, OrgDoc>): Promise<number> {
  const demo = buildWhistleDemo(orgs);
  const skip = { skipExisting: true };
  let n = await store.insertMany('partyUnits', demo.partyUnits, skip);
  n += await store.insertMany('unitContacts', demo.contacts, skip);
  n += await store.insertMany('whistles', demo.whistles, skip);
  n += await store.insertMany('whistleStats', demo.stats, skip);
  n += await store.insertMany('inspectChecklists', [demo.checklist], skip);
  n += await store.insertMany('findings', demo.findings, skip);
  n += await store.insertMany('inspectCounts', demo.counts, skip);
  return n;
}
