/**
 * Retention (ARCHITECTURE.md §6, docs/PRIVACY.md): personal records past their period are
 * deleted by the timer, a bounded batch per collection per tick (`Config.retention`):
 *
 *  - gateEvents       older than `days` (default 28), by `at` — counted first, see below
 *  - alerts           raised at the gate (fever, denied) or by cases (they carry a masked name) older than `days`
 *  - duties           volunteers' check-in records of shifts that ended more than `days` ago;
 *                     hours survive in the weekly counters (dutyHours), credited at check-out
 *  - shifts, dutyDays crews (names) and day indexes of those shifts' days
 *  - healthReports    daily health reports older than `days`, with the buildings' day documents
 *    healthDays       (who reported) and the health alerts they raised (a masked name)
 *  - outbox           pushes older than `days` that are finished (sent, skipped, dead, unknown)
 *  - cases            returnee / close-contact / behaviour reports closed more than `days` ago
 *                     (an open case stays: it is still being dealt with); alerts they raised
 *                     go with the gate's, by age
 *  - disinfectLogs    who disinfected what, with their photo ids, older than `days` (a record of
 *                     people's work, like duty check-ins); the day's counts survive in disinfectDays
 *  - accessLog        older than `accessLogDays` (default 180): a resident can ask who read
 *                     their data for that long
 *
 * Gate counts survive in `dailyCounts`, one document per compound and Asia/Shanghai day
 * (`<compoundId>:<yyyy-mm-dd>`), computed when the first event of that day is about to go:
 * by then the day is final (gate.sync refuses events placed more than 7 days back), so one
 * count of the whole day is exact. The document is inserted (insert-if-absent) before any
 * event of its day is deleted, and an existing one is never recounted, so a second run, an
 * overlapping tick or a crash between the two writes changes nothing.
 */
import type { GateDenyReason } from '../../typings/pass';
import type { Config } from '../core/config';
import { DAY, dayOf } from '../core/time';
import { bumpAlertGauges } from '../alerts/gauge';
import type { AlertDoc, AlertKind } from '../alerts/model';
import type { TickJob } from '../messaging/jobs';
import type { OutboxState } from '../messaging/outbox';
import { StoreConflictError, type Collections, type Filter, type Name, type Store } from '../store/port';

export type DailyCountsDoc = {
  _id: string; // `${compoundId}:${day}`
  _v?: number;
  nodeId: string;
  /** The compound's lineage (ancestors, then the compound): roll-ups query `path` $has. */
  path: string[];
  day: string;
  gate: { entries: number; exits: number; denied: number; fevers: number };
  countedAt: number;
};

declare module '../store/port' {
  interface Collections {
    dailyCounts: DailyCountsDoc;
  }
}

export const dailyCountsId = (nodeId: string, day: string) => `${nodeId}:${day}`;

const FEVER: GateDenyReason = 'FEVER';
/** Alerts whose data names a person (masked): purged by age. */
const PERSONAL_ALERTS: AlertKind[] = ['gate.fever', 'gate.denied', 'case.reported', 'case.observation.missed', 'health.fever'];
const FINISHED: OutboxState[] = ['sent', 'skipped', 'dead', 'unknown'];

export interface PurgeReport {
  gateEvents: number;
  alerts: number;
  duties: number;
  shifts: number;
  dutyDays: number;
  outbox: number;
  cases: number;
  accessLog: number;
  disinfectLogs: number;
  counted: number;
  healthReports: number;
  healthDays: number;
}

/** Deletes one batch of what `where` finds, oldest first; returns how many went. */
async function purgeBatch<C extends Name<Collections>>(
  store: Store,
  collection: C,
  where: Filter,
  field: string,
  batch: number,
  before?: (items: Array<Collections[C]>) => Promise<void>,
  removeOne: (doc: Collections[C]) => Promise<boolean> = (doc) => store.remove(collection, doc._id),
) {
  const page = await store.query(collection, { where, orderBy: [{ field }], limit: batch });
  if (!page.items.length) return 0;
  if (before) await before(page.items);
  let n = 0;
  for (const d of page.items) if (await removeOne(d)) n++;
  return n;
}

/** The gate counts of each (compound, day) these events belong to, unless already counted. Returns how many were written. */
export async function countGateDays(store: Store, events: ReadonlyArray<{ compoundId: string; day: string }>, now: number): Promise<number> {
  const keys = new Map(events.map((e) => [dailyCountsId(e.compoundId, e.day), e]));
  const have = new Set((await store.getMany('dailyCounts', [...keys.keys()])).map((d) => d._id));
  const todo = [...keys].filter(([k]) => !have.has(k));
  if (!todo.length) return 0;
  const orgs = new Map((await store.getMany('orgs', [...new Set(todo.map(([, e]) => e.compoundId))])).map((o) => [o._id, o]));
  let written = 0;
  for (const [id, { compoundId, day }] of todo) {
    const at = { compoundId, day };
    const [entries, exits, denied, fevers] = await Promise.all([
      store.count('gateEvents', { ...at, verdict: 'allow', direction: 'in' }),
      store.count('gateEvents', { ...at, verdict: 'allow', direction: 'out' }),
      store.count('gateEvents', { ...at, verdict: 'deny' }),
      store.count('gateEvents', { ...at, reason: FEVER }),
    ]);
    const org = orgs.get(compoundId);
    const doc: DailyCountsDoc = {
      _id: id,
      nodeId: compoundId,
      path: org ? [...org.path, org._id] : [compoundId],
      day,
      gate: { entries, exits, denied, fevers },
      countedAt: now,
    };
    try {
      await store.insert('dailyCounts', doc);
      written++;
    } catch (err) {
      if (!(err instanceof StoreConflictError)) throw err; // counted meanwhile by an overlapping tick
    }
  }
  return written;
}

/** An alert goes together with its share of the open-alert counters. */
const removeAlert = (store: Store) => (doc: AlertDoc) =>
  store.transaction(async (tx) => {
    const current = await tx.get('alerts', doc._id);
    if (!current || !(await tx.remove('alerts', doc._id))) return false;
    await bumpAlertGauges(tx, current, null);
    return true;
  });

/** One tick's share of the purge: at most `batch` documents per collection. */
export async function purgeExpired(store: Store, now: number, config: Config): Promise<PurgeReport> {
  const { days, accessLogDays, batch } = config.retention;
  const cutoff = now - days * DAY;
  const cutoffDay = dayOf(cutoff);
  let counted = 0;
  const gateEvents = await purgeBatch(store, 'gateEvents', { at: { $lt: cutoff } }, 'at', batch, async (items) => {
    counted += await countGateDays(store, items, now);
  });
  return {
    gateEvents,
    counted,
    alerts: await purgeBatch(
      store,
      'alerts',
      { kind: { $in: PERSONAL_ALERTS }, createdAt: { $lt: cutoff } },
      'createdAt',
      batch,
      undefined,
      removeAlert(store),
    ),
    duties: await purgeBatch(store, 'duties', { end: { $lt: cutoff } }, 'end', batch),
    shifts: await purgeBatch(store, 'shifts', { day: { $lt: cutoffDay } }, 'day', batch),
    dutyDays: await purgeBatch(store, 'dutyDays', { day: { $lt: cutoffDay } }, 'day', batch),
    outbox: await purgeBatch(store, 'outbox', { state: { $in: FINISHED }, createdAt: { $lt: cutoff } }, 'createdAt', batch),
    cases: await purgeBatch(store, 'cases', { state: 'closed', closedAt: { $lt: cutoff } }, 'closedAt', batch),
    accessLog: await purgeBatch(store, 'accessLog', { at: { $lt: now - accessLogDays * DAY } }, 'at', batch),
    disinfectLogs: await purgeBatch(store, 'disinfectLogs', { doneAt: { $lt: cutoff } }, 'doneAt', batch),
    healthReports: await purgeBatch(store, 'healthReports', { createdAt: { $lt: cutoff } }, 'createdAt', batch),
    // By day: a building's roster ("roster") sorts after every date, so it is never taken.
    healthDays: await purgeBatch(store, 'healthDays', { day: { $lt: cutoffDay } }, 'day', batch),
  };
}

export const RETENTION_JOBS: readonly TickJob[] = [purgeExpired];
