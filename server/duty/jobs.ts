/**
 * Timer work for duty (TickJob-shaped: `(store, now)`, idempotent):
 *  - detectNoShows: 15 minutes after a shift starts (or after a backfill signed up), everyone on
 *    the crew not checked in is a no-show; a shift with a no-show or fewer heads checked in than
 *    it needs is flagged (open for backfill), one alert per look goes to the compound's
 *    secretary (server/alerts: pushed to them, climbing if unacknowledged), and while the shift
 *    runs short of its minimum, free qualified volunteers are asked to backfill (each once per shift).
 *  - remindShifts: an hour before a shift, its volunteers get a reminder.
 * A shift is looked at when its `watchAt` is due; the look clears it in the same transaction,
 * so a tick repeated (or two overlapping) records nothing twice.
 */
import { planAlerts, raiseAlert, type AlertInput } from '../alerts/model';
import { maskName } from '../core/mask';
import { enqueue, type Push } from '../messaging/outbox';
import type { TemplateFill } from '../messaging/templates';
import { DEFAULT_CONFIG, type Config } from '../core/config';
import type { TickJob } from '../messaging/jobs';
import type { Store } from '../store/port';
import { dutyId, NO_SHOW_AFTER, type CrewEntry, type DutyDoc, type ShiftDoc } from './model';
import { freeQualified, saveShift } from './placement';
import { span } from './time';

/** How many free volunteers are asked to backfill a shift. */
export const BACKFILL_ASKS = 10;
const PAGE = 100;

/**
 * The one place a no-show alert is defined: for the compound's secretary (raised through
 * server/alerts, which pushes it and lets it climb), keyed per shift and look so a look is
 * recorded once. Names are masked.
 */
export function noShowAlert(shift: ShiftDoc, look: number, missing: CrewEntry[], short: number): AlertInput {
  const who = missing.map((c) => maskName(c.name)).join('、');
  return {
    key: `duty.noshow:${shift._id}:${look}`,
    kind: 'duty.noshow',
    severity: 'high',
    orgId: shift.compoundId,
    note: `${shift.postName} ${span(shift.start, shift.end)}：${who ? `${who} 未签到` : '无人到岗'}${short > 0 ? `，缺 ${short} 人` : ''}`,
    data: {
      shiftId: shift._id,
      postId: shift.postId,
      postName: shift.postName,
      start: shift.start,
      end: shift.end,
      minHeads: shift.minHeads,
      missing: missing.map((c) => ({ openid: c.openid, name: maskName(c.name) })),
      short,
    },
  };
}

export interface NoShowReport {
  /** Shifts looked at. */
  shifts: number;
  /** Shifts flagged by this run. */
  flagged: number;
  noShows: number;
  alerts: number;
  pushes: number;
}

/** When a crew member must have checked in: 15 minutes after the start, or after they joined a running shift. */
const dueAt = (s: ShiftDoc, c: CrewEntry) => Math.max(s.start, c.at) + NO_SHOW_AFTER;

function backfillPush(s: ShiftDoc, openid: string): Push {
  return {
    key: `duty.backfill:${s._id}:${openid}`,
    kind: 'duty.backfill',
    template: 'shiftReminder',
    to: openid,
    page: `/volunteer/pages/shifts/shifts?shiftId=${s._id}`,
    values: {
      post: s.postName,
      place: s.compoundName,
      start: String(s.start),
      note: `有人未到岗，急需补位（${span(s.start, s.end)}）`,
    } satisfies TemplateFill<'shiftReminder'>,
  };
}

/** Who is missing, who still has time, and how many heads are short. */
function assess(s: ShiftDoc, now: number) {
  const missing = s.crew.filter((c) => c.status === 'assigned' && dueAt(s, c) <= now);
  const waiting = s.crew.filter((c) => c.status === 'assigned' && dueAt(s, c) > now);
  const short = s.minHeads - s.crew.filter((c) => c.checkInAt !== undefined).length - waiting.length;
  return { missing, waiting, short, problem: missing.length > 0 || short > 0 };
}

/** One look at one shift, in one transaction. */
async function lookAt(store: Store, shift: ShiftDoc, now: number, config: Config, report: NoShowReport) {
  // Queries cannot run inside a transaction: who could backfill and who gets the alert are
  // worked out first, from this snapshot; the transaction goes on only if the shift is unchanged.
  const seen = assess(shift, now);
  const look = (shift.flagRounds ?? 0) + 1;
  const short = Math.max(0, seen.short);
  const [plan] = seen.problem ? await planAlerts(store, [noShowAlert(shift, look, seen.missing, short)]) : [];
  const candidates =
    now < shift.end && short > 0 ? (await freeQualified(store, { ...shift, flagged: true }, now, config.duty.maxDailyMinutes)).slice(0, BACKFILL_ASKS) : [];
  // Counted after the transaction: a retried transaction (CloudBase) must not count twice.
  const done = await store.transaction(async (tx) => {
    const s = await tx.get('shifts', shift._id);
    if (!s || s._v !== shift._v || s.watchAt === undefined || s.watchAt > now) return null; // changed meanwhile: the next run looks again
    const { missing, waiting, problem } = seen;
    const gone = new Set(missing.map((c) => c.openid));
    const patch: Partial<ShiftDoc> = {
      crew: s.crew.map((c) => (gone.has(c.openid) ? { ...c, status: 'noshow' } : c)),
      watchAt: waiting.length ? Math.min(...waiting.map((c) => dueAt(s, c))) : undefined,
      ...(problem ? { flagged: true, flagRounds: look } : {}),
    };
    await saveShift(tx, s, patch);
    for (const c of missing)
      await tx.update('duties', dutyId(s._id, c.openid), { status: 'noshow' } satisfies Partial<DutyDoc>, { fields: { status: 'assigned' } });
    const out = { flagged: 0, noShows: 0, alerts: 0, pushes: 0 };
    if (!plan) return out;
    Object.assign(out, { flagged: 1, noShows: missing.length, alerts: (await raiseAlert(tx, plan, now)).raised ? 1 : 0 });
    out.pushes = await enqueue(
      tx,
      candidates.map((v) => backfillPush(s, v.openid)),
      now,
    );
    return out;
  });
  if (!done) return;
  report.shifts++;
  for (const k of ['flagged', 'noShows', 'alerts', 'pushes'] as const) report[k] += done[k];
}

/** Looks at every shift whose no-show check is due. */
export async function detectNoShows(store: Store, now: number, config: Config = DEFAULT_CONFIG): Promise<NoShowReport> {
  const report: NoShowReport = { shifts: 0, flagged: 0, noShows: 0, alerts: 0, pushes: 0 };
  for (let round = 0; round < 50; round++) {
    const due = await store.query('shifts', { where: { watchAt: { $lte: now } }, orderBy: [{ field: 'watchAt' }], limit: PAGE });
    for (const s of due.items) await lookAt(store, s, now, config, report);
    if (!due.next) break;
  }
  return report;
}

/** Reminds volunteers an hour before their shifts (a page per tick). Returns how many were enqueued. */
export async function remindShifts(store: Store, now: number): Promise<number> {
  const due = await store.query('duties', { where: { remindAt: { $lte: now } }, orderBy: [{ field: 'remindAt' }], limit: 500 });
  const pushes: Push[] = due.items
    .filter((d) => d.status === 'assigned' && d.start > now)
    .map((d) => ({
      key: `duty.remind:${d._id}`,
      kind: 'duty.remind',
      template: 'shiftReminder',
      to: d.openid,
      page: `/volunteer/pages/shifts/shifts?shiftId=${d.shiftId}`,
      values: {
        post: d.postName,
        place: d.compoundName,
        start: String(d.start),
        note: `请按时到岗签到（${span(d.start, d.end)}）`,
      } satisfies TemplateFill<'shiftReminder'>,
    }));
  const sent = await enqueue(store, pushes, now);
  for (const d of due.items) await store.update('duties', d._id, { remindAt: undefined }, { version: d._v });
  return sent;
}

export const DUTY_JOBS: readonly TickJob[] = [detectNoShows, remindShifts];
