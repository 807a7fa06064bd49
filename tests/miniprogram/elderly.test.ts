/**
 * 适老化 on the phone: text that follows WeChat's text-size setting, the pass as the first screen
 * for residents (offline too), the screen raised while a code shows and put back after, family
 * passes a swipe away, and the unread count on the home tile.
 */
import type { ActionResponse } from '../../typings/api';
import { installFakeWx } from './support/fake-wx';
import type { FakeWx } from './support/fake-wx';
import { RESIDENT_ME, STAFF_ME, VOLUNTEER_RESIDENT_ME } from './support/fixtures';
import type { Node, Page } from './support/mp';
import { find, findAll, openPage, settle, textOf } from './support/mp';
import { GATE_MORNING, passView } from './support/pass-server';
import { atTheGate, leave, open, shownCode, verify, world } from './support/pass-page';
import type { World } from './support/pass-page';

type Me = ActionResponse<'account.me'>;

const HOME = 'pages/home/home';
const PASS_URL = '/resident/pages/pass/pass';

/** The unread counts shown on the home tiles. */
const badges = (page: Page) => findAll(page, '.home-tile-badge').map((n) => n.dom?.textContent ?? '');

const rootFontSize = (page: Page) => (find(page, '#page-meta').data as { rootFontSize: string }).rootFontSize;

atTheGate();
// Several pages per test on a shared machine.
jest.setTimeout(30_000);

describe('text follows WeChat’s text-size setting', () => {
  const cases: [number, string][] = [
    [16, '16px'],
    [17, '17px'],
    [24, '24px'],
    // Smaller than standard keeps the floors; past twice the standard the layout has no room.
    [12, '16px'],
    [40, '32px'],
  ];

  it.each(cases)('setting %ipx gives the pages a root font size of %s', async (setting, expected) => {
    const fake = installFakeWx({ handlers: { 'account.me': () => STAFF_ME, 'notice.inbox': () => ({ items: [], unread: 0 }) } });
    fake.fontSizeSetting = setting;
    expect(rootFontSize(await openPage(HOME))).toBe(expected);
    expect(rootFontSize(await openPage('notices/pages/inbox/inbox'))).toBe(expected);
  });

  it('on the pass page too', async () => {
    const w = world([passView(GATE_MORNING)]);
    w.fake.fontSizeSetting = 24;
    expect(rootFontSize(await open())).toBe('24px');
  });
});

/** A phone whose wallet holds the pass (the pass page opened once), answering account.me as `me`. */
async function phoneWithPass(me: Me): Promise<World> {
  const w = world([passView(GATE_MORNING)]);
  Object.assign(w.fake.handlers, { 'account.me': () => me, 'notice.inbox': () => ({ items: [], unread: 0 }) });
  leave(await open());
  return w;
}

/** Opens home as the first page of a launch (a fresh module, as after a cold start). */
async function launch(fake: FakeWx): Promise<Page> {
  fake.wx.navigateTo.mockClear();
  return openPage(HOME);
}

describe('a resident opens onto the pass', () => {
  it('with no taps, online and on a cold launch with no network', async () => {
    const w = await phoneWithPass(RESIDENT_ME);

    await launch(w.fake);
    expect(w.fake.wx.navigateTo).toHaveBeenCalledWith({ url: PASS_URL });

    w.fake.offline = true;
    const home = await launch(w.fake);
    expect(w.fake.wx.navigateTo).toHaveBeenCalledTimes(1);
    expect(w.fake.wx.navigateTo).toHaveBeenCalledWith({ url: PASS_URL });
    // The pass itself opens from the wallet with no network.
    const pass = await open();
    expect(verify(w, shownCode(w)).ok).toBe(true);
    expect(textOf(pass, '#notice')).toBe('网络不可用，已显示离线出入证');

    // Back on home, it stays home (once per launch).
    (home.instance as unknown as { onShow(): void }).onShow();
    await settle();
    expect(w.fake.wx.navigateTo).toHaveBeenCalledTimes(1);
  });

  it('not when they hold another role too, nor without a pass on the phone', async () => {
    const w = await phoneWithPass(VOLUNTEER_RESIDENT_ME);
    await launch(w.fake);
    expect(w.fake.wx.navigateTo).not.toHaveBeenCalled();

    const fake = installFakeWx({ handlers: { 'account.me': () => RESIDENT_ME, 'notice.inbox': () => ({ items: [], unread: 0 }) } });
    await launch(fake);
    expect(fake.wx.navigateTo).not.toHaveBeenCalled();
  });
});

describe('the home tile of the notices', () => {
  it('carries the unread count from one cheap call, capped at 99+, and none when all is read', async () => {
    let unread = 3;
    const fake = installFakeWx({ handlers: { 'account.me': () => RESIDENT_ME, 'notice.inbox': () => ({ items: [], unread }) } });
    const page = await openPage(HOME);
    expect(fake.callsOf('notice.inbox')).toEqual([{ unreadOnly: true, limit: 1 }]);
    expect(badges(page)).toEqual(['3']);

    unread = 120;
    (page.instance as unknown as { onShow(): void }).onShow();
    await settle();
    expect(badges(page)).toEqual(['99+']);

    unread = 0;
    (page.instance as unknown as { onShow(): void }).onShow();
    await settle();
    expect(badges(page)).toEqual([]);
  });
});

/** The phone's screen brightness, 0–1, as wx reads and sets it. */
function screen(w: World, start: number) {
  const state = { value: start, sets: [] as number[] };
  Object.assign(w.fake.wx, {
    getScreenBrightness: jest.fn(({ success }: { success(r: { value: number }): void }) => void Promise.resolve().then(() => success({ value: state.value }))),
    setScreenBrightness: jest.fn(({ value }: { value: number }) => {
      state.value = value;
      state.sets.push(value);
    }),
  });
  return state;
}

describe('the screen while a code shows', () => {
  it('is raised to full brightness and put back when the page is hidden or left', async () => {
    const w = world([passView(GATE_MORNING)]);
    const brightness = screen(w, 0.3);
    const page = await open();
    expect(brightness.value).toBe(1);

    (page.instance as unknown as { onHide(): void }).onHide();
    expect(brightness.value).toBe(0.3);

    (page.instance as unknown as { onShow(): void }).onShow();
    await settle();
    expect(brightness.value).toBe(1);
    leave(page);
    expect(brightness.sets).toEqual([1, 0.3, 1, 0.3]);
  });

  it('is left alone for a pass that shows no code', async () => {
    const w = world([passView(GATE_MORNING, { status: 'pending' })]);
    const brightness = screen(w, 0.3);
    await open();
    expect(brightness.sets).toEqual([]);
  });
});

async function swipe(node: Node, dx: number, dy = 0): Promise<void> {
  node.dispatchEvent('touchstart', { touches: [{ x: 200, y: 300 }], changedTouches: [{ x: 200, y: 300 }] });
  node.dispatchEvent('touchend', { touches: [], changedTouches: [{ x: 200 + dx, y: 300 + dy }] });
  await settle();
}

describe('family passes', () => {
  it('are one swipe away, either way round; a short or upward drag turns nothing', async () => {
    const mine = passView(GATE_MORNING);
    const mother = passView(GATE_MORNING, { nameMasked: '李*', relation: 'family', createdAt: GATE_MORNING - 3 * 24 * 3600_000 });
    const w = world([mine, mother]);
    const page = await open();
    expect(textOf(page, '#pass-name')).toBe('王*兰（本人）');
    expect(textOf(page, '#swipe-hint')).toBe('左右滑动出入证可切换家人');

    await swipe(find(page, '#swipe'), -120);
    expect(textOf(page, '#pass-name')).toBe('李*（家属）');
    expect(verify(w, shownCode(w))).toMatchObject({ ok: true, cred: { pid: mother.id } });

    await swipe(find(page, '#swipe'), -30);
    await swipe(find(page, '#swipe'), -60, 200);
    expect(textOf(page, '#pass-name')).toBe('李*（家属）');

    await swipe(find(page, '#swipe'), 120);
    expect(textOf(page, '#pass-name')).toBe('王*兰（本人）');
  });
});
