/**
 * WeChat's privacy check as a volunteer meets it on 我的班次: a location check-in by someone who
 * has not agreed to the privacy contract brings up the consent sheet; agreeing lets the check-in
 * through, refusing is explained under the shift. The contract opens from the sheet. Also how a
 * failed wx.getLocation is read: a privacy refusal is not a refused permission.
 */
import { locationFailure } from '../../miniprogram/services/location';
import type { DutyWorld } from './support/duty';
import { CARE_POST, CLEAN_POST, at, dutyOf, dutyWorld, shiftView, volunteerPhone } from './support/duty';
import type { FakeWx } from './support/fake-wx';
import { fakeClock } from './support/gate';
import type { Page } from './support/mp';
import { find, isShown, openPage, settle, tap, textOf, textsOf } from './support/mp';

const SHIFTS = 'volunteer/pages/shifts/shifts';
const SHEET = '#privacy-sheet';

/** Noon: disinfection (check-in by location only) and care for the elderly (code or location). */
const CLEAN_NOON = shiftView(CLEAN_POST, at('12:00'), at('14:00'));
const CARE_NOON = shiftView(CARE_POST, at('12:00'), at('14:00'));

const world = (): DutyWorld => dutyWorld({ shifts: [CLEAN_NOON, CARE_NOON], mine: [dutyOf(CLEAN_NOON), dutyOf(CARE_NOON)] });

/** A volunteer at 11:50 who has never agreed to the privacy contract. */
async function open(): Promise<{ page: Page; phone: FakeWx }> {
  const phone = volunteerPhone(world());
  phone.privacy.agreed = false;
  const page = await openPage(SHIFTS);
  return { page, phone };
}

const sheetShown = (page: Page) => isShown(page, SHEET, '#privacy-consent');

/** The user taps 同意并继续: WeChat's own button reports the tap as `agreeprivacyauthorization`. */
async function agree(page: Page): Promise<void> {
  find(page, SHEET, '#privacy-agree').dispatchEvent('agreeprivacyauthorization');
  await settle();
}

beforeEach(() => fakeClock(at('11:50')));
afterEach(() => jest.useRealTimers());

describe('the consent sheet', () => {
  it('is hidden until WeChat asks', async () => {
    const { page, phone } = await open();
    expect(sheetShown(page)).toBe(false);
    expect(phone.privacy.answers).toEqual([]);
  });

  it('shows when a location check-in needs consent, says what is collected and why, and tells WeChat it is shown', async () => {
    const { page, phone } = await open();
    await tap(page, `#checkin-location-${CLEAN_NOON.id}`);

    expect(textOf(page, SHEET, '#privacy-title')).toBe('请先阅读隐私保护指引');
    expect(textsOf(page, SHEET, '.ps-item')).toEqual([
      '· 您的姓名、手机号、住址（楼栋、单元、房号）',
      '· 门岗登记的访客、快递员的手机号，体温，车牌',
      '· 志愿者的特长和党员身份',
      '· 值守签到时您所在的位置（仅在签到那一刻）',
    ]);
    expect(textOf(page, SHEET, '#privacy-notice')).toBe('详细内容请阅读《联防隐私保护指引》');
    expect(textOf(page, SHEET, '#privacy-agree')).toBe('同意并继续');
    expect(textOf(page, SHEET, '#privacy-disagree')).toBe('不同意');
    expect(phone.privacy.answers).toEqual([{ event: 'exposureAuthorization' }]);
    expect(phone.callsOf('duty.checkIn')).toEqual([]);
  });

  it('on agree tells WeChat which button was tapped, and the check-in goes through', async () => {
    const { page, phone } = await open();
    await tap(page, `#checkin-location-${CLEAN_NOON.id}`);
    await agree(page);

    expect(phone.privacy.answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }]);
    expect(sheetShown(page)).toBe(false);
    expect(phone.callsOf('duty.checkIn')).toHaveLength(1);
    expect(phone.wx.showToast).toHaveBeenCalledWith({ title: '签到成功', icon: 'success' });

    // WeChat remembers the consent: the next location is not asked for again.
    await tap(page, `#checkin-location-${CARE_NOON.id}`);
    expect(phone.privacy.answers).toHaveLength(2);
    expect(phone.callsOf('duty.checkIn')).toHaveLength(2);
  });

  it('on disagree tells WeChat so, and the page says how to go on; asked again, the user may still agree', async () => {
    const { page, phone } = await open();
    await tap(page, `#checkin-location-${CLEAN_NOON.id}`);
    await tap(page, SHEET, '#privacy-disagree');

    expect(phone.privacy.answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
    expect(sheetShown(page)).toBe(false);
    expect(textOf(page, '#duty-error')).toBe('您还没有同意《联防隐私保护指引》，所以无法定位。如需签到，请再点一次，在弹出的说明里点「同意并继续」');
    expect(phone.callsOf('duty.checkIn')).toEqual([]);

    await tap(page, `#checkin-location-${CLEAN_NOON.id}`);
    expect(sheetShown(page)).toBe(true);
    await agree(page);
    expect(phone.callsOf('duty.checkIn')).toHaveLength(1);
  });

  it('on a post that also takes its code, a refusal suggests scanning it instead', async () => {
    const { page } = await open();
    await tap(page, `#checkin-location-${CARE_NOON.id}`);
    await tap(page, SHEET, '#privacy-disagree');
    expect(textOf(page, '#duty-error')).toBe(
      '您还没有同意《联防隐私保护指引》，所以无法定位。如需签到，请再点一次，在弹出的说明里点「同意并继续」；也可以改用「扫码签到」',
    );
  });

  it('answers every request that came while it showed', async () => {
    const { page, phone } = await open();
    const first = phone.privacy.check('getLocation');
    const second = phone.privacy.check('getLocation');
    await settle();
    expect(phone.privacy.answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'exposureAuthorization' }]);

    await agree(page);
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    expect(phone.privacy.answers.slice(2)).toEqual([
      { event: 'agree', buttonId: 'privacy-agree' },
      { event: 'agree', buttonId: 'privacy-agree' },
    ]);
  });

  it('refuses what is still waiting when its page closes, rather than leave it hanging', async () => {
    const { page, phone } = await open();
    const waiting = phone.privacy.check('getLocation');
    await settle();
    page.detach();

    await expect(waiting).rejects.toEqual({ errMsg: 'getLocation:fail privacy permission is not authorized', errno: 104 });
    expect(phone.privacy.answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
  });

  it('opens the privacy contract, and says so when WeChat cannot', async () => {
    const { page, phone } = await open();
    await tap(page, `#checkin-location-${CLEAN_NOON.id}`);

    await tap(page, SHEET, '#privacy-notice', '#privacy-contract');
    expect(phone.wx.openPrivacyContract).toHaveBeenCalledTimes(1);
    expect(isShown(page, SHEET, '#privacy-notice', '#privacy-contract-error')).toBe(false);

    phone.privacy.contractFails = true;
    await tap(page, SHEET, '#privacy-notice', '#privacy-contract');
    expect(textOf(page, SHEET, '#privacy-notice', '#privacy-contract-error')).toBe('暂时无法打开隐私保护指引，请稍后再试');
    expect(sheetShown(page)).toBe(true);
  });
});

describe('a failed wx.getLocation', () => {
  it.each([
    [{ errMsg: 'getLocation:fail privacy permission is not authorized', errno: 104 }, 'privacy'],
    [{ errMsg: 'getLocation:fail privacy permission is not authorized' }, 'privacy'],
    [{ errMsg: 'getLocation:fail', errno: 104 }, 'privacy'],
    [{ errMsg: 'getLocation:fail api scope is not declared in the privacy agreement', errno: 112 }, 'undeclared'],
    [{ errMsg: 'getLocation:fail auth deny' }, 'denied'],
    [{ errMsg: 'getLocation:fail auth denied' }, 'denied'],
    [{ errMsg: 'getLocation:fail authorize no response' }, 'denied'],
    [{ errMsg: 'getLocation:fail system permission denied' }, 'system'],
    [{ errMsg: 'getLocation:fail:ERROR_NOCELL&WIFI_LOCATIONSWITCHOFF' }, 'off'],
    [{ errMsg: 'getLocation:fail timeout' }, 'unavailable'],
  ])('%j is %s', (err, failure) => {
    expect(locationFailure(err)).toBe(failure);
  });
});
