/** Logging a disinfection: who may, the photos it carries, idempotency, what it costs. */
import { HOUR } from '../../server/core/time';
import { makeHarness, T0, type Harness } from '../support/harness';
import { memoryMedia } from '../support/media';

const COMPOUND = 'sz-s1-c01-x01';
const AREA = 'sz-s1-c01-x01-b01-d';
const SECRETARY = 'demo-secretary';
const V1 = 'demo-volunteer-1';
const V2 = 'demo-volunteer-2';
const POST = `${COMPOUND}-p-disinfection`;
const SHIFT = `${POST}-202611280800-240`;

const media = memoryMedia();
let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ services: { media } });
  // A 环境消毒岗 shift this morning with demo-volunteer-1 on it, placed an hour early.
  h.clock.set(T0 - HOUR);
  await h.ok(SECRETARY, 'duty.generate', { compoundId: COMPOUND, postIds: [POST], from: '2026-11-28', days: 1, shifts: [{ start: '08:00', end: '12:00' }] });
  await h.ok(SECRETARY, 'duty.assign', { shiftId: SHIFT, openid: V1 });
  h.clock.set(T0 + HOUR);
});
afterEach(() => h.close());

const photo = (openid: string, key: string, name = 'p1', ext = 'jpg') => `local://media/disinfect/${openid}/${key}/${name}.${ext}`;
const uploaded = (openid: string, key: string, n = 1) => {
  const ids = Array.from({ length: n }, (_, i) => photo(openid, key, `p${i + 1}`));
  media.put(...ids);
  return ids;
};
const log = (openid: string, key: string, photos: string[], extra: Record<string, unknown> = {}) =>
  h.call(openid, 'disinfect.log', { requestId: key, areaId: AREA, agent: '84 消毒液 1:100', photos, ...extra } as never);
const done = async () => (await h.store.get('disinfectDays', `${COMPOUND}:2026-11-28`))?.counts[AREA] ?? 0;
const everything = async () => ({ logs: await h.store.count('disinfectLogs'), days: await h.store.count('disinfectDays') });

test('a volunteer on the 环境消毒岗 today logs with photos: one log, the counter kept, at most 4 writes (one the dashboard’s); a retry changes nothing', async () => {
  const photos = uploaded(V1, 'req-v1-0001', 2);
  const r = await log(V1, 'req-v1-0001', photos);
  if (!r.ok) throw new Error(r.error.message);
  expect(r.meter.writes).toBeLessThanOrEqual(4);
  expect(r.data).toMatchObject({ areaId: AREA, areaName: '1号楼楼道', agent: '84 消毒液 1:100', by: '赵磊', late: false, doneAt: T0 + HOUR });
  expect(r.data.photos).toEqual(photos.map((id) => `https://media.test/${encodeURIComponent(id)}?for=${V1}`));
  expect(await done()).toBe(1);

  const again = await log(V1, 'req-v1-0001', photos);
  expect(again.ok && again.data.id).toBe(r.data.id);
  expect(await done()).toBe(1);
  expect(await h.store.count('disinfectLogs')).toBe(1);

  const twice = await log(V1, 'req-v1-0002', uploaded(V1, 'req-v1-0002'));
  expect(twice.ok).toBe(true);
  expect(await done()).toBe(2);
});

test('the same request id with other content is a CONFLICT and writes nothing', async () => {
  const photos = uploaded(V1, 'req-v1-0001');
  await log(V1, 'req-v1-0001', photos);
  const r = await log(V1, 'req-v1-0001', photos, { agent: '75% 酒精' });
  expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'data.requestId' } } });
  expect(r.meter.writes).toBe(0);
  expect(await done()).toBe(1);
});

test('a volunteer not on the post today, and a no-show, may not log; the secretary may', async () => {
  const r = await log(V2, 'req-v2-0001', uploaded(V2, 'req-v2-0001'));
  expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('环境消毒岗') } });
  expect(await everything()).toEqual({ logs: 0, days: 0 });
  await h.store.update('duties', `${SHIFT}:${V1}`, { status: 'noshow' });
  expect(await log(V1, 'req-v1-0001', uploaded(V1, 'req-v1-0001'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect((await log(SECRETARY, 'req-sec-0001', uploaded(SECRETARY, 'req-sec-0001'))).ok).toBe(true);
});

test.each([
  ['no photo', () => [], 'data.photos'],
  ['ten photos', () => uploaded(V1, 'req-bad-0001', 10), 'data.photos'],
  ['the same photo twice', () => [...uploaded(V1, 'req-bad-0001'), ...uploaded(V1, 'req-bad-0001')], 'data.photos'],
  ['a video', () => [photo(V1, 'req-bad-0001', 'v', 'mp4')], 'data.photos.0'],
  ['someone else’s upload', () => uploaded(V2, 'req-bad-0001'), 'data.photos.0'],
  ['a photo uploaded for another record', () => uploaded(V1, 'req-other-01'), 'data.photos.0'],
  ['a photo of another kind of record', () => ['local://media/whistle/demo-volunteer-1/req-bad-0001/p1.jpg'], 'data.photos.0'],
  ['a photo never uploaded', () => [...uploaded(V1, 'req-bad-0001'), photo(V1, 'req-bad-0001', 'ghost')], 'data.photos.1'],
  ['a path escaping its folder', () => ['local://media/disinfect/demo-volunteer-1/req-bad-0001/../x.jpg'], 'data.photos.0'],
])('refused: %s — INVALID_ARGUMENT naming the photo, nothing written', async (_what, ids, field) => {
  const r = await log(V1, 'req-bad-0001', ids());
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), details: { field } } });
  expect(r.meter.writes).toBe(0);
  expect(await everything()).toEqual({ logs: 0, days: 0 });
});

test('a photo attached to one record cannot be attached to another', async () => {
  const photos = uploaded(V1, 'req-v1-0001');
  expect((await log(V1, 'req-v1-0001', photos)).ok).toBe(true);
  const r = await log(V1, 'req-v1-0002', photos);
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.photos.0' } } });
  expect(await done()).toBe(1);
});

test('after the window a log still counts and is marked late; an inactive area refuses', async () => {
  h.clock.set(T0 + 13 * HOUR); // 21:00
  const r = await log(V1, 'req-v1-0001', uploaded(V1, 'req-v1-0001'));
  expect(r.ok && r.data.late).toBe(true);
  await h.ok(SECRETARY, 'disinfect.saveArea', {
    compoundId: COMPOUND,
    areaId: AREA,
    name: '1号楼楼道',
    kind: 'stairwell',
    required: 2,
    from: '06:00',
    to: '20:00',
    active: false,
  });
  expect(await log(V1, 'req-v1-0002', uploaded(V1, 'req-v1-0002'))).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
});

test('today: the areas with what is done, whether the caller may log and why not, and where to upload', async () => {
  await log(V1, 'req-v1-0001', uploaded(V1, 'req-v1-0001'));
  const mine = await h.ok(V1, 'disinfect.today', { compoundId: COMPOUND });
  expect(mine).toMatchObject({ date: '2026-11-28', canLog: true, uploadDir: `media/disinfect/${V1}` });
  expect(mine.items.find((a) => a.id === AREA)).toMatchObject({ done: 1, required: 2, missed: false, lastAt: T0 + HOUR });
  const kinds = mine.items.map((a) => a.kind);
  expect(kinds.filter((k) => k === 'stairwell').length).toBeGreaterThanOrEqual(3);
  expect(kinds).toEqual(expect.arrayContaining(['gate', 'bins', 'play']));
  const other = await h.ok(V2, 'disinfect.today', { compoundId: COMPOUND });
  expect(other).toMatchObject({ canLog: false, reason: expect.stringContaining('环境消毒岗') });
});

test('logs: names masked for volunteers, in full (and audited) for the secretary; photos as URLs for the viewer', async () => {
  await log(V1, 'req-v1-0001', uploaded(V1, 'req-v1-0001'));
  const audited = () => h.store.query('accessLog', { where: { action: 'disinfect.logs' } });
  const seen = await h.ok(V2, 'disinfect.logs', { compoundId: COMPOUND });
  expect(seen.items).toEqual([expect.objectContaining({ by: '赵*', photos: [expect.stringContaining(`for=${V2}`)] })]);
  expect((await audited()).items).toEqual([]);
  const full = await h.ok(SECRETARY, 'disinfect.logs', { compoundId: COMPOUND, date: '2026-11-28', areaId: AREA });
  expect(full.items[0].by).toBe('赵磊');
  expect((await audited()).items).toEqual([expect.objectContaining({ viewer: SECRETARY, subjects: [V1] })]);
  expect((await h.ok(SECRETARY, 'disinfect.logs', { compoundId: COMPOUND, date: '2026-11-27' })).items).toEqual([]);
});
