/**
 * Who a notice is for, from a user's grants.
 *
 * A user belongs to an audience through grants of its roles; they are *reached* by a notice
 * scoped at any node at or above such a grant's node. `reach` (stored on the user, indexed)
 * lists `<audience>:<node>` for every such node, so an audience's size under a node is one
 * count. A reader is counted once, at their *home*: the deepest node where they hold one of
 * the audience's roles under the notice's scope (ties: the smaller id). Someone whose grants
 * sit under two different children of a scope counts in both children's audiences but reads
 * at their home only.
 */
import type { NoticeAudience } from '../../typings/messages';
import type { Role } from '../../typings/domain';
import { ROLES } from '../auth/roles';

export const AUDIENCES: readonly NoticeAudience[] = ['residents', 'volunteers', 'staff', 'all'];

export const AUDIENCE_ROLES: Record<NoticeAudience, readonly Role[]> = {
  residents: ['resident'],
  volunteers: ['volunteer'],
  staff: ['leader', 'secretary', 'staff', 'admin'],
  all: ROLES,
};

interface GrantLike {
  role: Role;
  orgId: string;
  path: string[];
}

export const reachKey = (audience: NoticeAudience, orgId: string) => `${audience}:${orgId}`;

/** Every `<audience>:<node>` this user is reached through. */
export function reachOf(grants: readonly GrantLike[]): string[] {
  const out = new Set<string>();
  for (const a of AUDIENCES) {
    for (const g of grants) {
      if (!AUDIENCE_ROLES[a].includes(g.role)) continue;
      for (const node of [...g.path, g.orgId]) out.add(reachKey(a, node));
    }
  }
  return [...out].sort();
}

/** The grant a notice scoped at `scopeId` for `audience` reaches this user through, deepest first; undefined if none. */
export function homeGrant<G extends GrantLike>(grants: readonly G[], audience: NoticeAudience, scopeId: string): G | undefined {
  let best: G | undefined;
  for (const g of grants) {
    if (!AUDIENCE_ROLES[audience].includes(g.role)) continue;
    if (g.orgId !== scopeId && !g.path.includes(scopeId)) continue;
    if (!best || g.path.length > best.path.length || (g.path.length === best.path.length && g.orgId < best.orgId)) best = g;
  }
  return best;
}
