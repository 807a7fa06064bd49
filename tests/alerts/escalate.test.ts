import { escalateDue } from '../../server/alerts/escalate';
import { ACK_WITHIN } from '../../server/alerts/model';
import { MeteredStore, type Meter } from '../../server/store/metered';
import type { Store } from '../../server/store/port';
import { T0 } from '../support/harness';
import { COMMUNITY, COMPOUND, DISTRICT, makeAlertHarness, STREET, type AlertHarness } from './fixture';

const HIGH = ACK_WITHIN.high; // gate fevers are 'high'
let h: AlertHarness;

beforeEach(async () => {
  h = await makeAlertHarness();
});
afterEach(() => h.close());

const escalate = () => escalateDue(h.store, h.clock.now());
const listed = async (openid: string) => (await h.ok(openid, 'alert.list', {})).items.map((a) => a.id);

test('unacked, a fever climbs compound → community → street → district, one level per deadline, each step recorded and pushed', async () => {
  const id = await h.fever('evt-climb-0001');
  const ladder: Array<[string, 'secretary' | 'staff', string[]]> = [
    [COMMUNITY, 'staff', ['demo-community-staff']],
    [STREET, 'staff', ['demo-street-staff']],
    [DISTRICT, 'staff', ['demo-admin', 'district-staff']],
  ];

  h.clock.set(T0 + HIGH - 1);
  expect(await escalate()).toEqual({ escalated: 0, topped: 0, skipped: 0 });

  for (const [i, [orgId, role, told]] of ladder.entries()) {
    h.clock.set(T0 + (i + 1) * HIGH);
    expect(await escalate()).toEqual({ escalated: 1, topped: 0, skipped: 0 });
    expect(await escalate()).toEqual({ escalated: 0, topped: 0, skipped: 0 }); // the timer again, same minute
    const view = (await h.ok('demo-admin', 'alert.list', {})).items.find((a) => a.id === id)!;
    expect(view).toMatchObject({ status: 'open', assigneeOrgId: orgId, assigneeRole: role, ackDeadline: h.clock.now() + HIGH });
    expect(view.steps).toHaveLength(i + 2);
    expect(view.steps[i + 1]).toMatchObject({ kind: 'escalated', at: h.clock.now(), orgId, role });
    expect((await h.pushes(id))[i + 1]).toEqual(told);
  }
  // Each level lost it as it climbed past them; the district sees it.
  expect(await listed('demo-secretary')).toEqual([]);
  expect(await listed('demo-community-staff')).toEqual([]);
  expect(await listed('demo-street-staff')).toEqual([]);
  expect(await listed('district-staff')).toEqual([id]);

  // At the district it stays: the overrun is recorded and pushed once, then the timer leaves it alone.
  h.clock.set(T0 + 4 * HIGH);
  expect(await escalate()).toEqual({ escalated: 0, topped: 1, skipped: 0 });
  h.clock.set(T0 + 40 * HIGH);
  expect(await escalate()).toEqual({ escalated: 0, topped: 0, skipped: 0 });
  const final = (await h.ok('district-staff', 'alert.list', {})).items[0];
  expect(final).toMatchObject({ assigneeOrgId: DISTRICT, assigneeRole: 'staff', status: 'open', ackDeadline: T0 + 4 * HIGH });
  expect(final.steps.map((s) => [s.kind, s.orgId])).toEqual([
    ['raised', COMPOUND],
    ['escalated', COMMUNITY],
    ['escalated', STREET],
    ['escalated', DISTRICT],
    ['escalated', DISTRICT],
  ]);
  expect(final.steps[4].note).toContain('无上级');
  const pushes = await h.pushes(id);
  expect(pushes[4]).toEqual(['demo-admin', 'district-staff']);
  expect(Object.keys(pushes).filter((k) => k !== '0')).toEqual(['1', '2', '3', '4']);
  // Nobody outside the chain was told.
  const everyone = new Set(Object.values(pushes).flat());
  for (const outsider of ['other-secretary', 'other-community-staff', 'demo-volunteer-1']) expect(everyone.has(outsider)).toBe(false);

  // The district can still close it.
  expect(await h.ok('district-staff', 'alert.ack', { alertId: id })).toMatchObject({ status: 'acked' });
});

test('an ack stops the climb', async () => {
  const id = await h.fever('evt-ack-0001');
  h.clock.set(T0 + 5 * 60_000);
  expect(await h.ok('demo-secretary', 'alert.ack', { alertId: id })).toMatchObject({ status: 'acked', assigneeOrgId: COMPOUND });
  h.clock.set(T0 + 10 * HIGH);
  expect(await escalate()).toEqual({ escalated: 0, topped: 0, skipped: 0 });
  const doc = await h.alertDoc(id);
  expect(doc).toMatchObject({ status: 'acked', assigneeOrgId: COMPOUND });
  expect(Object.keys(await h.pushes(id)).filter((k) => k !== '0')).toEqual([]);
});

test('overlapping runs take each step once', async () => {
  const id = await h.fever('evt-race-0001');
  h.clock.set(T0 + HIGH);
  const runs = await Promise.all([escalate(), escalate(), escalate()]);
  expect(runs.reduce((n, r) => n + r.escalated, 0)).toBe(1);
  expect((await h.alertDoc(id)).steps).toHaveLength(2);
  expect((await h.pushes(id))[1]).toEqual(['demo-community-staff']);

  // A run that read the alert before another run's step committed takes no step of its own.
  h.clock.set(T0 + 2 * HIGH);
  const staleRead = await h.store.query('alerts', { where: { status: 'open' } });
  expect(await escalate()).toMatchObject({ escalated: 1 });
  const stale: Store = Object.assign(Object.create(h.store), {
    query: (c: 'alerts', q: unknown) => (c === 'alerts' ? Promise.resolve(staleRead) : h.store.query(c, q as never)),
  });
  expect(await escalateDue(stale, h.clock.now())).toEqual({ escalated: 0, topped: 0, skipped: 1 });
  const doc = await h.alertDoc(id);
  expect(doc).toMatchObject({ assigneeOrgId: STREET });
  expect(doc.steps).toHaveLength(3);
  expect((await h.pushes(id))[2]).toEqual(['demo-street-staff']);
  expect((await h.pushes(id))[3]).toBeUndefined();
});

test('a run with nothing due costs one query and no writes', async () => {
  await h.fever('evt-cheap-0001');
  const meter: Meter = { reads: 0, writes: 0 };
  expect(await escalateDue(new MeteredStore(h.store, meter), T0 + HIGH - 1)).toEqual({ escalated: 0, topped: 0, skipped: 0 });
  expect(meter).toEqual({ reads: 1, writes: 0 });
});
