/**
 * The purge and the dashboard's gauges of what waits on someone: a case's alert purged with its
 * age takes itself off the level it climbed to; the case, still open, stays counted; a closed
 * case purged changes no gauge.
 */
import { purgeExpired } from '../../server/account/retention';
import { escalateDue } from '../../server/alerts/escalate';
import { readConfig } from '../../server/core/config';
import { DAY, HOUR } from '../../server/core/time';
import { DEMO } from '../../server/seed/district';
import { makeHarness, T0, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const tiles = async (id: string) => {
  const d = await h.ok('demo-admin', 'stats.dashboard', { orgId: DEMO.compound });
  return Object.fromEntries(d.sections.find((s) => s.id === id)!.tiles.map((t) => [t.key, t.value]));
};

test('a purged alert leaves the level it waits at; open cases stay counted, a purged closed one moves nothing', async () => {
  const report = (requestId: string) =>
    h.ok('demo-resident-1', 'case.report', { kind: 'gathering', compoundId: DEMO.compound, buildingId: DEMO.building, place: '小区广场', requestId });
  const open = await report('req-ret-open-1');
  const closed = await report('req-ret-closed-1');
  await h.ok('demo-secretary', 'case.update', { caseId: closed.id, step: 'close', outcome: 'unfounded', requestId: 'upd-ret-close-1' });
  h.clock.set(T0 + 2 * HOUR);
  expect((await escalateDue(h.store, h.clock.now())).escalated).toBe(1);
  const seeded = (await tiles('cases')).open;
  expect(await tiles('alertLevels')).toMatchObject({ compound: 0, community: 1 });

  const config = readConfig({});
  h.clock.set(T0 + (config.retention.days + 1) * DAY);
  const purged = await purgeExpired(h.store, h.clock.now(), config);
  expect(purged).toMatchObject({ cases: 1, alerts: 2 });
  expect(await tiles('alertLevels')).toMatchObject({ compound: 0, community: 0, street: 0, district: 0 });
  expect((await tiles('cases')).open).toBe(seeded);
  expect((await h.store.get('cases', open.id))?.state).toBe('reported');
});
