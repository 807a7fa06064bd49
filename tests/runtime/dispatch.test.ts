/** The envelope contract (ARCHITECTURE.md §3) as every function shares it. */
import { makeHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

test('every envelope, ok or not, carries the server clock’s time', async () => {
  h.clock.advance(1234);
  expect(await h.raw('demo-admin', 'org', { action: 'org.get', data: { id: 'sz' } })).toMatchObject({ ok: true, serverTime: h.clock.now() });
  expect(await h.raw(undefined, 'org', { action: 'org.get', data: { id: 'sz' } })).toMatchObject({ ok: false, serverTime: h.clock.now() });
  expect(await h.raw('demo-admin', 'org', 'text')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' }, serverTime: h.clock.now() });
});

test('unknown function or action → NOT_FOUND', async () => {
  expect(await h.raw('demo-admin', 'org', { action: 'org.nope', data: {} })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND', details: { field: 'action' } },
  });
  expect(await h.raw('demo-admin', 'org', { action: 'account.me', data: {} })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await h.raw('demo-admin', 'nope', { action: 'nope.me', data: {} })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await h.raw('demo-admin', 'org', { action: 'org.get.x', data: {} })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('no caller → UNAUTHENTICATED, whatever data says', async () => {
  const r = await h.raw(undefined, 'account', { action: 'account.me', data: { openid: 'demo-admin' } });
  expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/身份/) } });
});

test('a caller cannot name someone else in data', async () => {
  const r = await h.raw('wx-stranger', 'account', { action: 'account.me', data: { openid: 'demo-admin' } });
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.openid' } } });
});

test('malformed envelopes are named', async () => {
  expect(await h.raw('demo-admin', 'org', 'text')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'action' } } });
  expect(await h.raw('demo-admin', 'org', { data: {} })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'action' } } });
  expect(await h.raw('demo-admin', 'org', { action: 'org.get', data: [1] })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_ARGUMENT', details: { field: 'data' } },
  });
  expect(await h.raw('demo-admin', 'org', { action: 'org.get', data: { id: 'sz' }, extra: 1 })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_ARGUMENT', details: { field: 'extra' } },
  });
});

test('the cloud’s own userInfo beside action and data is tolerated', async () => {
  const r = await h.raw('demo-admin', 'org', { action: 'org.get', data: { id: 'sz' }, userInfo: { appId: 'wx1', openId: 'x' } });
  expect(r.ok).toBe(true);
});

test('an oversized body (> 256 KB) is rejected before anything runs and writes nothing', async () => {
  const big = { name: '吴新', phone: '13912345678', buildingId: 'sz-s1-c01-x01-b01', unit: '1', room: 'x'.repeat(300 * 1024) };
  const r = await h.raw('wx-big', 'account', { action: 'account.register', data: big });
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/过大/), details: { field: 'data' } } });
  expect(r.meter).toEqual({ reads: 0, writes: 0 });
});

test('an unexpected failure is INTERNAL with a plain message, not a stack', async () => {
  const broken = { ...h.store, get: () => Promise.reject(new Error('disk on fire')) };
  const { createApp } = await import('../../server/runtime/dispatch');
  const { FUNCTIONS } = await import('../../server/app');
  const app = createApp({ store: broken as never, clock: h.clock, functions: FUNCTIONS, onError: () => undefined });
  const r = await app.call('account', { action: 'account.me', data: {} }, 'demo-admin');
  expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' }, serverTime: h.clock.now() });
});

test('a cursor no query made → INVALID_ARGUMENT naming data.cursor, on every kind of list', async () => {
  const lists: Array<[string, string, Record<string, unknown>]> = [
    ['demo-street-staff', 'org.tree', { parentId: 'sz-s1' }],
    ['demo-secretary', 'pass.list', { compoundId: 'sz-s1-c01-x01' }],
    ['demo-secretary', 'alert.list', {}],
    ['demo-resident-1', 'notice.inbox', {}],
  ];
  for (const [who, action, data] of lists) {
    for (const cursor of ['%%%', 'eyJvIjotMX0', Buffer.from('{"o":"sz"}').toString('base64url')]) {
      const r = await h.raw(who, action.split('.')[0], { action, data: { ...data, cursor } });
      expect({ action, cursor, r }).toMatchObject({ action, cursor, r: { ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.cursor' } } } });
    }
  }
});
