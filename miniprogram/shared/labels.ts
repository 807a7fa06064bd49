/**
 * Chinese labels for roles and org levels. Code in miniprogram/shared/ is pure TypeScript
 * that both the mini program and the server run (DevTools compiles only what lies inside
 * miniprogram/, so shared runtime code lives here); it never touches `wx`.
 */
import type { CensusFlag } from '../../typings/census';
import type { OrgLevel, Role } from '../../typings/domain';
import type { PassRelation } from '../../typings/pass';

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  leader: '楼栋长',
  secretary: '小区书记',
  staff: '工作人员',
  admin: '管理员',
};

export const LEVEL_LABELS: Record<OrgLevel, string> = {
  district: '区',
  street: '街道',
  community: '社区',
  compound: '小区',
  building: '楼栋',
};

/** Whom a pass is for, as the secretary and the gate read it. */
export const RELATION_LABELS: Record<PassRelation, string> = { self: '本人', family: '家属', tenant: '租户', caregiver: '照护人员' };

/** What the census records about a person, as the pages name it. */
export const CENSUS_FLAG_CHOICES: ReadonlyArray<{ key: CensusFlag; label: string }> = [
  { key: 'elderlyAlone', label: '独居老人' },
  { key: 'disabled', label: '残疾' },
  { key: 'chronic', label: '慢性病' },
  { key: 'pregnant', label: '孕妇' },
  { key: 'infant', label: '婴幼儿' },
  { key: 'medicine', label: '需送药' },
];
