/** A person's rights over their data: who read it, a copy of it, and erasure. */
import type { PassDoc } from '../../server/pass/model';
import { DAY } from '../../server/core/time';
import { makeHarness, T0, type Harness } from '../support/harness';
import { COMPOUND, signedUpShift } from './support';

const GATE = 'sz-s1-c01-x01-g1';
const RESIDENT = 'demo-resident-1';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const approvedPass = (id: string, holder: string): PassDoc => ({
  _id: id,
  compoundId: COMPOUND,
  compoundName: '威尼斯水城',
  compoundPath: ['sz', 'sz-s1', 'sz-s1-c01'],
  buildingId: 'sz-s1-c01-x01-b01',
  holder,
  name: '张伟',
  relation: 'self',
  household: '1号楼1单元101',
  reason: '居家生活',
  status: 'approved',
  lockId: `lock-${id}`,
  createdAt: T0,
  validFrom: T0,
  validUntil: T0 + 30 * DAY,
});

describe('access log', () => {
  test('a list showing names in full writes one record for the whole page; the volunteer sees who, masked', async () => {
    const r = await h.call('demo-secretary', 'volunteer.list', { compoundId: COMPOUND });
    expect(r.ok && r.data.items.length).toBeGreaterThan(1);
    expect(r.meter.writes).toBe(1);
    const log = await h.store.query('accessLog');
    expect(log.items).toEqual([
      expect.objectContaining({
        viewer: 'demo-secretary',
        role: 'secretary',
        orgId: COMPOUND,
        action: 'volunteer.list',
        subjects: expect.arrayContaining(['demo-volunteer-1', 'demo-volunteer-2']),
      }),
    ]);
    const mine = await h.ok('demo-volunteer-1', 'account.accessLog', {});
    expect(mine.items).toEqual([{ who: '代*军（小区书记）', role: 'secretary', orgName: expect.any(String), what: '查看志愿者名单（姓名）', at: T0 }]);
    // Someone nobody looked at sees nothing; the viewer's own reads are not about them.
    expect((await h.ok(RESIDENT, 'account.accessLog', {})).items).toEqual([]);
    expect((await h.ok('demo-secretary', 'account.accessLog', {})).items).toEqual([]);
  });

  test('a list with nobody on it, or masked names only, writes nothing', async () => {
    const empty = await h.call('demo-secretary', 'volunteer.list', { compoundId: COMPOUND, status: 'rejected' });
    expect(empty).toMatchObject({ ok: true, data: { items: [] } });
    expect(empty.meter.writes).toBe(0);
    const masked = await h.call('demo-volunteer-1', 'duty.shifts', { compoundId: COMPOUND });
    expect(masked.ok).toBe(true);
    expect(masked.meter.writes).toBe(0);
  });
});

describe('export', () => {
  test('everything about the caller as JSON and a Chinese summary; audited', async () => {
    await h.store.insert('passes', approvedPass('exportpas1', RESIDENT));
    await h.ok(RESIDENT, 'health.report', { entries: [{ memberId: 1, temperature: 36.6, symptoms: [] }] });
    const r = await h.ok(RESIDENT, 'account.export', {});
    expect(r.data.census).toMatchObject({
      _id: 'sz-s1-c01-x01-b01:1-202',
      members: expect.arrayContaining([expect.objectContaining({ id: 1, name: '张伟' })]),
    });
    expect(r.data.healthReports).toEqual([expect.objectContaining({ personId: 'sz-s1-c01-x01-b01:1-202:1', temperature: 36.6 })]);
    expect(r.data.healthReports[0]).not.toHaveProperty('byId');
    expect(r.summary).toContain('健康上报（保留 28 天）：1 条');
    expect(r.data.account).toEqual({ openid: RESIDENT, name: '张伟', phone: expect.stringMatching(/^1380000/), createdAt: expect.any(Number) });
    expect(r.data.household).toMatchObject({ buildingId: 'sz-s1-c01-x01-b01' });
    expect(r.data.passes).toEqual([expect.objectContaining({ _id: 'exportpas1', name: '张伟' })]);
    expect(r.data.passes[0]).not.toHaveProperty('dpk');
    expect(r.summary).toContain('姓名 张伟');
    expect(r.summary).toContain('出入证：1 张');
    expect(r.truncated).toEqual([]);
    expect(await h.store.count('audit', { kind: 'export', subject: RESIDENT })).toBe(1);
  });
});

describe('delete', () => {
  test('erases the person, revokes their pass into the trust bundle, keeps counts; a retry answers the same', async () => {
    await h.store.insert('passes', approvedPass('erasepass1', RESIDENT));
    await h.store.insert('gateEvents', {
      _id: `${GATE}:e1`,
      clientId: 'e1',
      gateId: GATE,
      compoundId: COMPOUND,
      at: T0,
      day: '2026-11-28',
      kind: 'resident',
      direction: 'in',
      who: '张*',
      household: '1号楼1单元101',
      passId: 'erasepass1',
      phoneVerdict: 'allow',
      verdict: 'allow',
      mismatch: false,
      volunteer: 'demo-volunteer-1',
      receivedAt: T0,
    });
    const before = await h.ok('demo-volunteer-1', 'pass.trust', { compoundId: COMPOUND });
    expect(before.revoked).not.toContain('erasepass1');
    const cars = (await h.store.query('vehicles', { where: { compoundId: COMPOUND } })).items.filter((v) => v.ownerPhone === '13800000008');
    expect(cars).toHaveLength(1); // the seed registers one car to 张伟's phone

    await h.ok(RESIDENT, 'health.report', { entries: [{ memberId: 1, temperature: 36.6, symptoms: [] }] });
    const family = (await h.store.get('households', 'sz-s1-c01-x01-b01:1-202'))!.members.length;
    const people = (await h.ok('demo-admin', 'census.summary', { orgId: 'sz' })).total.people;

    const r = await h.ok(RESIDENT, 'account.delete', { confirm: '确认注销' });
    expect(r).toEqual({
      deleted: true,
      passesRevoked: 1,
      gateEventsCleared: 1,
      vehiclesRemoved: 1,
      volunteerRecords: 0,
      duties: 0,
      casesReported: 0,
      census: 2,
    });
    // Their own census record and health report go; the family's stay, and the counters follow.
    const household = await h.store.get('households', 'sz-s1-c01-x01-b01:1-202');
    expect(household?.members.map((m) => m.name) ?? []).not.toContain('张伟');
    expect(household?.members.length ?? 0).toBe(family - 1);
    expect(await h.store.get('healthReports', 'sz-s1-c01-x01-b01:1-202:1:2026-11-28')).toBeNull();
    expect((await h.ok('demo-admin', 'census.summary', { orgId: 'sz' })).total.people).toBe(people - 1);

    const user = await h.store.get('users', RESIDENT);
    expect(user).toMatchObject({ grants: [], grantKeys: [], erasedAt: T0 });
    expect(user).not.toHaveProperty('name');
    expect(user).not.toHaveProperty('phone');
    expect(user).not.toHaveProperty('household');
    expect(await h.store.get('passes', 'erasepass1')).toMatchObject({ status: 'revoked', name: '已注销', household: '', reason: '' });
    const ev = await h.store.get('gateEvents', `${GATE}:e1`);
    expect(ev).toMatchObject({ verdict: 'allow', direction: 'in' });
    expect(ev).not.toHaveProperty('who');
    const after = await h.ok('demo-volunteer-1', 'pass.trust', { compoundId: COMPOUND });
    expect(after.revoked).toContain('erasepass1');
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.plates).not.toContain(cars[0].plate);
    expect(await h.store.count('audit', { kind: 'erase', subject: RESIDENT })).toBe(1);

    const retry = await h.call(RESIDENT, 'account.delete', { confirm: '确认注销' });
    expect(retry).toMatchObject({ ok: true, data: { deleted: true, passesRevoked: 0, gateEventsCleared: 0 } });
    expect(retry.meter.writes).toBe(0);
    expect(await h.ok(RESIDENT, 'account.me', {})).toMatchObject({ registered: false, name: null, grants: [] });
  });

  test('a volunteer loses their application and future sign-ups', async () => {
    const shift = await signedUpShift(h);
    const r = await h.ok('demo-volunteer-1', 'account.delete', { confirm: '确认注销' });
    expect(r).toMatchObject({ volunteerRecords: 1, duties: 1 });
    expect((await h.store.get('shifts', shift._id))!.crew).toEqual([]);
    expect(await h.store.count('volunteers', { openid: 'demo-volunteer-1' })).toBe(0);
    expect(await h.store.count('dutyDays', { openid: 'demo-volunteer-1' })).toBe(0);
  });

  test('refused without the confirmation, and for someone holding a staff role; nothing written', async () => {
    const bad = await h.call(RESIDENT, 'account.delete', { confirm: '确认' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.confirm' } } });
    expect(bad.meter.writes).toBe(0);
    const staff = await h.call('demo-secretary', 'account.delete', { confirm: '确认注销' });
    expect(staff).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('小区书记') } });
    expect(staff.meter.writes).toBe(0);
    expect(await h.store.get('users', 'demo-secretary')).toMatchObject({ name: '代红军' });
  });
});
