/**
 * The role ladder and where each role may be held: the grant rule the server enforces
 * (server/account/grants.ts checkGrantable) and the invite page offers choices by. Shared: no `wx`.
 */
import type { OrgLevel, Role } from '../../typings/domain';

/** Roles in rising authority; a grantor may hand out roles up to its own rank. */
export const ROLES: readonly Role[] = ['resident', 'volunteer', 'leader', 'secretary', 'staff', 'admin'];

export const ROLE_RANK: Record<Role, number> = Object.fromEntries(ROLES.map((r, i) => [r, i])) as Record<Role, number>;

/** Where each role may be held (ARCHITECTURE.md §1). */
export const ROLE_LEVELS: Record<Role, readonly OrgLevel[]> = {
  resident: ['building'],
  leader: ['building'],
  volunteer: ['compound'],
  secretary: ['compound'],
  staff: ['community', 'street', 'district'],
  admin: ['district'],
};

/** The roles that may be granted at a node of `level` by someone of rank `rank` over it, highest first. */
export function grantableRoles(level: OrgLevel, rank: number): Role[] {
  return ROLES.filter((role) => ROLE_LEVELS[role].includes(level) && ROLE_RANK[role] <= rank).reverse();
}
