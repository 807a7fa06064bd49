/** Volunteer skills: one list and one set of words for the forms, the rota and the server's messages. Shared: no `wx` here. */
import type { Skill } from '../../typings/duty';

export const SKILL_LABELS: Record<Skill, string> = {
  medical: '医疗',
  driving: '驾驶',
  publicity: '宣传',
  counselling: '心理疏导',
  it: '信息技术',
  logistics: '后勤',
  disinfection: '消毒',
  security: '安保',
};

/** The fixed list, in the order the forms show it. */
export const SKILLS = Object.keys(SKILL_LABELS) as Skill[];
