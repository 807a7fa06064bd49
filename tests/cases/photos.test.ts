/** Photos on case.report: the reporter's own uploads for the report, checked before the write; URLs in case.get for those who may see the case. */
import type { CaseReportReq } from '../../typings/cases';
import { makeHarness, type Harness } from '../support/harness';
import { memoryMedia } from '../support/media';

const COMPOUND = 'sz-s1-c01-x01';
const BUILDING = 'sz-s1-c01-x01-b01';
const RES = 'demo-resident-1';
const KEY = 'req-photo-001';

const media = memoryMedia();
let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ services: { media } });
});
afterEach(() => h.close());

const photo = (openid: string, key: string, name = 'p1', ext = 'jpg', kind = 'case') => `local://media/${kind}/${openid}/${key}/${name}.${ext}`;
const uploaded = (openid: string, key: string, n = 1) => {
  const ids = Array.from({ length: n }, (_, i) => photo(openid, key, `p${i + 1}`));
  media.put(...ids);
  return ids;
};
const gathering = (photos: string[], requestId = KEY): CaseReportReq => ({
  kind: 'gathering',
  compoundId: COMPOUND,
  buildingId: BUILDING,
  place: '3号楼下棋牌桌',
  photos,
  requestId,
});

test('a report with photos: stored with the case, counted in every view, URLs only in case.get and made for its viewer', async () => {
  const photos = uploaded(RES, KEY, 2);
  const mine = await h.ok(RES, 'case.mine', {});
  expect(mine.uploadDir).toBe(`media/case/${RES}`);
  const v = await h.ok(RES, 'case.report', gathering(photos));
  expect(v.photoCount).toBe(2);
  expect(v.photos).toBeUndefined();
  expect((await h.store.get('cases', v.id))!.photos).toEqual(photos);
  const listed = await h.ok('demo-secretary', 'case.list', { orgId: COMPOUND, from: '2026-11-28' });
  expect(listed.items.find((c) => c.id === v.id)).toMatchObject({ photoCount: 2 });
  expect(listed.items.find((c) => c.id === v.id)!.photos).toBeUndefined();
  const seen = await h.ok('demo-secretary', 'case.get', { caseId: v.id });
  expect(seen.photos).toEqual(photos.map((id) => `https://media.test/${encodeURIComponent(id)}?for=demo-secretary`));
  const leader = await h.ok('demo-leader', 'case.get', { caseId: v.id });
  expect(leader.photos).toEqual(photos.map(() => expect.stringContaining('for=demo-leader')));
  // A resident may not read cases at all, so gets no URL.
  expect(await h.call('demo-resident-2', 'case.get', { caseId: v.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  // A retry returns the same case and checks nothing again.
  media.asked.length = 0;
  expect((await h.ok(RES, 'case.report', gathering(photos))).id).toBe(v.id);
  expect(media.asked).toEqual([]);
});

test('a report without photos keeps none', async () => {
  const v = await h.ok(RES, 'case.report', gathering([]));
  expect(v.photoCount).toBeUndefined();
  expect((await h.store.get('cases', v.id))!).not.toHaveProperty('photos');
  expect((await h.ok('demo-secretary', 'case.get', { caseId: v.id })).photos).toBeUndefined();
});

test.each([
  ['ten photos', () => uploaded(RES, KEY, 10), 'data.photos'],
  ['the same photo twice', () => [...uploaded(RES, KEY), ...uploaded(RES, KEY)], 'data.photos'],
  ['someone else’s upload', () => uploaded('demo-resident-2', KEY), 'data.photos.0'],
  ['a photo uploaded for another report', () => uploaded(RES, 'req-other-01'), 'data.photos.0'],
  ['a disinfection photo', () => [photo(RES, KEY, 'p1', 'jpg', 'disinfect')], 'data.photos.0'],
  ['a photo never uploaded', () => [...uploaded(RES, KEY), photo(RES, KEY, 'ghost')], 'data.photos.1'],
  ['a video', () => [photo(RES, KEY, 'v', 'mp4')], 'data.photos.0'],
])('refused: %s — INVALID_ARGUMENT naming the photo, nothing written', async (_what, ids, field) => {
  const before = await h.store.count('cases', {});
  const r = await h.call(RES, 'case.report', gathering(ids()));
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field } } });
  expect(r.meter.writes).toBe(0);
  expect(await h.store.count('cases', {})).toBe(before);
});
