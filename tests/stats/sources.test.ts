/** The daily-health and disinfection counters on the paths the scripted day does not take: erasure, retries. */
import { DEMO } from '../../server/seed/district';
import { makeHarness, type Harness } from '../support/harness';

const B = DEMO.building;
const RES = 'demo-resident-1';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

async function health(orgId: string) {
  const d = await h.ok('demo-admin', 'stats.dashboard', { orgId });
  return Object.fromEntries(d.sections.find((s) => s.id === 'health')!.tiles.map((t) => [t.key, t.value]));
}

test('an erased resident leaves the people expected and takes their reports off the day; a retry moves nothing', async () => {
  const own = await h.ok(RES, 'census.household', {});
  const entries = own.members.map((m) => ({ memberId: m.id, temperature: m.id === 1 ? 38.2 : 36.5, symptoms: [] as never[] }));
  await h.ok(RES, 'health.report', { entries });
  const retry = await h.call(RES, 'health.report', { entries });
  expect(retry.meter.writes).toBe(0);
  const before = await health(B);
  expect(before).toMatchObject({ reported: entries.length, abnormal: 1 });

  await h.ok(RES, 'account.delete', { confirm: '确认注销' });
  const after = await health(B);
  expect(after).toMatchObject({ reported: entries.length - 1, abnormal: 0, people: before.people - 1 });
  for (const id of [DEMO.compound, DEMO.street, DEMO.district]) expect(await health(id)).toMatchObject({ reported: entries.length - 1, abnormal: 0 });

  await h.ok(RES, 'account.delete', { confirm: '确认注销' });
  expect(await health(B)).toEqual(after);
});
