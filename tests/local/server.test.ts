/** The local runtime's HTTP contract, in process (fastify inject). */
import type { FastifyInstance } from 'fastify';
import { buildLocalServer } from '../../local/server';
import { makeHarness, type Harness } from '../support/harness';

let h: Harness;
let server: FastifyInstance;
beforeAll(async () => {
  h = await makeHarness();
  server = buildLocalServer({ store: h.store, clock: h.clock });
  await server.ready();
});
afterAll(async () => {
  await server.close();
  h.close();
});

const post = (url: string, payload: unknown, openid?: string, raw = false) =>
  server.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) },
    payload: raw ? (payload as string) : JSON.stringify(payload),
  });

test('POST /api/fn/<name> answers 200 with the envelope, caller from X-Openid', async () => {
  const r = await post('/api/fn/account', { action: 'account.me', data: {} }, 'demo-secretary');
  expect(r.statusCode).toBe(200);
  expect(r.json()).toMatchObject({ ok: true, data: { grants: [{ role: 'secretary', orgName: '威尼斯水城' }] } });
});

test('no X-Openid → UNAUTHENTICATED; unknown function → NOT_FOUND', async () => {
  expect((await post('/api/fn/account', { action: 'account.me', data: {} })).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  const r = await post('/api/fn/nope', { action: 'nope.x', data: {} }, 'demo-admin');
  expect(r.statusCode).toBe(200);
  expect(r.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('a body that is not JSON → HTTP 400 with the envelope', async () => {
  const r = await post('/api/fn/account', '{"action": "account.me", ', 'demo-admin', true);
  expect(r.statusCode).toBe(400);
  expect(r.json()).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '请求内容不是有效的 JSON' }, serverTime: h.clock.now() });
});

// Valid JSON whatever its keys: parsed (JSON.parse makes `__proto__` an own key, never a prototype) and
// answered by validation like any unknown field, as the cloud answers the same event.
const POISONED: Array<[string, string, string, string]> = [
  ['org', '{"action":"org.get","data":{"id":"sz","__proto__":{"polluted":1}}}', 'data.__proto__', '不支持的字段「__proto__」'],
  ['org', '{"action":"org.get","data":{"id":"sz","constructor":{"prototype":{"polluted":1}}}}', 'data.constructor', '不支持的字段「constructor」'],
  ['org', '{"action":"org.get","data":{"id":"sz"},"__proto__":{"polluted":1}}', '__proto__', '不支持的字段「__proto__」'],
  ['org', '{"action":"org.get","data":{"id":"sz"},"constructor":{"prototype":{"polluted":1}}}', 'constructor', '不支持的字段「constructor」'],
  [
    'gate',
    '{"action":"gate.check","data":{"gateId":"sz-s1-c01-x01-g1","event":{"id":"evt-000001","kind":"resident","direction":"in","__proto__":{"polluted":1}}}}',
    'data.event.__proto__',
    '不支持的字段「event.__proto__」',
  ],
];

test.each(POISONED)(
  'a JSON body with __proto__ or constructor keys is parsed, then refused by validation naming the key (%s: %s)',
  async (fn, body, field, message) => {
    const r = await post(`/api/fn/${fn}`, body, 'demo-volunteer-1', true);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message, details: { field } }, serverTime: h.clock.now() });
    // The same event arriving as an object in the cloud gets the same answer.
    const cloud = await h.raw('demo-volunteer-1', fn, JSON.parse(body));
    expect(cloud).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message, details: { field } }, meter: { reads: 0, writes: 0 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  },
);

test('the dev clock refuses a __proto__ key like any other unknown field', async () => {
  const r = await post('/api/dev/clock', '{"offsetMs":0,"__proto__":{"polluted":1}}', undefined, true);
  expect(r.statusCode).toBe(400);
  expect(r.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: '__proto__' } } });
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('an oversized body → envelope INVALID_ARGUMENT naming data', async () => {
  const r = await post('/api/fn/account', { action: 'account.register', data: { room: 'x'.repeat(270 * 1024) } }, 'demo-admin');
  expect(r.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data' } } });
});

test('GET /healthz, /api/dev/outbox and /api/dev/demo-accounts', async () => {
  expect((await server.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
  expect((await server.inject({ method: 'GET', url: '/api/dev/outbox' })).json()).toEqual({ items: [] });
  const accounts = (await server.inject({ method: 'GET', url: '/api/dev/demo-accounts' })).json();
  const roles = new Set(accounts.map((a: { role: string }) => a.role));
  expect([...roles].sort()).toEqual(['admin', 'leader', 'resident', 'secretary', 'staff', 'volunteer']);
  expect(accounts.find((a: { openid: string }) => a.openid === 'demo-secretary')).toMatchObject({
    orgName: '威尼斯水城',
    orgLevel: 'compound',
    orgPath: '商州区 / 城关街道 / 东店社区 / 威尼斯水城',
  });
});

describe('the dev clock', () => {
  const clock = () => server.inject({ method: 'GET', url: '/api/dev/clock' }).then((r) => r.json());
  const shift = (payload: unknown) => post('/api/dev/clock', payload);
  afterEach(async () => {
    await shift({ offsetMs: 0 });
  });

  test('GET says the time and the offset; POST moves the clock every envelope is stamped with', async () => {
    expect(await clock()).toEqual({ now: h.clock.now(), offsetMs: 0 });
    const r = await shift({ offsetMs: 20 * 60_000 });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ now: h.clock.now() + 20 * 60_000, offsetMs: 20 * 60_000 });
    const me = (await post('/api/fn/account', { action: 'account.me', data: {} }, 'demo-secretary')).json();
    expect(me).toMatchObject({ ok: true, serverTime: h.clock.now() + 20 * 60_000 });
    const notJson = (await post('/api/fn/account', '{', 'demo-secretary', true)).json();
    expect(notJson.serverTime).toBe(h.clock.now() + 20 * 60_000);
    // The offset is set, not added: sending it again changes nothing.
    await shift({ offsetMs: 20 * 60_000 });
    expect((await clock()).offsetMs).toBe(20 * 60_000);
    await shift({ offsetMs: -3_600_000 });
    expect(await clock()).toEqual({ now: h.clock.now() - 3_600_000, offsetMs: -3_600_000 });
  });

  test.each<[string, unknown, string]>([
    ['text', { offsetMs: '60000' }, 'offsetMs'],
    ['a fraction', { offsetMs: 1.5 }, 'offsetMs'],
    ['more than a year', { offsetMs: 400 * 86_400_000 }, 'offsetMs'],
    ['nothing', {}, 'offsetMs'],
    ['a list', [60000], 'offsetMs'],
    ['another field', { offsetMs: 1000, speed: 2 }, 'speed'],
  ])('bad input (%s) → HTTP 400 envelope naming the field; the clock stays', async (_name, payload, field) => {
    await shift({ offsetMs: 5000 });
    const r = await shift(payload);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/[\u4e00-\u9fff]/), details: { field } },
      serverTime: h.clock.now() + 5000,
    });
    expect((await clock()).offsetMs).toBe(5000);
  });
});

test('moving the dev clock runs one tick at once; a refused move runs none', async () => {
  const seen: number[] = [];
  const local = buildLocalServer({ store: h.store, clock: h.clock, tick: async () => void seen.push(1) });
  try {
    const r = await local.inject({
      method: 'POST',
      url: '/api/dev/clock',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ offsetMs: 60_000 }),
    });
    expect(r.json()).toEqual({ now: h.clock.now() + 60_000, offsetMs: 60_000 });
    expect(seen).toHaveLength(1);
    await local.inject({ method: 'POST', url: '/api/dev/clock', headers: { 'content-type': 'application/json' }, payload: '{"offsetMs": "x"}' });
    expect(seen).toHaveLength(1); // refused: no tick
  } finally {
    await local.close();
  }
});
