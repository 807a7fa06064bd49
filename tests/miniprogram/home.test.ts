import type { ActionResponse } from '../../typings/api';
import type { Role } from '../../typings/domain';
import type * as Roles from '../../miniprogram/utils/roles';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import type { FakeWx } from './support/fake-wx';
import { RESIDENT_ME, STAFF_ME, UNREGISTERED_ME, VOLUNTEER_RESIDENT_ME } from './support/fixtures';
import type { Page } from './support/mp';
import { findAll, isShown, openPage, settle, tap, textOf, textsOf } from './support/mp';

type Me = ActionResponse<'account.me'>;

const HOME = 'pages/home/home';

function asCaller(me: Me): FakeWx {
  return installFakeWx({ handlers: { 'account.me': () => me } });
}

/** A role section's tiles as the user reads them: "title|hint". */
function tilesOf(page: Page, role: Role): string[] {
  const hints = textsOf(page, `#section-${role} .home-tile-hint`);
  return textsOf(page, `#section-${role} .home-tile-title`).map((title, i) => `${title}|${hints[i]}`);
}

const sectionTitles = (page: Page) => textsOf(page, '.home-section-title');

/** Each role badge: "role org path". */
function badgesOf(page: Page): string[] {
  const orgs = textsOf(page, '.home-badge-org');
  return textsOf(page, '.home-badge-role').map((role, i) => `${role} ${orgs[i]}`);
}

describe('home page', () => {
  it('shows a staff caller their name, masked phone, role with org path and staff tiles only', async () => {
    const server = asCaller(STAFF_ME);
    const page = await openPage(HOME);

    expect(server.callsOf('account.me')).toEqual([{}]);
    expect(textOf(page, '#me-name')).toBe('李建国');
    expect(textOf(page, '#me-phone')).toBe('手机 138****5678');
    expect(badgesOf(page)).toEqual(['工作人员 商州区 / 城关街道']);
    expect(sectionTitles(page)).toEqual(['工作人员']);
    expect(tilesOf(page, 'staff')).toEqual(['发布通知|向辖区发布通知', '预警处置|处理上报的预警', '收到的通知|上级发来的通知']);
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
    expect(tilesOf(page, 'resident')).toEqual(['出入证|进出小区时出示', '健康上报|即将上线', '通知|社区发布的通知', '当志愿者|报名参加小区值守']);
    expect(isShown(page, '#register')).toBe(false);
    expect(isShown(page, '#register-link')).toBe(false);
  });

  it('lists every role held, the higher role first', async () => {
    asCaller(VOLUNTEER_RESIDENT_ME);
    const page = await openPage(HOME);

    expect(badgesOf(page)).toEqual(['居民 商州区 / 城关街道 / 东关社区 / 幸福小区 / 3号楼', '志愿者 商州区 / 城关街道 / 东关社区 / 幸福小区']);
    expect(sectionTitles(page)).toEqual(['志愿者', '居民']);
    expect(tilesOf(page, 'volunteer')).toEqual(['扫码核验|门岗查验出入证', '我的班次|值守时间与签到', '通知|发给志愿者的通知']);
    expect(tilesOf(page, 'resident')).toHaveLength(4);
  });

  it('greys out entries that are not built yet, and tapping one goes nowhere', async () => {
    const server = asCaller(RESIDENT_ME);
    const page = await openPage(HOME);

    const tiles = findAll(page, '.home-tile-soon');
    expect(tiles).toHaveLength(1); // 健康上报
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
      ROLE_ENTRIES: { ...actual.ROLE_ENTRIES, staff: [{ key: 'staff.notices', title: '发布通知', hint: '向辖区发布通知', url: '/staff/pages/notices/notices' }] },
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

  it('shows a network failure in plain Chinese', async () => {
    const server = asCaller(STAFF_ME);
    server.offline = true;
    const page = await openPage(HOME);
    expect(textOf(page, '#error .home-error-text')).toBe('无法连接服务器，请检查网络后重试');
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
