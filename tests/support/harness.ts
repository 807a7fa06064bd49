/** A seeded demo district on an in-memory embedded store, and a caller-shaped way to call it. */
import type { ActionName, ActionRequest, ActionResponse } from '../../typings/api';
import type { Envelope } from '../../typings/envelope';
import { ManualClock } from '../../server/core/clock';
import { COLLECTIONS, FUNCTIONS } from '../../server/app';
import { createApp, type App } from '../../server/runtime/dispatch';
import { seedDistrict } from '../../server/seed/seed';
import { localServices, type Services } from '../../server/runtime/services';
import type { Meter } from '../../server/store/metered';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/port';

export const T0 = Date.UTC(2026, 10, 28, 0, 0, 0); // 2026-11-28 08:00 Asia/Shanghai

export interface Harness {
  store: Store;
  clock: ManualClock;
  app: App;
  /** Calls an action as `openid`; returns the envelope and the request's db operation counts. */
  call<A extends ActionName>(openid: string | undefined, action: A, data: ActionRequest<A>): Promise<Envelope<ActionResponse<A>> & { meter: Meter }>;
  /** Same, but with an arbitrary raw event (for bad input). */
  raw(openid: string | undefined, fn: string, event: unknown): Promise<Envelope<unknown> & { meter: Meter }>;
  /** Data of a successful call, or a thrown error naming the failure. */
  ok<A extends ActionName>(openid: string, action: A, data: ActionRequest<A>): Promise<ActionResponse<A>>;
  close(): void;
}

/** `services`: stand-ins replacing the local ones (e.g. a photo store). */
export async function makeHarness(opts: { residents?: number; services?: Partial<Services> } = {}): Promise<Harness> {
  const store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
  await seedDistrict(store, { residents: opts.residents ?? 0 });
  const clock = new ManualClock(T0);
  const errors: unknown[] = [];
  const services = { ...localServices, ...opts.services };
  const app = createApp({ store, clock, functions: FUNCTIONS, services, onError: (err) => void errors.push(err) });
  const raw = async (openid: string | undefined, fn: string, event: unknown) => {
    const meter: Meter = { reads: 0, writes: 0 };
    const env = await app.call(fn, event, openid, { meter });
    return { ...env, meter };
  };
  const call = (async (openid: string | undefined, action: string, data: unknown) => raw(openid, action.split('.')[0], { action, data })) as Harness['call'];
  return {
    store,
    clock,
    app,
    call,
    raw,
    async ok(openid, action, data) {
      const r = await call(openid, action, data);
      if (!r.ok) throw new Error(`${action} failed: ${r.error.code} ${r.error.message}${r.error.code === 'INTERNAL' ? ` (${String(errors.at(-1))})` : ''}`);
      return r.data;
    },
    close: () => (store as unknown as { close(): void }).close(),
  };
}
