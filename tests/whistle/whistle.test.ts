/** 社区吹哨·部门报到: raise → claim → report → close, contacts, stats, hours, bad input, overdue alerts. */
import { flagOverdueWhistles } from '../../server/whistle/jobs';
import { DEMO_UNIT_CONTACT, DEMO_WHISTLE } from '../../server/seed/whistle';
import { makeHarness, T0, type Harness } from '../support/harness';
import { memoryMedia } from '../support/media';

const COMMUNITY_STAFF = 'demo-community-staff';
const STREET_STAFF = 'demo-street-staff';
const ADMIN = 'demo-admin';
const CONTACT = DEMO_UNIT_CONTACT; // of 区住建局 (u-demo-agency-zj)
const ZJ = 'u-demo-agency-zj';
const CGJ = 'u-demo-agency-cgj';
const COMMUNITY = 'sz-s1-c01';
const HOUR = 3_600_000;

let h: Harness;
const media = memoryMedia();
beforeEach(async () => {
  h = await makeHarness({ services: { media } });
});
afterEach(() => h.close());

/** A photo `who` uploaded for a report on the request `whistleId`. */
const shot = (who: string, whistleId: string, name = 'a') => {
  const fileId = `cloud://lianfang-1a2b.6c69-lianfang-1a2b-1300000000/media/whistle/${who}/${whistleId}/${name}.jpg`;
  media.put(fileId);
  return fileId;
};

const raise = (over: Record<string, unknown> = {}) =>
  h.call(COMMUNITY_STAFF, 'whistle.raise', {
    orgId: COMMUNITY,
    requestId: 'req-whistle-0001',
    need: 'supplies',
    quantity: 200,
    detail: '急需医用口罩 200 只',
    place: '城关社区居委会',
    urgency: 'urgent',
    deadline: T0 + 6 * HOUR,
    unitIds: [ZJ, CGJ],
    ...over,
  } as never);

async function countDocs() {
  return Promise.all(['whistles', 'whistleStats', 'unitContacts', 'unitInvites', 'dutyHours', 'alerts'].map((c) => h.store.count(c as never)));
}

test('raised → claimed → reported → closed; hours credited to the unit; response time and completion rate', async () => {
  const raised = await raise();
  expect(raised.ok).toBe(true);
  if (!raised.ok) return;
  expect(raised.data).toMatchObject({ status: 'open', units: [{ id: ZJ }, { id: CGJ }], raisedByName: '李干事', overdue: false });
  // A retried raise is the same request.
  const again = await raise();
  expect(again.ok && again.data.id).toBe(raised.data.id);
  const id = raised.data.id;

  const inbox = await h.ok(CONTACT, 'whistle.inbox', {});
  expect(inbox.units).toEqual([{ id: ZJ, name: '区住建局机关党支部' }]);
  expect(inbox.items.map((w) => w.id)).toEqual([id, DEMO_WHISTLE]);

  h.clock.set(T0 + 30 * 60_000);
  const claimed = await h.ok(CONTACT, 'whistle.claim', { whistleId: id });
  expect(claimed).toMatchObject({ status: 'claimed', claimedUnitId: ZJ, claimedByName: '马强' });
  expect((await h.ok(CONTACT, 'whistle.claim', { whistleId: id })).claimedAt).toBe(claimed.claimedAt);

  const photo = shot(CONTACT, id);
  const reported = await h.ok(CONTACT, 'whistle.report', { whistleId: id, people: 3, hours: 2.5, supplies: '口罩 200 只', photos: [photo] });
  expect(reported.status).toBe('reported');
  expect(reported.report).toMatchObject({
    people: 3,
    hours: 2.5,
    supplies: '口罩 200 只',
    photos: [`https://media.test/${encodeURIComponent(photo)}?for=${CONTACT}`],
    byName: '马强',
  });
  // The requester's side sees the photo through a URL made for them.
  const theirs = await h.ok(COMMUNITY_STAFF, 'whistle.list', { orgId: COMMUNITY, status: 'reported' });
  expect(theirs.items[0].report?.photos).toEqual([`https://media.test/${encodeURIComponent(photo)}?for=${COMMUNITY_STAFF}`]);

  const closed = await h.ok(COMMUNITY_STAFF, 'whistle.close', { whistleId: id, decision: 'confirm' });
  expect(closed.status).toBe('closed');
  const retry = await h.call(COMMUNITY_STAFF, 'whistle.close', { whistleId: id, decision: 'confirm' });
  expect(retry.ok && retry.meter.writes).toBe(0);

  // 3 people × 2.5 h = 450 minutes on 区住建局's week, as duty.hours shows the unit.
  const hours = await h.ok(ADMIN, 'duty.hours', { orgId: 'sz' });
  expect(hours.units.find((u) => u.unitId === ZJ)).toMatchObject({ minutes: 450 });

  const units = await h.ok(COMMUNITY_STAFF, 'whistle.units', { orgId: COMMUNITY });
  expect(units.items.find((u) => u.id === ZJ)).toMatchObject({ asked: 2, claimed: 1, closed: 1, avgResponseMinutes: 30, completionRate: 1, contacts: 1 });
  expect(units.items.find((u) => u.id === CGJ)).toMatchObject({ asked: 2, claimed: 0, avgResponseMinutes: null, completionRate: null });
  const list = await h.ok(STREET_STAFF, 'whistle.list', { orgId: 'sz-s1', status: 'closed' });
  expect(list.items.map((w) => w.id)).toEqual([id]);
});

test('the requester reopens with a reason: back to the unit, which reports again', async () => {
  const r = await raise();
  const id = r.ok ? r.data.id : '';
  await h.ok(CONTACT, 'whistle.claim', { whistleId: id });
  await h.ok(CONTACT, 'whistle.report', { whistleId: id, people: 0, hours: 0, supplies: '口罩 100 只', photos: [] });
  const noReason = await h.call(COMMUNITY_STAFF, 'whistle.close', { whistleId: id, decision: 'reopen' });
  expect(noReason).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.note' } } });
  const reopened = await h.ok(COMMUNITY_STAFF, 'whistle.close', { whistleId: id, decision: 'reopen', note: '数量不足，还差 100 只' });
  expect(reopened).toMatchObject({ status: 'claimed', reopens: 1, reopenNote: '数量不足，还差 100 只' });
  expect(reopened.report).toBeUndefined();
  const early = await h.call(COMMUNITY_STAFF, 'whistle.close', { whistleId: id, decision: 'confirm' });
  expect(early).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
});

test('contacts: bound by a code from street or district staff; only their units’ requests; another unit’s claim is a conflict', async () => {
  const refused = await h.call(COMMUNITY_STAFF, 'whistle.invite', { unitId: CGJ, requestId: 'invite-cgj-01' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const { code } = await h.ok(ADMIN, 'whistle.invite', { unitId: CGJ, requestId: 'invite-cgj-01' });
  const stranger = await h.call('demo-resident-2', 'whistle.inbox', {});
  expect(stranger).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await h.ok('demo-resident-2', 'whistle.join', { code })).toEqual({ unitId: CGJ, unitName: '区城管局' });
  expect(await h.ok('demo-resident-2', 'whistle.join', { code })).toEqual({ unitId: CGJ, unitName: '区城管局' });
  const used = await h.call('demo-resident-1', 'whistle.join', { code });
  expect(used).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });

  const r = await raise({ unitIds: [CGJ] });
  const id = r.ok ? r.data.id : '';
  // 区住建局's contact was not asked: the request does not exist for them.
  const hidden = await h.call(CONTACT, 'whistle.claim', { whistleId: id });
  expect(hidden).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'data.whistleId' } } });
  expect(hidden.meter.writes).toBe(0);

  // The demo request asked 区住建局 and 区城管局: the first to claim it holds it.
  await h.ok(CONTACT, 'whistle.claim', { whistleId: DEMO_WHISTLE });
  const second = await h.call('demo-resident-2', 'whistle.claim', { whistleId: DEMO_WHISTLE });
  expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该需求已由「区住建局机关党支部」认领' } });
  const notTheirs = await h.call('demo-resident-2', 'whistle.report', { whistleId: DEMO_WHISTLE, people: 1, hours: 1, photos: [] });
  expect(notTheirs).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
});

test('every unit of a kind; requests go only to units of the node’s street and district', async () => {
  const r = await h.ok(COMMUNITY_STAFF, 'whistle.raise', {
    orgId: COMMUNITY,
    requestId: 'req-whistle-kind',
    need: 'manpower',
    quantity: 10,
    detail: '入户摸排人手不足',
    place: '城关社区',
    urgency: 'normal',
    deadline: T0 + 24 * HOUR,
    agencyKind: 'organ',
  });
  expect(r.units.map((u) => u.name).sort()).toEqual(['区住建局机关党支部', '区城管局', '区房管局'].sort());
});

test.each([
  ['quantity', { quantity: 0 }],
  ['deadline', { deadline: T0 - 1 }],
  ['deadline', { deadline: T0 + 40 * 24 * HOUR }],
  ['unitIds', { unitIds: undefined }],
  ['unitIds', { agencyKind: 'organ' }],
  ['unitIds.0', { unitIds: ['u-demo-group1'] }],
  ['need', { need: 'money' }],
  ['urgency', { urgency: 'now' }],
  ['detail', { detail: '口罩\u202e' }],
  ['place', { place: '' }],
  ['orgId', { orgId: 'sz-s1-c01-x01-b01' }],
])('raise: bad %s is refused naming it, and writes nothing', async (field, over) => {
  const before = await countDocs();
  const r = await raise(over);
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: `data.${field}` } } });
  expect(r.meter.writes).toBe(0);
  expect(await countDocs()).toEqual(before);
});

test.each([
  ['hours', { people: 2, hours: 0 }],
  ['hours', { people: 2, hours: 1.2 }],
  ['hours', { people: 2, hours: 25 }],
  ['people', { people: 0, hours: 0 }],
  ['people', { people: -1, hours: 1 }],
  ['photos.0', { photos: ['http://example.com/a.jpg'] }],
  ['photos', { photos: Array.from({ length: 10 }, (_, i) => shot(CONTACT, DEMO_WHISTLE, `p${i}`)) }],
  ['photos', { photos: [shot(CONTACT, DEMO_WHISTLE), shot(CONTACT, DEMO_WHISTLE)] }],
  ['photos.0', { photos: [shot(STREET_STAFF, DEMO_WHISTLE)] }],
  ['photos.0', { photos: [shot(CONTACT, 'w0000000000000000000000000')] }],
  ['photos.0', { photos: [`local://media/inspect/${CONTACT}/${DEMO_WHISTLE}/a.jpg`] }],
  ['photos.0', { photos: [`local://media/whistle/${CONTACT}/${DEMO_WHISTLE}/never-uploaded.jpg`] }],
])('report: bad %s is refused naming it, and writes nothing', async (field, over) => {
  await h.ok(CONTACT, 'whistle.claim', { whistleId: DEMO_WHISTLE });
  const before = await countDocs();
  const r = await h.call(CONTACT, 'whistle.report', { whistleId: DEMO_WHISTLE, people: 1, hours: 1, photos: [], ...over } as never);
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: `data.${field}` } } });
  expect(r.meter.writes).toBe(0);
  expect(await countDocs()).toEqual(before);
});

test('overdue: one alert per request and deadline at the raising community, none once reported', async () => {
  const r = await raise();
  const id = r.ok ? r.data.id : '';
  const other = await raise({ requestId: 'req-whistle-0002' });
  const otherId = other.ok ? other.data.id : '';
  await h.ok(CONTACT, 'whistle.claim', { whistleId: otherId });
  await h.ok(CONTACT, 'whistle.report', { whistleId: otherId, people: 2, hours: 1, photos: [] });

  expect(await flagOverdueWhistles(h.store, T0 + 5 * HOUR)).toBe(0);
  const late = T0 + 7 * HOUR;
  h.clock.set(late);
  expect(await flagOverdueWhistles(h.store, late)).toBe(1);
  expect(await flagOverdueWhistles(h.store, late + HOUR)).toBe(0);
  const alert = await h.store.get('alerts', `whistle.overdue:${id}:${T0 + 6 * HOUR}`);
  expect(alert).toMatchObject({ kind: 'whistle.overdue', orgId: COMMUNITY, severity: 'high', status: 'open', assigneeOrgId: COMMUNITY });
  expect(await h.store.count('alerts', { kind: 'whistle.overdue' })).toBe(1);
  expect((await h.ok(COMMUNITY_STAFF, 'whistle.list', { orgId: COMMUNITY, status: 'open' })).items.find((w) => w.id === id)?.overdue).toBe(true);
});
