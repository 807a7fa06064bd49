/**
 * The gate phone's own log: its last decisions, masked (no QR text, no full phone number), with
 * the server's verdict beside the phone's once the event is synced.
 */
import type { GateDenyReason, GateEventInput, GateEventView, Verdict } from '../../typings/pass';
import type { GateOutcome } from '../shared/gate/decide';
import { maskName, maskPhone } from '../shared/mask';
import { shownCredential } from './gate-decision';
import { STORAGE, readList } from './gate-storage';

export const LOG_SIZE = 50;

/** One decision of this phone as its log keeps it: masked, with the server's verdict once known. */
export interface LogRow extends Omit<GateEventView, 'verdict' | 'reason' | 'volunteer'> {
  /** The server acknowledged it. */
  synced: boolean;
  /** The server's verdict, once synced. */
  verdict?: Verdict;
  reason?: GateDenyReason;
  /** The server refused the event itself (e.g. a phone clock far off): why. It left the queue. */
  rejected?: string;
}

/** Newest first. */
export const readLog = () => readList<LogRow>(STORAGE.log);

/** The row a new decision gets; `matched`: the masked name and household of a manual entry's pass. */
export function logRowOf(gateId: string, event: GateEventInput, outcome: GateOutcome, matched?: { who: string; household: string }): LogRow {
  const person = event.person;
  const cred = shownCredential(outcome) ?? (matched ? { nm: matched.who, hh: matched.household } : undefined);
  return {
    id: event.id,
    gateId,
    at: event.at,
    kind: event.kind,
    direction: event.direction,
    who: cred?.nm ?? (person?.name ? maskName(person.name) : undefined),
    household: cred?.hh,
    company: person?.company,
    phoneMasked: person?.phone ? maskPhone(person.phone) : undefined,
    plate: event.plate,
    temperature: event.temperature,
    temperatureBand: event.temperatureBand,
    method: event.method,
    manualReason: event.manualReason,
    phoneVerdict: event.verdict,
    phoneReason: event.reason,
    mismatch: false,
    synced: false,
  };
}

/** Puts a row on top, keeping the last LOG_SIZE. */
export function addToLog(row: LogRow): void {
  try {
    wx.setStorageSync(STORAGE.log, [row, ...readLog()].slice(0, LOG_SIZE));
  } catch {
    // The log is for display only; the queue is what matters.
  }
}

/** Rewrites the rows of `ids` (what the server said of those events). */
export function updateLog(ids: ReadonlySet<string>, update: (row: LogRow) => LogRow): void {
  wx.setStorageSync(
    STORAGE.log,
    readLog().map((row) => (ids.has(row.id) ? update(row) : row)),
  );
}
