/** Secretary: the rota — coverage now (gaps first), a day's posts and shifts, staffing from suggestions, and post codes. */
import type { ActionResponse } from '../../typings/api';
import { deferred, failure } from './support/fake-wx';
import { CARE_POST, CLEAN_POST, COMPOUND_ID, GATE_POST, TODAY, TOMORROW, crew } from './support/duty';
import { find, isShown, openPage, settle, tap, textOf, textsOf } from './support/mp';
import { readCanvas } from './support/pass-wx';
import { atSevenInTheMorning, DAY, EVENING, NIGHT, ROTA, serve, shift } from './support/rota-page';

atSevenInTheMorning();

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
