/**
 * Who answers for an alert, where: the rules raising, escalating, listing and acking share.
 *
 * An alert concerns one node; its `lineage` is that node's ancestors then the node itself,
 * district first, so `lineage[d]` is the node at depth d (0 district … 4 building). It waits on
 * an *assignee*: one role at one node of that lineage.
 *
 *  - Raised: the lowest level that answers for alerts at or above the node — a compound's
 *    secretary (a building has no such level: its compound's secretary answers).
 *  - Escalated: one level up — community, street, district — where staff answer. At the district
 *    the admins are notified with the district staff; above it there is nowhere to go.
 *  - Acted on (listed, acked, resolved) by whoever holds the assignee role, or a higher alert role
 *    (secretary < staff < admin), at the assignee node or one of its ancestors: superiors may
 *    step in before an alert reaches them. Once an alert has climbed past a level, that level
 *    no longer acts on it.
 */
import type { OrgLevel, Role } from '../../typings/domain';
import { grantKey, type Caller, type Grant } from '../auth/caller';
import { LEVEL_LABELS, LEVELS, OVERSEERS, ROLE_LABELS, ROLE_RANK } from '../auth/roles';
import { eachPage } from '../store/pages';
import type { Filter, Store } from '../store/port';

/** The roles that act on alerts, in rising authority: those who run or oversee compounds. */
export const ALERT_ROLES = OVERSEERS;

/** The role that answers for alerts at each level. */
export const ACTING_ROLE: Readonly<Partial<Record<OrgLevel, Role>>> = {
  compound: 'secretary',
  community: 'staff',
  street: 'staff',
  district: 'staff',
};

export interface Assignee {
  orgId: string;
  /** Depth of `orgId` (0 = district); its index in the alert's lineage. */
  depth: number;
  role: Role;
}

/** The lowest level at or above the last node of `lineage` that answers for alerts. */
export function lowestAssignee(lineage: readonly string[]): Assignee {
  for (let depth = lineage.length - 1; depth >= 0; depth--) {
    const role = ACTING_ROLE[LEVELS[depth]];
    if (role) return { orgId: lineage[depth], depth, role };
  }
  throw new Error(`no level of ${lineage.join('/')} answers for alerts`);
}

/** The level above `a`, or null at the district. */
export const nextAssignee = (lineage: readonly string[], a: Assignee): Assignee | null => (a.depth === 0 ? null : lowestAssignee(lineage.slice(0, a.depth)));

/** "小区书记", "社区工作人员" */
export const assigneeLabel = (a: Pick<Assignee, 'depth' | 'role'>) =>
  a.role === 'staff' ? `${LEVEL_LABELS[LEVELS[a.depth]]}${ROLE_LABELS.staff}` : ROLE_LABELS[a.role];

/** Roles that may act on an alert waiting on `role`: it and every alert role above it. */
export const rolesActingFor = (role: Role): Role[] => ALERT_ROLES.filter((r) => ROLE_RANK[r] >= ROLE_RANK[role]);

/** The caller's grants that let them act on an alert waiting on `a`, nearest (then lowest role) first. */
export function actingGrants(caller: Caller, lineage: readonly string[], a: Assignee): Grant[] {
  const node = { _id: a.orgId, path: lineage.slice(0, a.depth) };
  return caller.covering(node, rolesActingFor(a.role)).sort((x, y) => y.path.length - x.path.length || ROLE_RANK[x.role] - ROLE_RANK[y.role]);
}

/**
 * Query filters (ORed by the caller) for the alerts a caller acts on: for each alert grant not
 * already covered by another, alerts whose lineage holds the grant's node, still assigned at
 * that depth or below, to a role the grant's role may stand in for.
 */
export function scopeFilters(grants: readonly Grant[]): Filter[] {
  const acting = grants.filter((g) => ALERT_ROLES.includes(g.role));
  const covers = (h: Grant, g: Grant) => ROLE_RANK[h.role] >= ROLE_RANK[g.role] && (h.orgId === g.orgId || g.path.includes(h.orgId));
  const kept = acting.filter((g, i) => !acting.some((h, j) => j !== i && covers(h, g) && (!covers(g, h) || j < i)));
  return kept.map((g) => ({
    path: { $has: g.orgId },
    assigneeDepth: { $in: LEVELS.map((_, d) => d).filter((d) => d >= g.path.length) },
    role: { $in: ALERT_ROLES.filter((r) => ROLE_RANK[r] <= ROLE_RANK[g.role]) },
  }));
}

/** Grant keys of those told when an alert waits on `a`: its role there; at the district also the admins. */
export const notifiedKeys = (a: Assignee): string[] =>
  a.depth === 0 && a.role !== 'admin' ? [grantKey(a.role, a.orgId), grantKey('admin', a.orgId)] : [grantKey(a.role, a.orgId)];

/** openids of everyone holding one of `keys` (the users' indexed `grantKeys`), sorted, once each. */
export async function holdersOf(store: Store, keys: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const key of keys) {
    await eachPage(store, 'users', { where: { grantKeys: { $has: key } }, orderBy: [{ field: '_id' }], limit: 500 }, (users) =>
      users.forEach((u) => found.add(u._id)),
    );
  }
  return [...found].sort();
}

/** `holdersOf` remembered per assignee, for runs that notify many alerts at the same levels. */
export function holdersCache(store: Store): (a: Assignee) => Promise<string[]> {
  const known = new Map<string, Promise<string[]>>();
  return (a) => {
    const keys = notifiedKeys(a);
    const id = keys.join('|');
    if (!known.has(id)) known.set(id, holdersOf(store, keys));
    return known.get(id)!;
  };
}
