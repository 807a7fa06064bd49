/**
 * Volunteer profiles as stored — one per (compound, openid), id `${compoundId}:${openid}` — and
 * the skills they list. Duty reads them to staff its posts.
 */
import * as z from 'zod/mini';
import type { PartyUnitKind, Skill, VolunteerView } from '../../typings/duty';
import { SKILL_LABELS, SKILLS } from '../../miniprogram/shared/skills';
import { maskPhone } from '../core/mask';

/** What a volunteer profile remembers of its unit, so duties and hours need no extra read. */
export type UnitRef = {
  id: string;
  name: string;
  kind: PartyUnitKind;
  /** The unit's org node (compound, or street/district for an agency) and its ancestors. */
  path: string[];
};

/** The view's fields, with the phone in full and the unit as a reference. */
export type VolunteerDoc = Omit<VolunteerView, 'phoneMasked' | 'unitName' | 'unitKind'> & {
  _id: string; // `${compoundId}:${openid}`
  _v?: number;
  compoundPath: string[];
  phone: string;
  unit?: UnitRef;
  decidedBy?: string;
};

declare module '../store/port' {
  interface Collections {
    volunteers: VolunteerDoc;
  }
}

export const volunteerId = (compoundId: string, openid: string) => `${compoundId}:${openid}`;

/** Sorted once, in the fixed list's order, each once. */
export const canonicalSkills = (skills: readonly Skill[] = []) => SKILLS.filter((s) => skills.includes(s));
export const skillText = (skills: readonly Skill[]) => skills.map((s) => SKILL_LABELS[s]).join('、');

/** Skills from the fixed list, each at most once in count (a request field). */
export const skillList = () => z.array(z.enum(SKILLS as [Skill, ...Skill[]])).check(z.maxLength(SKILLS.length));

export function toVolunteerView(v: VolunteerDoc): VolunteerView {
  const out: VolunteerView = {
    openid: v.openid,
    compoundId: v.compoundId,
    name: v.name,
    phoneMasked: maskPhone(v.phone),
    skills: v.skills,
    partyMember: v.partyMember,
    status: v.status,
    appliedAt: v.appliedAt,
  };
  if (v.unit) Object.assign(out, { unitId: v.unit.id, unitName: v.unit.name, unitKind: v.unit.kind });
  if (v.reason) out.reason = v.reason;
  if (v.decidedAt !== undefined) out.decidedAt = v.decidedAt;
  return out;
}
