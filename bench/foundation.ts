/**
 * Foundation figures: the 100k-resident seed, account.me through the local runtime (throughput,
 * p99), database operations per account.me, and the runtime's memory after the seed.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../server/core/clock';
import { COLLECTIONS, FUNCTIONS } from '../server/app';
import { createApp } from '../server/runtime/dispatch';
import { seedDistrict } from '../server/seed/seed';
import type { Meter } from '../server/store/metered';
import { openSqliteStore } from '../server/store/sqlite';
import { startRuntime } from '../tests/support/runtime-process';
import type { Figure } from './figures';

const RESIDENTS = 100_000;

export async function foundation(dataDir: string): Promise<Figure[]> {
  const figures: Figure[] = [];

  // 1. Seed the district at scale into a real WAL file.
  const store = openSqliteStore({ file: join(dataDir, 'lianfang.db'), collections: COLLECTIONS });
  const t0 = process.hrtime.bigint();
  await seedDistrict(store, { residents: RESIDENTS });
  const seedSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  figures.push({ name: `seed: district + ${RESIDENTS.toLocaleString('en')} residents`, measured: seedSeconds, unit: 's', budget: { op: '<=', value: 60 } });

  // 2. Database operations per account.me (metered, in process, over the same data).
  const app = createApp({ store, clock: systemClock, functions: FUNCTIONS });
  const worst: Meter = { reads: 0, writes: 0 };
  for (const openid of ['demo-admin', 'demo-secretary', 'demo-resident-1', 'res-050000', 'wx-unknown']) {
    const meter: Meter = { reads: 0, writes: 0 };
    await app.call('account', { action: 'account.me', data: {} }, openid, { meter });
    worst.reads = Math.max(worst.reads, meter.reads);
    worst.writes = Math.max(worst.writes, meter.writes);
  }
  figures.push({ name: 'account.me: database reads', measured: worst.reads, unit: 'reads', budget: { op: '<=', value: 3 } });
  figures.push({ name: 'account.me: database writes', measured: worst.writes, unit: 'writes', budget: { op: '<=', value: 0 } });
  store.close();

  // 3. account.me through the local runtime, from a separate load process, many callers.
  const rt = await startRuntime(dataDir);
  try {
    const body = JSON.stringify({ action: 'account.me', data: {} });
    let i = 0;
    const result = await autocannon({
      url: `${rt.url}/api/fn/account`,
      method: 'POST',
      connections: 16,
      duration: 10,
      headers: { 'content-type': 'application/json' },
      body,
      requests: [
        {
          setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-openid': `res-${String(1 + ((i++ * 7919) % RESIDENTS)).padStart(6, '0')}` } }),
        },
      ],
    });
    if (result.non2xx || result.errors) throw new Error(`account.me load: ${result.non2xx} non-2xx, ${result.errors} errors`);
    figures.push({ name: 'account.me via local runtime: throughput', measured: result.requests.average, unit: 'req/s', budget: { op: '>=', value: 1000 } });
    figures.push({ name: 'account.me via local runtime: p99 latency', measured: result.latency.p99, unit: 'ms', budget: { op: '<=', value: 20 } });
    figures.push({ name: 'account.me via local runtime: p50 latency', measured: result.latency.p50, unit: 'ms' });

    // 4. Memory of the runtime process after the 100k seed and the load.
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${rt.pid}/status`, 'utf8'))![1]) / 1024;
    figures.push({ name: 'local runtime RSS after 100k seed + load', measured: rss, unit: 'MB', budget: { op: '<=', value: 300 } });
  } finally {
    await rt.stop();
  }
  return figures;
}
