/**
 * Notice figures: writes of notice.publish to the whole district with 1,000 and with
 * 100,000 residents (must be equal), writes per read + ack, reads of notice.progress for the
 * district after a district-wide read.
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ManualClock } from '../server/core/clock';
import { COLLECTIONS, FUNCTIONS } from '../server/app';
import { createApp, type App } from '../server/runtime/dispatch';
import { seedDistrict } from '../server/seed/seed';
import type { Meter } from '../server/store/metered';
import { openSqliteStore } from '../server/store/sqlite';
import type { Figure } from './figures';

async function call(app: App, openid: string, action: string, data: unknown): Promise<{ data: never; meter: Meter }> {
  const meter: Meter = { reads: 0, writes: 0 };
  const r = await app.call(action.split('.')[0], { action, data }, openid, { meter });
  if (!r.ok) throw new Error(`${action}: ${r.error.code} ${r.error.message}`);
  return { data: r.data as never, meter };
}

const NOTICE = {
  scopeOrgId: 'sz',
  title: '全区疫情防控紧急通知',
  body: '请全体居民配合核酸检测，非必要不外出。',
  level: 'urgent',
  audience: 'all',
  requireAck: true,
};

async function district(residents: number, readers: number) {
  const dir = mkdtempSync(join(tmpdir(), 'lianfang-bench-notice-'));
  const store = openSqliteStore({ file: join(dir, 'lianfang.db'), collections: COLLECTIONS });
  try {
    await seedDistrict(store, { residents });
    const app = createApp({ store, clock: new ManualClock(Date.UTC(2026, 10, 28)), functions: FUNCTIONS });
    const published = await call(app, 'demo-admin', 'notice.publish', NOTICE);
    const id = (published.data as { id: string }).id;
    let readAck = 0;
    for (let i = 1; i <= readers; i++) {
      const openid = `res-${String(i * Math.floor(residents / readers)).padStart(6, '0')}`;
      readAck = Math.max(
        readAck,
        (await call(app, openid, 'notice.read', { noticeId: id })).meter.writes + (await call(app, openid, 'notice.ack', { noticeId: id })).meter.writes,
      );
    }
    const progress = await call(app, 'demo-admin', 'notice.progress', { noticeId: id });
    return { publishWrites: published.meter.writes, readAckWrites: readAck, progressReads: progress.meter.reads };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function notices(): Promise<Figure[]> {
  const small = await district(1_000, 200);
  const large = await district(100_000, 3_000);
  return [
    { name: 'notice.publish to the district: writes, 1k residents', measured: small.publishWrites, unit: 'writes' },
    {
      name: 'notice.publish to the district: writes, 100k residents',
      measured: large.publishWrites,
      unit: 'writes',
      budget: { op: '<=', value: small.publishWrites },
    },
    { name: 'notice.read + notice.ack: writes', measured: large.readAckWrites, unit: 'writes', budget: { op: '<=', value: 3 } },
    { name: 'notice.progress for the district: reads (100k)', measured: large.progressReads, unit: 'reads', budget: { op: '<=', value: 10 } },
  ];
}
