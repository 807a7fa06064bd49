/** The CloudBase Messenger adapter over wx-server-sdk's cloud.openapi.subscribeMessage.send. */
import { readConfig } from '../../server/core/config';
import { cloudBaseMessenger, type WxOpenapi } from '../../server/messaging/messenger';

/** wx-server-sdk's shape: `{ errCode: 0, errMsg }` on success; a WeChat errcode is thrown as an Error with errCode/errMsg. */
function sdkError(errCode: number, errMsg: string) {
  return Object.assign(new Error(`errCode: ${errCode} | errMsg: ${errMsg}`), { errCode, errMsg });
}

function fakeCloud(impl: (opts: unknown) => Promise<{ errCode?: number; errMsg?: string }>) {
  const send = jest.fn(impl);
  const cloud: WxOpenapi = { openapi: { subscribeMessage: { send } } };
  return { cloud, send };
}

const msg = { touser: 'oUser', templateId: 'TPL', page: '/resident/pages/pass/pass', data: { thing1: { value: '威尼斯水城' } } };

test('success: errcode 0; the call carries camelCase templateId, miniprogramState and lang', async () => {
  const { cloud, send } = fakeCloud(async () => ({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }));
  expect(await cloudBaseMessenger(cloud, { miniprogramState: 'trial' }).send(msg)).toEqual({ errcode: 0, errmsg: 'openapi.subscribeMessage.send:ok' });
  expect(send).toHaveBeenCalledWith({ ...msg, miniprogramState: 'trial', lang: 'zh_CN' });
});

test('no page: the field is left out (a card without a jump)', async () => {
  const { cloud, send } = fakeCloud(async () => ({ errCode: 0 }));
  await cloudBaseMessenger(cloud).send({ touser: 'o', templateId: 'T', data: {} });
  expect(send.mock.calls[0][0]).not.toHaveProperty('page');
  expect(send.mock.calls[0][0]).toMatchObject({ miniprogramState: 'formal' });
});

test('a thrown WeChat error becomes an answer with its errcode', async () => {
  const { cloud } = fakeCloud(async () => {
    throw sdkError(43101, 'openapi.subscribeMessage.send:fail user refuse to accept the msg');
  });
  expect(await cloudBaseMessenger(cloud).send(msg)).toEqual({ errcode: 43101, errmsg: 'openapi.subscribeMessage.send:fail user refuse to accept the msg' });
  const platform = fakeCloud(async () => {
    throw sdkError(-604100, 'API not authorized');
  });
  expect(await cloudBaseMessenger(platform.cloud).send(msg)).toMatchObject({ errcode: -604100 });
});

test('an error without an errCode (network) is rethrown for the sender to retry', async () => {
  const { cloud } = fakeCloud(async () => {
    throw new Error('ETIMEDOUT');
  });
  await expect(cloudBaseMessenger(cloud).send(msg)).rejects.toThrow('ETIMEDOUT');
});

test('LF_MINIPROGRAM_STATE picks the build a card opens; anything else means formal', () => {
  const state = (env: Record<string, string>) => readConfig(env).timer.miniprogramState;
  expect(state({ LF_MINIPROGRAM_STATE: 'developer' })).toBe('developer');
  expect(state({ LF_MINIPROGRAM_STATE: 'beta' })).toBe('formal');
  expect(state({})).toBe('formal');
});
