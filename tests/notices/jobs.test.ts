import { pushNotices, remindUnacked, type LaggingNode } from '../../server/notices/jobs';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { makeHarness, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ residents: 1200 });
});
afterEach(() => h.close());

const outboxFor = (kind: string) => h.store.count('outbox', { kind });

test('important notices are pushed to their whole audience in pages, once; normal ones are not pushed', async () => {
  await h.ok('demo-street-staff', 'notice.publish', {
    scopeOrgId: 'sz-s1',
    title: '普通通知',
    body: '内容',
    level: 'normal',
    audience: 'residents',
    requireAck: false,
  });
  const n = await h.ok('demo-street-staff', 'notice.publish', {
    scopeOrgId: 'sz-s1',
    title: '重要通知',
    body: '内容',
    level: 'important',
    audience: 'residents',
    requireAck: false,
  });
  const audience = await h.store.count('users', { reach: { $has: 'residents:sz-s1' } });
  expect(audience).toBeGreaterThan(500); // more than one page
  let rounds = 0;
  while ((await h.store.get('notices', n.id))!.push !== 'done') {
    await pushNotices(h.store, h.clock.now());
    if (++rounds > 10) throw new Error('push never finished');
  }
  expect(rounds).toBeGreaterThan(1);
  expect(await outboxFor('notice')).toBe(audience);
  await pushNotices(h.store, h.clock.now());
  expect(await outboxFor('notice')).toBe(audience);
  expect(await h.store.get('outbox', `notice:${n.id}:demo-resident-1`)).toMatchObject({
    template: 'notice',
    to: 'demo-resident-1',
    values: { title: '重要通知', level: '重要' },
  });
});

test('an overdue urgent notice reminds only unacked readers and names the lagging child nodes, once', async () => {
  const n = await h.ok('demo-secretary', 'notice.publish', {
    scopeOrgId: 'sz-s1-c01-x01',
    title: '紧急：今晚核酸',
    body: '20:00 东门',
    level: 'urgent',
    audience: 'residents',
    requireAck: true,
  });
  const audience = await h.store.query('users', { where: { reach: { $has: 'residents:sz-s1-c01-x01' } }, limit: 1000 });
  // Everyone in 1号楼 acks; nobody elsewhere does.
  const inB1 = audience.items.filter((u) => u.household?.buildingId === 'sz-s1-c01-x01-b01');
  for (const u of inB1) await h.ok(u._id, 'notice.ack', { noticeId: n.id });

  const lagging: LaggingNode[] = [];
  expect(await remindUnacked(h.store, h.clock.now(), async (l) => void lagging.push(...l))).toBe(0); // not due yet
  h.clock.advance(DEFAULT_CONFIG.notices.urgentAckMs + 1);
  while ((await h.store.get('notices', n.id))!.remindedAt === undefined) {
    await remindUnacked(h.store, h.clock.now(), async (l) => void lagging.push(...l));
  }
  expect(await outboxFor('notice.remind')).toBe(audience.items.length - inB1.length);
  expect(await h.store.get('outbox', `notice.remind:${n.id}:${inB1[0]._id}`)).toBeNull();
  const buildings = new Set(audience.items.map((u) => u.household!.buildingId));
  buildings.delete('sz-s1-c01-x01-b01');
  expect(lagging.map((l) => l.orgId).sort()).toEqual([...buildings].sort());
  // Later ticks do nothing more.
  await remindUnacked(h.store, h.clock.now() + 60_000, async (l) => void lagging.push(...l));
  expect(lagging).toHaveLength(buildings.size);
});

test('the notice tick raises one alert per lagging node, for that node’s own staff', async () => {
  const { noticeTick } = await import('../../server/notices/jobs');
  const n = await h.ok('demo-street-staff', 'notice.publish', {
    scopeOrgId: 'sz-s1',
    title: '紧急：全街道排查',
    body: '今日完成',
    level: 'urgent',
    audience: 'staff',
    requireAck: true,
  });
  h.clock.advance(DEFAULT_CONFIG.notices.urgentAckMs + 1);
  for (let i = 0; i < 5; i++) await noticeTick(h.store, h.clock.now());
  const alert = await h.store.get('alerts', `notice.unacked:${n.id}:sz-s1-c01`);
  expect(alert).toMatchObject({ kind: 'notice.unacked', orgId: 'sz-s1-c01' });
  const list = await h.ok('demo-community-staff', 'alert.list', {});
  expect(list.items.map((a) => a.id)).toContain(`notice.unacked:${n.id}:sz-s1-c01`);
});
