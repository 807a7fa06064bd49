/** Counters moved several times in one transaction are written once, at its commit. */
import { COLLECTIONS } from '../../server/app';
import { bumpDaily, bumpLive, LIVE, METRICS, statId } from '../../server/stats/model';
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

test('a transaction moving gauges holds its day flows in the gauges document: one write; moves that cancel out write nothing', async () => {
  const store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
  const meter: Meter = { reads: 0, writes: 0 };
  const metered = new MeteredStore(store, meter);
  await metered.transaction(async (tx) => {
    await bumpDaily(tx, LINEAGE, '2026-11-30', { gateIn: 3 });
    await bumpLive(tx, LINEAGE, { passPending: 1 });
  });
  expect(meter.writes).toBe(1);
  expect(await store.get('stats', statId('s1', '2026-11-30'))).toBeNull();
  expect(await store.get('stats', statId('s1', LIVE))).toMatchObject({ heldFrom: '2026-11-30', n: { x1: { passPending: 1, 'gateIn_2026-11-30': 3 } } });
  meter.writes = 0;
  await metered.transaction(async (tx) => {
    await bumpLive(tx, LINEAGE, { passPending: -1, passActive: 1 });
    await bumpLive(tx, LINEAGE, { passPending: 1, passActive: -1 });
  });
  expect(meter.writes).toBe(0);
  // Flows alone go to their day's document.
  await metered.transaction((tx) => bumpDaily(tx, LINEAGE, '2026-11-29', { gateIn: 2 }));
  expect(meter.writes).toBe(1);
  expect((await store.get('stats', statId('s1', '2026-11-29')))?.n.x1).toEqual({ gateIn: 2 });
  // An older day held notes the older day; a later one leaves the mark.
  await metered.transaction(async (tx) => {
    await bumpDaily(tx, LINEAGE, '2026-11-28', { gateDenied: 1 });
    await bumpDaily(tx, LINEAGE, '2026-12-01', { gateIn: 1 });
    await bumpLive(tx, LINEAGE, { passPending: 1 });
  });
  expect(meter.writes).toBe(2);
  expect(await store.get('stats', statId('s1', LIVE))).toMatchObject({
    heldFrom: '2026-11-28',
    n: { x1: { passPending: 2, 'gateIn_2026-11-30': 3, 'gateDenied_2026-11-28': 1, 'gateIn_2026-12-01': 1 } },
  });
});

test('metric keys hold no underscore: it parts a held flow from its day', () => {
  expect(Object.keys(METRICS).filter((k) => k.includes('_'))).toEqual([]);
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
