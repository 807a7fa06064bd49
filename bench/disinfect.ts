/**
 * Disinfection figures: disinfect.compliance for a community (its eleven compounds each with the
 * default areas and a day's logs; reads against 10, p99 in process) and disinfect.log with three
 * photos (writes against 4: the log, the day's counts (an update, or a failed update and an insert)
 * and the dashboard's counter; p99 in process).
 */
import { COLLECTIONS, FUNCTIONS } from '../server/app';
import { ManualClock } from '../server/core/clock';
import { HOUR } from '../server/core/time';
import { areaDoc, defaultAreas } from '../server/disinfect/model';
import type { MediaPort } from '../server/media/port';
import { createApp } from '../server/runtime/dispatch';
import { localServices } from '../server/runtime/services';
import { DEMO } from '../server/seed/district';
import { seedDistrict } from '../server/seed/seed';
import type { Meter } from '../server/store/metered';
import { openSqliteStore } from '../server/store/sqlite';
import { percentile, type Figure } from './figures';

const T0 = Date.UTC(2026, 10, 28, 1, 0, 0); // 09:00 Asia/Shanghai
const LOGS = 60;
/** Every file id is stored: the bench measures the store, not a photo service. */
export const ALL_STORED: MediaPort = { missing: async () => [], urls: async (ids) => Object.fromEntries(ids.map((id) => [id, `https://x/${id}`])) };

export async function disinfect(): Promise<Figure[]> {
  const store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
  try {
    await seedDistrict(store);
    const compounds = (await store.query('orgs', { where: { parentId: DEMO.community }, limit: 100 })).items;
    for (const c of compounds) {
      if (c._id === DEMO.compound) continue; // seeded already
      const buildings = (await store.query('orgs', { where: { parentId: c._id }, limit: 100 })).items;
      const gates = (await store.query('gates', { where: { compoundId: c._id }, limit: 10 })).items;
      await store.insertMany(
        'disinfectAreas',
        defaultAreas(c, buildings, gates).map((a, i) => areaDoc(c, a, i, T0, '2026-11-28')),
      );
    }
    const clock = new ManualClock(T0);
    const app = createApp({ store, clock, functions: FUNCTIONS, services: { ...localServices, media: ALL_STORED } });
    const areas = (await store.query('disinfectAreas', { where: { compoundId: DEMO.compound }, limit: 100 })).items;
    let writes = 0;
    const logMs: number[] = [];
    for (let i = 0; i < LOGS; i++) {
      const key = `bench-log-${String(i).padStart(4, '0')}`;
      const photos = [1, 2, 3].map((n) => `local://media/disinfect/demo-secretary/${key}/${n}.jpg`);
      const meter: Meter = { reads: 0, writes: 0 };
      clock.set(T0 + (i % 10) * HOUR);
      const started = performance.now();
      const r = await app.call(
        'disinfect',
        { action: 'disinfect.log', data: { requestId: key, areaId: areas[i % areas.length]._id, agent: '84 消毒液 1:100', photos } },
        'demo-secretary',
        { meter },
      );
      logMs.push(performance.now() - started);
      if (!r.ok) throw new Error(`disinfect.log: ${r.error.message}`);
      writes = Math.max(writes, meter.writes);
    }
    let reads = 0;
    const complianceMs: number[] = [];
    for (let i = 0; i < 30; i++) {
      const meter: Meter = { reads: 0, writes: 0 };
      const started = performance.now();
      const r = await app.call('disinfect', { action: 'disinfect.compliance', data: { orgId: DEMO.community } }, 'demo-community-staff', { meter });
      complianceMs.push(performance.now() - started);
      if (!r.ok) throw new Error(`disinfect.compliance: ${r.error.message}`);
      reads = Math.max(reads, meter.reads);
    }
    const p99 = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        99,
      );
    return [
      { name: `disinfect.compliance, a community of ${compounds.length} compounds: reads`, measured: reads, unit: 'reads', budget: { op: '<=', value: 10 } },
      { name: 'disinfect.compliance p99 (in process)', measured: p99(complianceMs), unit: 'ms' },
      { name: 'disinfect.log with 3 photos: writes', measured: writes, unit: 'writes', budget: { op: '<=', value: 4 } },
      { name: 'disinfect.log p99 (in process)', measured: p99(logMs), unit: 'ms' },
    ];
  } finally {
    store.close();
  }
}
