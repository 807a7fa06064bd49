/** The retention purge: old personal records go, newer stay, gate counts survive, a second run changes nothing. */
import { DEFAULT_CONFIG, readConfig } from '../../server/core/config';
import { DAY, dayOf } from '../../server/core/time';
import { purgeExpired } from '../../server/account/retention';
import type { GateEventDoc } from '../../server/gate/model';
import type { OutboxDoc } from '../../server/messaging/outbox';
import { TIMER } from '../../server/timer';
import { makeHarness, T0, type Harness } from '../support/harness';
import { COMPOUND, signedUpShift } from './support';

const GATE = 'sz-s1-c01-x01-g1';
const OLD = T0 - 30 * DAY; // 2026-10-29 08:00 Asia/Shanghai
const RECENT = T0 - 10 * DAY;

let h: Harness;
let n = 0;
const event = (at: number, over: Partial<GateEventDoc> = {}): GateEventDoc => {
  const clientId = `ev${String(++n).padStart(6, '0')}`;
  return {
    _id: `${GATE}:${clientId}`,
    clientId,
    gateId: GATE,
    compoundId: COMPOUND,
    at,
    day: dayOf(at),
    kind: 'resident',
    direction: 'in',
    who: '张*',
    household: '1号楼1单元101',
    phoneVerdict: 'allow',
    verdict: 'allow',
    mismatch: false,
    volunteer: 'demo-volunteer-1',
    receivedAt: at,
    ...over,
  };
};
const push = (id: string, createdAt: number, state: OutboxDoc['state']): OutboxDoc => ({
  _id: id,
  kind: 'test',
  template: 'notice',
  to: 'demo-resident-1',
  values: {},
  state,
  attempts: 1,
  nextAt: createdAt,
  createdAt,
});

beforeEach(async () => {
  h = await makeHarness();
  await h.store.insertMany('gateEvents', [
    event(OLD),
    event(OLD + 1000),
    event(OLD + 2000, { direction: 'out' }),
    event(OLD + 3000, { verdict: 'deny', reason: 'FEVER', temperature: 38.2 }),
    event(OLD + 4000, { verdict: 'deny', reason: 'COURIER', kind: 'courier' }),
    event(RECENT),
    event(RECENT + 1000, { verdict: 'deny', reason: 'FEVER' }),
  ]);
  await h.store.insertMany('outbox', [push('old-sent', OLD, 'sent'), push('old-pending', OLD, 'pending'), push('new-sent', RECENT, 'sent')]);
  await h.store.insertMany('accessLog', [
    {
      _id: 'acc-old',
      viewer: 'demo-secretary',
      role: 'secretary',
      orgId: COMPOUND,
      subjects: ['demo-volunteer-1'],
      action: 'volunteer.list',
      at: T0 - 200 * DAY,
    },
    { _id: 'acc-new', viewer: 'demo-secretary', role: 'secretary', orgId: COMPOUND, subjects: ['demo-volunteer-1'], action: 'volunteer.list', at: OLD },
  ]);
});
afterEach(() => h.close());

const counts = () => h.store.query('dailyCounts', { orderBy: [{ field: 'day' }] }).then((p) => p.items);

test('events older than 28 days go, newer stay, and the old day is counted first', async () => {
  const report = await purgeExpired(h.store, T0, DEFAULT_CONFIG);
  expect(report).toMatchObject({ gateEvents: 5, counted: 1, outbox: 1, accessLog: 1 });
  const left = await h.store.query('gateEvents', { where: { compoundId: COMPOUND } });
  expect(left.items.map((e) => e.at).sort()).toEqual([RECENT, RECENT + 1000]);
  expect(await counts()).toEqual([
    expect.objectContaining({
      _id: `${COMPOUND}:2026-10-29`,
      nodeId: COMPOUND,
      path: ['sz', 'sz-s1', 'sz-s1-c01', COMPOUND],
      day: '2026-10-29',
      gate: { entries: 2, exits: 1, denied: 2, fevers: 1 },
    }),
  ]);
  expect((await h.store.query('outbox')).items.map((o) => o._id).sort()).toEqual(['new-sent', 'old-pending']);
  expect((await h.store.query('accessLog')).items.map((a) => a._id)).toEqual(['acc-new']);
});

test('a second run changes nothing', async () => {
  await purgeExpired(h.store, T0, DEFAULT_CONFIG);
  const before = await counts();
  const again = await purgeExpired(h.store, T0, DEFAULT_CONFIG);
  expect(again).toEqual({
    gateEvents: 0,
    counted: 0,
    alerts: 0,
    duties: 0,
    shifts: 0,
    dutyDays: 0,
    outbox: 0,
    cases: 0,
    accessLog: 0,
    disinfectLogs: 0,
    healthReports: 0,
    healthDays: 0,
  });
  expect(await counts()).toEqual(before);
});

test('in small batches (a crash between ticks) the day is still counted whole, once', async () => {
  const small = readConfig({ LF_RETENTION_BATCH: '2' });
  const first = await purgeExpired(h.store, T0, small);
  expect(first).toMatchObject({ gateEvents: 2, counted: 1 });
  for (let i = 0; i < 3; i++) await purgeExpired(h.store, T0, small);
  expect(await h.store.count('gateEvents', {})).toBe(2);
  expect((await counts()).map((c) => c.gate)).toEqual([{ entries: 2, exits: 1, denied: 2, fevers: 1 }]);
});

test('the period is configurable: with LF_RETENTION_DAYS=8 the recent events go too', async () => {
  await purgeExpired(h.store, T0, readConfig({ LF_RETENTION_DAYS: '8' }));
  expect(await h.store.count('gateEvents', {})).toBe(0);
  expect((await counts()).map((c) => c.day)).toEqual(['2026-10-29', dayOf(RECENT)]);
});

test('the timer runs it on its tick, and duties of shifts that ended long ago go with their crews', async () => {
  expect(TIMER.jobs).toContain(purgeExpired);
  const shift = await signedUpShift(h);
  expect(await h.store.count('duties', { openid: 'demo-volunteer-1' })).toBeGreaterThan(0);
  // 28 days after the shift ended nothing is purged yet; a day later it is.
  await purgeExpired(h.store, shift.end + 28 * DAY - 1, DEFAULT_CONFIG);
  expect(await h.store.get('duties', `${shift._id}:demo-volunteer-1`)).not.toBeNull();
  await purgeExpired(h.store, shift.end + 29 * DAY, DEFAULT_CONFIG);
  expect(await h.store.get('duties', `${shift._id}:demo-volunteer-1`)).toBeNull();
  expect(await h.store.get('shifts', shift._id)).toBeNull();
  expect(await h.store.count('dutyDays', { openid: 'demo-volunteer-1', day: shift.day })).toBe(0);
});
