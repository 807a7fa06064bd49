import { escalateDue } from '../../server/alerts/escalate';
import { ACK_WITHIN, planAlerts, raiseAlert, raiseAlerts, type AlertInput } from '../../server/alerts/model';
import { T0 } from '../support/harness';
import { addUser, COMMUNITY, COMPOUND, makeAlertHarness, type AlertHarness } from './fixture';

let h: AlertHarness;

beforeEach(async () => {
  h = await makeAlertHarness();
});
afterEach(() => h.close());

const noshow = (over: Partial<AlertInput> = {}): AlertInput => ({
  key: 'duty.noshow:shift-0001',
  kind: 'duty.noshow',
  severity: 'critical',
  orgId: COMPOUND,
  data: { post: '东门', shift: '08:00–12:00' },
  by: { openid: 'demo-volunteer-1', name: '赵磊' },
  ...over,
});

test('raises once per key and tells every secretary of the compound, in the outbox', async () => {
  await addUser(h, 'secretary-2', [['secretary', COMPOUND]], '副书记');
  expect(await raiseAlerts(h.store, [noshow(), noshow()], T0)).toBe(1);
  h.clock.set(T0 + 1000);
  expect(await raiseAlerts(h.store, [noshow({ severity: 'low', data: {} })], h.clock.now())).toBe(0);

  const doc = await h.alertDoc('duty.noshow:shift-0001');
  expect(doc).toMatchObject({
    kind: 'duty.noshow',
    severity: 'critical',
    title: '值守人员未到岗',
    orgId: COMPOUND,
    orgName: '威尼斯水城',
    path: ['sz', 'sz-s1', COMMUNITY, COMPOUND],
    role: 'secretary',
    assigneeOrgId: COMPOUND,
    assigneeDepth: 3,
    status: 'open',
    createdAt: T0,
    ackDeadline: T0 + ACK_WITHIN.critical,
    data: { post: '东门', shift: '08:00–12:00' },
    steps: [{ at: T0, kind: 'raised', orgId: COMPOUND, role: 'secretary', by: '赵磊', byId: 'demo-volunteer-1' }],
  });
  expect(await h.pushes(doc._id)).toEqual({ 0: ['demo-secretary', 'secretary-2'] });
  const push = await h.store.get('outbox', `alert:${doc._id}:0:demo-secretary`);
  expect(push).toMatchObject({
    kind: 'alert',
    template: 'alert',
    to: 'demo-secretary',
    state: 'pending',
    page: '/staff/pages/alerts/alerts',
    values: { title: '值守人员未到岗', place: '威尼斯水城', level: '特急', time: String(T0), note: '请尽快确认并处置' },
  });
  // The view never shows openids.
  const view = (await h.ok('demo-secretary', 'alert.list', {})).items[0];
  expect(view.steps[0]).toEqual({ at: T0, kind: 'raised', orgId: COMPOUND, role: 'secretary', by: '赵磊' });
});

test('inside the raiser’s own transaction: rolled back with it, idempotent within it', async () => {
  const [plan] = await planAlerts(h.store, [noshow()]);
  await expect(
    h.store.transaction(async (tx) => {
      await raiseAlert(tx, plan, T0);
      throw new Error('the raiser failed');
    }),
  ).rejects.toThrow('the raiser failed');
  expect(await h.store.count('alerts')).toBe(0);
  expect(await h.store.count('outbox', { kind: 'alert' })).toBe(0);

  const results = await h.store.transaction(async (tx) => [await raiseAlert(tx, plan, T0), await raiseAlert(tx, plan, T0 + 5)]);
  expect(results.map((r) => r.raised)).toEqual([true, false]);
  expect(results[1].alert.createdAt).toBe(T0);
  expect(await h.store.count('outbox', { kind: 'alert' })).toBe(1);
});

test('an alert about a building waits on its compound’s secretary', async () => {
  const building = 'sz-s1-c01-x01-b02';
  await raiseAlerts(h.store, [noshow({ key: 'duty.noshow:b02', orgId: building })], T0);
  expect(await h.alertDoc('duty.noshow:b02')).toMatchObject({
    orgId: building,
    path: ['sz', 'sz-s1', COMMUNITY, COMPOUND, building],
    assigneeOrgId: COMPOUND,
    assigneeDepth: 3,
    role: 'secretary',
  });
  expect((await h.ok('demo-secretary', 'alert.list', {})).items.map((a) => [a.id, a.orgName])).toEqual([['duty.noshow:b02', '2号楼']]);
});

test('a level with nobody in post is noted, and the alert climbs on time', async () => {
  const empty = 'sz-s1-c01-x03'; // no secretary seeded
  await raiseAlerts(h.store, [noshow({ key: 'duty.noshow:x03', orgId: empty })], T0);
  const doc = await h.alertDoc('duty.noshow:x03');
  expect(doc.steps[0].note).toContain('暂无人员');
  expect(await h.pushes(doc._id)).toEqual({});
  h.clock.set(T0 + ACK_WITHIN.critical);
  expect(await escalateDue(h.store, h.clock.now())).toMatchObject({ escalated: 1 });
  expect(await h.alertDoc(doc._id)).toMatchObject({ assigneeOrgId: COMMUNITY, role: 'staff' });
  expect(await h.pushes(doc._id)).toEqual({ 1: ['demo-community-staff'] });
});
