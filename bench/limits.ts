/**
 * What a per-caller rate limit (server/runtime/limits.ts) adds to a limited action: its own
 * reads and writes, metered apart, over a caller's first call (an insert), a call in the same
 * window (an increment), one in a new window (the same document reset) and a refused one.
 */
import { FUNCTIONS } from '../server/app';
import { ManualClock } from '../server/core/clock';
import { readConfig, withDevKeks } from '../server/core/config';
import { DEV_KEKS } from '../server/core/kek';
import { MINUTE } from '../server/core/time';
import { createApp } from '../server/runtime/dispatch';
import { seedDistrict } from '../server/seed/seed';
import type { Meter } from '../server/store/metered';
import { openSqliteStore } from '../server/store/sqlite';
import { COLLECTIONS } from '../server/app';
import type { Figure } from './figures';

export async function limits(): Promise<Figure[]> {
  const store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
  try {
    await seedDistrict(store, { residents: 0 });
    const clock = new ManualClock(Date.UTC(2026, 10, 28));
    const config = withDevKeks(readConfig({ LF_RATE_LIMITS: '{"message.subscribed": "3/minute"}' }), DEV_KEKS);
    const app = createApp({ store, clock, config, functions: FUNCTIONS });
    const worst: Meter = { reads: 0, writes: 0 };
    const codes: string[] = [];
    let n = 0;
    const call = async () => {
      const limitMeter: Meter = { reads: 0, writes: 0 };
      const data = { requestId: `r-bench-${String(++n).padStart(6, '0')}`, answers: { notice: 'accept' } };
      const r = await app.call('message', { action: 'message.subscribed', data }, 'demo-resident-1', { limitMeter });
      codes.push(r.ok ? 'ok' : r.error.code);
      worst.reads = Math.max(worst.reads, limitMeter.reads);
      worst.writes = Math.max(worst.writes, limitMeter.writes);
    };
    for (let i = 0; i < 4; i++) await call(); // insert, increment, increment, refused
    clock.advance(MINUTE);
    await call(); // a new window
    if (codes.join() !== 'ok,ok,ok,RATE_LIMITED,ok') throw new Error(`rate limit bench: unexpected answers ${codes.join()}`);
    return [
      { name: 'rate limit: extra reads per limited call', measured: worst.reads, unit: 'reads', budget: { op: '<=', value: 1 } },
      { name: 'rate limit: extra writes per limited call', measured: worst.writes, unit: 'writes', budget: { op: '<=', value: 1 } },
    ];
  } finally {
    store.close();
  }
}
