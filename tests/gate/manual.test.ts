/**
 * A resident without a code: the household is looked up (masked names only), the volunteer
 * records the entry by hand with a reason, the server decides it again from the pass as stored,
 * and the secretary sees it counted and filtered. And the 正常 key: an entry with a band, no reading.
 */
import type { GateEventInput } from '../../typings/pass';
import { DAY } from '../../server/core/time';
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

const household = async (openid = 'demo-resident-1') => (await h.store.get('users', openid))!.household!;
const lookup = async (over: Record<string, string> = {}, who = 'demo-volunteer-1') => {
  const hh = await household();
  return h.call(who, 'gate.lookup', { compoundId: COMPOUND, buildingId: hh.buildingId, unit: hh.unit, room: hh.room, ...over });
};
const manual = (over: Partial<GateEventInput> = {}): GateEventInput => ({
  id: `man-${String(++seq).padStart(6, '0')}`,
  at: T0,
  kind: 'resident',
  direction: 'in',
  method: 'manual',
  passId: pass.passId,
  manualReason: '手机没电',
  temperatureBand: 'normal',
  verdict: 'allow',
  ...over,
});
const sync = (events: GateEventInput[]) => h.call('demo-volunteer-1', 'gate.sync', { gateId: GATE, events });

describe('gate.lookup', () => {
  it('answers the household’s approved passes with masked names, and writes nothing', async () => {
    const before = await h.store.count('accessLog', {});
    const r = await lookup();
    expect(r).toMatchObject({ ok: true, data: { household: '1号楼1单元202', items: [{ passId: pass.passId, nameMasked: '张*', relation: 'self' }] } });
    expect(r.meter.writes).toBe(0);
    expect(await h.store.count('accessLog', {})).toBe(before);
    expect(JSON.stringify(r)).not.toMatch(/张三/);
  });

  it('leaves out a revoked pass', async () => {
    await h.ok('demo-secretary', 'pass.revoke', { passId: pass.passId, reason: '已搬离本小区' });
    const r = await lookup();
    expect(r.ok && r.data.items).toEqual([]);
  });

  it('another room, or a building of another compound, finds nothing of this household', async () => {
    const other = await lookup({ room: '999' });
    expect(other.ok && other.data).toEqual({ household: '1号楼1单元999', items: [] });
    const foreign = await lookup({ buildingId: 'sz-s1-c01-x02-b01' });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.buildingId' } } });
  });

  it('refuses a malformed room with the field named', async () => {
    const r = await lookup({ room: '2 02' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('房号'), details: { field: 'data.room' } } });
  });
});

describe('a manual entry', () => {
  it('is decided from the pass as stored, keeps its reason and band, and the secretary counts and filters it', async () => {
    const r = await sync([manual()]);
    expect(r.ok && r.data.results[0]).toEqual({ id: 'man-000001', verdict: 'allow', mismatch: false, who: '张*', household: '1号楼1单元202' });
    const doc = await h.store.get('gateEvents', `${GATE}:man-000001`);
    expect(doc).toMatchObject({ method: 'manual', manualReason: '手机没电', passId: pass.passId, temperatureBand: 'normal' });
    expect(doc).not.toHaveProperty('temperature');

    await sync([
      { ...manual(), method: undefined, passId: undefined, manualReason: undefined, qr: pass.qrAt(T0), temperatureBand: undefined, temperature: 36.6 },
    ]);
    const log = await h.ok('demo-secretary', 'gate.log', { compoundId: COMPOUND });
    expect(log.today).toEqual({ allow: 2, deny: 0, manual: 1 });
    const only = await h.ok('demo-secretary', 'gate.log', { compoundId: COMPOUND, method: 'manual' });
    expect(only.items).toEqual([
      expect.objectContaining({ id: 'man-000001', method: 'manual', manualReason: '手机没电', temperatureBand: 'normal', who: '张*' }),
    ]);
  });

  it('an unknown pass or a revoked one is refused whatever the phone said', async () => {
    const r1 = await sync([manual({ passId: 'zzzzzzzzzz' })]);
    expect(r1.ok && r1.data.results[0]).toMatchObject({ verdict: 'deny', reason: 'NO_PASS', mismatch: true });
    await h.ok('demo-secretary', 'pass.revoke', { passId: pass.passId, reason: '已搬离本小区' });
    const r2 = await sync([manual()]);
    expect(r2.ok && r2.data.results[0]).toMatchObject({ verdict: 'deny', reason: 'REVOKED', mismatch: true });
  });

  it('a pass that expired before the entry is refused; synced late, one that was valid then still counts', async () => {
    const doc = (await h.store.get('passes', pass.passId))!;
    await h.store.update('passes', pass.passId, { validUntil: T0 - 1 });
    const late = await sync([manual()]);
    expect(late.ok && late.data.results[0]).toMatchObject({ verdict: 'deny', reason: 'EXPIRED' });
    await h.store.update('passes', pass.passId, { validUntil: doc.validUntil });
    h.clock.set(T0 + 2 * DAY);
    await h.store.update('passes', pass.passId, { validUntil: T0 + DAY });
    const earlier = await sync([manual({ at: T0 })]);
    expect(earlier.ok && earlier.data.results[0]).toMatchObject({ verdict: 'allow' });
  });

  it('fever typed on a manual entry denies it and raises the alert with the masked name', async () => {
    const r = await sync([manual({ temperatureBand: undefined, temperature: 37.8, verdict: 'deny', reason: 'FEVER' })]);
    expect(r.ok && r.data.results[0]).toMatchObject({ verdict: 'deny', reason: 'FEVER' });
    const alerts = await h.store.query('alerts', { where: { orgId: COMPOUND } });
    expect(alerts.items[0]).toMatchObject({ data: { temperature: 37.8, who: '张*', household: '1号楼1单元202' } });
  });

  it.each([
    ['without a reason', { manualReason: undefined }, 'data.events.0.manualReason'],
    ['without a pass', { passId: undefined }, 'data.events.0.passId'],
    ['with a code as well', { qr: 'LF1.x' }, 'data.events.0.qr'],
    ['for a courier', { kind: 'courier', person: { courierKind: 'courier', company: '顺丰' } }, 'data.events.0.method'],
    ['with both a reading and the band', { temperature: 36.5 }, 'data.events.0.temperatureBand'],
    ['entering with neither a reading nor the band', { temperatureBand: undefined }, 'data.events.0.temperature'],
  ] as Array<[string, Partial<GateEventInput>, string]>)('is refused %s, naming the field, writing nothing', async (_name, over, field) => {
    const r = await sync([manual(over)]);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field } } });
    expect(r.meter.writes).toBe(0);
  });

  it('a reason or pass on a scanned entry is refused', async () => {
    const r = await sync([manual({ method: undefined, qr: pass.qrAt(T0) })]);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.events.0.passId' } } });
  });
});
