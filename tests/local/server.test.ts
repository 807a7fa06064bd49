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
