/**
 * What the timer runs on every tick BEFORE the sender (server/messaging/tick.ts): jobs that
 * enqueue pushes, e.g. alert escalation and notice reminders, so what they enqueue goes out in
 * the same tick. The sender itself is not a job: runTick always sends after the jobs.
 *
 * A job gets the store, the tick's instant and the configuration; it must be idempotent (a tick can run twice, two
 * ticks can overlap) — enqueue with dedupe keys. A job that throws is reported and the tick goes
 * on with the next job and the sender.
 */
import { escalateDue } from '../alerts/escalate';
import { detectNoShows, remindShifts } from '../duty/jobs';
import { noticeTick } from '../notices/jobs';
import type { Config } from '../core/config';
import type { Store } from '../store/port';

export type TickJob = (store: Store, now: number, config: Config) => Promise<unknown>;

/** Registered jobs, run in this order: notice pushes/reminders and duty no-shows/reminders (which may raise alerts), then escalation. */
export const TICK_JOBS: TickJob[] = [noticeTick, detectNoShows, remindShifts, (store, now) => escalateDue(store, now)];
