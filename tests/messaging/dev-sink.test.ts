/**
 * The local runtime's side of messaging: the dev sink as the Messenger of the tick, its error
 * switch (POST /api/dev/sink) and the outbox view (GET /api/dev/outbox) with each entry's state.
 */
import type { FastifyInstance } from 'fastify';
import { DevSink } from '../../local/dev-sink';
import { TEMPLATES } from '../../miniprogram/shared/templates';
import { buildLocalServer } from '../../local/server';
import { recordConsent } from '../../server/messaging/consent';
import { MAX_ATTEMPTS } from '../../server/messaging/sender';
import { APP } from '../../server/app';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { templateSet } from '../../server/messaging/templates';
import { runTick } from '../../server/messaging/tick';
import { makeHarness, T0, type Harness } from '../support/harness';
import { fieldOf } from './fields';

let h: Harness;
let sink: DevSink;
let server: FastifyInstance;
beforeAll(async () => {
  h = await makeHarness();
  sink = new DevSink(h.clock);
  server = buildLocalServer({ store: h.store, clock: h.clock, sink });
  await server.ready();
});
afterAll(async () => {
  await server.close();
  h.close();
});

const post = async (url: string, payload: unknown, openid?: string) =>
  server.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) },
    payload: JSON.stringify(payload),
  });
const call = async (openid: string, action: string, data: unknown) => {
  const r = (await post(`/api/fn/${action.split('.')[0]}`, { action, data }, openid)).json();
  if (!r.ok) throw new Error(`${action}: ${r.error.code} ${r.error.message}`);
  return r.data;
};
const outbox = async (query = '') => (await server.inject({ method: 'GET', url: `/api/dev/outbox${query}` })).json().items as Array<Record<string, unknown>>;
const tick = () => runTick({ store: h.store, messenger: sink, now: h.clock.now(), jobs: [], templates: templateSet(DEFAULT_CONFIG.templates, APP.templates) });

/** A resident applies, the secretary decides: the decision lands in the outbox. */
async function decision(resident: string, decide: 'approve' | 'reject') {
  const pass = await call(resident, 'pass.apply', { relation: 'self', reason: '日常出入' });
  await call('demo-secretary', 'pass.review', { passId: pass.id, decision: decide, ...(decide === 'reject' ? { reason: '请先补充租房合同' } : {}) });
  return `pass.decision:${pass.id}:${decide === 'approve' ? 'approved' : 'rejected'}`;
}

test('a pass decision shows in the outbox as the message it will be, goes out through the sink, and is then "sent"', async () => {
  await recordConsent(h.store, 'demo-resident-1', 'dev-sink-test-1', { passDecision: 'accept' }, templateSet(DEFAULT_CONFIG.templates, APP.templates), T0);
  const key = await decision('demo-resident-1', 'approve');
  expect(await outbox()).toEqual([
    expect.objectContaining({
      id: key,
      state: 'pending',
      attempts: 0,
      touser: 'demo-resident-1',
      templateId: TEMPLATES.passDecision.id,
      page: '/resident/pages/pass/pass',
      data: expect.objectContaining({
        [fieldOf('passDecision', 'compound')]: { value: '威尼斯水城' },
        [fieldOf('passDecision', 'time')]: { value: '2026-11-28 08:00' },
      }),
    }),
  ]);

  // The switch: the next send is answered 43108 (retried), the one after goes through.
  expect((await post('/api/dev/sink', { errcode: 43108, count: 1 })).json()).toEqual({ errcode: 43108, remaining: 1, delivered: 0, refused: 0 });
  expect(await tick()).toMatchObject({ send: { retried: 1 } });
  expect((await outbox())[0]).toMatchObject({ id: key, state: 'pending', attempts: 1, lastError: expect.stringMatching(/^43108 dev sink/) });
  expect((await server.inject({ method: 'GET', url: '/api/dev/sink' })).json()).toMatchObject({ errcode: null, refused: 1 });

  h.clock.advance(30_000);
  expect(await tick()).toMatchObject({ send: { sent: 1 } });
  expect((await outbox())[0]).toMatchObject({ id: key, state: 'sent', attempts: 2, sentAt: T0 + 30_000, at: T0 + 30_000 });
  expect(sink.sent()).toEqual([expect.objectContaining({ touser: 'demo-resident-1', templateId: TEMPLATES.passDecision.id, at: T0 + 30_000 })]);
});

test('the switch held until reset turns a message into a dead letter; ?state= filters the view', async () => {
  await recordConsent(
    h.store,
    'demo-resident-2',
    'dev-sink-test-2',
    { passDecision: 'accept' },
    templateSet(DEFAULT_CONFIG.templates, APP.templates),
    h.clock.now(),
  );
  const key = await decision('demo-resident-2', 'reject');
  expect((await post('/api/dev/sink', { errcode: -1 })).json()).toMatchObject({ errcode: -1, remaining: null });
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    await tick();
    h.clock.advance(3_600_000);
  }
  expect(await outbox('?state=dead')).toEqual([
    expect.objectContaining({
      id: key,
      state: 'dead',
      attempts: MAX_ATTEMPTS,
      data: expect.objectContaining({ [fieldOf('passDecision', 'reason')]: { value: '请先补充租房合同' } }),
    }),
  ]);
  expect(await outbox('?state=sent&to=demo-resident-2')).toEqual([]);
  expect((await post('/api/dev/sink', { errcode: null })).json()).toMatchObject({ errcode: null, remaining: null, refused: 1 + MAX_ATTEMPTS });
});

test('no grant left (the one accepted was spent): skipped, visible as such, nothing reaches the sink', async () => {
  const before = sink.state().delivered;
  const pass = await call('demo-resident-1', 'pass.apply', { relation: 'family', name: '陈小明', reason: '上学' });
  await call('demo-secretary', 'pass.review', { passId: pass.id, decision: 'approve' });
  expect(await tick()).toMatchObject({ send: { skipped: 1, sent: 0 } });
  expect(await outbox('?state=skipped')).toEqual([expect.objectContaining({ id: `pass.decision:${pass.id}:approved`, attempts: 0, lastError: 'no consent' })]);
  expect(sink.state().delivered).toBe(before);
});

test('bad switch requests are refused with HTTP 400 and change nothing', async () => {
  for (const body of [{}, { errcode: 'x' }, { errcode: 1.5 }, { errcode: 43101, count: 0 }, { errcode: 43101, count: -2 }, { errcode: 1, extra: true }]) {
    const r = await post('/api/dev/sink', body);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  }
  expect(sink.state().errcode).toBeNull();
});
