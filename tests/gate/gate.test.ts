import type { GateEventInput } from '../../typings/pass';
import { makeHarness, T0, type Harness } from '../support/harness';
import { issuePass, type IssuedPass } from '../support/passes';

const GATE = 'sz-s1-c01-x01-g1';
const COMPOUND = 'sz-s1-c01-x01';
let h: Harness;
let pass: IssuedPass;
let seq = 0;

beforeEach(async () => {
  h = await makeHarness();
  pass = await issuePass(h);
});
afterEach(() => h.close());

const ev = (over: Partial<GateEventInput>): GateEventInput => ({
  id: `evt-${String(++seq).padStart(6, '0')}`,
  at: T0,
  kind: 'resident',
  direction: 'in',
  verdict: 'allow',
  ...over,
});
const resident = (over: Partial<GateEventInput> = {}) => ev({ qr: pass.qrAt(over.at ?? T0), temperature: 36.5, ...over });
const sync = (events: GateEventInput[], who = 'demo-volunteer-1', gateId = GATE) => h.call(who, 'gate.sync', { gateId, events });

test('a synced batch is stored with the server’s own verdict; replaying it changes nothing', async () => {
  const batch = [resident(), ev({ kind: 'courier', verdict: 'deny', reason: 'COURIER', person: { courierKind: 'delivery', company: '美团', phone: '13912345678' } })];
  const first = await sync(batch);
  expect(first).toMatchObject({ ok: true, data: { accepted: 2, duplicates: 0 } });
  expect(first.ok && first.data.results).toEqual([
    { id: batch[0].id, verdict: 'allow', mismatch: false, who: '张*', household: '1号楼1单元202' },
    { id: batch[1].id, verdict: 'deny', reason: 'COURIER', mismatch: false },
  ]);
  const before = await h.store.query('gateEvents', { orderBy: [{ field: '_id' }] });
  const replay = await sync(batch);
  expect(replay).toMatchObject({ ok: true, data: { accepted: 0, duplicates: 2 } });
  expect(replay.ok && replay.data.results).toEqual(first.ok && first.data.results);
  expect(await h.store.query('gateEvents', { orderBy: [{ field: '_id' }] })).toEqual(before);
  const courier = before.items.find((e) => e.kind === 'courier');
  expect(courier).toMatchObject({ company: '美团', courierKind: 'delivery', phoneMasked: '139****5678' });
  expect(JSON.stringify(before)).not.toContain('13912345678');
});

test('the server re-verifies: a phone that let a stale screenshot in is recorded as a mismatch', async () => {
  const screenshot = pass.qrAt(T0 - 5 * 60_000);
  const r = await sync([ev({ qr: screenshot, temperature: 36.6, verdict: 'allow' })]);
  expect(r.ok && r.data.results[0]).toMatchObject({ verdict: 'deny', reason: 'STALE_CODE', mismatch: true });
});

test('fever denies entry and raises one alert for the secretary, however often it is synced', async () => {
  const hot = resident({ temperature: 37.3, verdict: 'deny', reason: 'FEVER' });
  const r = await sync([hot]);
  expect(r.ok && r.data.results[0]).toMatchObject({ verdict: 'deny', reason: 'FEVER', mismatch: false });
  await sync([hot]);
  const alerts = await h.store.query('alerts', { where: { orgId: COMPOUND } });
  expect(alerts.items).toHaveLength(1);
  expect(alerts.items[0]).toMatchObject({ kind: 'gate.fever', role: 'secretary', status: 'open', data: { temperature: 37.3, who: '张*', household: '1号楼1单元202' } });
  // 37.2 passes; leaving is never a fever case.
  const ok = await sync([resident({ temperature: 37.2 }), resident({ direction: 'out', temperature: 38.0 })]);
  expect(ok.ok && ok.data.results.map((x) => x.verdict)).toEqual(['allow', 'allow']);
});

test('visitors are turned away unless the secretary’s policy allows them', async () => {
  const visitor = () => ev({ kind: 'visitor', temperature: 36.4, verdict: 'deny', reason: 'VISITOR_NOT_ALLOWED', person: { name: '王小二', phone: '13700001111' } });
  const denied = await sync([visitor()]);
  expect(denied.ok && denied.data.results[0]).toMatchObject({ verdict: 'deny', reason: 'VISITOR_NOT_ALLOWED', mismatch: false });
  const policy = await h.call('demo-secretary', 'gate.policy', { compoundId: COMPOUND, visitorsAllowed: true, reason: '解除封控，访客测温登记后进入' });
  expect(policy).toMatchObject({ ok: true, data: { visitorsAllowed: true } });
  expect((await h.ok('demo-volunteer-1', 'pass.trust', { compoundId: COMPOUND })).visitorsAllowed).toBe(true);
  const allowed = await sync([{ ...visitor(), verdict: 'allow', reason: undefined }]);
  expect(allowed.ok && allowed.data.results[0]).toMatchObject({ verdict: 'allow', who: '王*二' });
});

test('vehicles: registered plates pass in and out, others are refused; both recorded', async () => {
  const reg = await h.call('demo-secretary', 'vehicle.register', { compoundId: COMPOUND, plate: '陕h·a8888', ownerName: '张伟', ownerPhone: '13800000008' });
  expect(reg).toMatchObject({ ok: true, data: { plate: '陕HA8888', ownerPhoneMasked: '138****0008' } });
  const r = await sync([
    ev({ kind: 'vehicle', plate: '陕HA8888' }),
    ev({ kind: 'vehicle', direction: 'out', plate: '陕HD52011' }),
    ev({ kind: 'vehicle', plate: '京A12345', verdict: 'deny', reason: 'VEHICLE_NOT_REGISTERED' }),
  ]);
  expect(r.ok && r.data.results.map((x) => [x.verdict, x.reason ?? null])).toEqual([
    ['allow', null],
    ['allow', null],
    ['deny', 'VEHICLE_NOT_REGISTERED'],
  ]);
  expect((await h.ok('demo-volunteer-1', 'pass.trust', { compoundId: COMPOUND })).plates).toContain('陕HA8888');
  for (const plate of ['陕H1234', 'ABC12345', '陕HI2345', '']) {
    const bad = await h.call('demo-secretary', 'vehicle.register', { compoundId: COMPOUND, plate, ownerName: '张伟', ownerPhone: '13800000008' });
    expect({ plate, r: bad }).toMatchObject({ plate, r: { ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.plate' } } } });
    expect(bad.meter.writes).toBe(0);
  }
});

test('gate.check decides online for one scan and records it; unparsable text writes nothing', async () => {
  const r = await h.call('demo-volunteer-1', 'gate.check', { gateId: GATE, event: { id: 'online-0001', at: T0, kind: 'resident', direction: 'in', qr: pass.qrAt(T0), temperature: 36.5 } });
  expect(r).toMatchObject({ ok: true, data: { verdict: 'allow', who: '张*', mismatch: false } });
  expect(await h.store.count('gateEvents', { gateId: GATE })).toBe(1);
});

describe('bad input: a clear error, nothing written', () => {
  const cases: Array<[string, () => Promise<{ ok: boolean; error?: { code: string; details?: { field?: string } }; meter: { writes: number } }>, string, string | undefined]> = [
    ['an oversized batch', () => sync(Array.from({ length: 201 }, () => resident())), 'INVALID_ARGUMENT', 'data.events'],
    ['an empty batch', () => sync([]), 'INVALID_ARGUMENT', 'data.events'],
    ['a repeated id in one batch', () => { const e = resident(); return sync([e, { ...e }]); }, 'INVALID_ARGUMENT', 'data.events.1.id'],
    ['temperature out of range', () => sync([resident({ temperature: 43 })]), 'INVALID_ARGUMENT', 'data.events.0.temperature'],
    ['temperature as text', () => sync([resident({ temperature: '36.5' as never })]), 'INVALID_ARGUMENT', 'data.events.0.temperature'],
    ['two decimals', () => sync([resident({ temperature: 36.55 })]), 'INVALID_ARGUMENT', 'data.events.0.temperature'],
    ['entering without temperature', () => sync([resident({ temperature: undefined })]), 'INVALID_ARGUMENT', 'data.events.0.temperature'],
    ['a plate that is not a plate', () => sync([ev({ kind: 'vehicle', plate: 'HELLO' })]), 'INVALID_ARGUMENT', 'data.events.0.plate'],
    ['a resident event without a code', () => sync([ev({ temperature: 36.5 })]), 'INVALID_ARGUMENT', 'data.events.0.qr'],
    ['an unknown field', () => sync([{ ...resident(), extra: 1 } as never]), 'INVALID_ARGUMENT', 'data.events.0.extra'],
    ['a time from the future', () => sync([resident({ at: T0 + 3600_000 })]), 'INVALID_ARGUMENT', 'data.events.0.at'],
    ['an unknown gate', () => sync([resident()], 'demo-volunteer-1', 'no-such-gate'), 'NOT_FOUND', 'data.gateId'],
    ['a gate of another compound', () => sync([resident()], 'demo-volunteer-1', 'sz-s1-c01-x02-g1'), 'FORBIDDEN', undefined],
    ['a resident at the gate', () => sync([resident()], 'demo-resident-1'), 'FORBIDDEN', undefined],
    [
      'unparsable text checked online',
      () => h.call('demo-volunteer-1', 'gate.check', { gateId: GATE, event: { id: 'online-0002', at: T0, kind: 'resident', direction: 'in', qr: 'x'.repeat(601), temperature: 36.5 } }),
      'INVALID_ARGUMENT',
      'data.event.qr',
    ],
  ];
  test.each(cases)('%s', async (_name, run, code, field) => {
    const before = await h.store.count('gateEvents');
    const r = await run();
    expect(r).toMatchObject({ ok: false, error: { code, ...(field ? { details: { field } } : {}) } });
    expect(r.meter.writes).toBe(0);
    expect(await h.store.count('gateEvents')).toBe(before);
  });
});

test('gate.log: newest first, filters, and today’s counts by decision', async () => {
  await sync([resident(), resident({ at: T0 + 1000 }), ev({ at: T0 + 2000, kind: 'courier', verdict: 'deny', reason: 'COURIER', person: { courierKind: 'courier', company: '顺丰' } })]);
  const log = await h.ok('demo-secretary', 'gate.log', { compoundId: COMPOUND });
  expect(log.today).toEqual({ allow: 2, deny: 1 });
  expect(log.items.map((e) => e.kind)).toEqual(['courier', 'resident', 'resident']);
  const denied = await h.ok('demo-secretary', 'gate.log', { compoundId: COMPOUND, verdict: 'deny' });
  expect(denied.items).toHaveLength(1);
  const window = await h.ok('demo-community-staff', 'gate.log', { compoundId: COMPOUND, from: T0 + 500, to: T0 + 1500 });
  expect(window.items.map((e) => e.at)).toEqual([T0 + 1000]);
  expect(await h.call('demo-secretary', 'gate.log', { compoundId: COMPOUND, from: 10, to: 5 })).toMatchObject({ ok: false, error: { details: { field: 'data.from' } } });
});
