/**
 * duty.signup / duty.assign / duty.withdraw / duty.suggest. A placement is one transaction by
 * id: the shift (its crew), the volunteer's day index, the volunteer's duty record (and, when
 * the secretary places someone, a push). A retry finds the volunteer on the crew and writes nothing.
 */
import * as z from 'zod/mini';
import { forbidden, precondition } from '../core/errors';
import { HOUR } from '../core/time';
import { id, intRange, openid } from '../core/validate';
import { enqueue, type Push } from '../messaging/outbox';
import type { TemplateFill } from '../messaging/templates';
import { recordAccess } from '../account/access';
import { action, type ActionContext } from '../runtime/action';
import { compoundNode, dutyDayId, dutyId, NO_SHOW_AFTER, placeOf, toShiftView, type CrewEntry, type DutyDoc, type ShiftDoc } from './model';
import { volunteerId, type VolunteerDoc } from '../volunteer/model';
import { freeQualified, loadShift, saveShift, violation, writeDay } from './placement';
import { span } from './time';

/** Volunteers are reminded this long before a shift they signed up for. */
export const REMIND_BEFORE = HOUR;
const LABELS = { shiftId: '班次', openid: '志愿者', limit: '条数' };

const isOverseer = (ctx: ActionContext, s: ShiftDoc) => ctx.caller.seesFullNames(compoundNode(s));

function dutyDoc(s: ShiftDoc, v: VolunteerDoc, entry: CrewEntry, now: number): DutyDoc {
  const doc: DutyDoc = {
    _id: dutyId(s._id, v.openid),
    ...placeOf(s),
    shiftId: s._id,
    openid: v.openid,
    name: v.name,
    status: 'assigned',
    by: entry.by,
    assignedAt: now,
  };
  if (v.unit) doc.unit = v.unit;
  if (s.start - REMIND_BEFORE > now) doc.remindAt = s.start - REMIND_BEFORE;
  return doc;
}

async function place(ctx: ActionContext, shiftId: string, openid: string, self: boolean) {
  const shift = await loadShift(ctx, shiftId);
  const volunteer = await ctx.store.get('volunteers', volunteerId(shift.compoundId, openid));
  const now = ctx.clock.now();
  const placed = await ctx.store.transaction(async (tx) => {
    const cur = (await tx.get('shifts', shift._id))!;
    if (cur.crew.some((c) => c.openid === openid)) return cur; // already there: a retry
    const day = await tx.get('dutyDays', dutyDayId(openid, cur.day));
    const broken = violation({ shift: cur, volunteer, day, now, self, maxDailyMinutes: ctx.config.duty.maxDailyMinutes });
    if (broken) throw broken;
    const entry: CrewEntry = { openid, name: volunteer!.name, status: 'assigned', by: self ? 'self' : 'secretary', at: now };
    const patch: Partial<ShiftDoc> = { crew: [...cur.crew, entry] };
    // A backfill after the start gets its own 15 minutes before the no-show check looks again.
    if (now >= cur.start) patch.watchAt = Math.min(cur.watchAt ?? Infinity, now + NO_SHOW_AFTER);
    const next = await saveShift(tx, cur, patch);
    await writeDay(tx, openid, cur.day, day, [...(day?.items ?? []), { shiftId: cur._id, start: cur.start, end: cur.end }]);
    await tx.insert('duties', dutyDoc(cur, volunteer!, entry, now));
    if (!self) {
      const push: Push = {
        key: `duty.assigned:${cur._id}:${openid}`,
        kind: 'duty.assigned',
        template: 'shiftReminder',
        to: openid,
        page: `/volunteer/pages/shifts/shifts?shiftId=${cur._id}`,
        values: {
          post: cur.postName,
          place: cur.compoundName,
          start: String(cur.start),
          note: `书记为您安排了值班（${span(cur.start, cur.end)}）`,
        } satisfies TemplateFill<'shiftReminder'>,
      };
      await enqueue(tx, [push], now);
    }
    return next;
  });
  return crewView(ctx, self ? 'duty.signup' : 'duty.assign', placed, now, !self || isOverseer(ctx, placed));
}

/** The shift as answered; full names are an access to the crew's data (server/account/access.ts). */
async function crewView(ctx: ActionContext, action: string, s: ShiftDoc, now: number, fullNames: boolean) {
  if (fullNames)
    await recordAccess(
      ctx,
      action,
      compoundNode(s),
      s.crew.map((c) => c.openid),
    );
  return toShiftView(s, now, fullNames);
}

export const assignActions = [
  action('duty.signup', {
    roles: ['volunteer'],
    scope: 'subtree',
    limit: { per: 'minute', max: 30 },
    schema: z.strictObject({ shiftId: id() }),
    labels: LABELS,
    handle: (req, ctx) => place(ctx, req.shiftId, ctx.caller.openid, true),
  }),

  action('duty.assign', {
    roles: ['secretary'],
    scope: 'subtree',
    schema: z.strictObject({ shiftId: id(), openid: openid() }),
    labels: LABELS,
    handle: (req, ctx) => place(ctx, req.shiftId, req.openid, false),
  }),

  action('duty.withdraw', {
    roles: ['volunteer', 'secretary'],
    scope: 'subtree',
    limit: { per: 'minute', max: 30 },
    schema: z.strictObject({ shiftId: id(), openid: z.optional(openid()) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const shift = await loadShift(ctx, req.shiftId);
      const openid = req.openid ?? ctx.caller.openid;
      if (openid !== ctx.caller.openid && !ctx.caller.covering(compoundNode(shift), ['secretary']).length) {
        throw forbidden('只有小区书记可以调整他人的班次');
      }
      const now = ctx.clock.now();
      const left = await ctx.store.transaction(async (tx) => {
        const cur = (await tx.get('shifts', shift._id))!;
        const entry = cur.crew.find((c) => c.openid === openid);
        if (!entry) return cur; // not (or no longer) on it
        if (entry.status !== 'assigned') throw precondition('已签到的班次不能退出', { reason: 'STARTED' });
        if (now >= cur.start) throw precondition('班次已开始，不能退出', { reason: 'STARTED' });
        const next = await saveShift(tx, cur, { crew: cur.crew.filter((c) => c.openid !== openid) });
        const day = await tx.get('dutyDays', dutyDayId(openid, cur.day));
        await writeDay(
          tx,
          openid,
          cur.day,
          day,
          (day?.items ?? []).filter((x) => x.shiftId !== cur._id),
        );
        await tx.remove('duties', dutyId(cur._id, openid));
        return next;
      });
      return crewView(ctx, 'duty.withdraw', left, now, isOverseer(ctx, left));
    },
  }),

  action('duty.suggest', {
    roles: ['secretary'],
    scope: 'subtree',
    schema: z.strictObject({ shiftId: id(), limit: z.optional(intRange(1, 50)) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const shift = await loadShift(ctx, req.shiftId);
      const items = (await freeQualified(ctx.store, shift, ctx.clock.now(), ctx.config.duty.maxDailyMinutes)).slice(0, req.limit ?? 10);
      await recordAccess(
        ctx,
        'duty.suggest',
        compoundNode(shift),
        items.map((v) => v.openid),
      );
      return { items };
    },
  }),
];
