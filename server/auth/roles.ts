import type { OrgLevel, Role } from '../../typings/domain';

export { LEVEL_LABELS, ROLE_LABELS } from '../../miniprogram/shared/labels';
export { ROLES, ROLE_LEVELS, ROLE_RANK } from '../../miniprogram/shared/roles';

export const LEVELS: readonly OrgLevel[] = ['district', 'street', 'community', 'compound', 'building'];

/** Staff of the community, street and district, and the district's admins. */
export const STAFF: readonly Role[] = ['staff', 'admin'];
/** Those who run or oversee a compound, in rising authority. */
export const OVERSEERS: readonly Role[] = ['secretary', 'staff', 'admin'];
/** Those who decide at a gate. */
export const GATEKEEPERS: readonly Role[] = ['volunteer', 'secretary'];
