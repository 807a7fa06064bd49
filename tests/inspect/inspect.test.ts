/** 督促-整改-督促: finding → rectified → verified, the verifier never the rectifier, counters, overdue. */
import { markOverdueFindings } from '../../server/inspect/jobs';
import { DEMO_FINDING } from '../../server/seed/whistle';
import { makeHarness, T0, type Harness } from '../support/harness';
import { memoryMedia } from '../support/media';

const STREET_STAFF = 'demo-street-staff'; // staff at 城关街道 sz-s1
const ADMIN = 'demo-admin';
const COMMUNITY_STAFF = 'demo-community-staff';
const SECRETARY = 'demo-secretary';
const LEADER = 'demo-leader';
const COMPOUND = 'sz-s1-c01-x01';
const BUILDING = 'sz-s1-c01-x01-b01';
const HOUR = 3_600_000;
/** A photo `who` uploaded for the record keyed `key` (a finding's request id, or its id when rectifying). */
const shot = (who: string, key: string, name = 'after') => {
  const fileId = `cloud://lianfang-1a2b.6c69-lianfang-1a2b-1300000000/media/inspect/${who}/${key}/${name}.jpg`;
  media.put(fileId);
  return fileId;
};
const seen = (fileId: string, viewer: string) => `https://media.test/${encodeURIComponent(fileId)}?for=${viewer}`;

let h: Harness;
let media: ReturnType<typeof memoryMedia>;
beforeEach(async () => {
  media = memoryMedia();
  h = await makeHarness({ services: { media } });
});
afterEach(() => h.close());

const record = (over: Record<string, unknown> = {}, who = STREET_STAFF) =>
  h.call(who, 'inspect.record', {
    orgId: COMPOUND,
    requestId: 'req-inspect-0001',
    category: 'disinfect',
    item: 'disinfect-log',
    description: '3 号楼消毒记录缺失两天',
    photos: [],
    deadline: T0 + 24 * HOUR,
    ...over,
  } as never);

async function countDocs() {
  return Promise.all(['findings', 'inspectCounts', 'alerts'].map((c) => h.store.count(c as never)));
}

test('finding → rectified → verified; the report counts it by category and status at every level', async () => {
  const r = await record();
  expect(r.ok).toBe(true);
  const id = r.ok ? r.data.id : '';
  expect(r.ok && r.data).toMatchObject({ status: 'open', categoryName: '消毒', itemName: '消毒记录缺失', inspectorOrgId: 'sz-s1', recordedByName: '王干事' });
  const again = await record();
  expect(again.ok && again.data.id).toBe(id);

  const open = await h.ok(ADMIN, 'inspect.report', { orgId: 'sz' });
  expect(open.total).toEqual({ open: 2, rectified: 0, verified: 0, overdue: 0 }); // with the seeded finding
  expect(open.categories.map((c) => [c.name, c.open])).toEqual([
    ['出入口管理', 1],
    ['消毒', 1],
    ['人员摸排', 0],
    ['值守', 0],
  ]);
  expect(open.categories.flatMap((c) => c.items)).toHaveLength(12);

  h.clock.set(T0 + 5 * HOUR);
  const after = shot(SECRETARY, id);
  const fixed = await h.ok(SECRETARY, 'inspect.rectify', { findingId: id, note: '已补记并安排专人每日登记', photos: [after] });
  expect(fixed).toMatchObject({ status: 'rectified', rectification: { byName: '代红军', note: '已补记并安排专人每日登记', photos: [seen(after, SECRETARY)] } });
  // The street staff who will verify see the evidence through a URL made for them.
  const listed = await h.ok(STREET_STAFF, 'inspect.list', { orgId: COMPOUND, status: 'rectified' });
  expect(listed.items[0].rectification?.photos).toEqual([seen(after, STREET_STAFF)]);

  // The community is below the inspecting street: it may not verify.
  const below = await h.call(COMMUNITY_STAFF, 'inspect.verify', { findingId: id, decision: 'accept' });
  expect(below).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const verified = await h.ok(STREET_STAFF, 'inspect.verify', { findingId: id, decision: 'accept', note: '现场复核已整改' });
  expect(verified).toMatchObject({ status: 'verified', verification: { byName: '王干事', note: '现场复核已整改' } });
  const retry = await h.call(STREET_STAFF, 'inspect.verify', { findingId: id, decision: 'accept' });
  expect(retry.ok && retry.meter.writes).toBe(0);

  const street = await h.ok(STREET_STAFF, 'inspect.report', { orgId: 'sz-s1' });
  expect(street.total).toEqual({ open: 1, rectified: 0, verified: 1, overdue: 0 });
  expect(street.avgRectifyHours).toBe(5);
  expect(street.categories[1].items.find((i) => i.code === 'disinfect-log')).toMatchObject({ verified: 1 });
  expect(street.children).toEqual([{ orgId: 'sz-s1-c01', orgName: expect.any(String), avgRectifyHours: 5, open: 1, rectified: 0, verified: 1, overdue: 0 }]);
});

test('the verifier can never be the rectifier, even at the inspecting level', async () => {
  const r = await record();
  const id = r.ok ? r.data.id : '';
  // Street staff rectify it themselves (they cover the compound)...
  await h.ok(STREET_STAFF, 'inspect.rectify', { findingId: id, note: '街道督办，现场整改完毕', photos: [shot(STREET_STAFF, id)] });
  const before = await countDocs();
  const self = await h.call(STREET_STAFF, 'inspect.verify', { findingId: id, decision: 'accept' });
  expect(self).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: '核查人不能是整改人本人，请由督导层级的其他工作人员核查' } });
  expect(self.meter.writes).toBe(0);
  expect(await countDocs()).toEqual(before);
  // ...and someone else of that level or above verifies.
  expect((await h.ok(ADMIN, 'inspect.verify', { findingId: id, decision: 'accept' })).status).toBe('verified');
});

test('reopened with a reason and a new deadline: open again, counted open; another rectifier cannot overwrite', async () => {
  const r = await record({ orgId: BUILDING });
  const id = r.ok ? r.data.id : '';
  await h.ok(LEADER, 'inspect.rectify', { findingId: id, note: '已补记', photos: [shot(LEADER, id)] });
  const other = await h.call(SECRETARY, 'inspect.rectify', { findingId: id, note: '已补记', photos: [shot(SECRETARY, id)] });
  expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  const noDeadline = await h.call(STREET_STAFF, 'inspect.verify', { findingId: id, decision: 'reopen', note: '记录仍不完整' });
  expect(noDeadline).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.deadline' } } });
  const reopened = await h.ok(STREET_STAFF, 'inspect.verify', { findingId: id, decision: 'reopen', note: '记录仍不完整', deadline: T0 + 48 * HOUR });
  expect(reopened).toMatchObject({ status: 'open', reopens: 1, reopenNote: '记录仍不完整', deadline: T0 + 48 * HOUR });
  const report = await h.ok(SECRETARY, 'inspect.report', { orgId: COMPOUND });
  expect(report.total).toEqual({ open: 2, rectified: 0, verified: 0, overdue: 0 });
  expect(report.children).toEqual([expect.objectContaining({ orgId: BUILDING, open: 1 })]);
});

test('overdue: marked once, counted, one alert per finding and deadline; rectifying takes it out of the count', async () => {
  const r = await record();
  const id = r.ok ? r.data.id : '';
  expect(await markOverdueFindings(h.store, T0 + 23 * HOUR)).toBe(0);
  expect(await markOverdueFindings(h.store, T0 + 25 * HOUR)).toBe(1);
  expect(await markOverdueFindings(h.store, T0 + 26 * HOUR)).toBe(0);
  expect(await h.store.get('alerts', `inspect.overdue:${id}:${T0 + 24 * HOUR}`)).toMatchObject({ kind: 'inspect.overdue', orgId: COMPOUND });
  h.clock.set(T0 + 26 * HOUR);
  expect((await h.ok(ADMIN, 'inspect.report', { orgId: 'sz' })).total).toMatchObject({ open: 2, overdue: 1 });
  await h.ok(SECRETARY, 'inspect.rectify', { findingId: id, note: '已补记', photos: [shot(SECRETARY, id)] });
  expect((await h.ok(ADMIN, 'inspect.report', { orgId: 'sz' })).total).toMatchObject({ open: 1, rectified: 1, overdue: 0 });
});

test('the district report reads a handful of documents however many findings there are', async () => {
  for (let i = 0; i < 5; i++) await record({ requestId: `req-inspect-bulk-${i}`, orgId: i % 2 ? COMPOUND : 'sz-s2' }, ADMIN);
  const r = await h.call(ADMIN, 'inspect.report', { orgId: 'sz' });
  expect(r.ok && r.data.total.open).toBe(6);
  expect(r.meter.reads).toBeLessThanOrEqual(10);
});

test('only street or district staff record findings', async () => {
  const r = await record({ orgId: COMPOUND }, COMMUNITY_STAFF);
  expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(r.meter.writes).toBe(0);
});

test.each([
  ['category', { category: 'money' }],
  ['item', { item: 'entry-pass' }],
  ['deadline', { deadline: T0 }],
  ['deadline', { deadline: T0 + 61 * 24 * HOUR }],
  ['description', { description: '缺\u0000失' }],
  ['photos.0', { photos: ['file:///tmp/a.jpg'] }],
  ['requestId', { requestId: 'short' }],
])('record: bad %s is refused naming it, and writes nothing', async (field, over) => {
  const before = await countDocs();
  const r = await record(over);
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: `data.${field}` } } });
  expect(r.meter.writes).toBe(0);
  expect(await countDocs()).toEqual(before);
});

test.each([
  ['photos.0', { photos: ['https://example.com/a.jpg'] }],
  ['note', { note: '' }],
])('rectify: bad %s is refused naming it', async (field, over) => {
  const r = await h.call(SECRETARY, 'inspect.rectify', { findingId: DEMO_FINDING, note: '已整改', photos: [shot(SECRETARY, DEMO_FINDING)], ...over } as never);
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: `data.${field}` } } });
  expect(r.meter.writes).toBe(0);
});

test('a finding the district recorded is verified at the district: the street below it may not', async () => {
  const r = await record({}, ADMIN);
  const id = r.ok ? r.data.id : '';
  expect(r.ok && r.data.inspectorOrgId).toBe('sz');
  await h.ok(SECRETARY, 'inspect.rectify', { findingId: id, note: '已补记', photos: [shot(SECRETARY, id)] });
  const street = await h.call(STREET_STAFF, 'inspect.verify', { findingId: id, decision: 'accept' });
  expect(street).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只有商州区或上级的工作人员可以核查这一问题' } });
  expect((await h.ok(ADMIN, 'inspect.verify', { findingId: id, decision: 'accept' })).status).toBe('verified');
});

test('photos: a finding carries the recorder’s own uploads under its request id; the node’s secretary sees them by URL', async () => {
  const before = shot(STREET_STAFF, 'req-inspect-0001', 'before');
  const r = await record({ photos: [before] });
  expect(r.ok && r.data.photos).toEqual([seen(before, STREET_STAFF)]);
  const listed = await h.ok(SECRETARY, 'inspect.list', { orgId: COMPOUND, status: 'open' });
  expect(listed.items.find((f) => r.ok && f.id === r.data.id)?.photos).toEqual([seen(before, SECRETARY)]);
});

test.each([
  ['another uploader', () => shot(ADMIN, 'req-inspect-0001'), '这张照片不是您为本条记录上传的，请重新选择照片'],
  ['another record’s key', () => shot(STREET_STAFF, 'req-inspect-0002'), '这张照片不是您为本条记录上传的，请重新选择照片'],
  ['another kind', () => `local://media/disinfect/${STREET_STAFF}/req-inspect-0001/a.jpg`, '这张照片不是您为本条记录上传的，请重新选择照片'],
  ['a file storage does not hold', () => `local://media/inspect/${STREET_STAFF}/req-inspect-0001/gone.jpg`, '照片没有上传成功，请重新上传'],
])('record: a photo from %s is refused on photos.0 and nothing is written', async (_what, file, message) => {
  const before = await countDocs();
  const r = await record({ photos: [file()] });
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message, details: { field: 'data.photos.0' } } });
  expect(r.meter.writes).toBe(0);
  expect(await countDocs()).toEqual(before);
});

test('rectify: photos must be the rectifier’s own, uploaded under the finding’s id', async () => {
  const r = await record();
  const id = r.ok ? r.data.id : '';
  for (const file of [shot(LEADER, id), shot(SECRETARY, 'req-inspect-0001'), shot(SECRETARY, DEMO_FINDING)]) {
    const bad = await h.call(SECRETARY, 'inspect.rectify', { findingId: id, note: '已补记', photos: [file] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.photos.0' } } });
    expect(bad.meter.writes).toBe(0);
  }
  expect((await h.ok(SECRETARY, 'inspect.rectify', { findingId: id, note: '已补记', photos: [shot(SECRETARY, id)] })).status).toBe('rectified');
});
