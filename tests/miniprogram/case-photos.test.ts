/** 上报线索 with photos: 添加照片 picks (images only, checked on the phone), 提交 uploads under the folder case.mine named, keyed by the report's request id, and sends the file ids; a retry after a lost reply uploads nothing again. */
import type { ActionRequest } from '../../typings/api';
import type { CaseView } from '../../typings/cases';
import { failure, installFakeWx } from './support/fake-wx';
import { RESIDENT_ME, directory } from './support/fixtures';
import { findAll, openPage, tap, textsOf, typeInto } from './support/mp';

const REPORT = 'resident/pages/report/report';
const MB = 1024 * 1024;
type Picked = Array<{ tempFilePath: string; size: number; fileType: string }>;
const photo = (name: string, size = MB, fileType = 'image') => ({ tempFilePath: `wxfile://tmp/${name}`, size, fileType });

const answer = (d: ActionRequest<'case.report'>) =>
  ({
    id: `c${'b'.repeat(24)}`,
    kind: d.kind,
    severity: 'medium',
    state: 'reported',
    compoundId: d.compoundId,
    buildingId: d.buildingId,
    location: '3号楼',
    anonymous: false,
    reporter: '居民 张*',
    reportedAt: 0,
    steps: [],
  }) as CaseView;

function serve(picks: Picked[], report: (d: ActionRequest<'case.report'>) => CaseView = answer) {
  const fake = installFakeWx({
    handlers: {
      'account.me': () => RESIDENT_ME,
      'org.directory': directory,
      'case.mine': () => ({ items: [], uploadDir: 'media/case/o-res' }),
      'case.report': report,
    },
  });
  const chooseMedia = jest.fn((opts: { count: number; mediaType: string[]; success: (r: { tempFiles: Picked }) => void; fail: () => void }) => {
    const next = picks.shift();
    if (next) opts.success({ tempFiles: next });
    else opts.fail();
  });
  const uploadFile = jest.fn(async ({ cloudPath }: { cloudPath: string; filePath: string }) => ({ fileID: `cloud://env-1/${cloudPath}` }));
  Object.assign(fake.wx, { chooseMedia });
  Object.assign(fake.wx.cloud, { uploadFile });
  return { fake, chooseMedia, uploadFile };
}

async function gathering(page: Awaited<ReturnType<typeof openPage>>) {
  await tap(page, '#kind-gathering');
  await typeInto(page, '#place', '3号楼下棋牌桌');
}

it('添加照片: images only, refusals said; 删除 takes one out; 提交 uploads the rest under the report’s key and sends their ids', async () => {
  const { fake, chooseMedia, uploadFile } = serve([[photo('a.jpg'), photo('clip.mp4', MB, 'video'), photo('b.png')], [photo('c.jpg')]]);
  const page = await openPage(REPORT);
  await gathering(page);
  await tap(page, '#add-photo');
  expect(chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ mediaType: ['image'], count: 9 }));
  expect(findAll(page, '.rp-photo-img')).toHaveLength(2);
  expect(textsOf(page, '.rp-refused')).toEqual(['只能上传照片，不能上传视频']);
  await tap(page, '#add-photo');
  expect(chooseMedia.mock.calls[1][0].count).toBe(7);
  await tap(page, '#remove-photo-1');
  expect(findAll(page, '.rp-photo-img')).toHaveLength(2);
  await tap(page, '#submit');
  const [sent] = fake.callsOf('case.report');
  expect(uploadFile.mock.calls.map(([a]) => [a.cloudPath, a.filePath])).toEqual([
    [`media/case/o-res/${sent.requestId}/1.jpg`, 'wxfile://tmp/a.jpg'],
    [`media/case/o-res/${sent.requestId}/2.jpg`, 'wxfile://tmp/c.jpg'],
  ]);
  expect(sent.photos).toEqual(uploadFile.mock.calls.map(([a]) => `cloud://env-1/${a.cloudPath}`));
  // Sent: the next report starts with no photos.
  expect(findAll(page, '.rp-photo-img')).toHaveLength(0);
});

it('a report without photos sends no photos field and uploads nothing', async () => {
  const { fake, uploadFile } = serve([]);
  const page = await openPage(REPORT);
  await gathering(page);
  await tap(page, '#submit');
  expect(fake.callsOf('case.report')[0]).not.toHaveProperty('photos');
  expect(uploadFile).not.toHaveBeenCalled();
});

it('after a failed send, 提交 again sends the same ids under the same key and uploads nothing twice; a photo added meanwhile gets a new name', async () => {
  let fails = 1;
  const { fake, uploadFile } = serve([[photo('a.jpg')], [photo('b.jpg')]], (d) => {
    if (fails-- > 0) throw failure('INTERNAL', '服务暂时不可用，请稍后重试');
    return answer(d);
  });
  const page = await openPage(REPORT);
  await gathering(page);
  await tap(page, '#add-photo');
  await tap(page, '#submit');
  await tap(page, '#add-photo');
  await tap(page, '#submit');
  const [a, b] = fake.callsOf('case.report');
  expect(b.requestId).toBe(a.requestId);
  expect(uploadFile.mock.calls.map(([x]) => x.cloudPath)).toEqual([`media/case/o-res/${a.requestId}/1.jpg`, `media/case/o-res/${a.requestId}/2.jpg`]);
  expect(b.photos).toEqual([a.photos![0], `cloud://env-1/media/case/o-res/${a.requestId}/2.jpg`]);
});
