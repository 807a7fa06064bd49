/**
 * What a case costs in the database, metered apart from its rate limit: case.report's writes (the
 * case, its alert, one push to each secretary of the compound) and reads, and case.list's reads
 * per page (the caller, the target node, one query) with a full page of 20 under a compound.
 */
import { COLLECTIONS, FUNCTIONS } from '../server/app';
import { ManualClock } from '../server/core/clock';
import { createApp } from '../server/runtime/dispatch';
import { seedDistrict } from '../server/seed/seed';
import type { Meter } from '../server/store/metered';
import { openSqliteStore } from '../server/store/sqlite';
import type { Figure } from './figures';

export async function cases(): Promise<Figure[]> {
  const store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
  try {
    await seedDistrict(store, { residents: 0 });
    const clock = new ManualClock(Date.UTC(2026, 10, 28));
    const app = createApp({ store, clock, functions: FUNCTIONS });
    const worst = { reportReads: 0, reportWrites: 0, listReads: 0, listWrites: 0 };
    for (let i = 0; i < 20; i++) {
      const meter: Meter = { reads: 0, writes: 0 };
      const data = {
        kind: 'gathering',
        compoundId: 'sz-s1-c01-x01',
        buildingId: 'sz-s1-c01-x01-b01',
        personName: '王小明',
        place: '东门广场',
        requestId: `bench-case-${String(i).padStart(4, '0')}`,
      };
      const r = await app.call('case', { action: 'case.report', data }, 'demo-volunteer-1', { meter, limitMeter: { reads: 0, writes: 0 } });
      if (!r.ok) throw new Error(`case bench: report refused ${r.error.code} ${r.error.message}`);
      worst.reportReads = Math.max(worst.reportReads, meter.reads);
      worst.reportWrites = Math.max(worst.reportWrites, meter.writes);
      clock.advance(60_000);
    }
    let cursor: string | undefined;
    let pages = 0;
    do {
      const meter: Meter = { reads: 0, writes: 0 };
      const r = await app.call('case', { action: 'case.list', data: { orgId: 'sz-s1-c01-x01', limit: 10, ...(cursor ? { cursor } : {}) } }, 'demo-secretary', {
        meter,
      });
      if (!r.ok) throw new Error(`case bench: list refused ${r.error.code}`);
      worst.listReads = Math.max(worst.listReads, meter.reads);
      worst.listWrites = Math.max(worst.listWrites, meter.writes);
      cursor = (r.data as { next?: string }).next;
      pages++;
    } while (cursor && pages < 5);
    return [
      // The case, its alert and push (3), and the dashboard's counters moved by both, written once (1).
      { name: 'case.report: writes (case, alert, push + the counter)', measured: worst.reportWrites, unit: 'writes', budget: { op: '<=', value: 4 } },
      { name: 'case.report: reads', measured: worst.reportReads, unit: 'reads' },
      { name: 'case.list: reads per page (secretary, 10 a page)', measured: worst.listReads, unit: 'reads', budget: { op: '<=', value: 3 } },
      { name: 'case.list: writes per page (the access log)', measured: worst.listWrites, unit: 'writes', budget: { op: '<=', value: 1 } },
    ];
  } finally {
    (store as unknown as { close(): void }).close();
  }
}
