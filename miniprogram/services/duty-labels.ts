/**
 * Volunteers on duty in Chinese: post kinds, party units, duty states, check-in ways, skills.
 * Main package: the volunteer and the staff subpackages both use it.
 */
import type { CheckInBy, DutyStatus, PartyUnitKind, PostKind, Skill } from '../../typings/duty';
import { SKILL_LABELS, SKILLS } from '../shared/skills';

export const POST_KIND_LABELS: Record<PostKind, string> = {
  publicity: '宣传',
  gate: '执勤',
  disinfection: '消毒',
  emergency: '应急处理',
  supplies: '物资保障',
  census: '信息摸排',
  care: '服务关爱',
};

export const UNIT_KIND_LABELS: Record<PartyUnitKind, string> = { branch: '临时党支部', group: '楼栋党小组', zone: '党员责任区', agency: '报到单位' };

export const DUTY_STATUS_LABELS: Record<DutyStatus, string> = { assigned: '待签到', on: '值守中', done: '已完成', noshow: '缺勤' };

export const CHECK_IN_BY_LABELS: Record<CheckInBy, string> = { code: '扫岗位码', location: '定位', either: '扫码或定位', both: '扫码并定位' };

export const skillText = (skills: readonly Skill[]) => skills.map((s) => SKILL_LABELS[s] ?? s).join('、');

/** Checkboxes for the fixed skill list, `chosen` ticked. */
export const skillOptions = (chosen: readonly Skill[]) => SKILLS.map((key) => ({ key, label: SKILL_LABELS[key], checked: chosen.includes(key) }));
