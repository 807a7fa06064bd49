/**
 * Glue for the timer cloud function `messenger`: every trigger runs one tick (jobs, then the
 * sender) over the CloudBase store, sending with cloud.openapi.subscribeMessage.send. The entry
 * passes wx-server-sdk in, so nothing under server/ imports it.
 *
 * Environment of the function (besides the LF_TPL_* template settings, templates.ts):
 *   LF_TICK_BUDGET_MS     stop claiming new entries after this long (default 2000: under the
 *                         platform's default 3 s timeout; raise both together, e.g. 60 s / 50000)
 *   LF_TICK_BATCH         entries per sender round (default 100)
 *   LF_TICK_CONCURRENCY   sends in flight at once (default 5)
 *   LF_MINIPROGRAM_STATE  developer | trial | formal (default formal): which build a card opens
 */
import type { WxCloud } from '../cloud/entry';
import { systemClock } from '../core/clock';
import { CloudBaseStore } from '../store/cloudbase';
import type { Store } from '../store/port';
import { TICK_JOBS } from './jobs';
import { cloudBaseMessenger, miniprogramStateFrom, type Messenger, type WxOpenapi } from './messenger';
import { loadTemplates, type TemplateSet } from './templates';
import { runTick } from './tick';

type Env = Record<string, string | undefined>;

const int = (v: string | undefined, fallback: number, min: number, max: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
};

export function messengerMain(cloud: WxCloud & WxOpenapi, env: Env = process.env) {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  let deps: { store: Store; messenger: Messenger; templates: TemplateSet } | undefined; // one per warm instance
  return async function main(_event: unknown) {
    // Only the timer runs this: a client call carries an OPENID and is turned away.
    if (cloud.getWXContext().OPENID) return { ok: false, error: { code: 'FORBIDDEN', message: '该云函数只由定时触发器调用' } };
    deps ??= {
      store: new CloudBaseStore(cloud.database() as ConstructorParameters<typeof CloudBaseStore>[0], { flavor: 'wx' }),
      messenger: cloudBaseMessenger(cloud, { miniprogramState: miniprogramStateFrom(env) }),
      templates: loadTemplates(env),
    };
    const report = await runTick({
      ...deps,
      now: systemClock.now(),
      jobs: TICK_JOBS,
      batch: int(env.LF_TICK_BATCH, 100, 1, 1000),
      concurrency: int(env.LF_TICK_CONCURRENCY, 5, 1, 50),
      budgetMs: int(env.LF_TICK_BUDGET_MS, 2000, 100, 900_000),
    });
    console.log('[messenger] tick', JSON.stringify(report));
    return { ok: true, data: report };
  };
}
