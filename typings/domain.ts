/** Domain types shared by both sides. Types only. */

export type OrgLevel = 'district' | 'street' | 'community' | 'compound' | 'building';

/** Roles in rising order of authority (see ROLE_RANK in server/auth/roles.ts). */
export type Role = 'resident' | 'volunteer' | 'leader' | 'secretary' | 'staff' | 'admin';

export interface OrgRef {
  id: string;
  name: string;
  level: OrgLevel;
}

export interface OrgNode extends OrgRef {
  parentId: string | null;
  /** Ancestor ids, root first (empty for the district). */
  path: string[];
  /** Number of direct children. */
  childCount: number;
}

export interface GrantView {
  role: Role;
  orgId: string;
  orgName: string;
  orgLevel: OrgLevel;
  /** Ancestors then the node itself, root first — for "商州区 / 城关街道 / …" labels. */
  orgPath: OrgRef[];
}

export interface Household {
  buildingId: string;
  compoundId: string;
  unit: string;
  room: string;
}

export interface Profile {
  name: string | null;
  /** Masked like 138****5678. */
  phoneMasked: string | null;
  household: (Household & { label: string }) | null;
  grants: GrantView[];
}
