/** 环境消毒 (volunteer) and 消毒情况 (secretary): today's areas, one-tap photo logging, the checks before upload, compliance. */
import type { ActionResponse } from '../../typings/api';
import type { AreaDay } from '../../typings/disinfect';
import type { FakeWx, Handlers } from './support/fake-wx';
import { failure, installFakeWx } from './support/fake-wx';
import { STAFF_ME, VOLUNTEER_RESIDENT_ME } from './support/fixtures';
import { fakeClock } from './support/gate';
import { fakePhotos, MB, photo, type Picked } from './support/photos';
import { find, findAll, isShown, openPage, settle, tap, textOf, textsOf } from './support/mp';

const PAGE = 'volunteer/pages/disinfect/disinfect';
const STAFF_PAGE = 'staff/pages/disinfection/disinfection';

const area = (id: string, name: string, done: number, over: Partial<AreaDay> = {}): AreaDay => ({
  id,
  compoundId: 'p-xingfu',
  name,
  kind: 'stairwell',
  required: 2,
  from: '06:00',
  to: '20:00',
  active: true,
  done,
  missed: false,
  ...over,
});

const today = (over: Partial<ActionResponse<'disinfect.today'>> = {}): ActionResponse<'disinfect.today'> => ({
  date: '2026-11-28',
  compoundId: 'p-xingfu',
  compoundName: '幸福小区',
  canLog: true,
  uploadDir: 'media/disinfect/o-me',
  agents: ['84 消毒液 1:100', '75% 酒精'],
  items: [area('a-done', '1号楼楼道', 2), area('a-todo', '2号楼楼道', 1), area('a-bins', '垃圾收集点', 0, { kind: 'bins', missed: true })],
  ...over,
});

function serve(handlers: Handlers = {}, picks: Picked[] = []) {
  const fake = installFakeWx({
    handlers: {
      'account.me': () => VOLUNTEER_RESIDENT_ME,
      'disinfect.today': () => today(),
      'disinfect.log': (req) => ({
        id: `o-me:${req.requestId}`,
        areaId: req.areaId,
        areaName: '',
        compoundId: 'p-xingfu',
        doneAt: 0,
        agent: req.agent,
        by: '赵志强',
        photos: [],
        late: false,
      }),
      ...handlers,
    },
  });
  return { fake, ...fakePhotos(fake, picks) };
}

beforeEach(() => fakeClock());
afterEach(() => jest.useRealTimers());

describe('环境消毒', () => {
  it('lists today’s areas, missed first and done last, each with its count and window', async () => {
    serve();
    const page = await openPage(PAGE);
    expect(textOf(page, '#compound')).toBe('幸福小区');
    expect(textOf(page, '#summary')).toBe('还有 2 处待消毒');
    expect(textsOf(page, '.ds-area-name')).toEqual(['垃圾收集点垃圾点', '2号楼楼道楼道', '1号楼楼道楼道']);
    expect(textOf(page, '#area-a-bins')).toContain('已过时限未完成');
    expect(textOf(page, '#area-a-todo')).toContain('已消毒 1/2 次');
    expect(textOf(page, '#area-a-todo')).toContain('时限 06:00–20:00');
  });

  it('one tap opens the camera for photos only; 提交 uploads them under the caller’s folder for this log and sends one disinfect.log', async () => {
    const { fake, chooseMedia, uploadFile } = serve({}, [[photo('a.jpg'), photo('b.png')]]);
    const page = await openPage(PAGE);
    await tap(page, '#log-a-todo');
    expect(chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ mediaType: ['image'], count: 9 }));
    expect(textOf(page, '#form-area')).toBe('登记消毒：2号楼楼道');
    expect(findAll(page, '.ds-photo-img')).toHaveLength(2);
    await tap(page, '#submit');
    const [sent] = fake.callsOf('disinfect.log');
    expect(sent).toMatchObject({ areaId: 'a-todo', agent: '84 消毒液 1:100' });
    expect(uploadFile.mock.calls.map(([a]) => a.cloudPath)).toEqual([
      `media/disinfect/o-me/${sent.requestId}/1.jpg`,
      `media/disinfect/o-me/${sent.requestId}/2.png`,
    ]);
    expect(sent.photos).toEqual(uploadFile.mock.calls.map(([a]) => `cloud://env-1/${a.cloudPath}`));
    expect(fake.wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已登记消毒' }));
    expect(isShown(page, '#form')).toBe(false);
    expect(fake.callsOf('disinfect.today')).toHaveLength(2);
  });

  it('refuses videos, other formats and photos over 5 MB before uploading anything, saying why', async () => {
    const { uploadFile } = serve({}, [[photo('v.mp4', MB, 'video'), photo('big.jpg', 6 * MB), photo('c.gif'), photo('ok.heic')]]);
    const page = await openPage(PAGE);
    await tap(page, '#log-a-todo');
    expect(textsOf(page, '.ds-refused')).toEqual([
      '只能上传照片，不能上传视频',
      '照片不能超过 5 MB（这张 6.0 MB）',
      '只能上传 JPG、PNG、WebP 或 HEIC 格式的照片',
    ]);
    expect(findAll(page, '.ds-photo-img')).toHaveLength(1);
    expect(uploadFile).not.toHaveBeenCalled();
  });

  it('a failed log keeps the form; 提交 again keeps the request id and uploads nothing twice', async () => {
    let fail = true;
    const { fake, uploadFile } = serve(
      {
        'disinfect.log': (req) => {
          if (fail) throw failure('INTERNAL', '服务暂时不可用，请稍后再试');
          return { id: 'x', areaId: req.areaId, areaName: '', compoundId: 'p-xingfu', doneAt: 0, agent: req.agent, by: '', photos: [], late: false };
        },
      },
      [[photo('a.jpg')]],
    );
    const page = await openPage(PAGE);
    await tap(page, '#log-a-todo');
    find(page, '#agent').dispatchEvent('change', { detail: { value: 1 } });
    await settle();
    await tap(page, '#submit');
    expect(textOf(page, '#form-error')).toBe('服务暂时不可用，请稍后再试');
    fail = false;
    await tap(page, '#submit');
    const [first, second] = fake.callsOf('disinfect.log');
    expect(second.requestId).toBe(first.requestId);
    expect(second).toMatchObject({ agent: '75% 酒精', photos: first.photos });
    expect(uploadFile).toHaveBeenCalledTimes(1);
  });

  it('someone not on the post today sees why, and no log buttons', async () => {
    serve({ 'disinfect.today': () => today({ canLog: false, reason: '您今天没有排在本小区的环境消毒岗，请先在排班中报名' }) });
    const page = await openPage(PAGE);
    expect(textOf(page, '#reason')).toContain('环境消毒岗');
    expect(findAll(page, '.ds-log')).toHaveLength(0);
  });

  it('a cancelled camera opens no form', async () => {
    serve({}, []);
    const page = await openPage(PAGE);
    await tap(page, '#log-a-todo');
    expect(isShown(page, '#form')).toBe(false);
  });
});

describe('消毒情况', () => {
  const report = (): ActionResponse<'disinfect.compliance'> => ({
    orgId: 's-chengguan',
    orgName: '城关街道',
    level: 'street',
    date: '2026-11-28',
    areas: 3,
    areasDone: 1,
    required: 6,
    done: 3,
    missed: 1,
    compounds: [
      { compoundId: 'p-ok', name: '安宁小区', areas: 1, areasDone: 1, required: 2, done: 2, missed: 0, items: [area('a1', '1号楼楼道', 2)] },
      {
        compoundId: 'p-xingfu',
        name: '幸福小区',
        areas: 2,
        areasDone: 0,
        required: 4,
        done: 1,
        missed: 1,
        items: [area('a2', '2号楼楼道', 1), area('a3', '垃圾收集点', 0, { missed: true })],
      },
      { compoundId: 'p-new', name: '新建小区', areas: 0, areasDone: 0, required: 0, done: 0, missed: 0, items: [] },
    ],
  });

  it('shows the totals, the compound with missed areas first, and how many compounds have no areas yet', async () => {
    const fake: FakeWx = serve({ 'account.me': () => STAFF_ME, 'disinfect.compliance': () => report() }).fake;
    const page = await openPage(STAFF_PAGE);
    expect(fake.callsOf('disinfect.compliance')).toEqual([{ orgId: STAFF_ME.grants.find((g) => g.role === 'staff')!.orgId }]);
    expect(textOf(page, '#total')).toBe('已完成 1/3 处（3/6 次）');
    expect(textOf(page, '#missed')).toBe('1 处已过时限未完成');
    expect(textsOf(page, '.dc-compound')).toEqual(['幸福小区完成 0/2 处', '安宁小区完成 1/1 处']);
    expect(textOf(page, '#area-a3')).toContain('已过时限未完成');
    expect(textOf(page, '#unset')).toBe('另有 1 个小区尚未设置消毒区域');
  });

  it('a load failure says so and 重试 asks again', async () => {
    let down = true;
    serve({
      'account.me': () => STAFF_ME,
      'disinfect.compliance': () => {
        if (down) throw failure('INTERNAL', '服务暂时不可用，请稍后再试');
        return report();
      },
    });
    const page = await openPage(STAFF_PAGE);
    expect(textOf(page, '#load-error')).toBe('服务暂时不可用，请稍后再试');
    down = false;
    await tap(page, '#retry');
    expect(isShown(page, '#total')).toBe(true);
  });
});
