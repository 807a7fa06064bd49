import { DEV_STORAGE } from '../../miniprogram/services/config';
import { LOCAL_BASE_URL, installFakeWx } from './support/fake-wx';
import type { FakeWx, FakeWxOptions } from './support/fake-wx';
import { DEMO_ACCOUNTS, PROFILES_BY_OPENID, RESIDENT_ME, UNREGISTERED_ME } from './support/fixtures';
import { isShown, openPage, tap, textOf, textsOf } from './support/mp';

const HOME = 'pages/home/home';
const PICKER = '#dev-picker';

function serve(options: FakeWxOptions): FakeWx {
  return installFakeWx({
    demoAccounts: DEMO_ACCOUNTS,
    // The local runtime answers as the X-Openid's account; the cloud, as the WeChat user (a resident).
    handlers: { 'account.me': (_data, { openid }) => (openid ? (PROFILES_BY_OPENID[openid] ?? UNREGISTERED_ME) : RESIDENT_ME) },
    ...options,
  });
}

const demoAccountRequests = (server: FakeWx) => server.wx.request.mock.calls.filter(([opts]) => opts.url === `${LOCAL_BASE_URL}/api/dev/demo-accounts`);

/** The last profile request (home also asks for the unread count after it). */
const lastMe = (server: FakeWx) => server.calls.filter((c) => c.action === 'account.me').at(-1);

describe('dev account picker', () => {
  it('does not exist outside develop builds', async () => {
    const server = serve({ envVersion: 'release' });
    const page = await openPage(HOME);

    expect(isShown(page, PICKER, '.dev')).toBe(false);
    expect(server.wx.request).not.toHaveBeenCalled();
    expect(textOf(page, '#me-name')).toBe('王秀兰');
  });

  it('lists the demo accounts and asks for one when none is chosen', async () => {
    const server = serve({ envVersion: 'develop' });
    const page = await openPage(HOME);

    expect(demoAccountRequests(server)).toHaveLength(1);
    expect(textOf(page, PICKER, '#dev-runtime')).toBe(`本地运行时 ${LOCAL_BASE_URL}`);
    expect(textOf(page, PICKER, '#dev-current')).toContain('请选择一个演示账号');
    expect(textsOf(page, PICKER, '.dev-account-name')).toEqual(['王秀兰 · 居民', '李建国 · 工作人员']);
    expect(textsOf(page, PICKER, '.dev-account-org')).toEqual(['商州区 / 城关街道 / 东关社区 / 幸福小区 / 3号楼', '商州区 / 城关街道']);
  });

  it('acts as the chosen account: stored, sent as X-Openid, and the page reloads as them', async () => {
    const server = serve({ envVersion: 'develop' });
    const page = await openPage(HOME);

    await tap(page, PICKER, '#dev-account-demo-staff');
    expect(server.storage.get(DEV_STORAGE.openid)).toBe('demo-staff');
    expect(lastMe(server)).toMatchObject({ transport: 'local', action: 'account.me', openid: 'demo-staff' });
    expect(textOf(page, '#me-name')).toBe('李建国');
    expect(textsOf(page, '.home-section-title')).toEqual(['工作人员']);
    expect(textOf(page, PICKER, '#dev-current')).toContain('当前身份：李建国 · 工作人员 · 商州区 / 城关街道');
    expect(isShown(page, PICKER, '.dev-account')).toBe(false);

    await tap(page, PICKER, '#dev-current');
    await tap(page, PICKER, '#dev-account-demo-resident');
    expect(lastMe(server)).toMatchObject({ transport: 'local', action: 'account.me', openid: 'demo-resident' });
    expect(textOf(page, '#me-name')).toBe('王秀兰');
  });

  it('remembers the chosen account across launches', async () => {
    const server = serve({ envVersion: 'develop', storage: { [DEV_STORAGE.openid]: 'demo-staff' } });
    const page = await openPage(HOME);

    expect(server.calls.filter((c) => c.action === 'account.me')).toEqual([expect.objectContaining({ action: 'account.me', openid: 'demo-staff' })]);
    expect(textOf(page, PICKER, '#dev-current')).toContain('当前身份：李建国');
    expect(isShown(page, PICKER, '.dev-account')).toBe(false);
  });

  it('switches to the cloud and back', async () => {
    const server = serve({ envVersion: 'develop', storage: { [DEV_STORAGE.openid]: 'demo-staff' } });
    const page = await openPage(HOME);

    await tap(page, PICKER, '#dev-switch-runtime');
    expect(server.storage.get(DEV_STORAGE.runtime)).toBe('cloud');
    expect(textOf(page, PICKER, '#dev-runtime')).toBe('云开发');
    expect(lastMe(server)).toEqual({ transport: 'cloud', fn: 'account', action: 'account.me', data: {}, openid: undefined });
    expect(textOf(page, '#me-name')).toBe('王秀兰');

    await tap(page, PICKER, '#dev-switch-runtime');
    expect(lastMe(server)).toMatchObject({ transport: 'local', openid: 'demo-staff' });
    expect(textOf(page, '#me-name')).toBe('李建国');
  });

  it('says when the local runtime cannot be reached, and retries', async () => {
    const server = serve({ envVersion: 'develop' });
    server.offline = true;
    const page = await openPage(HOME);
    expect(textOf(page, PICKER, '#dev-error')).toBe('无法连接服务器，请检查网络后重试');

    server.offline = false;
    await tap(page, PICKER, '#dev-retry');
    expect(isShown(page, PICKER, '#dev-error')).toBe(false);
    expect(textsOf(page, PICKER, '.dev-account-name')).toHaveLength(2);
  });
});
