/** 我的家庭: members as the page lists them, a new member's form checked, and the request a save sends. Pure. */
import { CENSUS_FLAG_CHOICES, HOUSEHOLD_RELATION_LABELS, choicesOf } from '../../../shared/labels';
import type { CensusFlag, HouseholdView, MemberInput } from '../../../../typings/census';

export const RELATION_CHOICES = choicesOf(HOUSEHOLD_RELATION_LABELS);
export const FLAG_CHOICES = CENSUS_FLAG_CHOICES;
const RELATION_LABEL = new Map(RELATION_CHOICES.map((r) => [r.key, r.label]));
const FLAG_LABEL = new Map(FLAG_CHOICES.map((f) => [f.key, f.label]));

export interface MemberRow {
  id: number;
  name: string;
  line: string;
}

export const memberRows = (h: HouseholdView): MemberRow[] =>
  h.members.map((m) => ({
    id: m.id,
    name: m.name,
    line: [RELATION_LABEL.get(m.relation), `${m.birthYear}年生`, ...m.flags.map((f) => FLAG_LABEL.get(f)), m.partyMember ? '党员' : '']
      .filter(Boolean)
      .join(' · '),
  }));

export interface NewMember {
  name: string;
  relationIndex: number;
  birthYear: string;
  flags: CensusFlag[];
  partyMember: boolean;
}

export const emptyMember = (): NewMember => ({ name: '', relationIndex: 2, birthYear: '', flags: [], partyMember: false });

/** The problem with a new member's form, or '' when it can be sent. */
export function checkMember(m: NewMember, year: number): string {
  if (!/^[\u4e00-\u9fa5·A-Za-z ]{2,20}$/.test(m.name.trim())) return '请填写姓名（2–20 个汉字或字母）';
  const y = Number(m.birthYear);
  if (!/^\d{4}$/.test(m.birthYear) || y < 1900 || y > year) return `出生年份应为 1900–${year} 的四位数字`;
  return '';
}

/** Everyone kept (by id: names stay as stored) plus the new member, without the removed one. */
export function saveRequest(h: HouseholdView, add: NewMember | null, removeId?: number) {
  const members: MemberInput[] = h.members
    .filter((m) => m.id !== removeId)
    .map((m) => ({ id: m.id, relation: m.relation, birthYear: m.birthYear, flags: m.flags, partyMember: m.partyMember }));
  if (add)
    members.push({
      name: add.name.trim(),
      relation: RELATION_CHOICES[add.relationIndex].key,
      birthYear: Number(add.birthYear),
      flags: add.flags,
      partyMember: add.partyMember,
    });
  return { buildingId: h.buildingId, unit: h.unit, room: h.room, status: 'occupied' as const, members };
}
