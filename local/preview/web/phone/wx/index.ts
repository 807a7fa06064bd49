/**
 * The `wx` object of a preview phone: every API the mini program calls (grep `wx\.` in
 * miniprogram/), each doing what it does on the phone with what a browser has, or saying on
 * screen what it cannot. An API the preview lacks is simply absent, so the app's feature checks
 * (`typeof wx.x === 'function'`) answer truly.
 */
import type { Router } from '../router';
import type { PhoneState } from '../state';
import { notice } from '../ui';
import { asyncApi, failure } from './callbacks';
import { deviceApi, type DeviceInfo } from './device';
import { interactionApi } from './interaction';
import { locationApi } from './location';
import { filesApi } from './files';
import { mediaApi } from './media';
import { navigationApi } from './navigation';
import { privacyApi } from './privacy';
import { queryApi, type Scope } from './query';
import { requestApi } from './request';
import { scanApi } from './scan';
import { storageApi } from './storage';
import { subscribeApi } from './subscribe';

export interface WxContext extends DeviceInfo {
  account: string;
  state: PhoneState;
  router: Router;
  permissions: Record<string, { desc: string }>;
  /** Built-in components the preview has (for canIUse). */
  builtins: ReadonlySet<string>;
}

/** wx.cloud: the preview runs against the local runtime only; cloud calls fail and say so. */
function cloudApi() {
  const refuse = (api: string) => {
    notice('预览只连接本地运行时，不连接云开发（在首页开发面板里改回「本地」）', 'error');
    return failure(`cloud.${api}`, '预览不连接云开发');
  };
  return {
    init: () => undefined,
    callFunction: asyncApi('cloud.callFunction', async () => {
      throw refuse('callFunction');
    }),
    uploadFile: asyncApi('cloud.uploadFile', async () => {
      throw refuse('uploadFile');
    }),
    database: () => {
      throw new Error(refuse('database').errMsg);
    },
  };
}

export function createWx(ctx: WxContext): Record<string, unknown> {
  const wx: Record<string, unknown> = {
    ...storageApi(ctx.account),
    request: requestApi(ctx.state),
    ...interactionApi(),
    ...navigationApi(ctx.router),
    ...deviceApi(ctx.state, ctx),
    ...privacyApi(ctx.state),
    ...locationApi(ctx.state, ctx.permissions),
    ...subscribeApi(ctx.state),
    ...scanApi(),
    ...mediaApi(ctx.state),
    ...filesApi(ctx.state),
    ...queryApi(() => (ctx.router.top()?.node as Scope | undefined) ?? null),
    cloud: cloudApi(),
    canIUse(schema: string) {
      const [head, ...rest] = String(schema).split('.');
      if (typeof wx[head] === 'function' || (typeof wx[head] === 'object' && wx[head] !== null)) return true;
      if (!ctx.builtins.has(head)) return false;
      return rest.length === 0 || rest.join('.') === 'open-type.agreePrivacyAuthorization';
    },
  };
  return wx;
}
