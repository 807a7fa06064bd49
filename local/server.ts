/**
 * The local runtime's HTTP face: every cloud function on one server, over the embedded store.
 *   POST /api/fn/<function>   body { action, data }, header X-Openid → HTTP 200 + envelope
 *   GET  /healthz             liveness
 *   GET  /api/dev/outbox      the outbox, newest first: each entry as the message it is (or would
 *                             be) sent as, with its state (?state=sent|pending|…, ?to=<openid>, ?limit=)
 *   GET  /api/dev/sink        the dev message sink: its switch and counts
 *   POST /api/dev/sink        { errcode: number | null, count? }: answer that WeChat code for the
 *                             next `count` sends (or until reset with null)
 *   GET  /api/dev/demo-accounts  the seeded demo accounts
 *   GET  /api/dev/clock       { now, offsetMs }: the runtime's clock and how far it is moved
 *   POST /api/dev/clock       { offsetMs }: moves the clock of the app and its timers (then
 *                             runs one tick, so what the new time brings shows at once)
 *   POST /api/media/upload, GET /api/media/file   photos, when a media directory is given (./media.ts)
 *   GET  /api/export/file     exported ledgers, when an exports directory is given (./exports.ts)
 * X-Openid stands in for the WeChat context and exists only here, never in a cloud build.
 * Every envelope, including the ones made here, carries the (moved) clock's `serverTime`.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Envelope } from '../typings/envelope';
import type { Clock } from '../server/core/clock';
import { readConfig, withDevKeks, type Config } from '../server/core/config';
import { DEV_KEKS } from '../server/core/kek';
import { DAY } from '../server/core/time';
import { FUNCTIONS, TEMPLATES } from '../server/app';
import { messageOf } from '../server/messaging/sender';
import type { OutboxDoc } from '../server/messaging/outbox';
import { templateSet, type TemplateSet } from '../server/messaging/templates';
import { createApp, MAX_REQUEST_BYTES } from '../server/runtime/dispatch';
import { DEMO_ACCOUNTS } from '../server/seed/district';
import type { Meter } from '../server/store/metered';
import type { Store } from '../server/store/port';
import { DevClock, MAX_DEV_OFFSET_MS } from './dev-clock';
import { DevSink } from './dev-sink';
import { registerExports, type DiskExports } from './exports';
import { registerMedia, type DiskMedia } from './media';
import { localServices } from '../server/runtime/services';

export interface LocalServerOptions {
  store: Store;
  /** A DevClock is used as is (shared with the timers); any other clock is wrapped in one. */
  clock: Clock;
  /** What the environment configures (default: read from process.env, with the fixed dev KEK if it sets none). */
  config?: Config;
  sink?: DevSink;
  /** Runs one timer tick; called right after the dev clock moves. */
  tick?: () => Promise<unknown>;
  /** Called with each request's database operation counts (benches read them). */
  onMeter?: (action: string, meter: Meter) => void;
  /** Photo storage under DATA_DIR (the upload and view endpoints); without it, nothing is stored. */
  media?: DiskMedia;
  /** Exported files under DATA_DIR (the download endpoint); without it, exports are refused. */
  exports?: DiskExports;
}

export function buildLocalServer(opts: LocalServerOptions): FastifyInstance {
  const clock = opts.clock instanceof DevClock ? opts.clock : new DevClock(opts.clock);
  const config = opts.config ?? withDevKeks(readConfig(process.env), DEV_KEKS);
  const templates = templateSet(config.templates, TEMPLATES);
  const services = {
    ...localServices,
    ...(opts.media ? { media: opts.media } : {}),
    ...(opts.exports ? { exportFiles: opts.exports } : {}),
  };
  const app = createApp({ store: opts.store, clock, config, functions: FUNCTIONS, services });
  const sink = opts.sink ?? new DevSink(clock);
  // A body is refused (HTTP 400) only when it is not JSON. `__proto__` and `constructor` keys are
  // valid JSON: JSON.parse makes them own keys (it never sets a prototype), and validation then
  // refuses them like any unknown field (every schema is strict), as the cloud does the same event.
  const server = Fastify({ logger: false, bodyLimit: MAX_REQUEST_BYTES, onProtoPoisoning: 'ignore', onConstructorPoisoning: 'ignore' });

  const fail = (code: 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'INTERNAL', message: string, field?: string): Envelope<never> => ({
    ok: false,
    error: field ? { code, message, details: { field } } : { code, message },
    serverTime: clock.now(),
  });

  // Transport errors become envelopes too: a body that is not JSON is the one HTTP 400.
  server.setErrorHandler((err: { code?: string; statusCode?: number }, _req, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(200).send(fail('INVALID_ARGUMENT', `请求内容过大（上限 ${MAX_REQUEST_BYTES / 1024} KB）`, 'data'));
    }
    if (err.statusCode === 400 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.code(400).send(fail('INVALID_ARGUMENT', '请求内容不是有效的 JSON'));
    }
    console.error(err);
    return reply.code(500).send(fail('INTERNAL', '服务暂时不可用，请稍后再试'));
  });

  server.post<{ Params: { name: string } }>('/api/fn/:name', async (req) => {
    const fn = req.params.name;
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, fn)) return fail('NOT_FOUND', `云函数「${fn}」不存在`);
    const openid = req.headers['x-openid'];
    const meter: Meter = { reads: 0, writes: 0 };
    const bytes = Number(req.headers['content-length']) || undefined;
    const result = await app.call(fn, req.body, typeof openid === 'string' && openid ? openid : undefined, { meter, bytes });
    opts.onMeter?.(String((req.body as { action?: unknown } | null)?.action ?? ''), meter);
    return result;
  });

  if (opts.media) registerMedia(server, opts.media, clock);
  if (opts.exports) registerExports(server, opts.exports, clock);

  server.get('/healthz', async () => ({ status: 'ok' }));

  server.get<{ Querystring: { state?: string; to?: string; limit?: string } }>('/api/dev/outbox', async (req) => {
    const { state, to } = req.query;
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit) || 200));
    const where = { ...(state ? { state } : {}), ...(to ? { to } : {}) };
    const page = await opts.store.query('outbox', { where, orderBy: [{ field: 'createdAt', dir: 'desc' }], limit });
    return { items: page.items.map((e) => outboxItem(e, templates)) };
  });

  server.get('/api/dev/sink', async () => sink.state());

  server.post('/api/dev/sink', async (req, reply) => {
    const body = req.body as { errcode?: unknown; count?: unknown } | null;
    const errcode = body?.errcode;
    const count = body?.count;
    const extra = Object.keys(body ?? {}).filter((k) => k !== 'errcode' && k !== 'count');
    if (!body || typeof body !== 'object' || extra.length || !(errcode === null || Number.isInteger(errcode))) {
      return reply.code(400).send(fail('INVALID_ARGUMENT', '请求应为 { errcode: 整数或 null, count?: 正整数 }', 'errcode'));
    }
    if (count !== undefined && !(Number.isInteger(count) && (count as number) > 0)) {
      return reply.code(400).send(fail('INVALID_ARGUMENT', '「count」应为正整数', 'count'));
    }
    return sink.answer(errcode as number | null, count as number | undefined);
  });

  server.get('/api/dev/clock', async () => clock.state());

  server.post('/api/dev/clock', async (req, reply) => {
    const body = req.body;
    const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const extra = Object.keys(fields).find((k) => k !== 'offsetMs');
    if (extra) return reply.code(400).send(fail('INVALID_ARGUMENT', `不支持的字段「${extra}」`, extra));
    const offsetMs = fields.offsetMs;
    if (!Number.isInteger(offsetMs) || Math.abs(offsetMs as number) > MAX_DEV_OFFSET_MS) {
      return reply
        .code(400)
        .send(fail('INVALID_ARGUMENT', `「offsetMs」应为整数毫秒，前后不超过 ${MAX_DEV_OFFSET_MS / DAY} 天（0 表示恢复系统时间）`, 'offsetMs'));
    }
    clock.shift(offsetMs as number);
    await opts.tick?.();
    return clock.state();
  });

  server.get('/api/dev/demo-accounts', async () => {
    const ids = [...new Set(DEMO_ACCOUNTS.map((a) => a.orgId))];
    const orgs = await opts.store.getMany('orgs', ids);
    const pathIds = [...new Set(orgs.flatMap((o) => o.path))];
    const all = new Map([...orgs, ...(await opts.store.getMany('orgs', pathIds))].map((o) => [o._id, o]));
    return DEMO_ACCOUNTS.map((a) => {
      const org = all.get(a.orgId);
      const chain = org ? [...org.path, org._id].map((i) => all.get(i)?.name ?? i) : [];
      return { ...a, orgName: org?.name ?? null, orgLevel: org?.level ?? null, orgPath: chain.join(' / ') };
    });
  });

  return server;
}

/** One outbox entry as the dev view shows it: the message (as sent, or as it would be) and its state. */
function outboxItem(e: OutboxDoc, templates: TemplateSet) {
  const spec = templates[e.template];
  const message = spec ? messageOf(e, spec) : { touser: e.to, templateId: '', data: {} };
  return {
    id: e._id,
    kind: e.kind,
    template: e.template,
    ...message,
    at: e.sentAt ?? e.createdAt,
    state: e.state,
    attempts: e.attempts,
    createdAt: e.createdAt,
    nextAt: e.nextAt,
    ...(e.sentAt !== undefined ? { sentAt: e.sentAt } : {}),
    ...(e.lastError ? { lastError: e.lastError } : {}),
  };
}
