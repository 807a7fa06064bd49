/** Counters moved several times in one transaction are written once, at its commit. */
import { COLLECTIONS } from '../../server/app';
import { bumpDaily, bumpLive, LIVE, statId } from '../../server/stats/model';
import { MeteredStore, type Meter } from '../../server/store/metered';
import { openSqliteStore } from '../../server/store/sqlite';

const LINEAGE = ['d1', 's1', 'c1', 'x1'];

test('two bumps of one document in a transaction are one write, and the sums are right', async () => {
  const store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
  const meter: Meter = { reads: 0, writes: 0 };
  const metered = new MeteredStore(store, meter);
  await metered.transaction(async (tx) => {
    await bumpLive(tx, LINEAGE, { alertHigh: 1, alertUnacked: 1 });
    await bumpLive(tx, LINEAGE, { passPending: 1 });
    await bumpLive(tx, LINEAGE.slice(0, 3), { passPending: 2 });
  });
  expect(meter.writes).toBe(1);
  const live = await store.get('stats', statId('s1', LIVE));
  expect(live?.n).toEqual({
    s1: { alertHigh: 1, alertUnacked: 1, passPending: 3 },
    c1: { alertHigh: 1, alertUnacked: 1, passPending: 3 },
    x1: { alertHigh: 1, alertUnacked: 1, passPending: 1 },
  });
});

test('a day document and the gauges are one write each; moves that cancel out write nothing', async () => {
  const store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
  const meter: Meter = { reads: 0, writes: 0 };
  const metered = new MeteredStore(store, meter);
  await metered.transaction(async (tx) => {
    await bumpDaily(tx, LINEAGE, '2026-11-30', { gateIn: 3 });
    await bumpLive(tx, LINEAGE, { passPending: 1 });
  });
  expect(meter.writes).toBe(2);
  meter.writes = 0;
  await metered.transaction(async (tx) => {
    await bumpLive(tx, LINEAGE, { passPending: -1, passActive: 1 });
    await bumpLive(tx, LINEAGE, { passPending: 1, passActive: -1 });
  });
  expect(meter.writes).toBe(0);
  expect((await store.get('stats', statId('s1', '2026-11-30')))?.n.x1).toEqual({ gateIn: 3 });
});

test('a transaction that fails leaves the counters as they were', async () => {
  const store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
  await store
    .transaction(async (tx) => {
      await bumpLive(tx, LINEAGE, { passPending: 1 });
      throw new Error('refused');
    })
    .catch(() => undefined);
  expect(await store.get('stats', statId('s1', LIVE))).toBeNull();
  await store.transaction((tx) => bumpLive(tx, LINEAGE, { passPending: 1 }));
  expect((await store.get('stats', statId('s1', LIVE)))?.n.x1).toEqual({ passPending: 1 });
});
