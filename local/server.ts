/**
 * The local runtime's HTTP face: every cloud function on one server, over the embedded store.
 *   POST /api/fn/<function>   body { action, data }, header X-Openid → HTTP 200 + envelope
 *   GET  /healthz             liveness
 *   GET  /api/dev/outbox      subscription messages "sent" so far
 *   GET  /api/dev/demo-accounts  the seeded demo accounts
 * X-Openid stands in for the WeChat context and exists only here, never in a cloud build.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Envelope } from '../typings/envelope';
import type { Clock } from '../server/core/clock';
import { FUNCTIONS } from '../server/functions';
import type { OrgDoc } from '../server/org/model';
import { createApp, MAX_REQUEST_BYTES } from '../server/runtime/dispatch';
import { DEMO_ACCOUNTS } from '../server/seed/district';
import type { Meter } from '../server/store/metered';
import type { Store } from '../server/store/port';
import { DevSink } from './dev-sink';

export interface LocalServerOptions {
  store: Store;
  clock: Clock;
  sink?: DevSink;
  /** Called with each request's database operation counts (benches read them). */
  onMeter?: (action: string, meter: Meter) => void;
}

const fail = (code: 'INVALID_ARGUMENT' | 'NOT_FOUND', message: string, field?: string): Envelope<never> => ({
  ok: false,
  error: field ? { code, message, details: { field } } : { code, message },
});

export function buildLocalServer(opts: LocalServerOptions): FastifyInstance {
  const app = createApp({ store: opts.store, clock: opts.clock, functions: FUNCTIONS });
  const sink = opts.sink ?? new DevSink();
  const server = Fastify({ logger: false, bodyLimit: MAX_REQUEST_BYTES });

  // Transport errors become envelopes too: a body that is not JSON is the one HTTP 400.
  server.setErrorHandler((err: { code?: string; statusCode?: number }, _req, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(200).send(fail('INVALID_ARGUMENT', `请求内容过大（上限 ${MAX_REQUEST_BYTES / 1024} KB）`, 'data'));
    }
    if (err.statusCode === 400 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.code(400).send(fail('INVALID_ARGUMENT', '请求内容不是有效的 JSON'));
    }
    console.error(err);
    return reply.code(500).send({ ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } });
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

  server.get('/healthz', async () => ({ status: 'ok' }));

  server.get('/api/dev/outbox', async () => ({ items: sink.sent() }));

  server.get('/api/dev/demo-accounts', async () => {
    const ids = [...new Set(DEMO_ACCOUNTS.map((a) => a.orgId))];
    const orgs = await opts.store.getMany<OrgDoc>('orgs', ids);
    const pathIds = [...new Set(orgs.flatMap((o) => o.path))];
    const all = new Map([...orgs, ...(await opts.store.getMany<OrgDoc>('orgs', pathIds))].map((o) => [o._id, o]));
    return DEMO_ACCOUNTS.map((a) => {
      const org = all.get(a.orgId);
      const chain = org ? [...org.path, org._id].map((i) => all.get(i)?.name ?? i) : [];
      return { ...a, orgName: org?.name ?? null, orgLevel: org?.level ?? null, orgPath: chain.join(' / ') };
    });
  });

  return server;
}
