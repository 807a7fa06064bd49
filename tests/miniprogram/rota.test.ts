/** Secretary: the rota — coverage now (gaps first), a day's posts and shifts, staffing from suggestions, generating a week, post codes and the post editor. */
import type { ActionResponse } from '../../typings/api';
import type { ShiftView } from '../../typings/duty';
import type { FakeWx, Handlers } from './support/fake-wx';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import type { DutyWx } from './support/duty';
import {
  CARE_POST,
  CLEAN_POST,
  COMPOUND_ID,
  GATE_POST,
  HERE,
  POSTS,
  TODAY,
  TOMORROW,
  addDutyWx,
  at,
  coverageReport,
  crew,
  postCoverage,
  shiftView,
  suggestion,
} from './support/duty';
import { EAST_GATE, NORTH_GATE, fakeClock } from './support/gate';
import { SECRETARY_ME } from './support/messages';
import type { Page } from './support/mp';
import { choose, find, isShown, openPage, settle, tap, textOf, textsOf, typeInto } from './support/mp';
import { valueOf } from './support/inputs';
import type { PassWx } from './support/pass-wx';
import { addPassWx, readCanvas } from './support/pass-wx';

const ROTA = 'staff/pages/rota/rota';

/** Today at the east gate: the night shift on duty, the day shift one short, the evening nobody yet. */
const NIGHT = shiftView(GATE_POST, at('00:00'), at('08:00'), {
  started: true,
  crew: [crew('o-li', '李明', { status: 'on', checkInAt: at('23:50', -1) }), crew('o-wu', '吴刚', { status: 'on', checkInAt: at('00:20'), late: true })],
});
const DAY = shiftView(GATE_POST, at('08:00'), at('16:00'), { crew: [crew('o-zhao', '赵志强', { by: 'secretary' })] });
const EVENING = shiftView(GATE_POST, at('16:00'), at('24:00'));
const NOON = shiftView(CLEAN_POST, at('12:00'), at('14:00'), { crew: [crew('o-sun', '孙立')] });
const TOMORROW_DAY = shiftView(GATE_POST, at('08:00', 1), at('16:00', 1));

const SUGGESTIONS = [
  suggestion('o-qian', '钱多多', { fit: 1, weekMinutes: 0, unitName: '3号楼党小组' }),
  suggestion('o-zhou', '周平', { fit: 1, weekMinutes: 480, dayMinutes: 240, partyMember: false, skills: ['security', 'driving'] }),
  suggestion('o-zheng', '郑和', { fit: 0, weekMinutes: 60, skills: [] }),
];

interface Rota {
  shifts: ShiftView[];
}

type Phone = FakeWx & { duty: DutyWx; canvas: PassWx };

function serve(handlers: Handlers = {}): Phone & { rota: Rota } {
  const rota: Rota = { shifts: [NIGHT, DAY, EVENING, NOON, TOMORROW_DAY] };
  const fake = installFakeWx({
    handlers: {
      'account.me': () => SECRETARY_ME,
      // The server's order; the page puts the gaps first.
      'duty.coverage': () =>
        coverageReport([postCoverage(CARE_POST, { required: 0, present: 0 }), postCoverage(CLEAN_POST, { required: 0, present: 0 }, 1), postCoverage(GATE_POST, { required: 2, present: 1 }, 3)]),
      'duty.posts': () => ({ items: POSTS }),
      'duty.shifts': ({ day }) => ({ items: rota.shifts.filter((s) => s.day === day) }),
      'duty.suggest': () => ({ items: SUGGESTIONS }),
      'duty.assign': ({ shiftId, openid }) => {
        const name = SUGGESTIONS.find((s) => s.openid === openid)?.name ?? openid;
        rota.shifts = rota.shifts.map((s) => (s.id === shiftId ? { ...s, crew: [...s.crew, crew(openid, name, { by: 'secretary' })] } : s));
        return rota.shifts.find((s) => s.id === shiftId) as ShiftView;
      },
      'duty.withdraw': ({ shiftId, openid }) => {
        rota.shifts = rota.shifts.map((s) => (s.id === shiftId ? { ...s, crew: s.crew.filter((c) => c.openid !== openid) } : s));
        return rota.shifts.find((s) => s.id === shiftId) as ShiftView;
      },
      'duty.generate': () => ({ created: 21, existing: 0, skipped: 0 }),
      'duty.postCode': ({ postId }) => ({ code: `LFD1.eyJ2IjoxLCJwb3N0IjoiJHtwb3N0SWR9In0.${postId}-c2lnbmF0dXJl`, expiresAt: at('00:00', 30) }),
      'gate.list': () => ({ items: [EAST_GATE, NORTH_GATE] }),
      'duty.savePost': (req) => ({ ...GATE_POST, ...req, id: req.postId ?? 'post-new', gateId: req.gateId, location: req.location && { ...req.location, radius: req.location.radius ?? 100 }, preferredSkills: req.preferredSkills ?? [], requiredSkills: req.requiredSkills ?? [], checkInBy: req.checkInBy ?? 'either', alwaysOn: req.alwaysOn ?? false, active: req.active ?? true }),
      ...handlers,
    },
  });
  return Object.assign(fake, { duty: addDutyWx(fake), canvas: addPassWx(fake), rota });
}

beforeEach(() => fakeClock(at('07:00')));
afterEach(() => jest.useRealTimers());

const shift = (page: Page, s: { id: string }, part: string) => textOf(page, `#shift-${s.id} ${part}`);

describe('coverage now', () => {
  it('is at the top, posts short of people now first, then those short later today', async () => {
    const phone = serve();
    const page = await openPage(ROTA);

    expect(phone.callsOf('duty.coverage')).toEqual([{ orgId: COMPOUND_ID }]);
    expect(textOf(page, '#coverage-status')).toBe('1 个岗位缺人');
    expect(textOf(page, '#coverage-headline')).toBe('现在应到 2 人，已到 1 人');
    expect(textsOf(page, '.rt-cov-name')).toEqual(['东门执勤岗执勤', '环境消毒岗消毒', '独居老人关爱岗服务关爱']);
    expect(textOf(page, `#cov-${GATE_POST.id} .rt-cov-now`)).toBe('应到 2 人 · 已到 1 人缺 1 人');
    expect(textOf(page, `#cov-${CLEAN_POST.id} .rt-cov-day`)).toBe('当天还缺 1 人次');
    expect(find(page, `#cov-${GATE_POST.id}`).dom?.className).toContain('rt-cov-gap');
  });

  it('is asked for again every minute while the page is shown', async () => {
    const phone = serve();
    await openPage(ROTA);
    jest.advanceTimersByTime(60_000);
    await settle();
    expect(phone.callsOf('duty.coverage')).toHaveLength(2);
  });
});

describe('a day of the rota', () => {
  it('shows every post with the day’s shifts: crew against min/max, shifts short of people marked', async () => {
    const phone = serve();
    const page = await openPage(ROTA);

    expect(phone.callsOf('duty.posts')).toEqual([{ compoundId: COMPOUND_ID }]);
    expect(phone.callsOf('duty.shifts')).toEqual([{ compoundId: COMPOUND_ID, day: TODAY, days: 1, limit: 200 }]);
    expect(textsOf(page, '.rt-post-name')).toEqual(['东门执勤岗执勤', '环境消毒岗消毒', '独居老人关爱岗服务关爱']);
    expect(textOf(page, `#post-${GATE_POST.id} .rt-post-rules`)).toBe('每班 2–3 人 · 扫岗位码签到 · 全天值守');
    expect(textOf(page, `#post-${GATE_POST.id} .rt-gap-badge`)).toBe('2 班缺人');
    expect(textsOf(page, `#post-${GATE_POST.id} .rt-shift-time`)).toEqual(['00:00–08:00', '08:00–16:00', '16:00–24:00']);

    expect(shift(page, NIGHT, '.rt-shift-heads')).toBe('2/3 人（至少 2 人）');
    expect(textsOf(page, `#shift-${NIGHT.id} .rt-person-state`)).toEqual(['值守中 23:50', '值守中 00:20（迟到）']);
    expect(isShown(page, `#shift-${NIGHT.id} .rt-shift-missing`)).toBe(false);
    expect(shift(page, DAY, '.rt-shift-missing')).toBe('缺 1 人');
    expect(shift(page, EVENING, '.rt-shift-missing')).toBe('缺 2 人');
    expect(find(page, `#shift-${DAY.id}`).dom?.className).toContain('rt-shift-gap');
    expect(textOf(page, `#post-${CARE_POST.id} .rt-no-shift`)).toBe('当天没有班次');
    // A started shift that is not short-handed takes nobody more; nobody is taken off it.
    expect(isShown(page, `#suggest-${NIGHT.id}`)).toBe(false);
    expect(isShown(page, `#remove-${NIGHT.id}-o-li`)).toBe(false);
  });

  it('moves to another day with the day chips', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    expect(textsOf(page, '.rt-day-top')).toEqual(['今天', '明天', '周四', '周五', '周六', '周日', '周一']);
    await tap(page, `#day-${TOMORROW}`);
    expect(phone.callsOf('duty.shifts')[1]).toEqual({ compoundId: COMPOUND_ID, day: TOMORROW, days: 1, limit: 200 });
    expect(textsOf(page, '.rt-shift-time')).toEqual(['08:00–16:00']);
    // The posts are not asked for again.
    expect(phone.callsOf('duty.posts')).toHaveLength(1);
  });
});

describe('staffing a shift', () => {
  it('assigns from the suggestions, ranked as the server ranks them, with skill fit and hours', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    await tap(page, `#suggest-${DAY.id}`);

    expect(phone.callsOf('duty.suggest')).toEqual([{ shiftId: DAY.id, limit: 10 }]);
    expect(textsOf(page, '#suggest .rt-candidate-name')).toEqual(['钱多多党员', '周平', '郑和党员']);
    expect(textOf(page, '#candidate-o-qian .rt-candidate-about')).toBe('安保 · 3号楼党小组');
    expect(textOf(page, '#candidate-o-qian .rt-candidate-load')).toBe('符合 1 项优先技能 · 本周已值守 0 分钟');
    expect(textOf(page, '#candidate-o-zhou .rt-candidate-load')).toBe('符合 1 项优先技能 · 本周已值守 8 小时 · 当天已排 4 小时');
    expect(textOf(page, '#candidate-o-zheng .rt-candidate-about')).toBe('未填特长');

    await tap(page, '#assign-o-qian');
    expect(phone.callsOf('duty.assign')).toEqual([{ shiftId: DAY.id, openid: 'o-qian' }]);
    expect(textsOf(page, `#shift-${DAY.id} .rt-person-name`)).toEqual(['赵志强', '钱多多']);
    expect(isShown(page, `#shift-${DAY.id} .rt-shift-missing`)).toBe(false);
    expect(isShown(page, '#suggest')).toBe(false);
    expect(phone.wx.showToast).toHaveBeenCalledWith({ title: '已安排钱多多', icon: 'success' });
    expect(phone.callsOf('duty.coverage')).toHaveLength(2);
  });

  it('shows the server’s refusal among the suggestions and keeps them', async () => {
    const phone = serve({
      'duty.assign': () => {
        throw failure('FAILED_PRECONDITION', '每天值班不超过 10 小时（当天已排 8 小时）', { reason: 'DAILY_LIMIT' });
      },
    });
    const page = await openPage(ROTA);
    await tap(page, `#suggest-${EVENING.id}`);
    await tap(page, '#assign-o-zhou');
    expect(textOf(page, '#suggest-error')).toBe('每天值班不超过 10 小时（当天已排 8 小时）');
    expect(textsOf(page, '#suggest .rt-candidate-name')).toHaveLength(3);
    expect(await tap(page, '#assign-o-qian')).toBe(true);
    expect(phone.callsOf('duty.assign')).toHaveLength(2);
  });

  it('says when nobody free and qualified is left', async () => {
    serve({ 'duty.suggest': () => ({ items: [] }) });
    const page = await openPage(ROTA);
    await tap(page, `#suggest-${EVENING.id}`);
    expect(textOf(page, '#suggest-empty')).toBe('暂无空闲且符合条件的志愿者');
  });

  it('sends one assignment for a double tap', async () => {
    const reply = deferred<ActionResponse<'duty.assign'>>();
    const phone = serve({ 'duty.assign': () => reply.promise });
    const page = await openPage(ROTA);
    await tap(page, `#suggest-${DAY.id}`);
    const instance = page.instance as unknown as { onAssign(e: unknown): Promise<void> };
    const e = { currentTarget: { dataset: { openid: 'o-qian' } } };
    const both = Promise.all([instance.onAssign(e), instance.onAssign(e)]);
    reply.resolve({ ...DAY, crew: [...DAY.crew, crew('o-qian', '钱多多')] });
    await both;
    expect(phone.callsOf('duty.assign')).toHaveLength(1);
  });

  it('takes someone off a shift before it starts, after asking', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    phone.duty.confirms = false;
    await tap(page, `#remove-${DAY.id}-o-zhao`);
    expect(phone.duty.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '将 赵志强 移出 08:00–16:00 的班次？' }));
    expect(phone.callsOf('duty.withdraw')).toEqual([]);

    phone.duty.confirms = true;
    await tap(page, `#remove-${DAY.id}-o-zhao`);
    expect(phone.callsOf('duty.withdraw')).toEqual([{ shiftId: DAY.id, openid: 'o-zhao' }]);
    expect(shift(page, DAY, '.rt-shift-missing')).toBe('缺 2 人');
  });
});

describe('generating a week', () => {
  it('sends the exact duty.generate for 门岗 24 小时三班 over the gate posts from tomorrow for 7 days', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    await tap(page, '#generate-open');
    expect(textOf(page, '#pattern-from-text')).toBe(TOMORROW);
    expect(valueOf(page, '#pattern-days')).toBe('7');

    await tap(page, '#preset-gate');
    expect(textsOf(page, '.rt-rule .rt-time')).toEqual(['00:00', '08:00', '08:00', '16:00', '16:00', '24:00']);
    expect(textsOf(page, '.rt-check-on')).toEqual(['东门执勤岗（执勤）']);
    await tap(page, '#generate');

    expect(phone.duty.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '将为 1 个岗位生成 7 天的班次，每天 3 班，共 21 个。已有的班次不会重复生成。' }));
    expect(phone.callsOf('duty.generate')).toEqual([
      {
        compoundId: COMPOUND_ID,
        postIds: [GATE_POST.id],
        from: TOMORROW,
        days: 7,
        shifts: [
          { start: '00:00', end: '08:00' },
          { start: '08:00', end: '16:00' },
          { start: '16:00', end: '24:00' },
        ],
      },
    ]);
    expect(textOf(page, '#info')).toBe('新建 21 个班次');
    // Back on the rota, at the first day generated.
    expect(phone.callsOf('duty.shifts').map((r) => r.day)).toEqual([TODAY, TOMORROW]);
  });

  it('edits rows by hand: each ends after it starts, lasts ≤ 12 h, overlaps none; nothing is sent while wrong', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    await tap(page, '#generate-open');
    await tap(page, '#generate');
    expect(textOf(page, '#pattern-posts-error')).toBe('请至少选择一个岗位');
    expect(textOf(page, '#pattern-rules-error')).toBe('请至少设置一个班次');

    find(page, '#pattern-posts').dispatchEvent('change', { detail: { value: [CLEAN_POST.id, GATE_POST.id] } });
    await settle();
    expect(isShown(page, '#pattern-posts-error')).toBe(false);

    await tap(page, '#rule-add');
    expect(textsOf(page, '#rule-0 .rt-time')).toEqual(['08:00', '16:00']);
    await choose(page, ['#rule-0-end'], 12); // 06:00
    expect(textOf(page, '#rule-0-error')).toBe('结束时间应晚于开始时间（跨午夜的班次请拆成两段）');
    await choose(page, ['#rule-0-end'], 42); // 21:00
    expect(textOf(page, '#rule-0-error')).toBe('每个班次不超过 12 小时');
    await choose(page, ['#rule-0-end'], 24); // 12:00
    expect(isShown(page, '#rule-0-error')).toBe(false);

    await tap(page, '#rule-add');
    expect(textsOf(page, '#rule-1 .rt-time')).toEqual(['12:00', '20:00']);
    await choose(page, ['#rule-1-start'], 22); // 11:00
    expect(textOf(page, '#rule-1-error')).toBe('与 08:00–12:00 的班次时间重叠');
    await typeInto(page, '#pattern-days', '40');
    expect(textOf(page, '#pattern-days-error')).toBe('天数应为 1–31 天');
    await tap(page, '#generate');
    expect(textOf(page, '#pattern-rules-error')).toBe('请先改正班次时间');
    expect(phone.callsOf('duty.generate')).toEqual([]);
    expect(phone.duty.showModal).not.toHaveBeenCalled();

    await choose(page, ['#rule-1-start'], 28); // 14:00
    await typeInto(page, '#pattern-days', '3');
    // A row moved before the first one is sent in time order.
    await choose(page, ['#rule-1-start'], 12); // 06:00
    await choose(page, ['#rule-1-end'], 16); // 08:00
    await tap(page, '#generate');
    expect(phone.callsOf('duty.generate')).toEqual([
      {
        compoundId: COMPOUND_ID,
        postIds: [GATE_POST.id, CLEAN_POST.id],
        from: TOMORROW,
        days: 3,
        shifts: [
          { start: '06:00', end: '08:00' },
          { start: '08:00', end: '12:00' },
        ],
      },
    ]);
  });

  it('keeps the pattern with the server’s refusal, and sends nothing when the dialog is cancelled', async () => {
    const phone = serve({
      'duty.generate': () => {
        throw failure('CONFLICT', '与已有班次重叠：东门执勤岗 03-06 07:00（07:00–15:00）', { field: 'data.shifts' });
      },
    });
    const page = await openPage(ROTA);
    await tap(page, '#generate-open');
    await tap(page, '#preset-gate');
    phone.duty.confirms = false;
    await tap(page, '#generate');
    expect(phone.callsOf('duty.generate')).toEqual([]);
    expect(await tap(page, '#generate')).toBe(true);

    phone.duty.confirms = true;
    await tap(page, '#generate');
    expect(textOf(page, '#pattern-error')).toBe('与已有班次重叠：东门执勤岗 03-06 07:00（07:00–15:00）');
    expect(isShown(page, '#generator')).toBe(true);
  });
});

describe('a post’s check-in code', () => {
  it('is shown as a QR that reads back as the signed code, with its expiry', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    await tap(page, `#code-${GATE_POST.id}`);

    expect(phone.callsOf('duty.postCode')).toEqual([{ postId: GATE_POST.id }]);
    expect(textOf(page, '#code-name')).toBe('东门执勤岗');
    expect(textOf(page, '#code-expires')).toBe('有效期至 2024-04-04 00:00');
    expect(readCanvas(phone.canvas.canvas)).toBe(`LFD1.eyJ2IjoxLCJwb3N0IjoiJHtwb3N0SWR9In0.${GATE_POST.id}-c2lnbmF0dXJl`);

    await tap(page, '#code-close');
    expect(isShown(page, '#code')).toBe(false);
  });

  it('says why when the code cannot be made', async () => {
    serve({
      'duty.postCode': () => {
        throw failure('FORBIDDEN', '只有小区书记可以打印签到码');
      },
    });
    const page = await openPage(ROTA);
    await tap(page, `#code-${CLEAN_POST.id}`);
    expect(textOf(page, '#code-error')).toBe('只有小区书记可以打印签到码');
  });
});

describe('the post editor', () => {
  it('creates a gate post at a gate, checking the form first', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    await tap(page, '#post-new');
    expect(phone.callsOf('gate.list')).toEqual([{ compoundId: COMPOUND_ID }]);

    await typeInto(page, '#post-max', '0');
    expect(textOf(page, '#post-heads-error')).toBe('人数应为 1–20 的整数');
    await tap(page, '#post-save');
    expect(textOf(page, '#post-name-error')).toBe('请填写岗位名称');
    expect(textOf(page, '#post-gate-error')).toBe('执勤岗请选择所在门岗');
    expect(phone.callsOf('duty.savePost')).toEqual([]);

    await typeInto(page, '#post-name', '北门执勤岗');
    await tap(page, `#post-gate-${NORTH_GATE.id}`);
    await typeInto(page, '#post-min', '2');
    await typeInto(page, '#post-max', '1');
    expect(textOf(page, '#post-heads-error')).toBe('最多人数不能少于最少人数');
    await typeInto(page, '#post-max', '3');
    find(page, '#post-skills').dispatchEvent('change', { detail: { value: ['security'] } });
    await settle();
    await tap(page, '#post-save');

    expect(phone.callsOf('duty.savePost')).toEqual([
      {
        compoundId: COMPOUND_ID,
        kind: 'gate',
        name: '北门执勤岗',
        gateId: NORTH_GATE.id,
        requiredSkills: ['security'],
        preferredSkills: [],
        minHeads: 2,
        maxHeads: 3,
        checkInBy: 'code',
        alwaysOn: true,
        active: true,
      },
    ]);
    expect(textsOf(page, '.rt-post-name')).toContain('北门执勤岗执勤');
  });

  it('edits a post: location check-in needs the post’s place, taken from the phone (gcj02)', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    await tap(page, `#edit-${CARE_POST.id}`);
    expect(valueOf(page, '#post-name')).toBe('独居老人关爱岗');

    await tap(page, '#post-checkin-location');
    await tap(page, '#post-save');
    expect(textOf(page, '#post-location-error')).toBe('按位置签到须先设置岗位位置');
    await tap(page, '#post-locate');
    expect(phone.duty.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }));
    expect(isShown(page, '#post-location-error')).toBe(false);
    await typeInto(page, '#post-radius', '50');
    await tap(page, '#post-save');

    expect(phone.callsOf('duty.savePost')).toEqual([
      {
        compoundId: COMPOUND_ID,
        postId: CARE_POST.id,
        kind: 'care',
        name: '独居老人关爱岗',
        requiredSkills: [],
        preferredSkills: ['medical'],
        minHeads: 1,
        maxHeads: 1,
        checkInBy: 'location',
        alwaysOn: false,
        active: true,
        location: { lat: HERE.latitude, lng: HERE.longitude, radius: 50 },
      },
    ]);
    expect(textOf(page, `#post-${CARE_POST.id} .rt-post-rules`)).toBe('每班 1 人 · 定位签到');
  });

  it('explains a refused location under the post’s place: privacy not agreed, then location not allowed', async () => {
    const phone = serve();
    phone.privacy.agreed = false;
    const page = await openPage(ROTA);
    await tap(page, `#edit-${CARE_POST.id}`);

    await tap(page, '#post-locate');
    expect(isShown(page, '#privacy-sheet', '#privacy-consent')).toBe(true);
    await tap(page, '#privacy-sheet', '#privacy-disagree');
    expect(textOf(page, '#post-location-error')).toBe('您还没有同意《联防隐私保护指引》，所以无法定位。如需设置岗位位置，请再点一次，在弹出的说明里点「同意并继续」');

    phone.privacy.agreed = true;
    phone.duty.location = { errMsg: 'getLocation:fail auth deny' };
    await tap(page, '#post-locate');
    expect(textOf(page, '#post-location-error')).toBe('没有定位权限：请点右上角「···」→「设置」，允许使用位置信息后再设置岗位位置');
    expect(textOf(page, '#post-location')).toBe('未设置');
  });

  it('will not make a second post at a gate that has one', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    await tap(page, '#post-new');
    await typeInto(page, '#post-name', '东门二岗');
    await tap(page, `#post-gate-${EAST_GATE.id}`);
    await tap(page, '#post-save');
    expect(textOf(page, '#post-gate-error')).toBe('该门岗已有「东门执勤岗」，请直接编辑它');
    expect(phone.callsOf('duty.savePost')).toEqual([]);
  });

  it('shows the server’s complaint about a field under it', async () => {
    serve({
      'duty.savePost': () => {
        throw failure('INVALID_ARGUMENT', '所选门岗不属于该小区', { field: 'data.gateId' });
      },
    });
    const page = await openPage(ROTA);
    await tap(page, '#post-new');
    await typeInto(page, '#post-name', '北门执勤岗');
    await tap(page, `#post-gate-${NORTH_GATE.id}`);
    await tap(page, '#post-save');
    expect(textOf(page, '#post-gate-error')).toBe('所选门岗不属于该小区');
    expect(isShown(page, '#post-editor')).toBe(true);
  });
});

it('tells a caller who is no secretary so, and asks nothing of duty', async () => {
  const phone = serve({ 'account.me': () => ({ ...SECRETARY_ME, grants: [] }) });
  const page = await openPage(ROTA);
  expect(textOf(page, '#compound', '#cp-none')).toBe('您不是任何小区的书记，无法使用此页面');
  expect(phone.calls.map((c) => c.action)).toEqual(['account.me']);
});
