/**
 * Putting a volunteer on a shift: the rules (each with its own `details.reason`), the
 * volunteer's day index they read, and the ranking of free qualified volunteers.
 *
 * Every check reads the shift and the volunteer's own `dutyDays/<openid>:<day>` document — by
 * id, never a query over the compound's rota — so its cost does not grow with the rota. Shifts
 * never cross midnight (rules end by 24:00), so the day's document holds every shift that could
 * overlap.
 */
import type { DutyRule, Suggestion } from '../../typings/duty';
import { conflict, precondition, type AppError } from '../core/errors';
import type { ActionContext } from '../runtime/action';
import { found } from '../runtime/found';
import type { Store, TxStore } from '../store/port';
import { queryAll } from '../store/pages';
import { backfillOpen, compoundNode, dutyDayId, isFull, volunteerHoursId, type DutyDayDoc, type ShiftDoc } from './model';
import { minutesBetween, span, weekOf } from './time';
import { skillText, type VolunteerDoc } from '../volunteer/model';

export async function loadShift(ctx: ActionContext, shiftId: string): Promise<ShiftDoc> {
  const shift = await ctx.store.get('shifts', shiftId);
  return found(shift, (s) => ctx.reaches(compoundNode(s)), '班次', 'data.shiftId');
}

/** Saves a shift's changed fields under its version. */
export async function saveShift(tx: TxStore, cur: ShiftDoc, patch: Partial<ShiftDoc>): Promise<ShiftDoc> {
  if (!(await tx.update('shifts', cur._id, patch, { version: cur._v }))) throw conflict('班次已被修改，请重试');
  return { ...cur, ...patch, _v: (cur._v ?? 0) + 1 };
}

export interface Placement {
  shift: ShiftDoc;
  volunteer: VolunteerDoc | null;
  /** The volunteer's shifts that day. */
  day: DutyDayDoc | null;
  now: number;
  /** Whose request: the volunteer's own, or the secretary's. */
  self: boolean;
  /** Most minutes one volunteer may be on the rota in a day (Config.duty). */
  maxDailyMinutes: number;
}

const why = (rule: DutyRule, extra: Record<string, unknown> = {}) => ({ reason: rule, ...extra });
const hoursText = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10);

export const bookedMinutes = (day: DutyDayDoc | null) => (day?.items ?? []).reduce((n, x) => n + minutesBetween(x.start, x.end), 0);

/** The first rule a placement breaks, or null. Order: started, volunteer, skills, full, overlap, daily hours. */
export function violation({ shift: s, volunteer: v, day, now, self, maxDailyMinutes }: Placement): AppError | null {
  if (now >= s.end) return precondition('班次已结束', why('STARTED'));
  if (now >= s.start && !backfillOpen(s, now)) return precondition('班次已开始，不能再报名', why('STARTED'));
  if (!v || v.status !== 'approved') {
    return precondition(self ? '您还不是本小区审核通过的志愿者，请先申请' : '该用户不是本小区审核通过的志愿者', why('NOT_VOLUNTEER'));
  }
  const missing = s.requiredSkills.filter((k) => !v.skills.includes(k));
  if (missing.length) return precondition(`该岗位需要「${skillText(missing)}」技能`, why('MISSING_SKILL', { missing }));
  if (isFull(s)) return conflict(`该班次已满（最多 ${s.maxHeads} 人）`, why('SHIFT_FULL'));
  const clash = (day?.items ?? []).find((x) => x.start < s.end && s.start < x.end);
  if (clash) return conflict(`与已排的班次时间重叠（${span(clash.start, clash.end)}）`, why('OVERLAP', { shiftId: clash.shiftId }));
  const booked = bookedMinutes(day);
  if (booked + minutesBetween(s.start, s.end) > maxDailyMinutes) {
    return precondition(
      `每天值班不超过 ${hoursText(maxDailyMinutes)} 小时（当天已排 ${hoursText(booked)} 小时）`,
      why('DAILY_LIMIT', { bookedMinutes: booked }),
    );
  }
  return null;
}

/** Writes the volunteer's day index with `items` (version-checked; created if new). */
export async function writeDay(tx: TxStore, openid: string, day: string, current: DutyDayDoc | null, items: DutyDayDoc['items']) {
  const id = dutyDayId(openid, day);
  if (!current) {
    await tx.insert('dutyDays', { _id: id, openid, day, items });
    return;
  }
  if (!(await tx.update('dutyDays', id, { items }, { version: current._v }))) throw conflict('数据已被修改，请重试');
}

/**
 * Approved volunteers of the shift's compound who may take it now — qualified, free, under the
 * daily limit — best first: most preferred skills, fewest minutes served this week, fewest
 * minutes already on the rota that day. Three reads whatever the rota holds.
 */
export async function freeQualified(store: Store, shift: ShiftDoc, now: number, maxDailyMinutes: number): Promise<Suggestion[]> {
  const approved = await queryAll(store, 'volunteers', { where: { compoundId: shift.compoundId, status: 'approved' }, orderBy: [{ field: 'appliedAt' }] }, 5);
  const onShift = new Set(shift.crew.map((c) => c.openid));
  const pool = approved.filter((v) => !onShift.has(v.openid) && shift.requiredSkills.every((k) => v.skills.includes(k)));
  if (!pool.length) return [];
  const week = weekOf(shift.start);
  const [days, hours] = await Promise.all([
    store.getMany(
      'dutyDays',
      pool.map((v) => dutyDayId(v.openid, shift.day)),
    ),
    store.getMany(
      'dutyHours',
      pool.map((v) => volunteerHoursId(shift.compoundId, v.openid, week)),
    ),
  ]);
  const dayOf = new Map(days.map((d) => [d.openid, d]));
  const served = new Map(hours.map((h) => [h.openid, h.minutes]));
  return pool
    .filter((v) => !violation({ shift, volunteer: v, day: dayOf.get(v.openid) ?? null, now, self: false, maxDailyMinutes }))
    .map((v) => {
      const s: Suggestion = {
        openid: v.openid,
        name: v.name,
        skills: v.skills,
        partyMember: v.partyMember,
        fit: shift.preferredSkills.filter((k) => v.skills.includes(k)).length,
        weekMinutes: served.get(v.openid) ?? 0,
        dayMinutes: bookedMinutes(dayOf.get(v.openid) ?? null),
      };
      if (v.unit) s.unitName = v.unit.name;
      return s;
    })
    .sort((a, b) => b.fit - a.fit || a.weekMinutes - b.weekMinutes || a.dayMinutes - b.dayMinutes || a.openid.localeCompare(b.openid));
}
