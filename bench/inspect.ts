/**
 * Inspection figures: reads of inspect.report for the district after 300 findings spread over
 * every compound of the demo district (budget 10: counters kept on write), and the writes one
 * record, rectify and verify take (the finding and its counters on its lineage).
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ManualClock } from '../server/core/clock';
import { COLLECTIONS, FUNCTIONS } from '../server/app';
import { createApp, type App } from '../server/runtime/dispatch';
import { seedDistrict } from '../server/seed/seed';
import { DEFAULT_CHECKLIST } from '../server/inspect/model';
import type { Meter } from '../server/store/metered';
import { openSqliteStore } from '../server/store/sqlite';
import type { Figure } from './figures';

const NOW = Date.UTC(2026, 10, 28);

async function call(app: App, openid: string, action: string, data: unknown): Promise<{ data: never; meter: Meter }> {
  const meter: Meter = { reads: 0, writes: 0 };
  const r = await app.call(action.split('.')[0], { action, data }, openid, { meter });
  if (!r.ok) throw new Error(`${action}: ${r.error.code} ${r.error.message}`);
  return { data: r.data as never, meter };
}

export async function inspect(findings = 300): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lianfang-bench-inspect-'));
  const store = openSqliteStore({ file: join(dir, 'lianfang.db'), collections: COLLECTIONS });
  try {
    await seedDistrict(store);
    const clock = new ManualClock(NOW);
    const app = createApp({ store, clock, functions: FUNCTIONS });
    const compounds = (await store.query('orgs', { where: { level: 'compound' }, orderBy: [{ field: '_id' }], limit: 1000 })).items;
    const items = DEFAULT_CHECKLIST.flatMap((c) => c.items.map((i) => ({ category: c.code, item: i.code })));
    let recordWrites = 0;
    let firstId = '';
    for (let i = 0; i < findings; i++) {
      if (i && i % 100 === 0) clock.set(NOW + (i / 100) * 3_600_000); // past the hourly rate limit of inspect.record
      const r = await call(app, 'demo-admin', 'inspect.record', {
        orgId: compounds[i % compounds.length]._id,
        requestId: `bench-finding-${i}`,
        ...items[i % items.length],
        description: '督导发现的问题',
        photos: [],
        deadline: NOW + 86_400_000,
      });
      recordWrites = Math.max(recordWrites, r.meter.writes);
      firstId ||= (r.data as { id: string }).id;
    }
    const rectify = await call(app, 'demo-secretary', 'inspect.rectify', { findingId: firstId, note: '已整改', photos: [] });
    const verify = await call(app, 'demo-admin', 'inspect.verify', { findingId: firstId, decision: 'accept' });
    const report = await call(app, 'demo-admin', 'inspect.report', { orgId: 'sz' });
    return [
      { name: `inspect.report 区（${findings} 条问题）读取`, measured: report.meter.reads, unit: 'reads', budget: { op: '<=', value: 10 } },
      { name: 'inspect.record 写入', measured: recordWrites, unit: 'writes' },
      { name: 'inspect.rectify / verify 写入', measured: Math.max(rectify.meter.writes, verify.meter.writes), unit: 'writes' },
    ];
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
