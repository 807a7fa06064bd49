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

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  leader: '楼栋长',
  secretary: '小区书记',
  staff: '工作人员',
  admin: '管理员',
};

export const LEVELS: readonly OrgLevel[] = ['district', 'street', 'community', 'compound', 'building'];

export const LEVEL_LABELS: Record<OrgLevel, string> = {
  district: '区',
  street: '街道',
  community: '社区',
  compound: '小区',
  building: '楼栋',
};
