import type { GateEventInput } from '../../typings/pass';
import { DAY, MINUTE } from '../../server/core/time';
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
const stored = (clientId: string) => h.store.get('gateEvents', `${GATE}:${clientId}`);

test('a synced batch is stored with the server’s own verdict; replaying it changes nothing', async () => {
  const batch = [
    resident(),
    ev({ kind: 'courier', verdict: 'deny', reason: 'COURIER', person: { courierKind: 'delivery', company: '美团', phone: '13912345678' } }),
  ];
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
  expect(alerts.items[0]).toMatchObject({
    kind: 'gate.fever',
    role: 'secretary',
    status: 'open',
    data: { temperature: 37.3, who: '张*', household: '1号楼1单元202' },
  });
  // 37.2 passes; leaving is never a fever case.
  const ok = await sync([resident({ temperature: 37.2 }), resident({ direction: 'out', temperature: 38.0 })]);
  expect(ok.ok && ok.data.results.map((x) => x.verdict)).toEqual(['allow', 'allow']);
});

test('visitors are turned away unless the secretary’s policy allows them', async () => {
  const visitor = () =>
    ev({ kind: 'visitor', temperature: 36.4, verdict: 'deny', reason: 'VISITOR_NOT_ALLOWED', person: { name: '王小二', phone: '13700001111' } });
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
  const r = await h.call('demo-volunteer-1', 'gate.check', {
    gateId: GATE,
    event: { id: 'online-0001', at: T0, kind: 'resident', direction: 'in', qr: pass.qrAt(T0), temperature: 36.5 },
  });
  expect(r).toMatchObject({ ok: true, data: { verdict: 'allow', who: '张*', mismatch: false }, serverTime: T0 });
  expect(await h.store.count('gateEvents', { gateId: GATE })).toBe(1);
  // The phone's time is not needed online.
  const bare = await h.call('demo-volunteer-1', 'gate.check', {
    gateId: GATE,
    event: { id: 'online-0003', kind: 'resident', direction: 'in', qr: pass.qrAt(T0), temperature: 36.5 },
  });
  expect(bare).toMatchObject({ ok: true, data: { verdict: 'allow' } });
  expect(await stored('online-0003')).toMatchObject({ at: T0 });
  expect(await stored('online-0003')).not.toHaveProperty('phoneAt');
});

test('gate.check decides by the server’s clock: a phone set 100 s back cannot pass a 100 s old code', async () => {
  const phoneNow = T0 - 100_000;
  const event = { id: 'online-slow-0001', at: phoneNow, kind: 'resident' as const, direction: 'in' as const, qr: pass.qrAt(phoneNow), temperature: 36.5 };
  const r = await h.call('demo-volunteer-1', 'gate.check', { gateId: GATE, event });
  expect(r).toMatchObject({ ok: true, data: { verdict: 'deny', reason: 'STALE_CODE', mismatch: false } });
  expect(await stored(event.id)).toMatchObject({ at: T0, phoneAt: phoneNow, day: '2026-11-28' });
  expect(await stored(event.id)).not.toHaveProperty('clockFlag'); // 100 s is within what phones may be off
  // Ten minutes fast: decided all the same, and flagged.
  const fast = await h.call('demo-volunteer-1', 'gate.check', {
    gateId: GATE,
    event: { ...event, id: 'online-fast-0001', at: T0 + 10 * MINUTE, qr: pass.qrAt(T0) },
  });
  expect(fast).toMatchObject({ ok: true, data: { verdict: 'allow' } });
  expect(await stored('online-fast-0001')).toMatchObject({ at: T0, phoneAt: T0 + 10 * MINUTE, clockFlag: 'future' });
});

describe('gate.sync and phone clocks', () => {
  const courier = (over: Partial<GateEventInput> = {}) =>
    ev({ kind: 'courier', verdict: 'deny', reason: 'COURIER', person: { courierKind: 'courier', company: '顺丰' }, ...over });
  const syncAt = (events: GateEventInput[], sentAt?: number) =>
    h.call('demo-volunteer-1', 'gate.sync', { gateId: GATE, events, ...(sentAt !== undefined ? { sentAt } : {}) });

  beforeEach(async () => {
    // A pass valid since an hour ago, so times before now are within its validity.
    h.clock.set(T0 - 60 * MINUTE);
    pass = await issuePass(h, 'demo-resident-2');
    h.clock.set(T0);
  });

  test('an online event from a phone 100 s behind, letting a stale screenshot in: the server denies it as stale', async () => {
    const phoneNow = T0 - 100_000;
    const screenshot = pass.qrAt(phoneNow); // fresh by the phone's clock, 100 s old by the server's
    const e = ev({ at: phoneNow, qr: screenshot, temperature: 36.6, verdict: 'allow' });
    const r = await syncAt([e], phoneNow + 2_000);
    expect(r.ok && r.data.results[0]).toMatchObject({ verdict: 'deny', reason: 'STALE_CODE', mismatch: true });
    // Placed when it happened by the server's clock (two seconds before the sync), the phone's stamp kept.
    expect(await stored(e.id)).toMatchObject({ at: T0 - 2_000, phoneAt: phoneNow, phoneVerdict: 'allow', verdict: 'deny' });
    expect(await stored(e.id)).not.toHaveProperty('clockFlag');
    // The same phone refused the resident's live code as stale; the server lets it in.
    const live = ev({ at: phoneNow, qr: pass.qrAt(T0), temperature: 36.6, verdict: 'deny', reason: 'STALE_CODE' });
    const again = await syncAt([live], phoneNow + 1_000);
    expect(again.ok && again.data.results[0]).toMatchObject({ verdict: 'allow', mismatch: true });
  });

  test('events decided offline are verified at the phone’s time; a phone that is right raises no flag', async () => {
    const e = resident({ at: T0 - 40 * MINUTE });
    const r = await syncAt([e], T0);
    expect(r.ok && r.data.results[0]).toMatchObject({ verdict: 'allow', mismatch: false });
    const doc = await stored(e.id);
    expect(doc).toMatchObject({ at: T0 - 40 * MINUTE });
    expect(doc).not.toHaveProperty('phoneAt');
    expect(doc).not.toHaveProperty('clockFlag');
  });

  test('a phone whose clock is off by more than 2 minutes when sending: its events are stored and flagged skewed', async () => {
    const offline = courier({ at: T0 - 5 * MINUTE - 40 * MINUTE });
    const online = courier({ at: T0 - 5 * MINUTE });
    const r = await syncAt([offline, online], T0 - 5 * MINUTE + 1_000);
    expect(r).toMatchObject({ ok: true, data: { accepted: 2 } });
    expect(await stored(offline.id)).toMatchObject({ at: T0 - 45 * MINUTE, clockFlag: 'skewed' });
    expect(await stored(online.id)).toMatchObject({ at: T0 - 1_000, phoneAt: T0 - 5 * MINUTE, clockFlag: 'skewed' });
    // A phone a week and a day behind, online: placed now, not refused as old.
    const lost = courier({ at: T0 - 8 * DAY });
    expect(await syncAt([lost], T0 - 8 * DAY)).toMatchObject({ ok: true, data: { accepted: 1 } });
    expect(await stored(lost.id)).toMatchObject({ at: T0, phoneAt: T0 - 8 * DAY, clockFlag: 'skewed', day: '2026-11-28' });
  });

  test('an event stamped in the future is stored at the server’s now and flagged, with or without sentAt', async () => {
    const ahead = courier({ at: T0 + DAY });
    const older = courier({ at: T0 + 3 * MINUTE });
    expect(await syncAt([ahead], T0 + DAY)).toMatchObject({ ok: true, data: { accepted: 1 } });
    expect(await syncAt([older])).toMatchObject({ ok: true, data: { accepted: 1 } }); // an older client sends no sentAt
    expect(await stored(ahead.id)).toMatchObject({ at: T0, phoneAt: T0 + DAY, clockFlag: 'future', day: '2026-11-28' });
    expect(await stored(older.id)).toMatchObject({ at: T0, phoneAt: T0 + 3 * MINUTE, clockFlag: 'future' });
    // Counted today; the log shows both times and the flag.
    const log = await h.ok('demo-secretary', 'gate.log', { compoundId: COMPOUND });
    expect(log.today).toEqual({ allow: 0, deny: 2, manual: 0 });
    expect(log.items.find((i) => i.id === ahead.id)).toMatchObject({ at: T0, phoneAt: T0 + DAY, clockFlag: 'future' });
    // Within 2 minutes of now: not flagged.
    const near = courier({ at: T0 + 90_000 });
    await syncAt([near], T0 + 90_000);
    expect(await stored(near.id)).not.toHaveProperty('clockFlag');
  });

  test('a replayed batch writes nothing, even sent later with another sentAt', async () => {
    const batch = [ev({ at: T0 - 100_000, qr: pass.qrAt(T0 - 100_000), temperature: 36.6 }), courier({ at: T0 - 30 * MINUTE })];
    const first = await syncAt(batch, T0 - 99_000);
    const before = await h.store.query('gateEvents', { orderBy: [{ field: '_id' }] });
    h.clock.advance(10 * MINUTE);
    const replay = await syncAt(batch, T0 + 10 * MINUTE);
    expect(replay).toMatchObject({ ok: true, data: { accepted: 0, duplicates: 2 } });
    expect(replay.ok && replay.data.results).toEqual(first.ok && first.data.results);
    expect(await h.store.query('gateEvents', { orderBy: [{ field: '_id' }] })).toEqual(before);
  });
});

describe('bad input: a clear error, nothing written', () => {
  const cases: Array<
    [string, () => Promise<{ ok: boolean; error?: { code: string; details?: { field?: string } }; meter: { writes: number } }>, string, string | undefined]
  > = [
    ['an oversized batch', () => sync(Array.from({ length: 201 }, () => resident())), 'INVALID_ARGUMENT', 'data.events'],
    ['an empty batch', () => sync([]), 'INVALID_ARGUMENT', 'data.events'],
    [
      'a repeated id in one batch',
      () => {
        const e = resident();
        return sync([e, { ...e }]);
      },
      'INVALID_ARGUMENT',
      'data.events.1.id',
    ],
    ['temperature out of range', () => sync([resident({ temperature: 43 })]), 'INVALID_ARGUMENT', 'data.events.0.temperature'],
    ['temperature as text', () => sync([resident({ temperature: '36.5' as never })]), 'INVALID_ARGUMENT', 'data.events.0.temperature'],
    ['two decimals', () => sync([resident({ temperature: 36.55 })]), 'INVALID_ARGUMENT', 'data.events.0.temperature'],
    ['entering without temperature', () => sync([resident({ temperature: undefined })]), 'INVALID_ARGUMENT', 'data.events.0.temperature'],
    ['a plate that is not a plate', () => sync([ev({ kind: 'vehicle', plate: 'HELLO' })]), 'INVALID_ARGUMENT', 'data.events.0.plate'],
    ['a resident event without a code', () => sync([ev({ temperature: 36.5 })]), 'INVALID_ARGUMENT', 'data.events.0.qr'],
    ['an unknown field', () => sync([{ ...resident(), extra: 1 } as never]), 'INVALID_ARGUMENT', 'data.events.0.extra'],
    ['an event from more than 7 days ago', () => sync([resident(), resident({ at: T0 - 7 * DAY - 1 })]), 'INVALID_ARGUMENT', 'data.events.1.at'],
    [
      'a sending time that is not a time',
      () => h.call('demo-volunteer-1', 'gate.sync', { gateId: GATE, events: [resident()], sentAt: 'now' as never }),
      'INVALID_ARGUMENT',
      'data.sentAt',
    ],
    ['an unknown gate', () => sync([resident()], 'demo-volunteer-1', 'no-such-gate'), 'NOT_FOUND', 'data.gateId'],
    ['a gate of another compound (as if there were none)', () => sync([resident()], 'demo-volunteer-1', 'sz-s1-c01-x02-g1'), 'NOT_FOUND', 'data.gateId'],
    ['a resident at the gate', () => sync([resident()], 'demo-resident-1'), 'FORBIDDEN', undefined],
    [
      'unparsable text checked online',
      () =>
        h.call('demo-volunteer-1', 'gate.check', {
          gateId: GATE,
          event: { id: 'online-0002', at: T0, kind: 'resident', direction: 'in', qr: 'x'.repeat(601), temperature: 36.5 },
        }),
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
  h.clock.set(T0 + 2000);
  await sync([
    resident(),
    resident({ at: T0 + 1000 }),
    ev({ at: T0 + 2000, kind: 'courier', verdict: 'deny', reason: 'COURIER', person: { courierKind: 'courier', company: '顺丰' } }),
  ]);
  const log = await h.ok('demo-secretary', 'gate.log', { compoundId: COMPOUND });
  expect(log.today).toEqual({ allow: 2, deny: 1, manual: 0 });
  expect(log.items.map((e) => e.kind)).toEqual(['courier', 'resident', 'resident']);
  const denied = await h.ok('demo-secretary', 'gate.log', { compoundId: COMPOUND, verdict: 'deny' });
  expect(denied.items).toHaveLength(1);
  const window = await h.ok('demo-community-staff', 'gate.log', { compoundId: COMPOUND, from: T0 + 500, to: T0 + 1500 });
  expect(window.items.map((e) => e.at)).toEqual([T0 + 1000]);
  expect(await h.call('demo-secretary', 'gate.log', { compoundId: COMPOUND, from: 10, to: 5 })).toMatchObject({
    ok: false,
    error: { details: { field: 'data.from' } },
  });
});

test('vehicle.list: volunteers see owners masked like everywhere else; overseers of the compound see them in full', async () => {
  await h.ok('demo-secretary', 'vehicle.register', { compoundId: COMPOUND, plate: '陕HA8888', ownerName: '欧阳娜娜', ownerPhone: '13800000008' });
  const seen = async (who: string) => (await h.ok(who, 'vehicle.list', { compoundId: COMPOUND })).items.find((v) => v.plate === '陕HA8888');
  expect(await seen('demo-volunteer-1')).toMatchObject({ ownerName: '欧**娜', ownerPhoneMasked: '138****0008' });
  for (const who of ['demo-secretary', 'demo-community-staff', 'demo-admin']) {
    expect({ who, v: await seen(who) }).toMatchObject({ who, v: { ownerName: '欧阳娜娜', ownerPhoneMasked: '138****0008' } });
  }
});
