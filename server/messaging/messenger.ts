/**
 * The Messenger port: hands one subscription message to WeChat and says what WeChat answered.
 *
 *   send({ touser, templateId, page, data }) → { errcode, errmsg }      errcode 0 = sent
 *
 * A WeChat refusal is an *answer* (a non-zero errcode), never a throw. `send` throws only when
 * no answer came back (network, platform); the sender retries those like any unknown errcode.
 *
 * Adapters: `cloudBaseMessenger` (cloud.openapi.subscribeMessage.send of wx-server-sdk, passed
 * in — nothing under server/ imports the SDK) and the local runtime's DevSink (local/dev-sink.ts).
 */

import type { MiniprogramState } from '../core/config';

/** One message as WeChat takes it: `data` is `{ thing1: { value }, time2: { value }, … }`. */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** The page the card opens (with query), inside this mini program. */
  page?: string;
  data: Record<string, { value: string }>;
}

export interface SendResult {
  /** 0 = sent; otherwise WeChat's error code (43101 no consent, 47003 bad field, …). */
  errcode: number;
  errmsg: string;
}

export interface Messenger {
  send(message: SubscribeMessage): Promise<SendResult>;
}

/**
 * The slice of wx-server-sdk this adapter uses. Cloud calls take camelCase (the SDK turns them
 * into template_id / miniprogram_state). On success the SDK resolves `{ errCode: 0, errMsg }`;
 * a WeChat error code is THROWN as an Error carrying `errCode` (the WeChat errcode, e.g. 43101)
 * and `errMsg` ("openapi.subscribeMessage.send:fail …"); platform failures throw the same shape
 * with a negative errCode (e.g. -604100 when config.json lacks the openapi permission, -501xxx).
 */
export interface WxOpenapi {
  openapi: {
    subscribeMessage: {
      send(options: {
        touser: string;
        templateId: string;
        page?: string;
        data: Record<string, { value: string }>;
        miniprogramState?: MiniprogramState;
        lang?: string;
      }): Promise<{ errCode?: number; errMsg?: string }>;
    };
  };
}

/** The CloudBase adapter. Errors that carry a numeric errCode become answers; anything else is rethrown. */
export function cloudBaseMessenger(cloud: WxOpenapi, opts: { miniprogramState?: MiniprogramState } = {}): Messenger {
  const miniprogramState = opts.miniprogramState ?? 'formal';
  return {
    async send({ touser, templateId, page, data }) {
      try {
        const r = await cloud.openapi.subscribeMessage.send({ touser, templateId, ...(page ? { page } : {}), data, miniprogramState, lang: 'zh_CN' });
        const errcode = typeof r?.errCode === 'number' ? r.errCode : 0;
        return { errcode, errmsg: r?.errMsg ?? 'ok' };
      } catch (err) {
        const e = err as { errCode?: unknown; errMsg?: unknown; message?: unknown } | null;
        if (e && typeof e.errCode === 'number' && e.errCode !== 0) {
          return { errcode: e.errCode, errmsg: String(e.errMsg ?? e.message ?? '') };
        }
        throw err;
      }
    },
  };
}
