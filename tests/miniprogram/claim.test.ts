/** 激活码: the first admin types the deployer's one-time code (or anyone an invitation's) and holds the role it carries. */
import type { ActionResponse } from '../../typings/api';
import { PROFILE_KEY } from '../../miniprogram/services/profile-cache';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import type { FakeWx, Handlers } from './support/fake-wx';
import { DISTRICT_REF, NEW_ADMIN_ME, UNREGISTERED_ME, directory } from './support/fixtures';
import { valueOf } from './support/inputs';
import type { Page } from './support/mp';
import { find, isDisabled, isShown, openPage, settle, tap, textOf, textsOf, typeInto } from './support/mp';

const CLAIM = 'resident/pages/claim/claim';
const CODE = '7K3QD-M9XWA-2B8ZR-FT4HC';

type Claimed = ActionResponse<'account.redeem'>;

/** A newcomer: no role until the code is redeemed, admin of 商州区 after. */
function serve(handlers: Handlers = {}): FakeWx {
  let claimed = false;
  return installFakeWx({
    handlers: {
      'account.redeem': () => {
        claimed = true;
        return { role: 'admin', orgId: DISTRICT_REF.id, orgName: DISTRICT_REF.name };
      },
      'account.me': () => (claimed ? NEW_ADMIN_ME : UNREGISTERED_ME),
      'org.directory': directory,
      ...handlers,
    },
  });
}

const submitDisabled = (page: Page) => isDisabled(find(page, '#submit'));

async function openTyped(code = CODE): Promise<Page> {
  const page = await openPage(CLAIM);
  await typeInto(page, '#code', code, { leave: false });
  return page;
}

describe('admin claim page', () => {
  it('says what the code is, and keeps 激活 disabled until it is complete', async () => {
    const server = serve();
    const page = await openPage(CLAIM);

    expect(textOf(page, '#intro')).toBe(
      '上级工作人员发给您的邀请码（7 天内有效），或部署人员通过 npm run bootstrap-admin 生成的管理员激活码（24 小时内有效）。每个码只能使用一次。',
    );
    expect(textOf(page, '#code-count')).toBe('已输入 0 / 20 位');
    expect(textOf(page, '#submit')).toBe('激活');
    expect(submitDisabled(page)).toBe(true);

    await typeInto(page, '#code', CODE.slice(0, -1), { leave: false });
    expect(textOf(page, '#code-count')).toBe('已输入 19 / 20 位');
    expect(submitDisabled(page)).toBe(true);
    expect(await tap(page, '#submit')).toBe(false);

    await typeInto(page, '#code', CODE, { leave: false });
    expect(textOf(page, '#code-count')).toBe('已输入 20 / 20 位');
    expect(submitDisabled(page)).toBe(false);
    expect(server.callsOf('account.redeem')).toEqual([]);
  });

  it('shows what is typed in upper case, in groups of five, however it was typed', async () => {
    serve();
    const page = await openTyped('7k3qd m9xwa2b8zr-ft4hc');
    expect(valueOf(page, '#code')).toBe(CODE);

    // Letters the code reads as digits become them; past 20 characters nothing more is taken.
    await typeInto(page, '#code', 'o0ilx', { leave: false });
    expect(valueOf(page, '#code')).toBe('0011X');
    await typeInto(page, '#code', `${CODE}Q`, { leave: false });
    expect(valueOf(page, '#code')).toBe(CODE);
  });

  it('names a character the code cannot hold, and stays disabled', async () => {
    serve();
    const page = await openTyped('7K3QD-M9XWA-2B8ZR-FT4HU');

    expect(textOf(page, '#code-error')).toBe('激活码里没有「U」，请核对后重新输入');
    expect(isShown(page, '#code-count')).toBe(false);
    expect(submitDisabled(page)).toBe(true);

    await typeInto(page, '#code', CODE, { leave: false });
    expect(isShown(page, '#code-error')).toBe(false);
    expect(submitDisabled(page)).toBe(false);
  });

  it('activates once, says of which district, and keeps the new profile for home', async () => {
    const reply = deferred<Claimed>();
    const server = serve({ 'account.redeem': () => reply.promise });
    server.handlers['account.me'] = () => NEW_ADMIN_ME;
    const page = await openTyped('7k3qd m9xwa 2b8zr ft4hc');

    expect(await tap(page, '#submit')).toBe(true);
    expect(textOf(page, '#submit')).toBe('正在激活…');
    expect(await tap(page, '#submit')).toBe(false);

    reply.resolve({ role: 'admin', orgId: DISTRICT_REF.id, orgName: DISTRICT_REF.name });
    await settle();

    expect(server.callsOf('account.redeem')).toEqual([{ code: '7K3QDM9XWA2B8ZRFT4HC' }]);
    expect(textOf(page, '#done-title')).toBe('已成为「商州区」管理员');
    expect(isShown(page, '#code')).toBe(false);
    expect(server.storage.get(PROFILE_KEY)).toEqual({ me: NEW_ADMIN_ME, savedAt: expect.any(Number) });

    expect(await tap(page, '#home')).toBe(true);
    expect(server.wx.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/home' });
  });

  it('the home it goes back to shows the admin’s section, even with no network', async () => {
    const server = serve();
    const page = await openTyped();
    await tap(page, '#submit');

    server.offline = true;
    const home = await openPage('pages/home/home');
    expect(textsOf(home, '.home-section-title')).toEqual(['管理员']);
    expect(isShown(home, '#register')).toBe(false);
  });

  it('sends one request for a double tap that lands before the button re-renders', async () => {
    const server = serve();
    const page = await openTyped();
    const instance = page.instance as unknown as { onSubmit(): Promise<void> };
    await Promise.all([instance.onSubmit(), instance.onSubmit()]);
    expect(server.callsOf('account.redeem')).toHaveLength(1);
  });

  it.each([
    ['wrong', 'INVALID_ARGUMENT', '激活码不正确，请核对后重新输入', { field: 'data.code' }],
    ['used', 'FAILED_PRECONDITION', '该激活码已被使用，请联系部署人员重新生成', undefined],
    ['expired', 'FAILED_PRECONDITION', '该激活码已过期，请联系部署人员重新生成', undefined],
  ] as const)('shows the server’s word on a %s code beside the field, until the code is changed', async (_what, code, message, details) => {
    const server = serve({
      'account.redeem': () => {
        throw failure(code, message, details);
      },
    });
    const page = await openTyped();
    await tap(page, '#submit');

    expect(textOf(page, '#code-error')).toBe(message);
    expect(find(page, '#code').dom?.className).toContain('cl-input-bad');
    expect(isShown(page, '#form-error')).toBe(false);
    expect(isShown(page, '#done')).toBe(false);
    expect(valueOf(page, '#code')).toBe(CODE);
    expect(server.callsOf('account.me')).toEqual([]);

    await typeInto(page, '#code', CODE.replace('7', '8'), { leave: false });
    expect(isShown(page, '#code-error')).toBe(false);
    expect(submitDisabled(page)).toBe(false);
  });

  it('says so when there is no network, keeps the code, and goes through on retry', async () => {
    const server = serve();
    server.offline = true;
    const page = await openTyped();
    await tap(page, '#submit');

    expect(textOf(page, '#form-error')).toBe('无法连接服务器，请检查网络后重试');
    expect(isShown(page, '#code-error')).toBe(false);
    expect(valueOf(page, '#code')).toBe(CODE);
    expect(submitDisabled(page)).toBe(false);

    server.offline = false;
    await tap(page, '#submit');
    expect(isShown(page, '#form-error')).toBe(false);
    expect(textOf(page, '#done-title')).toBe('已成为「商州区」管理员');
  });

  it('is reached from the bottom of the registration page', async () => {
    const server = serve();
    const register = await openPage('resident/pages/register/register');

    expect(textOf(register, '#claim-link')).toBe('有邀请码或激活码？在此输入 ›');
    expect(await tap(register, '#claim-link')).toBe(true);
    expect(server.wx.navigateTo).toHaveBeenCalledWith({ url: '/resident/pages/claim/claim' });
  });
});
