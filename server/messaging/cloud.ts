/**
 * Glue for the timer cloud function `messenger`: every trigger runs one tick (jobs, then the
 * sender) over the CloudBase store, sending with cloud.openapi.subscribeMessage.send. The entry
 * passes wx-server-sdk in, so nothing under server/ imports it. Its settings (LF_TICK_*,
 * LF_MINIPROGRAM_STATE) are read once per warm instance: server/core/config.ts; the templates come
 * from the template file the phone uses too (miniprogram/shared/templates.ts).
 */
import type { WxCloud } from '../runtime/cloud';
import { systemClock } from '../core/clock';
import { readConfig, type Config, type Env } from '../core/config';
import { sdkExportFiles, type ExportFiles } from '../media/exports';
import { CloudBaseStore } from '../store/cloudbase';
import type { Store } from '../store/port';
import type { TickJob } from './jobs';
import { cloudBaseMessenger, type Messenger, type WxOpenapi } from './messenger';
import { templateSet, type AllTemplateDecls, type TemplateSet } from './templates';
import { runTick } from './tick';

/** What the timer runs: the contexts' jobs and the templates they send (server/timer.ts). */
export interface TimerWork {
  jobs: readonly TickJob[];
  templates: AllTemplateDecls;
}

export function messengerMain(cloud: WxCloud & WxOpenapi, work: TimerWork, env: Env = process.env) {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  let deps: { store: Store; messenger: Messenger; templates: TemplateSet; config: Config; exportFiles: ExportFiles } | undefined; // one per warm instance
  return async function main(_event: unknown) {
    // Only the timer runs this: a client call carries an OPENID and is turned away.
    if (cloud.getWXContext().OPENID) return { ok: false, error: { code: 'FORBIDDEN', message: '该云函数只由定时触发器调用' } };
    deps ??= (() => {
      const config = readConfig(env);
      return {
        store: new CloudBaseStore(cloud.database() as ConstructorParameters<typeof CloudBaseStore>[0], { flavor: 'wx' }),
        messenger: cloudBaseMessenger(cloud, { miniprogramState: config.timer.miniprogramState }),
        templates: templateSet(config.templates, work.templates),
        config,
        exportFiles: sdkExportFiles(cloud),
      };
    })();
    const { batch, concurrency, budgetMs } = deps.config.timer;
    const report = await runTick({ ...deps, now: systemClock.now(), jobs: work.jobs, batch, concurrency, budgetMs });
    console.log('[messenger] tick', JSON.stringify(report));
    return { ok: true, data: report };
  };
}
