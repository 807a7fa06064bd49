import { escalateDue } from '../../server/alerts/escalate';
import { ACK_WITHIN, raiseAlerts } from '../../server/alerts/model';
import { T0 } from '../support/harness';
import { addUser, COMMUNITY, COMPOUND, makeAlertHarness, OTHER_COMPOUND, STREET, type AlertHarness } from './fixture';

const HIGH = ACK_WITHIN.high;
let h: AlertHarness;

beforeEach(async () => {
  h = await makeAlertHarness();
});
afterEach(() => h.close());

const ids = async (openid: string, data: { status?: 'open' | 'acked' | 'resolved' } = {}) => (await h.ok(openid, 'alert.list', data)).items.map((a) => a.id);

test('a fever at the gate is listed for its compound’s secretary and their superiors, not for another compound’s', async () => {
  const id = await h.fever('evt-list-0001', 38.4);
  const { items, next } = await h.ok('demo-secretary', 'alert.list', {});
  expect(next).toBeUndefined();
  expect(items).toEqual([
    {
      id,
      kind: 'gate.fever',
      severity: 'high',
      title: '门岗测温异常',
      orgId: COMPOUND,
      orgName: '威尼斯水城',
      assigneeOrgId: COMPOUND,
      assigneeRole: 'secretary',
      status: 'open',
      createdAt: T0,
      ackDeadline: T0 + HIGH,
      data: expect.objectContaining({ temperature: 38.4, who: '张*', household: '1号楼1单元202' }),
      steps: [expect.objectContaining({ kind: 'raised', at: T0, orgId: COMPOUND, role: 'secretary' })],
    },
  ]);
  expect(await ids('demo-community-staff')).toEqual([id]);
  expect(await ids('demo-admin')).toEqual([id]);
  expect(await ids('other-secretary')).toEqual([]);
  expect(await ids('other-community-staff')).toEqual([]);
  expect(await h.act('demo-volunteer-1', 'alert.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('ack: the secretary’s is recorded once; a retry changes nothing', async () => {
  const id = await h.fever('evt-ack-0001');
  h.clock.set(T0 + 60_000);
  const acked = await h.act('demo-secretary', 'alert.ack', { alertId: id });
  expect(acked.ok && acked.data).toMatchObject({ status: 'acked', assigneeOrgId: COMPOUND });
  expect(acked.ok && acked.data.steps[1]).toEqual({ kind: 'acked', at: T0 + 60_000, orgId: COMPOUND, role: 'secretary', by: '代红军' });
  const again = await h.act('demo-secretary', 'alert.ack', { alertId: id });
  expect(again).toMatchObject({ ok: true, data: acked.ok ? acked.data : {} });
  expect(again.meter.writes).toBe(0);
  expect(await ids('demo-secretary', { status: 'acked' })).toEqual([id]);
  expect(await ids('demo-secretary', { status: 'open' })).toEqual([]);
});

test('an escalated alert: community staff can ack it; another compound’s secretary cannot, nor its own once it has climbed', async () => {
  const id = await h.fever('evt-esc-0001');
  h.clock.set(T0 + HIGH);
  await escalateDue(h.store, h.clock.now());
  const before = await h.alertDoc(id);

  const stranger = await h.act('other-secretary', 'alert.ack', { alertId: id });
  expect(stranger).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '预警不存在或无权访问' } });
  const late = await h.act('demo-secretary', 'alert.ack', { alertId: id });
  expect(late).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('社区工作人员') } });
  const peer = await h.act('other-community-staff', 'alert.resolve', { alertId: id, note: '已电话联系住户' });
  expect(peer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '预警不存在或无权访问' } });
  for (const r of [stranger, late, peer]) expect(r.meter.writes).toBe(0);
  expect(await h.alertDoc(id)).toEqual(before);

  const acked = await h.ok('demo-community-staff', 'alert.ack', { alertId: id });
  expect(acked).toMatchObject({ status: 'acked', assigneeOrgId: COMMUNITY, assigneeRole: 'staff' });
  expect(acked.steps[2]).toMatchObject({ kind: 'acked', orgId: COMMUNITY, role: 'staff', by: '李干事' });
});

test('a superior may step in before an alert reaches them', async () => {
  const id = await h.fever('evt-early-0001');
  const acked = await h.ok('demo-street-staff', 'alert.ack', { alertId: id });
  expect(acked).toMatchObject({ status: 'acked', assigneeOrgId: COMPOUND, assigneeRole: 'secretary' });
  expect(acked.steps[1]).toMatchObject({ kind: 'acked', orgId: STREET, role: 'staff' });
  // The secretary still closes it.
  expect(await h.ok('demo-secretary', 'alert.resolve', { alertId: id, note: '已送发热门诊' })).toMatchObject({ status: 'resolved' });
});

test('resolve needs a 2–200 character note, closes the alert for good, and a retry changes nothing', async () => {
  const id = await h.fever('evt-res-0001');
  for (const data of [{ alertId: id }, { alertId: id, note: ' 好 ' }, { alertId: id, note: '很'.repeat(201) }, { alertId: id, note: 7 }]) {
    const r = await h.actRaw('demo-secretary', 'alert.resolve', data);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('处置说明'), details: { field: 'data.note' } } });
    expect(r.meter.writes).toBe(0);
  }
  expect((await h.alertDoc(id)).status).toBe('open');

  h.clock.set(T0 + 120_000);
  const resolved = await h.ok('demo-secretary', 'alert.resolve', { alertId: id, note: '  复测36.8℃，已放行  ' });
  expect(resolved.status).toBe('resolved');
  expect(resolved.steps[1]).toEqual({ kind: 'resolved', at: T0 + 120_000, orgId: COMPOUND, role: 'secretary', by: '代红军', note: '复测36.8℃，已放行' });
  const again = await h.act('demo-secretary', 'alert.resolve', { alertId: id, note: '另一个说明' });
  expect(again).toMatchObject({ ok: true, data: resolved });
  expect(again.meter.writes).toBe(0);
  expect(await h.act('demo-secretary', 'alert.ack', { alertId: id })).toMatchObject({ ok: true, data: { status: 'resolved' } });

  h.clock.set(T0 + 10 * HIGH);
  expect(await escalateDue(h.store, h.clock.now())).toMatchObject({ escalated: 0, topped: 0 });
  expect(await ids('demo-secretary', { status: 'resolved' })).toEqual([id]);
  expect(await ids('demo-secretary', { status: 'open' })).toEqual([]);
});

test('list: open first, newest first; pages cleanly; a caller with two compounds sees both', async () => {
  await addUser(
    h,
    'two-hats',
    [
      ['secretary', COMPOUND],
      ['secretary', OTHER_COMPOUND],
    ],
    '两小区书记',
  );
  const raise = async (n: number, orgId: string) => {
    h.clock.set(T0 + n * 60_000);
    await raiseAlerts(h.store, [{ key: `duty.noshow:test-${n}`, kind: 'duty.noshow', severity: 'medium', orgId, data: { shift: n } }], h.clock.now());
    return `duty.noshow:test-${n}`;
  };
  const a1 = await raise(1, COMPOUND);
  const a2 = await raise(2, OTHER_COMPOUND);
  const a3 = await raise(3, COMPOUND);
  const a4 = await raise(4, OTHER_COMPOUND);
  const a5 = await raise(5, COMPOUND);
  await h.ok('two-hats', 'alert.ack', { alertId: a3 });
  await h.ok('two-hats', 'alert.resolve', { alertId: a4, note: '已补岗' });

  const all = [a5, a2, a1, a4, a3];
  expect(await ids('two-hats')).toEqual(all);
  expect(await ids('demo-secretary')).toEqual([a5, a1, a3]);
  expect(await ids('other-secretary')).toEqual([a2, a4]);
  expect(await ids('demo-community-staff')).toEqual(all);
  expect(await ids('two-hats', { status: 'open' })).toEqual([a5, a2, a1]);

  for (const limit of [1, 2, 3]) {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await h.ok('two-hats', 'alert.list', { limit, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.next;
      expect(++pages).toBeLessThan(10);
    } while (cursor);
    expect({ limit, seen }).toEqual({ limit, seen: all });
  }
});

describe('bad input: a clear error naming the field, nothing written', () => {
  const ALERT = `gate.fever:sz-s1-c01-x01-g1:evt-bad-0001`;
  const cases: Array<[string, string, string, unknown, string, string | undefined]> = [
    ['ack without an id', 'demo-secretary', 'alert.ack', {}, 'INVALID_ARGUMENT', 'data.alertId'],
    ['ack with a malformed id', 'demo-secretary', 'alert.ack', { alertId: 'no spaces please' }, 'INVALID_ARGUMENT', 'data.alertId'],
    ['ack with an unknown field', 'demo-secretary', 'alert.ack', { alertId: ALERT, force: true }, 'INVALID_ARGUMENT', 'data.force'],
    ['ack of an alert that does not exist', 'demo-secretary', 'alert.ack', { alertId: 'gate.fever:nope' }, 'NOT_FOUND', 'data.alertId'],
    ['resolve without a note', 'demo-secretary', 'alert.resolve', { alertId: ALERT }, 'INVALID_ARGUMENT', 'data.note'],
    ['list with limit 0', 'demo-secretary', 'alert.list', { limit: 0 }, 'INVALID_ARGUMENT', 'data.limit'],
    ['list with an unknown status', 'demo-secretary', 'alert.list', { status: 'closed' }, 'INVALID_ARGUMENT', 'data.status'],
    ['list with a forged cursor', 'demo-secretary', 'alert.list', { cursor: 'eyJwIjo3fQ' }, 'INVALID_ARGUMENT', 'data.cursor'],
    ['list with a garbled cursor', 'demo-secretary', 'alert.list', { cursor: '%%%' }, 'INVALID_ARGUMENT', 'data.cursor'],
    ['a volunteer acking', 'demo-volunteer-1', 'alert.ack', { alertId: ALERT }, 'FORBIDDEN', undefined],
    ['a resident listing', 'demo-resident-1', 'alert.list', {}, 'FORBIDDEN', undefined],
  ];
  test.each(cases)('%s', async (_name, who, action, data, code, field) => {
    expect(await h.fever('evt-bad-0001')).toBe(ALERT);
    const before = [await h.store.query('alerts'), await h.store.query('outbox')];
    const r = await h.actRaw(who, action, data);
    expect(r).toMatchObject({ ok: false, error: { code, ...(field ? { details: { field } } : {}) } });
    expect(r.ok || /[\u4e00-\u9fa5]/.test(r.error.message)).toBe(true);
    expect(r.meter.writes).toBe(0);
    expect([await h.store.query('alerts'), await h.store.query('outbox')]).toEqual(before);
  });
});
