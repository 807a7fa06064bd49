/**
 * What the timer runs on every tick before the sender (server/messaging/tick.ts): jobs that
 * enqueue pushes — alert escalation, notice pushes and reminders, shift reminders — so what they
 * enqueue goes out in the same tick. Contexts register their jobs (server/runtime/context.ts).
 *
 * A job gets the store, the tick's instant and the configuration; it must be idempotent (a tick
 * can run twice, two ticks can overlap) — enqueue with dedupe keys. A job that throws is
 * reported and the tick goes on with the next job and the sender.
 */
import type { Config } from '../core/config';
import type { ExportFiles } from '../media/exports';
import type { Store } from '../store/port';

/** `files`: where exported files are stored, for the job that deletes expired ones (absent: a host without storage). */
export type TickJob = (store: Store, now: number, config: Config, files?: ExportFiles) => Promise<unknown>;
