/**
 * Hours served: credited at check-out from check-in and check-out, clipped to the shift, and
 * added to per-week counters for the volunteer (per compound) and for their home unit — a
 * branch, group or zone, or the agency they report in from, wherever they served. The reports
 * read counters, never duties: a district's week is a couple of queries.
 */
import { recordAccess } from '../account/access';
import * as z from 'zod/mini';
import type { HoursReport } from '../../typings/duty';
import { invalid } from '../core/errors';
import { dayOf } from '../core/time';
import { id, intRange } from '../core/validate';
import { OVERSEERS } from '../auth/roles';
import { COMPOUND_OR_ABOVE } from '../auth/rules';
import { action } from '../runtime/action';
import type { TxStore } from '../store/port';
import { queryAll } from '../store/pages';
import { toDutyView, unitHoursId, volunteerHoursId, type DutyDoc, type HoursDoc } from './model';
import { addDays, daySchema, dayStart, minutesBetween, weekOf } from './time';

/** Minutes credited for a duty checked out at `out`: presence within the shift's own times. */
export const creditedMinutes = (d: Pick<DutyDoc, 'start' | 'end' | 'checkInAt'>, out: number) =>
  Math.max(0, minutesBetween(Math.max(d.checkInAt ?? out, d.start), Math.min(out, d.end)));

async function bump(tx: TxStore, id: string, base: Omit<HoursDoc, '_id' | 'minutes' | 'shifts'>, minutes: number) {
  if (await tx.get('dutyHours', id)) await tx.increment('dutyHours', id, { minutes, shifts: 1 });
  else await tx.insert('dutyHours', { _id: id, ...base, minutes, shifts: 1 });
}

/** Adds a checked-out duty to its week's counters. Inside the check-out transaction. */
export async function creditHours(tx: TxStore, d: DutyDoc, minutes: number) {
  const week = weekOf(d.start);
  await bump(
    tx,
    volunteerHoursId(d.compoundId, d.openid, week),
    { kind: 'volunteer', week, path: d.path, openid: d.openid, name: d.name, compoundId: d.compoundId },
    minutes,
  );
  if (d.unit) {
    const orgId = d.unit.path[d.unit.path.length - 1];
    await bump(
      tx,
      unitHoursId(d.unit.id, week),
      { kind: 'unit', week, path: d.unit.path, name: d.unit.name, unitId: d.unit.id, unitKind: d.unit.kind, orgId },
      minutes,
    );
  }
}

/** Sums rows by key, most minutes first (ties by key). */
function rollUp<R extends { minutes: number; shifts: number }>(
  docs: HoursDoc[],
  key: (h: HoursDoc) => string,
  row: (h: HoursDoc) => Omit<R, 'minutes' | 'shifts'>,
): R[] {
  const out = new Map<string, R>();
  for (const h of docs) {
    const k = key(h);
    const r = out.get(k) ?? ({ ...row(h), minutes: 0, shifts: 0 } as R);
    r.minutes += h.minutes;
    r.shifts += h.shifts;
    out.set(k, r);
  }
  const keyOf = new Map([...out].map(([k, r]) => [r, k]));
  return [...out.values()].sort((a, b) => b.minutes - a.minutes || (keyOf.get(a)! < keyOf.get(b)! ? -1 : 1));
}

export const hoursActions = [
  action('duty.mine', {
    roles: ['volunteer'],
    scope: 'none',
    schema: z.strictObject({ from: z.optional(daySchema()), days: z.optional(intRange(1, 31)) }),
    labels: { from: '开始日期', days: '天数' },
    handle: async (req, ctx) => {
      const now = ctx.clock.now();
      const from = req.from ?? dayOf(now);
      const week = weekOf(now);
      const [duties, counters] = await Promise.all([
        ctx.store.query('duties', {
          where: { openid: ctx.caller.openid, start: { $gte: dayStart(from), $lt: dayStart(addDays(from, req.days ?? 7)) } },
          orderBy: [{ field: 'start' }],
          limit: 200,
        }),
        ctx.store.query('dutyHours', { where: { openid: ctx.caller.openid, week }, limit: 50 }),
      ]);
      const sum = (k: 'minutes' | 'shifts') => counters.items.reduce((n, h) => n + h[k], 0);
      return { items: duties.items.map(toDutyView), week: { week, minutes: sum('minutes'), shifts: sum('shifts') } };
    },
  }),

  action('duty.hours', {
    roles: OVERSEERS,
    scope: 'subtree',
    target: { field: 'orgId', ...COMPOUND_OR_ABOVE },
    schema: z.strictObject({ orgId: id(), week: z.optional(daySchema()), weeks: z.optional(intRange(1, 8)) }),
    labels: { orgId: '组织', week: '周', weeks: '周数' },
    handle: async (req, ctx) => {
      const node = ctx.target;
      if (node.level === 'building') throw invalid('data.orgId', '请选择小区或以上的组织');
      const last = weekOf(dayStart(req.week ?? dayOf(ctx.clock.now())));
      const weeks = Array.from({ length: req.weeks ?? 1 }, (_, i) => addDays(last, -7 * ((req.weeks ?? 1) - 1 - i)));
      const where = (kind: HoursDoc['kind']) => ({ where: { kind, path: { $has: node._id }, week: { $in: weeks } }, orderBy: [{ field: 'week' }] });
      const [vols, units] = await Promise.all([queryAll(ctx.store, 'dutyHours', where('volunteer')), queryAll(ctx.store, 'dutyHours', where('unit'))]);
      const volunteers = rollUp<HoursReport['volunteers'][number]>(
        vols,
        (h) => `${h.compoundId}:${h.openid}`,
        (h) => ({ openid: h.openid!, name: h.name, compoundId: h.compoundId! }),
      );
      const unitRows = rollUp<HoursReport['units'][number]>(
        units,
        (h) => h.unitId!,
        (h) => ({ unitId: h.unitId!, name: h.name, kind: h.unitKind!, orgId: h.orgId! }),
      );
      await recordAccess(
        ctx,
        'duty.hours',
        node,
        volunteers.map((v) => v.openid),
      );
      const total = volunteers.reduce((t, r) => ({ minutes: t.minutes + r.minutes, shifts: t.shifts + r.shifts }), { minutes: 0, shifts: 0 });
      return { orgId: node._id, weeks, total, volunteers, units: unitRows };
    },
  }),
];
