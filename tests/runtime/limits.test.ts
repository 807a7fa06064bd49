/**
 * Per-caller rate limits (server/runtime/limits.ts): declared on the action, enforced by dispatch
 * after authorization and validation, counted in the Store so they hold across instances.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS, LIMITS } from '../../server/app';
import { newAdminClaim, storeAdminClaim } from '../../server/account/claim';
import { DEFAULT_CONFIG, readConfig, type Config } from '../../server/core/config';
import { HOUR, MINUTE } from '../../server/core/time';
import { createApp } from '../../server/runtime/dispatch';
import type { Meter } from '../../server/store/metered';
import { makeHarness, T0, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

function appWith(config: Config = DEFAULT_CONFIG) {
  const app = createApp({ store: h.store, clock: h.clock, config, functions: FUNCTIONS });
  return async (openid: string, action: string, data: unknown) => {
    const [meter, limitMeter]: Meter[] = [
      { reads: 0, writes: 0 },
      { reads: 0, writes: 0 },
    ];
    return { ...(await app.call(action.split('.')[0], { action, data }, openid, { meter, limitMeter })), meter, limitMeter };
  };
}

/** Well formed, but no code anyone made: the handler answers INVALID_ARGUMENT. */
const WRONG = { code: 'ABCD-EFGH-JKMN-PQRS-TVWX' };
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

test('the actions a client could spam carry limits', () => {
  expect(Object.keys(LIMITS).sort()).toEqual(
    [
      'account.delete',
      'account.export',
      'account.invite',
      'account.redeem',
      'account.register',
      'case.report',
      'disinfect.log',
      'disinfect.saveArea',
      'census.import',
      'census.layout',
      'census.save',
      'duty.checkIn',
      'duty.checkOut',
      'duty.generate',
      'duty.postCode',
      'duty.signup',
      'duty.withdraw',
      'export.create',
      'gate.check',
      'gate.lookup',
      'gate.sync',
      'health.remind',
      'health.report',
      'health.settings',
      'message.subscribed',
      'notice.publish',
      'org.posterCode',
      'party.save',
      'pass.apply',
      'pass.approveMany',
      'pass.credential',
      'pass.paper',
      'pass.rotateKey',
      'vehicle.register',
      'volunteer.join',
      'whistle.invite',
      'whistle.join',
      'whistle.raise',
      'whistle.claim',
      'whistle.report',
      'whistle.close',
      'inspect.record',
      'inspect.rectify',
      'inspect.saveChecklist',
      'inspect.verify',
    ].sort(),
  );
  expect(LIMITS['account.redeem']).toEqual({ per: 'hour', max: 10 });
});

test('the README lists every limit as the actions declare it', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| limit | actions |')).split('\n\n')[0];
  const listed: Record<string, { per: string; max: number }> = {};
  for (const [, max, per, actions] of table.matchAll(/^\| (\d+) an? (minute|hour|day) \| (.*) \|$/gm)) {
    for (const [, name] of actions.matchAll(/`([a-z]+\.[A-Za-z]+)`/g)) listed[name] = { per, max: Number(max) };
  }
  expect(listed).toEqual(LIMITS);
});

test('the limit trips at max + 1 with when to retry; the refused call writes nothing and runs nothing; the next window is open', async () => {
  const call = appWith();
  const { code: adminCode, doc } = newAdminClaim('sz', T0);
  await storeAdminClaim(h.store, doc);
  h.clock.set(T0 + 5 * MINUTE + 30_000); // the hour's window began at T0
  for (let i = 0; i < 10; i++) expect(code(await call('wx-guesser', 'account.redeem', WRONG))).toBe('INVALID_ARGUMENT');
  const refused = await call('wx-guesser', 'account.redeem', { code: adminCode });
  expect(refused).toMatchObject({
    ok: false,
    error: { code: 'RATE_LIMITED', message: '操作太频繁，请 55 分钟后再试', details: { retryAfterMs: HOUR - 5 * MINUTE - 30_000 } },
  });
  expect(refused.meter).toEqual({ reads: 1, writes: 0 }); // the caller
  expect(refused.limitMeter).toEqual({ reads: 1, writes: 0 }); // the count, not taken
  expect(await h.store.get('users', 'wx-guesser')).toBeNull(); // the right code did not run
  h.clock.set(T0 + HOUR - 1);
  expect(await call('wx-guesser', 'account.redeem', { code: adminCode })).toMatchObject({ error: { details: { retryAfterMs: 1 } } });
  expect(await call('wx-guesser', 'account.redeem', { code: adminCode })).toMatchObject({ error: { message: '操作太频繁，请 1 秒后再试' } });
  h.clock.set(T0 + HOUR);
  expect(await call('wx-guesser', 'account.redeem', { code: adminCode })).toMatchObject({ ok: true });
});

test('per caller and per action', async () => {
  const call = appWith(readConfig({ LF_RATE_LIMITS: '{"account.redeem": "2/minute", "message.subscribed": "2/minute"}' }));
  for (let i = 0; i < 2; i++) await call('wx-a', 'account.redeem', WRONG);
  expect(code(await call('wx-a', 'account.redeem', WRONG))).toBe('RATE_LIMITED');
  expect(code(await call('wx-b', 'account.redeem', WRONG))).toBe('INVALID_ARGUMENT');
  const subscribed = { requestId: 'r-limits-0001', answers: { passDecision: 'accept' } };
  expect(code(await call('wx-a', 'message.subscribed', subscribed))).toBe('ok');
  // An action without a limit is never refused.
  for (let i = 0; i < 30; i++) expect(code(await call('demo-resident-1', 'account.me', {}))).toBe('ok');
});

test('the count is in the store: two instances share one limit, even racing', async () => {
  const config = readConfig({ LF_RATE_LIMITS: '{"account.redeem": "10/minute"}' });
  const [a, b] = [appWith(config), appWith(config)];
  for (let i = 0; i < 5; i++) await a('wx-both', 'account.redeem', WRONG);
  for (let i = 0; i < 5; i++) expect(code(await b('wx-both', 'account.redeem', WRONG))).toBe('INVALID_ARGUMENT');
  expect(code(await a('wx-both', 'account.redeem', WRONG))).toBe('RATE_LIMITED');
  expect(code(await b('wx-both', 'account.redeem', WRONG))).toBe('RATE_LIMITED');
  // In the next window, 30 calls at once through both: never more than 10 get through (a caller
  // racing itself may be refused early: each call gives up after three lost writes).
  h.clock.advance(MINUTE);
  const all = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b)('wx-both', 'account.redeem', WRONG)));
  const through = all.filter((r) => code(r) !== 'RATE_LIMITED').length;
  expect(through).toBeGreaterThan(0);
  expect(through).toBeLessThanOrEqual(10);
  expect(await h.store.get('rateLimits', 'account.redeem:wx-both')).toMatchObject({ count: through });
});

test('LF_RATE_LIMITS replaces a limit or turns it off; a value that does not parse leaves the action’s own', async () => {
  const tight = appWith(readConfig({ LF_RATE_LIMITS: '{"account.redeem": "3/minute"}' }));
  h.clock.set(T0 + 20_000);
  for (let i = 0; i < 3; i++) await tight('wx-c', 'account.redeem', WRONG);
  expect(await tight('wx-c', 'account.redeem', WRONG)).toMatchObject({ error: { code: 'RATE_LIMITED', details: { retryAfterMs: 40_000 } } });

  const off = appWith(readConfig({ LF_RATE_LIMITS: '{"account.redeem": "off"}' }));
  for (let i = 0; i < 15; i++) expect(code(await off('wx-d', 'account.redeem', WRONG))).toBe('INVALID_ARGUMENT');
  expect(await h.store.get('rateLimits', 'account.redeem:wx-d')).toBeNull();

  for (const bad of ['{"account.redeem": "lots"}', '{"account.redeem": "0/minute"}', 'not json']) {
    expect(readConfig({ LF_RATE_LIMITS: bad }).rateLimits).toEqual({});
  }
  expect(readConfig({ LF_RATE_LIMITS: '{"pass.apply": "20 / hour", "x": 5}' }).rateLimits).toEqual({ 'pass.apply': { per: 'hour', max: 20 } });
});

test('a limited action costs one read and one write more, whatever the window; one document per caller and action', async () => {
  const limited = appWith();
  const unlimited = appWith(readConfig({ LF_RATE_LIMITS: '{"message.subscribed": "off"}' }));
  const req = (n: number) => ({ requestId: `r-cost-${String(n).padStart(6, '0')}`, answers: { notice: 'accept' } });
  const base = await unlimited('demo-resident-1', 'message.subscribed', req(1));
  expect(base.limitMeter).toEqual({ reads: 0, writes: 0 });
  for (const [n, advance] of [
    [2, 0], // the first of the caller's: an insert
    [3, 0], // the same window: an increment
    [4, MINUTE], // a new window: the same document reset
  ] as const) {
    h.clock.advance(advance);
    const r = await limited('demo-resident-1', 'message.subscribed', req(n));
    expect([r.meter, r.limitMeter]).toEqual([base.meter, { reads: 1, writes: 1 }]);
  }
  expect((await h.store.query('rateLimits')).items.map((d) => d._id)).toEqual(['message.subscribed:demo-resident-1']);
});

test('refused before the limit: a denied or malformed call takes no unit', async () => {
  const call = appWith(readConfig({ LF_RATE_LIMITS: '{"pass.apply": "1/minute"}' }));
  expect(code(await call('demo-volunteer-1', 'pass.apply', { relation: 'self', reason: '居家生活' }))).toBe('FORBIDDEN');
  expect(code(await call('demo-resident-1', 'pass.apply', { relation: 'self' }))).toBe('INVALID_ARGUMENT');
  expect((await h.store.query('rateLimits')).items).toEqual([]);
  expect(code(await call('demo-resident-1', 'pass.apply', { relation: 'self', reason: '居家生活' }))).toBe('ok');
  expect(code(await call('demo-resident-1', 'pass.apply', { relation: 'self', reason: '居家生活' }))).toBe('RATE_LIMITED');
});
