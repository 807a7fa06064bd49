import type { Role } from '../../typings/domain';
import { DEV_STORAGE } from '../../miniprogram/services/config';
import type * as Roles from '../../miniprogram/utils/roles';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import type { FakeWx } from './support/fake-wx';
import { DEMO_ACCOUNTS, NEW_ADMIN_ME, PROFILES_BY_OPENID, RESIDENT_ME, STAFF_ME, UNREGISTERED_ME, VOLUNTEER_RESIDENT_ME } from './support/fixtures';
import { MORNING, fakeClock } from './support/gate';
import type { Page } from './support/mp';
import { findAll, isShown, openPage, settle, tap, textOf, textsOf } from './support/mp';
import { HOME, asCaller, badgesOf, expectErrorOnly, sectionTitles, tilesOf, type Me } from './support/home';

describe('home page', () => {
  it('shows a staff caller their name, masked phone, role with org path and staff tiles only', async () => {
    const server = asCaller(STAFF_ME);
    const page = await openPage(HOME);

    expect(server.callsOf('account.me')).toEqual([{}]);
    expect(textOf(page, '#me-name')).toBe('李建国');
    expect(textOf(page, '#me-phone')).toBe('手机 138****5678');
    expect(badgesOf(page)).toEqual(['工作人员 商州区 / 城关街道']);
    expect(sectionTitles(page)).toEqual(['工作人员']);
    expect(tilesOf(page, 'staff')).toEqual([
      '防控看板|辖区情况，逐级查看',
      '发布通知|向辖区发布通知',
      '预警处置|处理上报的预警',
      '健康与摸底|辖区摸底与今日上报',
      '线索处置|辖区线索与处置用时',
      '收到的通知|上级发来的通知',
      '邀请成员|生成邀请码，授予角色',
      '社区吹哨|向部门单位求援',
      '督导检查|记录问题、核查整改',
      '导出台账|辖区各类记录导出为表格',
    ]);
  });

  it('offers a staff member without a household registration as a small link, not over their work', async () => {
    const server = asCaller(STAFF_ME);
    const page = await openPage(HOME);

    expect(isShown(page, '#register')).toBe(false);
    expect(textOf(page, '#register-link')).toBe('也住在辖区内？登记为居民 ›');
    expect(await tap(page, '#register-link')).toBe(true);
    expect(server.wx.navigateTo).toHaveBeenCalledWith({ url: '/resident/pages/register/register' });
  });

  it('shows a resident their household and the resident tiles', async () => {
    asCaller(RESIDENT_ME);
    const page = await openPage(HOME);

    expect(textOf(page, '#me-household')).toBe('幸福小区 3号楼 2单元 502');
    expect(badgesOf(page)).toEqual(['居民 商州区 / 城关街道 / 东关社区 / 幸福小区 / 3号楼']);
    expect(sectionTitles(page)).toEqual(['居民']);
    expect(tilesOf(page, 'resident')).toEqual([
      '出入证|进出小区时出示',
      '健康上报|每日体温与健康情况',
      '我的家庭|家庭成员与需要照顾的情况',
      '通知|社区发布的通知',
      '当志愿者|报名参加小区值守',
      '上报线索|返乡、密接、聚集等情况',
      '我的数据|导出、查看记录、注销',
      '单位报到|驻社单位联络员认领吹哨',
    ]);
    expect(isShown(page, '#register')).toBe(false);
    expect(isShown(page, '#register-link')).toBe(false);
  });

  it('lists every role held, the higher role first', async () => {
    asCaller(VOLUNTEER_RESIDENT_ME);
    const page = await openPage(HOME);

    expect(badgesOf(page)).toEqual(['居民 商州区 / 城关街道 / 东关社区 / 幸福小区 / 3号楼', '志愿者 商州区 / 城关街道 / 东关社区 / 幸福小区']);
    expect(sectionTitles(page)).toEqual(['志愿者', '居民']);
    expect(tilesOf(page, 'volunteer')).toEqual([
      '扫码核验|门岗查验出入证',
      '我的班次|值守时间与签到',
      '环境消毒|今日消毒区域，拍照登记',
      '通知|发给志愿者的通知',
      '上报线索|返乡、密接、聚集等情况',
    ]);
    expect(tilesOf(page, 'resident')).toHaveLength(8);
  });

  it('greys out entries that are not built yet, and tapping one goes nowhere', async () => {
    const server = asCaller(NEW_ADMIN_ME);
    const page = await openPage(HOME);

    const tiles = findAll(page, '.home-tile-soon');
    expect(tiles).toHaveLength(1); // 组织与授权
    for (const tile of tiles) {
      tile.dispatchEvent('tap');
    }
    await settle();
    expect(server.wx.navigateTo).not.toHaveBeenCalled();
  });

  it('opens an entry once its page exists', async () => {
    const actual = jest.requireActual<typeof Roles>('../../miniprogram/utils/roles');
    jest.doMock('../../miniprogram/utils/roles', () => ({
      ...actual,
      ROLE_ENTRIES: {
        ...actual.ROLE_ENTRIES,
        staff: [{ key: 'staff.notices', title: '发布通知', hint: '向辖区发布通知', url: '/staff/pages/notices/notices' }],
      },
    }));
    try {
      const server = asCaller(STAFF_ME);
      const page = await openPage(HOME);

      expect(tilesOf(page, 'staff')).toEqual(['发布通知|向辖区发布通知']);
      expect(findAll(page, '.home-tile-soon')).toHaveLength(0);
      expect(await tap(page, '.home-tile')).toBe(true);
      expect(server.wx.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/notices/notices' });
    } finally {
      jest.dontMock('../../miniprogram/utils/roles');
    }
  });

  it('offers an unregistered caller to register as a resident, and takes them there', async () => {
    const server = asCaller(UNREGISTERED_ME);
    const page = await openPage(HOME);

    expect(textOf(page, '#register')).toContain('登记为居民');
    expect(findAll(page, '.home-section')).toHaveLength(0);
    expect(isShown(page, '#me-phone')).toBe(false);
    expect(isShown(page, '#empty')).toBe(false);
    expect(isShown(page, '#register-link')).toBe(false);

    expect(await tap(page, '#register')).toBe(true);
    expect(server.wx.navigateTo).toHaveBeenCalledWith({ url: '/resident/pages/register/register' });
  });

  it('says so when a registered caller holds no role', async () => {
    asCaller({ ...RESIDENT_ME, grants: [] });
    const page = await openPage(HOME);
    expect(textOf(page, '#empty')).toBe('暂无可用功能，如需权限请联系社区工作人员');
    expect(isShown(page, '#register')).toBe(false);
  });

  it('shows loading until the profile arrives', async () => {
    const reply = deferred<Me>();
    installFakeWx({ handlers: { 'account.me': () => reply.promise } });
    const page = await openPage(HOME);

    expect(textOf(page, '#loading')).toBe('正在加载…');
    expect(isShown(page, '#me')).toBe(false);

    reply.resolve(STAFF_ME);
    await settle();
    expect(isShown(page, '#loading')).toBe(false);
    expect(textOf(page, '#me-name')).toBe('李建国');
  });

  it('shows the server message and recovers on 重试', async () => {
    const server = installFakeWx({
      handlers: {
        'account.me': () => {
          throw failure('INTERNAL', '服务繁忙，请稍后再试');
        },
      },
    });
    const page = await openPage(HOME);

    expect(textOf(page, '#error .home-error-text')).toBe('服务繁忙，请稍后再试');
    server.handlers['account.me'] = () => RESIDENT_ME;
    expect(await tap(page, '#retry')).toBe(true);

    expect(isShown(page, '#error')).toBe(false);
    expect(textOf(page, '#me-name')).toBe('王秀兰');
  });

  it('shows a network failure in plain Chinese when the phone has no profile kept', async () => {
    const server = asCaller(STAFF_ME);
    server.offline = true;
    const page = await openPage(HOME);
    expectErrorOnly(page, '无法连接服务器，请检查网络后重试');
  });

  it('reloads on pull-down and then stops the spinner', async () => {
    const server = asCaller(STAFF_ME);
    const page = await openPage(HOME);
    server.handlers['account.me'] = () => ({ ...STAFF_ME, name: '李建国（已更新）' });

    (page.instance as unknown as { onPullDownRefresh(): void }).onPullDownRefresh();
    await settle();

    expect(textOf(page, '#me-name')).toBe('李建国（已更新）');
    expect(server.wx.stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });

  it('refreshes on coming back (e.g. after registering) without blanking the page', async () => {
    const server = asCaller(UNREGISTERED_ME);
    const page = await openPage(HOME);
    expect(isShown(page, '#register')).toBe(true);

    const reply = deferred<Me>();
    server.handlers['account.me'] = () => reply.promise;
    (page.instance as unknown as { onShow(): void }).onShow();
    await settle();
    expect(isShown(page, '#loading')).toBe(false);
    expect(isShown(page, '#register')).toBe(true);

    reply.resolve(RESIDENT_ME);
    await settle();
    expect(isShown(page, '#register')).toBe(false);
    expect(textOf(page, '#me-name')).toBe('王秀兰');
    expect(server.callsOf('account.me')).toHaveLength(2);
  });
});

describe('home with no network', () => {
  const MINUTE = 60_000;
  const HOME_PASS = '/resident/pages/pass/pass';
  const GATE_SCAN = '/volunteer/pages/scan/scan';

  /** The tile titled `title` (within a role's section). */
  const tile = (page: Page, role: Role, title: string) => {
    const titles = textsOf(page, `#section-${role} .home-tile-title`);
    return findAll(page, `#section-${role} .home-tile`)[titles.indexOf(title)];
  };

  /** A phone that opened home online at 07:00 (so the profile is kept), then lost its signal by `minutesLater`. */
  async function keptThenOffline(me: Me, minutesLater: number): Promise<FakeWx> {
    const server = asCaller(me);
    await openPage(HOME);
    jest.setSystemTime(MORNING + minutesLater * MINUTE);
    server.offline = true;
    return server;
  }

  beforeEach(() => fakeClock(MORNING));
  afterEach(() => jest.useRealTimers());

  it('opens a resident’s home from the kept profile, says so, and the pass still opens', async () => {
    const server = await keptThenOffline(RESIDENT_ME, 25);
    const page = await openPage(HOME); // a cold launch at the gate

    expect(textOf(page, '#offline')).toBe('网络不可用，显示的是上次的信息，更新于 07:00（25 分钟前）；出入证可离线使用');
    expect(textOf(page, '#me-name')).toBe('王秀兰');
    expect(textOf(page, '#me-household')).toBe('幸福小区 3号楼 2单元 502');
    expect(tilesOf(page, 'resident')).toEqual([
      '出入证|进出小区时出示',
      '健康上报|需联网',
      '我的家庭|需联网',
      '通知|需联网',
      '当志愿者|需联网',
      '上报线索|需联网',
      '我的数据|需联网',
      '单位报到|需联网',
    ]);

    tile(page, 'resident', '出入证').dispatchEvent('tap');
    await settle();
    expect(server.wx.navigateTo).toHaveBeenLastCalledWith({ url: HOME_PASS });
  });

  it('dims the tiles that need the network but lets them open (their pages say what is wrong and retry)', async () => {
    const server = await keptThenOffline(RESIDENT_ME, 5);
    const page = await openPage(HOME);

    expect(findAll(page, '.home-tile-online').map((n) => n.dom?.textContent?.replace(/\s+/g, ''))).toEqual([
      '健康上报需联网',
      '我的家庭需联网',
      '通知需联网',
      '当志愿者需联网',
      '上报线索需联网',
      '我的数据需联网',
      '单位报到需联网',
    ]);
    tile(page, 'resident', '通知').dispatchEvent('tap');
    await settle();
    expect(server.wx.navigateTo).toHaveBeenLastCalledWith({ url: '/notices/pages/inbox/inbox' });
  });

  it('takes a volunteer to the gate scan, and names both pages that work offline', async () => {
    const server = await keptThenOffline(VOLUNTEER_RESIDENT_ME, 60 * 26);
    const page = await openPage(HOME);

    expect(textOf(page, '#offline')).toBe('网络不可用，显示的是上次的信息，更新于 2024-03-05 07:00（26 小时前）；扫码核验、出入证可离线使用');
    expect(tilesOf(page, 'volunteer')).toEqual(['扫码核验|门岗查验出入证', '我的班次|需联网', '环境消毒|需联网', '通知|需联网', '上报线索|需联网']);
    tile(page, 'volunteer', '扫码核验').dispatchEvent('tap');
    await settle();
    expect(server.wx.navigateTo).toHaveBeenLastCalledWith({ url: GATE_SCAN });
  });

  it('says only that it will update for someone with no offline page', async () => {
    await keptThenOffline(STAFF_ME, 1);
    const page = await openPage(HOME);
    expect(textOf(page, '#offline')).toBe('网络不可用，显示的是上次的信息，更新于 07:00（1 分钟前）；联网后会自动更新');
  });

  it('shows a server error as such, not the kept profile', async () => {
    const server = asCaller(RESIDENT_ME);
    await openPage(HOME);
    server.handlers['account.me'] = () => {
      throw failure('INTERNAL', '服务繁忙，请稍后再试');
    };
    expectErrorOnly(await openPage(HOME), '服务繁忙，请稍后再试');
  });

  it('switches to the kept profile when a refresh finds the network gone, without a toast', async () => {
    const server = asCaller(RESIDENT_ME);
    const page = await openPage(HOME);
    jest.setSystemTime(MORNING + 10 * MINUTE);
    server.offline = true;

    (page.instance as unknown as { onShow(): void }).onShow();
    await settle();
    expect(textOf(page, '#offline')).toBe('网络不可用，显示的是上次的信息，更新于 07:00（10 分钟前）；出入证可离线使用');
    expect(server.wx.showToast).not.toHaveBeenCalled();
  });

  it('reloads by itself when the network comes back: fresh data, no banner', async () => {
    const server = await keptThenOffline(RESIDENT_ME, 30);
    const page = await openPage(HOME);
    expect(isShown(page, '#offline')).toBe(true);

    server.handlers['account.me'] = () => ({ ...RESIDENT_ME, name: '王秀兰（已更新）' });
    server.reconnect();
    await settle();

    expect(isShown(page, '#offline')).toBe(false);
    expect(textOf(page, '#me-name')).toBe('王秀兰（已更新）');
    expect(tilesOf(page, 'resident')).toContain('通知|社区发布的通知');
    expect(findAll(page, '.home-tile-online')).toHaveLength(0);
  });

  it('retries on pull-down: still offline keeps the banner, online clears it', async () => {
    const server = await keptThenOffline(RESIDENT_ME, 30);
    const page = await openPage(HOME);
    const pullDown = async () => {
      (page.instance as unknown as { onPullDownRefresh(): void }).onPullDownRefresh();
      await settle();
    };

    await pullDown();
    expect(isShown(page, '#offline')).toBe(true);
    expect(server.wx.stopPullDownRefresh).toHaveBeenCalledTimes(1);

    server.offline = false;
    await pullDown();
    expect(isShown(page, '#offline')).toBe(false);
    expect(server.wx.stopPullDownRefresh).toHaveBeenCalledTimes(2);
  });

  it('recovers from the error state too when the network comes back', async () => {
    const server = asCaller(STAFF_ME);
    server.offline = true;
    const page = await openPage(HOME);
    expect(isShown(page, '#error')).toBe(true);

    server.reconnect();
    await settle();
    expect(textOf(page, '#me-name')).toBe('李建国');
  });

  it('never shows a developer one demo account’s kept profile as another', async () => {
    const server = installFakeWx({
      envVersion: 'develop',
      demoAccounts: DEMO_ACCOUNTS,
      storage: { [DEV_STORAGE.openid]: 'demo-resident' },
      handlers: { 'account.me': (_data, { openid }) => PROFILES_BY_OPENID[openid ?? ''] ?? UNREGISTERED_ME },
    });
    const page = await openPage(HOME);
    expect(textOf(page, '#me-name')).toBe('王秀兰');

    // Offline, the developer switches to an account this phone has never seen: nothing to show.
    server.offline = true;
    await tap(page, '#dev-picker', '#dev-current');
    await tap(page, '#dev-picker', '#dev-account-demo-staff');
    expectErrorOnly(page, '无法连接服务器，请检查网络后重试');

    // Back to the first account: its own kept profile.
    await tap(page, '#dev-picker', '#dev-current');
    await tap(page, '#dev-picker', '#dev-account-demo-resident');
    expect(textOf(page, '#me-name')).toBe('王秀兰');
    expect(isShown(page, '#offline')).toBe(true);

    // A cold launch as the other account finds nothing either.
    server.storage.set(DEV_STORAGE.openid, 'demo-staff');
    expectErrorOnly(await openPage(HOME), '无法连接服务器，请检查网络后重试');
  });
});
