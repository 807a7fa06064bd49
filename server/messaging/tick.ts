/**
 * One tick of the messaging timer: the contexts' jobs (server/messaging/jobs.ts), then the
 * sender, in rounds of `batch` until nothing more is due (or the rounds or the time budget run
 * out). The cloud function `messenger` runs it from its timer trigger; the local runtime every
 * TICK_MS (startTicker).
 */
import { DEFAULT_CONFIG, type Config } from '../core/config';
import type { ExportFiles } from '../media/exports';
import type { Store } from '../store/port';
import type { TickJob } from './jobs';
import type { Messenger } from './messenger';
import { DEFAULT_BATCH, sendDue, type SendOptions, type SendReport } from './sender';

export interface TickInput extends SendOptions {
  store: Store;
  messenger: Messenger;
  now: number;
  /** In order; the app's are derived from its contexts (server/app.ts, server/timer.ts). */
  jobs: readonly TickJob[];
  /** What the jobs are configured with (default: every setting at its default). */
  config?: Config;
  /** Where exported files are stored, for the job that deletes expired ones (absent: no storage). */
  exportFiles?: ExportFiles;
  /** Sender runs at most (default 10). */
  rounds?: number;
  /** Where a failing job is reported (default console.error). */
  onError?: (err: unknown, job: string) => void;
}

export interface TickReport {
  jobs: number;
  jobErrors: number;
  rounds: number;
  send: SendReport;
}

export async function runTick(input: TickInput): Promise<TickReport> {
  const {
    store,
    messenger,
    now,
    jobs,
    config = DEFAULT_CONFIG,
    exportFiles,
    rounds = 10,
    onError = (err, job) => console.error(`[tick] ${job}:`, err),
    ...send
  } = input;
  let jobErrors = 0;
  for (const [i, job] of jobs.entries()) {
    try {
      await job(store, now, config, exportFiles);
    } catch (err) {
      jobErrors++;
      onError(err, job.name || `job #${i}`);
    }
  }
  const started = Date.now();
  const batch = send.batch ?? DEFAULT_BATCH;
  const total: SendReport = { due: 0, sent: 0, skipped: 0, failed: 0, retried: 0, dead: 0, unknown: 0, taken: 0 };
  let round = 0;
  while (round < rounds) {
    const left = send.budgetMs === undefined ? undefined : send.budgetMs - (Date.now() - started);
    if (left !== undefined && left <= 0) break;
    const r = await sendDue(store, messenger, now, { ...send, ...(left !== undefined ? { budgetMs: left } : {}) });
    round++;
    for (const k of Object.keys(total) as Array<keyof SendReport>) total[k] += r[k];
    if (r.due < batch) break;
  }
  return { jobs: jobs.length, jobErrors, rounds: round, send: total };
}

export interface Ticker {
  /** Runs a tick now (after the one in flight, if any) and starts the interval over. */
  runNow(): Promise<void>;
  /** Stops the loop and waits for a tick in flight to end. */
  stop(): Promise<void>;
}

/** Runs `tick` every `intervalMs` (after the previous one ends: ticks never overlap). */
export function startTicker(intervalMs: number, tick: () => Promise<unknown>, onError: (err: unknown) => void = (err) => console.error('[tick]', err)): Ticker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const schedule = () => {
    timer = setTimeout(loop, intervalMs);
    timer.unref?.();
  };
  function loop() {
    timer = undefined;
    running = tick()
      .then(() => undefined, onError)
      .finally(() => {
        running = undefined;
        if (!stopped) schedule();
      });
  }
  schedule();
  return {
    async runNow() {
      // Ticks never overlap: wait until none is in flight (another runNow may start one meanwhile).
      while (running) await running;
      if (stopped) return;
      if (timer) clearTimeout(timer);
      loop();
      await running;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
