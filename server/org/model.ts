import type { OrgLevel, OrgNode } from '../../typings/domain';

/** An org node as stored. */
export type OrgDoc = {
  _id: string;
  _v?: number;
  name: string;
  level: OrgLevel;
  /** 0 for the district … 4 for a building. */
  depth: number;
  parentId: string | null;
  /** Ancestor ids, root first. */
  path: string[];
  childCount: number;
  /** Position among siblings (display order). */
  order: number;
};

export const toOrgNode = (d: OrgDoc): OrgNode => ({
  id: d._id,
  name: d.name,
  level: d.level,
  parentId: d.parentId,
  path: d.path,
  childCount: d.childCount,
});

declare module '../store/port' {
  interface Collections {
    orgs: OrgDoc;
  }
}
