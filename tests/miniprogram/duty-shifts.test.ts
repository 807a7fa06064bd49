/** 我的班次: the volunteer's shifts by day, check-in by code and by location, check-out, sign-up and withdrawal. */
import type { ActionResponse } from '../../typings/api';
import type { FakeWx } from './support/fake-wx';
import { deferred, failure } from './support/fake-wx';
import { RESIDENT_ME } from './support/fixtures';
import type { DutyWorld, DutyWx } from './support/duty';
import { CARE_POST, CLEAN_POST, COMPOUND_ID, GATE_POST, HERE, TODAY, TOMORROW, at, crew, dutyOf, dutyWorld, shiftView, volunteerPhone } from './support/duty';
import { fakeClock } from './support/gate';
import type { Page } from './support/mp';
import { isShown, openPage, settle, tap, textOf, textsOf } from './support/mp';

const SHIFTS = 'volunteer/pages/shifts/shifts';

const GATE_DAY = shiftView(GATE_POST, at('08:00'), at('16:00'));
const CLEAN_NOON = shiftView(CLEAN_POST, at('12:00'), at('14:00'));
const CARE_TOMORROW = shiftView(CARE_POST, at('09:00', 1), at('11:00', 1));
const GATE_NIGHT = shiftView(GATE_POST, at('16:00'), at('24:00'), { crew: [crew('o-other', '李*')] });
const GATE_FULL = shiftView(GATE_POST, at('00:00', 1), at('08:00', 1), { full: true, crew: [crew('a', '甲*'), crew('b', '乙*'), crew('c', '丙*')] });

/** The volunteer is on the gate today, disinfection at noon and care tomorrow; the night gate is open. */
function world(over: Partial<DutyWorld> = {}): DutyWorld {
  return dutyWorld({
    shifts: [GATE_DAY, CLEAN_NOON, GATE_NIGHT, GATE_FULL, CARE_TOMORROW],
    mine: [dutyOf(GATE_DAY), dutyOf(CLEAN_NOON), dutyOf(CARE_TOMORROW)],
    week: { week: '2024-03-04', minutes: 200, shifts: 2 },
    ...over,
  });
}

type Phone = FakeWx & { duty: DutyWx };

async function open(w: DutyWorld = world(), handlers: Parameters<typeof volunteerPhone>[1] = {}): Promise<{ page: Page; phone: Phone; w: DutyWorld }> {
  const phone = volunteerPhone(w, handlers);
  const page = await openPage(SHIFTS);
  return { page, phone, w };
}

const card = (page: Page, shift: { id: string }, part: string) => textOf(page, `#duty-${shift.id} ${part}`);

/** Moves the clock and lets the page's own tick re-draw. */
async function clockTo(ms: number): Promise<void> {
  jest.setSystemTime(ms);
  jest.advanceTimersByTime(30_000);
  await settle();
}

beforeEach(() => fakeClock(at('07:00')));
afterEach(() => jest.useRealTimers());

describe('my shifts', () => {
  it('shows this week’s hours and the shifts by day, each with its post, kind, time and state', async () => {
    const { page, phone } = await open();

    expect(phone.callsOf('duty.mine')).toEqual([{}]);
    expect(phone.callsOf('duty.posts')).toEqual([{ compoundId: COMPOUND_ID }]);
    expect(textOf(page, '#week')).toBe('本周已值守 3 小时 20 分，共 2 个班次');
    expect(textsOf(page, '#mine-2024-03-05 .sh-day-label')).toEqual(['今天 · 3月5日 周二']);
    expect(textsOf(page, `#mine-${TOMORROW} .sh-day-label`)).toEqual(['明天 · 3月6日 周三']);
    expect(textsOf(page, `#mine-${TODAY} .sh-time`)).toEqual(['08:00–16:00', '12:00–14:00']);
    expect(card(page, GATE_DAY, '.sh-post')).toBe('执勤东门执勤岗');
    expect(card(page, GATE_DAY, '.sh-kind')).toBe('执勤');
    expect(card(page, CLEAN_NOON, '.sh-kind')).toBe('消毒');
    expect(card(page, CARE_TOMORROW, '.sh-kind')).toBe('服务关爱');
    expect(card(page, GATE_DAY, '.sh-status')).toBe('待签到');
    // A compound of one: its name is not repeated on every card.
    expect(isShown(page, `#duty-${GATE_DAY.id} .sh-compound`)).toBe(false);
  });

  it('opens check-in 15 minutes before the start, and not before', async () => {
    const { page } = await open();
    expect(card(page, GATE_DAY, '.sh-note')).toBe('07:45 起可签到');
    expect(isShown(page, `#checkin-code-${GATE_DAY.id}`)).toBe(false);

    await clockTo(at('07:44'));
    expect(isShown(page, `#checkin-code-${GATE_DAY.id}`)).toBe(false);
    await clockTo(at('07:45'));
    expect(textOf(page, `#checkin-code-${GATE_DAY.id}`)).toBe('扫码签到');
    // The gate post takes the printed code only.
    expect(isShown(page, `#checkin-location-${GATE_DAY.id}`)).toBe(false);
  });

  it('checks in by scanning the post’s code: the scanned text goes to duty.checkIn as is', async () => {
    fakeClock(at('07:50'));
    const { page, phone } = await open();
    const code = 'LFD1.eyJ2IjoxLCJwb3N0IjoicG9zdC1lYXN0In0.c2lnbmF0dXJl';
    phone.duty.scans.push(code);

    await tap(page, `#checkin-code-${GATE_DAY.id}`);

    expect(phone.duty.scanCode).toHaveBeenCalledWith(expect.objectContaining({ onlyFromCamera: true, scanType: ['qrCode'] }));
    expect(phone.callsOf('duty.checkIn')).toEqual([{ shiftId: GATE_DAY.id, code }]);
    expect(phone.duty.getLocation).not.toHaveBeenCalled();
    expect(card(page, GATE_DAY, '.sh-status')).toBe('值守中');
    expect(card(page, GATE_DAY, '.sh-note')).toBe('07:50 已签到，下岗时请签退');
    expect(isShown(page, `#checkin-code-${GATE_DAY.id}`)).toBe(false);
    expect(isShown(page, `#checkout-${GATE_DAY.id}`)).toBe(true);
    expect(phone.wx.showToast).toHaveBeenCalledWith({ title: '签到成功', icon: 'success' });
  });

  it('sends nothing when the scan is cancelled', async () => {
    fakeClock(at('07:50'));
    const { page, phone } = await open();
    await tap(page, `#checkin-code-${GATE_DAY.id}`);
    expect(phone.duty.scanCode).toHaveBeenCalledTimes(1);
    expect(phone.callsOf('duty.checkIn')).toEqual([]);
    expect(card(page, GATE_DAY, '.sh-status')).toBe('待签到');
    expect(isShown(page, '#duty-error')).toBe(false);
  });

  it('checks in by location with gcj02 coordinates and their accuracy', async () => {
    fakeClock(at('11:50'));
    const { page, phone } = await open();
    expect(isShown(page, `#checkin-code-${CLEAN_NOON.id}`)).toBe(false);

    await tap(page, `#checkin-location-${CLEAN_NOON.id}`);

    expect(phone.duty.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }));
    expect(phone.duty.scanCode).not.toHaveBeenCalled();
    expect(phone.callsOf('duty.checkIn')).toEqual([{ shiftId: CLEAN_NOON.id, location: { lat: HERE.latitude, lng: HERE.longitude, accuracy: 30 } }]);
    expect(card(page, CLEAN_NOON, '.sh-status')).toBe('值守中');
  });

  it('offers both ways where the post takes either', async () => {
    fakeClock(at('08:50', 1));
    const { page } = await open(world({ mine: [dutyOf(CARE_TOMORROW)] }));
    expect(textsOf(page, `#duty-${CARE_TOMORROW.id} .sh-btn`)).toEqual(['扫码签到', '定位签到', '不参加了']);
  });

  it('scans and locates at once where the post wants both', async () => {
    fakeClock(at('11:50'));
    const w = world({ posts: [GATE_POST, { ...CLEAN_POST, checkInBy: 'both' }, CARE_POST] });
    const { page, phone } = await open(w);
    phone.duty.scans.push('LFD1.body.sig');
    await tap(page, `#checkin-both-${CLEAN_NOON.id}`);
    expect(phone.callsOf('duty.checkIn')).toEqual([
      { shiftId: CLEAN_NOON.id, code: 'LFD1.body.sig', location: { lat: HERE.latitude, lng: HERE.longitude, accuracy: 30 } },
    ]);
  });

  it('shows the server’s refusal under the shift, plainly, and lets the volunteer try again', async () => {
    fakeClock(at('11:50'));
    const { page, phone } = await open(world(), {
      'duty.checkIn': () => {
        throw failure('FAILED_PRECONDITION', '您距离岗位约 850 米，须在 100 米内签到', { reason: 'OUT_OF_RANGE', field: 'data.location', distance: 850 });
      },
    });
    await tap(page, `#checkin-location-${CLEAN_NOON.id}`);

    expect(textOf(page, `#duty-${CLEAN_NOON.id} #duty-error`)).toBe('您距离岗位约 850 米，须在 100 米内签到');
    expect(card(page, CLEAN_NOON, '.sh-status')).toBe('待签到');
    expect(await tap(page, `#checkin-location-${CLEAN_NOON.id}`)).toBe(true);
    expect(phone.callsOf('duty.checkIn')).toHaveLength(2);
  });

  it('says how to allow the location when it is refused, and sends nothing', async () => {
    fakeClock(at('11:50'));
    const { page, phone } = await open();
    phone.duty.location = { errMsg: 'getLocation:fail auth deny' };
    await tap(page, `#checkin-location-${CLEAN_NOON.id}`);
    expect(textOf(page, '#duty-error')).toBe('没有定位权限：请点右上角「···」→「设置」，允许使用位置信息后再签到');
    expect(phone.callsOf('duty.checkIn')).toEqual([]);

    phone.duty.location = { errMsg: 'getLocation:fail system permission denied' };
    await tap(page, `#checkin-location-${CLEAN_NOON.id}`);
    expect(textOf(page, '#duty-error')).toBe('手机没有允许微信使用定位：请在手机「设置」里打开微信的定位权限后再签到');

    phone.duty.location = { errMsg: 'getLocation:fail:ERROR_NOCELL&WIFI_LOCATIONSWITCHOFF' };
    await tap(page, `#checkin-location-${CLEAN_NOON.id}`);
    expect(textOf(page, '#duty-error')).toBe('手机的定位服务没有打开：请在手机「设置」或下拉菜单里打开「定位」后再签到');

    phone.duty.location = { errMsg: 'getLocation:fail timeout' };
    await tap(page, `#checkin-location-${CLEAN_NOON.id}`);
    expect(textOf(page, '#duty-error')).toBe('无法获取位置，请打开手机定位后重试');
    expect(phone.callsOf('duty.checkIn')).toEqual([]);
  });

  it('says when the deployment’s privacy contract does not cover location, which the volunteer cannot fix', async () => {
    fakeClock(at('11:50'));
    const { page, phone } = await open();
    phone.privacy.declared = false;
    await tap(page, `#checkin-location-${CLEAN_NOON.id}`);
    expect(textOf(page, '#duty-error')).toBe('小程序的隐私保护指引还没有写明使用位置信息，暂时无法定位，请告知社区工作人员');
    expect(phone.callsOf('duty.checkIn')).toEqual([]);
  });

  it('sends one check-in for a double tap', async () => {
    fakeClock(at('07:50'));
    const reply = deferred<ActionResponse<'duty.checkIn'>>();
    const { page, phone } = await open(world(), { 'duty.checkIn': () => reply.promise });
    phone.duty.scans.push('LFD1.a.b', 'LFD1.a.b');
    const instance = page.instance as unknown as { onCheckIn(e: unknown): void };
    const e = { currentTarget: { dataset: { id: GATE_DAY.id, how: 'code' } } };
    instance.onCheckIn(e);
    instance.onCheckIn(e);
    await settle();
    expect(phone.duty.scanCode).toHaveBeenCalledTimes(1);
    reply.resolve(dutyOf(GATE_DAY, { status: 'on', checkInAt: at('07:50') }));
    await settle();
    expect(phone.callsOf('duty.checkIn')).toHaveLength(1);
  });

  it('checks out after asking, and shows the minutes credited', async () => {
    fakeClock(at('16:02'));
    const { page, phone } = await open(world({ mine: [dutyOf(GATE_DAY, { status: 'on', checkInAt: at('07:50') })] }));
    phone.duty.confirms = false;
    await tap(page, `#checkout-${GATE_DAY.id}`);
    expect(phone.duty.showModal).toHaveBeenCalledTimes(1);
    expect(phone.callsOf('duty.checkOut')).toEqual([]);

    phone.duty.confirms = true;
    await tap(page, `#checkout-${GATE_DAY.id}`);
    expect(phone.callsOf('duty.checkOut')).toEqual([{ shiftId: GATE_DAY.id }]);
    expect(card(page, GATE_DAY, '.sh-status')).toBe('已完成');
    expect(card(page, GATE_DAY, '.sh-note')).toBe('已签退，计 8 小时 12 分');
    expect(isShown(page, `#checkout-${GATE_DAY.id}`)).toBe(false);
  });

  it('lets the volunteer leave a shift before it starts, not after', async () => {
    const { page, phone } = await open();
    await tap(page, `#withdraw-${CARE_TOMORROW.id}`);

    expect(phone.callsOf('duty.withdraw')).toEqual([{ shiftId: CARE_TOMORROW.id }]);
    expect(isShown(page, `#duty-${CARE_TOMORROW.id}`)).toBe(false);
    // It is open again, below.
    expect(isShown(page, `#shift-${CARE_TOMORROW.id}`)).toBe(true);

    await clockTo(at('08:00'));
    expect(isShown(page, `#withdraw-${GATE_DAY.id}`)).toBe(false);
  });

  it('sends a caller who is not a volunteer to apply, asking nothing of duty', async () => {
    const { page, phone } = await open(world(), { 'account.me': () => RESIDENT_ME });
    expect(textOf(page, '#none .sh-none')).toBe('您还不是志愿者');
    expect(phone.calls.map((c) => c.action)).toEqual(['account.me']);
    await tap(page, '#join');
    expect(phone.wx.navigateTo).toHaveBeenCalledWith({ url: '/volunteer/pages/join/join' });
  });

  it('shows a failure to load with 重试', async () => {
    const { page, phone } = await open(world(), {
      'duty.mine': () => {
        throw failure('INTERNAL', '服务繁忙，请稍后再试');
      },
    });
    expect(textOf(page, '#load-error')).toBe('服务繁忙，请稍后再试');
    phone.handlers['duty.mine'] = () => ({ items: [], week: { week: '2024-03-04', minutes: 0, shifts: 0 } });
    await tap(page, '#retry');
    expect(textOf(page, '#mine-empty')).toBe('最近 7 天没有您的班次，可在下方报名');
    expect(textOf(page, '#week')).toBe('本周还没有完成的班次');
  });
});

describe('signing up', () => {
  it('lists the open shifts of the compound for a week: not full, not the caller’s own', async () => {
    const { page, phone } = await open();
    expect(phone.callsOf('duty.shifts')).toEqual([{ compoundId: COMPOUND_ID, day: TODAY, days: 7, limit: 200 }]);
    expect(textsOf(page, '.sh-open .sh-post')).toEqual(['执勤东门执勤岗']);
    expect(textOf(page, `#shift-${GATE_NIGHT.id} .sh-time`)).toBe('16:00–24:00');
    expect(textOf(page, `#shift-${GATE_NIGHT.id} .sh-heads`)).toBe('已报 1 人，需 2–3 人');
  });

  it('signs up with duty.signup and moves the shift to my shifts', async () => {
    const { page, phone } = await open();
    await tap(page, `#signup-${GATE_NIGHT.id}`);

    expect(phone.callsOf('duty.signup')).toEqual([{ shiftId: GATE_NIGHT.id }]);
    expect(textsOf(page, `#mine-${TODAY} .sh-time`)).toEqual(['08:00–16:00', '12:00–14:00', '16:00–24:00']);
    expect(isShown(page, `#shift-${GATE_NIGHT.id}`)).toBe(false);
    expect(textOf(page, '#open-empty')).toBe('最近 7 天没有缺人的班次');
    expect(phone.wx.showToast).toHaveBeenCalledWith({ title: '报名成功', icon: 'success' });
  });

  it('shows a skill the shift needs before the volunteer signs up', async () => {
    const open2 = shiftView(CLEAN_POST, at('15:00'), at('17:00'));
    const { page } = await open(world({ shifts: [open2] }));
    expect(textOf(page, `#shift-${open2.id} .sh-skills`)).toBe('需要技能：消毒');
  });

  it('offers a started shift only when it is short-handed and open for backfill', async () => {
    fakeClock(at('08:20'));
    const late = shiftView(GATE_POST, at('08:00'), at('16:00'), { id: 'post-east-backfill', started: true, backfill: true, flagged: true });
    const started = shiftView(CARE_POST, at('08:00'), at('10:00'), { started: true });
    const { page } = await open(world({ mine: [], shifts: [late, started] }));
    expect(textsOf(page, '.sh-open .sh-time')).toEqual(['08:00–16:00']);
    expect(textOf(page, '#shift-post-east-backfill .sh-backfill')).toBe('急需补位');
  });

  it.each([
    ['SHIFT_FULL', 'CONFLICT', '该班次已满（最多 3 人）'],
    ['OVERLAP', 'CONFLICT', '与已排的班次时间重叠（08:00–16:00）'],
    ['MISSING_SKILL', 'FAILED_PRECONDITION', '该岗位需要「消毒」技能'],
    ['DAILY_LIMIT', 'FAILED_PRECONDITION', '每天值班不超过 10 小时（当天已排 8 小时）'],
    ['STARTED', 'FAILED_PRECONDITION', '班次已开始，不能再报名'],
  ] as const)('shows a refusal for %s in the server’s words under that shift, and keeps it open', async (reason, code, message) => {
    const { page, phone } = await open(world(), {
      'duty.signup': () => {
        throw failure(code, message, { reason });
      },
    });
    await tap(page, `#signup-${GATE_NIGHT.id}`);

    expect(textOf(page, `#shift-${GATE_NIGHT.id} #signup-error`)).toBe(message);
    expect(isShown(page, `#shift-${GATE_NIGHT.id}`)).toBe(true);
    expect(textsOf(page, `#mine-${TODAY} .sh-time`)).toEqual(['08:00–16:00', '12:00–14:00']);
    expect(phone.wx.showToast).not.toHaveBeenCalled();
  });
});
