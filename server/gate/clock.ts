/**
 * When a gate event happened, as the server places it. Phones stamp events with their own clock
 * (corrected by the server's time whenever they had a reply), which may still be wrong: set by
 * hand, or moved since the last reply. The server decides with its own clock where it can, keeps
 * what the phone claimed beside it, and flags events whose times it doubts, storing them anyway.
 */
import type { ClockFlag } from '../../typings/pass';
import { CLOCK_TOLERANCE_MS } from '../core/time';

export interface EventTime {
  /** The server's view of when it happened: what the event is verified at and stored under. */
  at: number;
  /** What the phone claimed, where it differs. */
  phoneAt?: number;
  clockFlag?: ClockFlag;
}

/**
 * 'future': stamped later than the server's now (beyond tolerance); 'skewed': the phone's clock
 * disagrees with the server's when sending (drift = server now − phone's now), so its times are doubtful.
 */
function flagOf(phoneAt: number, drift: number | undefined, now: number): ClockFlag | undefined {
  if (phoneAt > now + CLOCK_TOLERANCE_MS) return 'future';
  if (drift !== undefined && Math.abs(drift) > CLOCK_TOLERANCE_MS) return 'skewed';
  return undefined;
}

function eventTime(at: number, phoneAt: number | undefined, flag: ClockFlag | undefined): EventTime {
  const t: EventTime = { at };
  if (phoneAt !== undefined && phoneAt !== at) t.phoneAt = phoneAt;
  if (flag) t.clockFlag = flag;
  return t;
}

/** gate.check: decided now, by the server's clock; the phone's stamp (if sent) only tells how far off it is. */
export const checkedTime = (now: number, phoneAt: number | undefined): EventTime =>
  eventTime(now, phoneAt, phoneAt === undefined ? undefined : flagOf(phoneAt, now - phoneAt, now));

/**
 * gate.sync: `sentAt` is the phone's now when it sent the batch (optional). An
 * event sent right after it was decided (the phone was online) happened `drift` off the phone's
 * stamp, as far as the server can tell; for one decided offline, only the phone's stamp says when.
 * Never later than now.
 */
export function syncedTime(phoneAt: number, sentAt: number | undefined, now: number): EventTime {
  const drift = sentAt === undefined ? undefined : now - sentAt;
  const online = sentAt !== undefined && sentAt - phoneAt <= CLOCK_TOLERANCE_MS;
  const at = Math.min(now, online ? phoneAt + (drift as number) : phoneAt);
  return eventTime(at, phoneAt, flagOf(phoneAt, drift, now));
}
