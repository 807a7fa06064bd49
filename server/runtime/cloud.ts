/**
 * Glue for a cloud function entry. The entry passes in the wx-server-sdk module, so nothing
 * under server/ imports it; identity comes only from the platform's WXContext.
 */
import { systemClock } from '../core/clock';
import { readConfig } from '../core/config';
import { cloudMedia, type CloudFiles } from '../media/cloud';
import { sdkExportFiles, type CloudStorage } from '../media/exports';
import { CloudBaseStore } from '../store/cloudbase';
import type { BoundedContext } from './context';
import { createApp, type App } from './dispatch';
import type { Services } from './services';

/** The part of wx-server-sdk an entry uses. */
export interface WxCloud {
  init(config?: { env?: unknown }): void;
  DYNAMIC_CURRENT_ENV: unknown;
  database(): unknown;
  getWXContext(): { OPENID?: string };
  getTempFileURL?: CloudFiles['getTempFileURL'];
  uploadFile?: CloudStorage['uploadFile'];
  deleteFile?: CloudStorage['deleteFile'];
  openapi?: {
    wxacode?: {
      getUnlimited(args: { scene: string; page: string; checkPath: boolean; width: number }): Promise<{ contentType?: string; buffer: Uint8Array }>;
    };
    security?: {
      msgSecCheck(args: { content: string; version: 2; scene: number; openid: string }): Promise<{ result?: { suggest?: string; label?: number } }>;
    };
  };
}

/** Content security through WeChat (cloud call; the function's config.json declares the permission). */
export function cloudServices(cloud: WxCloud): Services {
  return {
    async checkText(text, openid) {
      const check = cloud.openapi?.security?.msgSecCheck;
      if (!check) throw new Error('security.msgSecCheck is not available to this function');
      // scene 3: forum-like posts (notices are read by many).
      const res = await check({ content: text, version: 2, scene: 3, openid });
      const suggest = res.result?.suggest ?? 'pass';
      return suggest === 'pass' ? { ok: true } : { ok: false, label: String(res.result?.label ?? suggest) };
    },
    async miniProgramCode({ scene, page }) {
      const get = cloud.openapi?.wxacode?.getUnlimited;
      if (!get) throw new Error('wxacode.getUnlimited is not available to this function');
      // checkPath off: the code can be printed before the page is released.
      const res = await get({ scene, page, checkPath: false, width: 430 });
      return { contentType: res.contentType ?? 'image/jpeg', data: res.buffer };
    },
    media: cloudMedia({
      getTempFileURL(args) {
        if (!cloud.getTempFileURL) throw new Error('getTempFileURL is not available to this function');
        return cloud.getTempFileURL(args);
      },
    }),
    exportFiles: sdkExportFiles(cloud),
  };
}

/** The entry passes its own context in, so its bundle carries only that context's code. */
export function cloudMain(context: BoundedContext, cloud: WxCloud) {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  let app: App | undefined; // one per warm instance
  return async function main(event: unknown) {
    app ??= createApp({
      store: new CloudBaseStore(cloud.database() as ConstructorParameters<typeof CloudBaseStore>[0], { flavor: 'wx' }),
      clock: systemClock,
      config: readConfig(process.env),
      functions: { [context.name]: context.actions },
      services: cloudServices(cloud),
    });
    return app.call(context.name, event, cloud.getWXContext().OPENID || undefined);
  };
}
