/**
 * `npm start`: the local runtime. Opens (or creates) the embedded store under DATA_DIR,
 * seeds the demo district on first start, serves every cloud function over HTTP and
 * shuts down cleanly on SIGINT/SIGTERM so the database is never left mid-write.
 *
 * Like the cloud's timer-triggered `messenger` function, a tick (the contexts' jobs, then the outbox
 * sender) runs every TICK_MS (default 5000; 0 turns it off), sending into the dev sink. The app,
 * the tick and the sink share one DevClock, which POST /api/dev/clock moves.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROLE_LABELS } from '../server/auth/roles';
import { systemClock } from '../server/core/clock';
import { readConfig, withDevKeks } from '../server/core/config';
import { devKeks } from '../server/core/kek';
import { dayOf } from '../server/core/time';
import { templateSet } from '../server/messaging/templates';
import { runTick, startTicker, type Ticker } from '../server/messaging/tick';
import { isSeeded, seedDistrict } from '../server/seed/seed';
import { COLLECTIONS, JOBS, TEMPLATES } from '../server/app';
import { openSqliteStore } from '../server/store/sqlite';
import { DevClock } from './dev-clock';
import { DevSink } from './dev-sink';
import { listenHost, StartRefused } from './host';
import { DiskExports } from './exports';
import { DiskMedia } from './media';
import { registerPreview } from './preview/routes';
import { buildLocalServer } from './server';

async function start() {
  const dataDir = resolve(process.env.DATA_DIR || '.data');
  const port = Number(process.env.PORT || 3000);
  const { host, warning } = listenHost(process.env);
  mkdirSync(dataDir, { recursive: true });
  const env = readConfig(process.env);
  // Without LF_PASS_KEKS the pass signing seeds are sealed under a dev KEK kept beside the data.
  const dev = env.passKeks.ok ? undefined : devKeks(dataDir);
  const config = dev ? withDevKeks(env, dev.keks) : env;
  if (!config.passKeks.ok) throw new Error(config.passKeks.reason);
  const store = openSqliteStore({ file: join(dataDir, 'lianfang.db'), collections: COLLECTIONS });

  if (!(await isSeeded(store))) {
    const now = systemClock.now();
    const r = await seedDistrict(store, { healthDay: { day: dayOf(now), at: now } });
    console.log(`首次启动：已生成演示区县（${r.orgs} 个组织节点，${r.users} 个账号，${r.ms} ms）`);
  }

  // One clock for the app, the timers and the sink, so moving it (POST /api/dev/clock) moves all.
  const clock = new DevClock(systemClock);
  const sink = new DevSink(clock);
  const tickMs = Number(process.env.TICK_MS || 5000);
  if (!Number.isFinite(tickMs) || tickMs < 0) throw new Error(`TICK_MS 应为非负整数毫秒（0 表示不发送），收到「${process.env.TICK_MS}」`);
  let ticker: Ticker | undefined;
  // With the timer off (TICK_MS=0) moving the clock runs no tick either.
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const media = new DiskMedia(join(dataDir, 'media'), clock, baseUrl);
  const exports = new DiskExports(join(dataDir, 'exports'), clock, baseUrl);
  const server = buildLocalServer({ store, clock, config, sink, media, exports, tick: () => ticker?.runNow() ?? Promise.resolve() });
  registerPreview(server);
  const url = await server.listen({ port, host });
  if (warning) console.warn(warning);
  const accounts = (await server.inject({ method: 'GET', url: '/api/dev/demo-accounts' })).json() as Array<{
    openid: string;
    role: keyof typeof ROLE_LABELS;
    orgPath: string;
    displayName: string;
  }>;
  console.log(`lianfang 本地运行时已启动: ${url}  (数据目录 ${dataDir})`);
  if (dev) console.log(`通行证签名私钥用本地开发 KEK 加密：${dev.file}${dev.created ? '（刚生成）' : ''}；云端须设置 LF_PASS_KEKS`);
  console.log(`小程序预览: ${url}/  (如 ${url}/?as=demo-resident-1#/resident/pages/pass/pass)`);
  console.log('演示账号（请求头 X-Openid）:');
  for (const a of accounts) console.log(`  ${a.openid.padEnd(22)} ${ROLE_LABELS[a.role].padEnd(5, '　')} ${a.displayName} — ${a.orgPath}`);

  if (tickMs > 0) {
    const templates = templateSet(config.templates, TEMPLATES);
    ticker = startTicker(tickMs, () => runTick({ store, messenger: sink, now: clock.now(), jobs: JOBS, config, templates, exportFiles: exports }));
    console.log(`订阅消息发送：每 ${tickMs} ms 一轮，发往本地消息接收器（GET /api/dev/outbox 查看，POST /api/dev/sink 模拟微信错误码）`);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`收到 ${signal}，正在关闭…`);
    await ticker?.stop(); // lets a tick in flight finish its writes
    await server.close(); // waits for requests in flight
    store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

start().catch((err) => {
  console.error('启动失败:', err instanceof StartRefused ? err.message : err);
  process.exit(1);
});
