import { DEV_STORAGE } from '../../miniprogram/services/config';
import { LOCAL_BASE_URL, failure, httpReply, installFakeWx } from './support/fake-wx';
import type { FakeWxOptions } from './support/fake-wx';
import { STAFF_ME } from './support/fixtures';

/** A fresh api module (and config, dev, http) per test: module state such as "cloud initialised" starts over. */
async function freshApi() {
  jest.resetModules();
  return import('../../miniprogram/services/api');
}

const develop = (storage: Record<string, unknown> = {}): FakeWxOptions => ({ envVersion: 'develop', storage });

describe('choosing the transport', () => {
  it('a release build calls the cloud function named by the action prefix, without X-Openid', async () => {
    const server = installFakeWx({ envVersion: 'release', storage: { [DEV_STORAGE.openid]: 'demo-staff' }, handlers: { 'account.me': () => STAFF_ME } });
    const { call } = await freshApi();

    await expect(call('account.me', {})).resolves.toEqual(STAFF_ME);

    expect(server.wx.request).not.toHaveBeenCalled();
    expect(server.wx.cloud.callFunction).toHaveBeenCalledTimes(1);
    expect(server.wx.cloud.callFunction.mock.calls[0][0]).toEqual({ name: 'account', data: { action: 'account.me', data: {} } });
    expect(server.calls).toEqual([{ transport: 'cloud', fn: 'account', action: 'account.me', data: {}, openid: undefined }]);
  });

  it('a trial build also uses the cloud', async () => {
    const server = installFakeWx({ envVersion: 'trial', handlers: { 'account.me': () => STAFF_ME } });
    const { call } = await freshApi();
    await call('account.me', {});
    expect(server.calls.map((c) => c.transport)).toEqual(['cloud']);
  });

  it('initialises the cloud once, before the first call', async () => {
    const server = installFakeWx({ handlers: { 'account.me': () => STAFF_ME, 'org.directory': () => ({ items: [] }) } });
    const { call } = await freshApi();
    await call('account.me', {});
    await call('org.directory', {});
    expect(server.wx.cloud.init).toHaveBeenCalledTimes(1);
    expect(server.wx.cloud.init.mock.invocationCallOrder[0]).toBeLessThan(server.wx.cloud.callFunction.mock.invocationCallOrder[0]);
    expect(server.calls.map((c) => c.fn)).toEqual(['account', 'org']);
  });

  it('a develop build posts to the local runtime with the chosen demo openid', async () => {
    const server = installFakeWx({ ...develop({ [DEV_STORAGE.openid]: 'demo-staff' }), handlers: { 'account.me': () => STAFF_ME } });
    const { call } = await freshApi();

    await expect(call('account.me', {})).resolves.toEqual(STAFF_ME);

    expect(server.wx.cloud.callFunction).not.toHaveBeenCalled();
    expect(server.wx.cloud.init).not.toHaveBeenCalled();
    const request = server.wx.request.mock.calls[0][0];
    expect(request).toMatchObject({
      url: `${LOCAL_BASE_URL}/api/fn/account`,
      method: 'POST',
      data: { action: 'account.me', data: {} },
      header: { 'content-type': 'application/json', 'X-Openid': 'demo-staff' },
    });
    expect(server.calls).toEqual([{ transport: 'local', fn: 'account', action: 'account.me', data: {}, openid: 'demo-staff' }]);
  });

  it('sends no X-Openid locally before a demo account is chosen', async () => {
    const server = installFakeWx({ ...develop(), handlers: { 'account.me': () => STAFF_ME } });
    const { call } = await freshApi();
    await call('account.me', {});
    expect(server.wx.request.mock.calls[0][0].header).not.toHaveProperty('X-Openid');
  });

  it('a develop build goes to the cloud when the developer switched to it', async () => {
    const server = installFakeWx({
      ...develop({ [DEV_STORAGE.runtime]: 'cloud', [DEV_STORAGE.openid]: 'demo-staff' }),
      handlers: { 'account.me': () => STAFF_ME },
    });
    const { call } = await freshApi();
    await call('account.me', {});
    expect(server.calls).toEqual([expect.objectContaining({ transport: 'cloud', openid: undefined })]);
    expect(server.wx.request).not.toHaveBeenCalled();
  });
});

describe('replies', () => {
  it('names the function from the action prefix and passes the data through', async () => {
    const server = installFakeWx({
      handlers: { 'org.directory': ({ parentId }) => ({ items: [{ id: `${parentId}-1`, name: '城关街道', level: 'street', childCount: 3 }] }) },
    });
    const { call, functionOf } = await freshApi();
    expect(functionOf('org.directory')).toBe('org');
    await expect(call('org.directory', { parentId: 'd' })).resolves.toEqual({ items: [{ id: 'd-1', name: '城关街道', level: 'street', childCount: 3 }] });
    expect(server.callsOf('org.directory')).toEqual([{ parentId: 'd' }]);
  });

  it.each([
    ['cloud', {}],
    ['local', develop()],
  ] as const)('%s: ok:false rejects with the code, message and field', async (_transport, options) => {
    installFakeWx({
      ...options,
      handlers: {
        'account.register': () => {
          throw failure('INVALID_ARGUMENT', '「手机号」格式不正确', { field: 'data.phone' });
        },
      },
    });
    const { call, ApiCallError } = await freshApi();
    const error = await call('account.register', { name: '王芳', phone: '1', buildingId: 'b', unit: '1', room: '1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', message: '「手机号」格式不正确', field: 'data.phone', details: { field: 'data.phone' } });
  });

  it.each([
    ['cloud', {}],
    ['local', develop()],
  ] as const)('%s: no signal becomes a NETWORK error in Chinese', async (_transport, options) => {
    const server = installFakeWx({ ...options, handlers: { 'account.me': () => STAFF_ME } });
    server.offline = true;
    const { call } = await freshApi();
    await expect(call('account.me', {})).rejects.toMatchObject({ code: 'NETWORK', message: '无法连接服务器，请检查网络后重试' });
  });

  it('a cloud reply that is not an envelope is an INTERNAL error, not data', async () => {
    const server = installFakeWx();
    server.wx.cloud.callFunction.mockResolvedValueOnce({ errMsg: 'cloud.callFunction:ok', result: { name: '李建国' } });
    const { call } = await freshApi();
    await expect(call('account.me', {})).rejects.toMatchObject({ code: 'INTERNAL', message: '服务返回了无法识别的内容，请稍后重试' });
  });

  it('a local reply that is not an envelope is an INTERNAL error with the HTTP status', async () => {
    const server = installFakeWx(develop());
    server.wx.request.mockImplementationOnce((opts) => {
      opts.success?.(httpReply(502, '<html>Bad Gateway</html>'));
    });
    const { call } = await freshApi();
    await expect(call('account.me', {})).rejects.toMatchObject({ code: 'INTERNAL', details: { status: 502 } });
  });

  it('a local 400 that carries an envelope still reports the server error', async () => {
    const server = installFakeWx(develop());
    server.wx.request.mockImplementationOnce((opts) => {
      opts.success?.(httpReply(400, { ok: false, error: { code: 'INVALID_ARGUMENT', message: '请求内容不是 JSON' } }));
    });
    const { call } = await freshApi();
    await expect(call('account.me', {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: '请求内容不是 JSON', details: {} });
  });
});

describe('the phone’s clock', () => {
  const PHONE = Date.UTC(2024, 2, 4, 23, 0, 0);
  const TEN_MINUTES = 10 * 60_000;

  /** A fresh api and clock module, sharing one registry (as a launch of the app would). */
  async function fresh() {
    jest.resetModules();
    const api = await import('../../miniprogram/services/api');
    const clock = await import('../../miniprogram/services/clock');
    return { ...api, clock };
  }

  beforeEach(() => jest.useFakeTimers({ now: PHONE, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it.each([
    ['cloud', {}],
    ['local', develop()],
  ] as const)('%s: learns the offset from serverTime, half the round trip taken off, errors too', async (_transport, options) => {
    const server = installFakeWx({
      ...options,
      // The reply takes 4 s to come back; the server stamps it 2 s in, 10 min ahead of the phone.
      handlers: {
        'account.me': () => {
          jest.setSystemTime(Date.now() + 4_000);
          return STAFF_ME;
        },
        'org.directory': () => {
          throw failure('FORBIDDEN', '无权访问');
        },
      },
      serverNow: () => PHONE + 2_000 + TEN_MINUTES,
    });
    const { call, clock } = await fresh();
    expect(clock.now()).toBe(Date.now());

    await call('account.me', {});
    expect(clock.offsetMs()).toBe(TEN_MINUTES);
    expect(clock.now()).toBe(Date.now() + TEN_MINUTES);

    server.serverNow = () => Date.now() - 3 * 60_000; // the phone's clock was changed: now 3 min fast
    await expect(call('org.directory', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(clock.offsetMs()).toBe(-3 * 60_000);
  });

  it('keeps the offset across a cold launch with no network', async () => {
    const server = installFakeWx({ handlers: { 'account.me': () => STAFF_ME }, serverNow: () => Date.now() + TEN_MINUTES });
    await (await fresh()).call('account.me', {});

    server.offline = true;
    const { call, clock } = await fresh(); // the next launch
    await expect(call('account.me', {})).rejects.toMatchObject({ code: 'NETWORK' });
    expect(clock.now()).toBe(Date.now() + TEN_MINUTES);
  });

  it('keeps a tighter measurement over a looser one that agrees with it, and ignores replies without serverTime', async () => {
    const server = installFakeWx({ handlers: { 'account.me': () => STAFF_ME }, serverNow: () => Date.now() + TEN_MINUTES });
    const { call, clock } = await fresh();
    await call('account.me', {});
    expect(clock.offsetMs()).toBe(TEN_MINUTES);

    // A slow reply (3 s) whose midpoint reading is 1 s off: within its own uncertainty, so not taken.
    server.handlers['account.me'] = () => {
      jest.setSystemTime(Date.now() + 3_000);
      return STAFF_ME;
    };
    server.serverNow = () => Date.now() - 1_500 + TEN_MINUTES + 1_000;
    await call('account.me', {});
    expect(clock.offsetMs()).toBe(TEN_MINUTES);

    server.wx.cloud.callFunction.mockResolvedValueOnce({ errMsg: 'cloud.callFunction:ok', result: { ok: true, data: STAFF_ME } });
    await call('account.me', {});
    expect(clock.offsetMs()).toBe(TEN_MINUTES);
  });
});
