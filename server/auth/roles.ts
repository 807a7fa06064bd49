import type { OrgLevel, Role } from '../../typings/domain';

export { LEVEL_LABELS, ROLE_LABELS } from '../../miniprogram/shared/labels';

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

export const LEVELS: readonly OrgLevel[] = ['district', 'street', 'community', 'compound', 'building'];

/** Staff of the community, street and district, and the district's admins. */
export const STAFF: readonly Role[] = ['staff', 'admin'];
/** Those who run or oversee a compound, in rising authority. */
export const OVERSEERS: readonly Role[] = ['secretary', 'staff', 'admin'];
/** Those who decide at a gate. */
export const GATEKEEPERS: readonly Role[] = ['volunteer', 'secretary'];
