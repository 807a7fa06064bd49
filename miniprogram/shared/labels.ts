/**
 * Chinese labels for roles and org levels. Code in miniprogram/shared/ is pure TypeScript
 * that both the mini program and the server run (DevTools compiles only what lies inside
 * miniprogram/, so shared runtime code lives here); it never touches `wx`.
 */
import type { CensusFlag, HealthSymptom, Relation } from '../../typings/census';
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

/** A table of labels as the pages list it: one choice per key, in the table's order. */
export const choicesOf = <K extends string>(labels: Record<K, string>): ReadonlyArray<{ key: K; label: string }> =>
  (Object.keys(labels) as K[]).map((key) => ({ key, label: labels[key] }));

/** What the census records about a person. */
export const CENSUS_FLAG_LABELS: Record<CensusFlag, string> = {
  elderlyAlone: '独居老人',
  disabled: '残疾',
  chronic: '慢性病',
  pregnant: '孕妇',
  infant: '婴幼儿',
  medicine: '需送药',
};
export const CENSUS_FLAG_CHOICES = choicesOf(CENSUS_FLAG_LABELS);

/** A household member's place in the household (the census; a spreadsheet's 关系 column). */
export const HOUSEHOLD_RELATION_LABELS: Record<Relation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandparent: '祖辈',
  grandchild: '孙辈',
  relative: '亲属',
  tenant: '租户',
  other: '其他',
};

/** Symptoms a daily health report may name. */
export const SYMPTOM_LABELS: Record<HealthSymptom, string> = {
  fever: '发热',
  cough: '咳嗽',
  soreThroat: '咽痛',
  fatigue: '乏力',
  tasteLoss: '嗅味觉减退',
  diarrhea: '腹泻',
  breath: '呼吸困难',
};
