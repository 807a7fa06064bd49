/**
 * The gate phone's event queue. Every decision becomes a GateEventInput with a phone-made id,
 * written to storage at once, then sent with `gate.sync` in batches of ≤ 200, oldest first, with
 * the phone's (corrected) time of sending, so the server can tell how far the phone's clock is
 * off. An event leaves the queue only when the server has acknowledged its id; a failed or
 * partial sync keeps the rest. The phone's log (services/gate-log.ts) follows along.
 */
import type { GateDecision } from '../../typings/api';
import type { GateEventInput } from '../../typings/pass';
import type { GateOutcome } from '../shared/gate/decide';
import { normalizePlate } from '../shared/plate';
import { call } from './api';
import * as clock from './clock';
import type { ApiCallError } from './errors';
import { toCallError } from './errors';
import { newEventId } from './event-ids';
import type { GateSubject } from './gate-decision';
import type { LogRow } from './gate-log';
import { addToLog, logRowOf, updateLog } from './gate-log';
import { STORAGE, readList } from './gate-storage';

export const SYNC_BATCH = 200;

interface StoredEvent {
  gateId: string;
  event: GateEventInput;
}

const readQueue = () => readList<string>(STORAGE.queue);
export const pendingCount = () => readQueue().length;
export const isPending = (id: string) => readQueue().includes(id);

function readEvent(id: string): StoredEvent | null {
  const value = wx.getStorageSync(STORAGE.event(id)) as StoredEvent | '';
  return value && typeof value === 'object' && value.event?.id === id ? value : null;
}

export interface Recorded {
  event: GateEventInput;
  row: LogRow;
  /** False when the phone's storage refused the write (full): the decision stands, the record is lost. */
  stored: boolean;
}

/** Keeps a decision: the event goes to storage at once and joins the queue; the log gets its row. */
export function record(gateId: string, subject: GateSubject, at: number, outcome: GateOutcome): Recorded {
  const event: GateEventInput = { id: newEventId(), at, kind: subject.kind, direction: subject.direction, verdict: outcome.verdict };
  if (subject.qr !== undefined) event.qr = subject.qr;
  if (subject.temperature !== undefined) event.temperature = subject.temperature;
  if (subject.temperatureBand) event.temperatureBand = subject.temperatureBand;
  if (subject.method === 'manual') Object.assign(event, { method: 'manual', passId: subject.passId, manualReason: subject.manualReason });
  if (subject.plate !== undefined) event.plate = normalizePlate(subject.plate);
  if (subject.person) event.person = subject.person;
  if (subject.idCheck) event.idCheck = subject.idCheck;
  if (outcome.reason) event.reason = outcome.reason;
  const row = logRowOf(gateId, event, outcome, subject.manual);
  let stored = true;
  try {
    wx.setStorageSync(STORAGE.event(event.id), { gateId, event } satisfies StoredEvent);
    wx.setStorageSync(STORAGE.queue, [...readQueue(), event.id]);
  } catch {
    stored = false;
  }
  addToLog(row);
  return { event, row, stored };
}

/** The oldest pending event's gate, with up to SYNC_BATCH of that gate's events, oldest first. */
function nextBatch(): { gateId: string; events: GateEventInput[] } | null {
  const queue = readQueue();
  const events: GateEventInput[] = [];
  const orphans: string[] = [];
  let gateId = '';
  for (const id of queue) {
    const stored = readEvent(id);
    if (!stored) {
      orphans.push(id);
      continue;
    }
    gateId ||= stored.gateId;
    if (stored.gateId === gateId) events.push(stored.event);
    if (events.length === SYNC_BATCH) break;
  }
  if (orphans.length)
    wx.setStorageSync(
      STORAGE.queue,
      queue.filter((id) => !orphans.includes(id)),
    );
  return events.length ? { gateId, events } : null;
}

/** Takes events out of the queue (and their stored copies), and updates their log rows. */
function retire(ids: ReadonlySet<string>, update: (row: LogRow) => LogRow): void {
  for (const id of ids) wx.removeStorageSync(STORAGE.event(id));
  wx.setStorageSync(
    STORAGE.queue,
    readQueue().filter((id) => !ids.has(id)),
  );
  updateLog(ids, update);
}

/** Drops the acknowledged events from the queue and writes the server's verdicts into the log. */
function acknowledge(results: readonly GateDecision[]): number {
  const queue = new Set(readQueue());
  const byId = new Map(results.filter((r) => queue.has(r.id)).map((r) => [r.id, r]));
  if (byId.size) {
    retire(new Set(byId.keys()), (row) => {
      const r = byId.get(row.id) as GateDecision;
      return { ...row, synced: true, verdict: r.verdict, reason: r.reason, mismatch: r.mismatch || r.verdict !== row.phoneVerdict };
    });
  }
  return byId.size;
}

/**
 * The server refuses a whole batch for one bad event and names it (`data.events.<i>…`), e.g.
 * one stamped by a phone whose clock was far off. Resending it can never succeed and would hold
 * up every later event, so it leaves the queue with the server's reason in the log. Returns
 * whether an event was set aside.
 */
function setAsideRefused(err: ApiCallError, events: readonly GateEventInput[]): boolean {
  const index = err.code === 'INVALID_ARGUMENT' ? /^data\.events\.(\d+)(\.|$)/.exec(err.field ?? '')?.[1] : undefined;
  const event = index === undefined ? undefined : events[Number(index)];
  if (!event) return false;
  retire(new Set([event.id]), (row) => ({ ...row, rejected: err.message }));
  return true;
}

export interface SyncResult {
  /** Events the server acknowledged in this run. */
  acknowledged: number;
  /** Still waiting. */
  pending: number;
  /** Why the run stopped early ('' when the queue is empty). */
  error: string;
}

let running: Promise<SyncResult> | null = null;

async function runSync(): Promise<SyncResult> {
  let acknowledged = 0;
  for (let batch = nextBatch(); batch; batch = nextBatch()) {
    let reply;
    try {
      reply = await call('gate.sync', { ...batch, sentAt: clock.now() });
    } catch (err) {
      const error = toCallError(err);
      if (setAsideRefused(error, batch.events)) continue;
      return { acknowledged, pending: pendingCount(), error: error.message };
    }
    const n = acknowledge(reply.results);
    acknowledged += n;
    // Nothing of the batch acknowledged: sending it again now would loop.
    if (!n) return { acknowledged, pending: pendingCount(), error: '服务器未确认这批记录，稍后自动重试' };
  }
  return { acknowledged, pending: 0, error: '' };
}

/** Sends the queue, oldest first; one run at a time (a second call joins the running one). */
export function syncQueue(): Promise<SyncResult> {
  running ??= runSync().finally(() => {
    running = null;
  });
  return running;
}
