/**
 * The local runtime's clock: the system's, moved by an offset a developer sets with
 * POST /api/dev/clock, so that what time drives (no-shows, escalation, reminders, expiry, a
 * phone's clock offset) shows without waiting. The app, the timer tick and the dev sink all read
 * this one clock. Development only: cloud functions run on systemClock and never import this.
 */
import { systemClock, type Clock } from '../server/core/clock';
import { DAY } from '../server/core/time';

/** How far the clock may be moved either way. */
export const MAX_DEV_OFFSET_MS = 366 * DAY;

export class DevClock implements Clock {
  private offset = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): number {
    return this.base.now() + this.offset;
  }

  get offsetMs(): number {
    return this.offset;
  }

  /** Sets the offset from the base clock (not added to the current one: a retry changes nothing). */
  shift(offsetMs: number): void {
    this.offset = offsetMs;
  }

  state(): { now: number; offsetMs: number } {
    return { now: this.now(), offsetMs: this.offset };
  }
}
