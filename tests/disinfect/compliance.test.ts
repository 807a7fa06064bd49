/** Compliance from the counters, the missed-window alert, and the secretary's areas. */
import { purgeExpired } from '../../server/account/retention';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { DAY, HOUR } from '../../server/core/time';
import { checkMissed } from '../../server/disinfect/jobs';
import { makeHarness, T0, type Harness } from '../support/harness';
import { memoryMedia } from '../support/media';

const COMPOUND = 'sz-s1-c01-x01';
const COMMUNITY = 'sz-s1-c01';
const AREA = 'sz-s1-c01-x01-b01-d';
const SECRETARY = 'demo-secretary';

const media = memoryMedia();
let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ services: { media } });
});
afterEach(() => h.close());

async function logAs(openid: string, key: string, areaId = AREA) {
  const id = `local://media/disinfect/${openid}/${key}/1.jpg`;
  media.put(id);
  return h.ok(openid, 'disinfect.log', { requestId: key, areaId, agent: '84 消毒液 1:100', photos: [id] });
}

test('a community’s compliance: per area done / required, per compound, rolled up — in at most 10 reads', async () => {
  await logAs(SECRETARY, 'req-sec-0001');
  await logAs(SECRETARY, 'req-sec-0002');
  await logAs(SECRETARY, 'req-sec-0003'); // a third time counts up to the requirement only
  await logAs(SECRETARY, 'req-sec-0004', `${COMPOUND}-d-bins`);
  const r = await h.call('demo-community-staff', 'disinfect.compliance', { orgId: COMMUNITY });
  if (!r.ok) throw new Error(r.error.message);
  expect(r.meter.reads).toBeLessThanOrEqual(10);
  const seeded = r.data.compounds.find((c) => c.compoundId === COMPOUND)!;
  expect(seeded.items!.find((a) => a.id === AREA)).toMatchObject({ done: 3, required: 2, missed: false });
  expect(seeded).toMatchObject({ areasDone: 1, done: 3, required: seeded.areas * 2, missed: 0 });
  expect(r.data).toMatchObject({ orgId: COMMUNITY, level: 'community', date: '2026-11-28', done: 3, areasDone: 1, required: seeded.areas * 2 });
  // Compounds with no areas yet are listed with nothing required.
  expect(r.data.compounds.filter((c) => c.compoundId !== COMPOUND).every((c) => c.areas === 0 && c.required === 0)).toBe(true);

  h.clock.set(T0 + 12 * HOUR); // 20:00: the window has closed
  const late = await h.ok(SECRETARY, 'disinfect.compliance', { orgId: COMPOUND });
  expect(late.missed).toBe(seeded.areas - 1);
  expect((await h.ok(SECRETARY, 'disinfect.compliance', { orgId: COMPOUND, date: '2026-11-27' })).done).toBe(0);
  const street = await h.ok('demo-street-staff', 'disinfect.compliance', { orgId: 'sz-s1' });
  expect(street.done).toBe(3);
  expect(street.compounds[0].items).toBeUndefined();
});

test('at the window’s end each area short of its count raises one alert for the secretary, once per area and day', async () => {
  await logAs(SECRETARY, 'req-sec-0001');
  await logAs(SECRETARY, 'req-sec-0002');
  const areas = (await h.ok(SECRETARY, 'disinfect.areas', { compoundId: COMPOUND })).items.length;
  expect(await checkMissed(h.store, T0)).toEqual({ areas, alerts: 0 }); // seeded long ago: moves on without alerts
  expect(await checkMissed(h.store, T0 + 11 * HOUR)).toEqual({ areas: 0, alerts: 0 }); // 19:00
  const due = T0 + 12 * HOUR; // 20:00
  expect(await checkMissed(h.store, due)).toEqual({ areas, alerts: areas - 1 });
  expect(await checkMissed(h.store, due + HOUR)).toEqual({ areas: 0, alerts: 0 });
  const alerts = (await h.store.query('alerts', { where: { kind: 'disinfect.missed' } })).items;
  expect(alerts).toHaveLength(areas - 1);
  expect(alerts.map((a) => a._id)).not.toContain(`disinfect.missed:${AREA}:2026-11-28`);
  expect(alerts[0]).toMatchObject({ orgId: COMPOUND, role: 'secretary', title: '公共区域消毒未完成', severity: 'medium' });
  const pushes = await h.store.query('outbox', { where: { to: SECRETARY, kind: 'alert' } });
  expect(pushes.items.length).toBe(areas - 1);
  // The next day's window is the next check.
  expect((await h.store.get('disinfectAreas', AREA))!.checkAt).toBe(due + 24 * HOUR);
});

test('saveArea: a new area (a retry returns it), a change, and the bad inputs, which write nothing', async () => {
  const base = { compoundId: COMPOUND, name: '3号楼电梯', kind: 'lift' as const, buildingId: `${COMPOUND}-b03`, required: 3, from: '07:00', to: '21:00' };
  const made = await h.ok(SECRETARY, 'disinfect.saveArea', base);
  expect(await h.ok(SECRETARY, 'disinfect.saveArea', base)).toEqual(made);
  const changed = await h.ok(SECRETARY, 'disinfect.saveArea', { ...base, areaId: made.id, required: 4 });
  expect(changed).toMatchObject({ id: made.id, required: 4 });
  const bad = [
    [{ ...base, name: '新区域', from: '21:00', to: '07:00' }, 'data.to'],
    [{ ...base, name: '新区域', buildingId: 'sz-s1-c01-x02-b01' }, 'data.buildingId'],
    [{ ...base, name: '新区域', required: 0 }, 'data.required'],
    [{ ...base, name: '新区域', from: '25:00' }, 'data.from'],
  ] as const;
  for (const [req, field] of bad) {
    const r = await h.call(SECRETARY, 'disinfect.saveArea', req);
    expect({ field, r: r.ok ? 'ok' : r.error.details?.field, writes: r.meter.writes }).toEqual({ field, r: field, writes: 0 });
  }
  const dup = await h.call(SECRETARY, 'disinfect.saveArea', { ...base, required: 2 });
  expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'data.name' } } });
});

test('a compound with no areas yet is offered the defaults: a stairwell per building, each gate, bins, play area', async () => {
  const r = await h.ok('demo-community-staff', 'disinfect.areas', { compoundId: 'sz-s1-c01-x02' });
  expect(r.items).toEqual([]);
  const buildings = await h.store.count('orgs', { parentId: 'sz-s1-c01-x02' });
  const gates = await h.store.count('gates', { compoundId: 'sz-s1-c01-x02' });
  expect(r.suggested).toHaveLength(buildings + gates + 2);
  expect(r.suggested.every((a) => a.required === 2 && a.from === '06:00' && a.to === '20:00')).toBe(true);
});

test('logs are kept like duty records: purged after the retention period, the day’s counts stay', async () => {
  await logAs(SECRETARY, 'req-sec-0001');
  const config = { ...DEFAULT_CONFIG, retention: { ...DEFAULT_CONFIG.retention, days: 28 } };
  expect((await purgeExpired(h.store, T0 + 27 * DAY, config)).disinfectLogs).toBe(0);
  expect((await purgeExpired(h.store, T0 + 29 * DAY, config)).disinfectLogs).toBe(1);
  expect(await h.store.count('disinfectLogs')).toBe(0);
  expect((await h.store.get('disinfectDays', `${COMPOUND}:2026-11-28`))!.counts[AREA]).toBe(1);
});

test('a person’s logs are in their export and go when they delete their account; the counts stay', async () => {
  await logAs(SECRETARY, 'req-sec-0001');
  const exported = await h.ok(SECRETARY, 'account.export', {});
  expect(exported.data.disinfectLogs).toEqual([expect.objectContaining({ areaId: AREA, agent: '84 消毒液 1:100' })]);
  expect(exported.summary).toContain('消毒记录：1 条');
  await h.store.update('users', SECRETARY, { grants: [], grantKeys: [] });
  await h.ok(SECRETARY, 'account.delete', { confirm: '确认注销' });
  expect(await h.store.count('disinfectLogs', { openid: SECRETARY })).toBe(0);
  expect((await h.store.get('disinfectDays', `${COMPOUND}:2026-11-28`))!.counts[AREA]).toBe(1);
});
