/** message.subscribed: consent per (user, template), counted, flagged, idempotent by request id. */
import { TEMPLATES } from '../../miniprogram/shared/templates';
import { DEFAULT_CONFIG, type Config } from '../../server/core/config';
import { APP, FUNCTIONS } from '../../server/app';
import { CONSENTS, KEEP_REQUESTS } from '../../server/messaging/consent';
import { enqueue } from '../../server/messaging/outbox';
import { sendDue } from '../../server/messaging/sender';
import { templateSet } from '../../server/messaging/templates';
import { createApp, type App } from '../../server/runtime/dispatch';
import type { Meter } from '../../server/store/metered';
import { makeHarness, T0, type Harness } from '../support/harness';
import { fieldOf } from './fields';
import { FakeMessenger } from './support';

let h: Harness;
let app: App;
/** The app with these settings. */
const appWith = (config: Config) => createApp({ store: h.store, clock: h.clock, config, functions: FUNCTIONS, onError: () => undefined });
/** The template file with its alert template long-term. */
const LONG_TERM_ALERT: Config = { ...DEFAULT_CONFIG, templates: { ...TEMPLATES, alert: { ...TEMPLATES.alert, longTerm: true } } };
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  app = appWith(DEFAULT_CONFIG);
});

let seq = 0;
const rid = () => `req-${String(++seq).padStart(6, '0')}`;
async function subscribed(openid: string | undefined, data: unknown, meter?: Meter) {
  return app.call('message', { action: 'message.subscribed', data }, openid, { meter });
}
async function ok(openid: string, answers: Record<string, string>, requestId = rid()) {
  const r = await subscribed(openid, { requestId, answers });
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.data as { granted: Record<string, number>; longTerm: string[] };
}
const consent = (openid: string) => h.store.get(CONSENTS, openid);

test('each accept of a one-time template adds one grant; the answer lists every template', async () => {
  expect(await ok('demo-resident-1', { passDecision: 'accept' })).toEqual({
    granted: { passDecision: 1, alert: 0, notice: 0, shiftReminder: 0, healthReminder: 0 },
    longTerm: [],
  });
  expect(await ok('demo-resident-1', { passDecision: 'accept', notice: 'accept' })).toMatchObject({ granted: { passDecision: 2, notice: 1 } });
  expect(await consent('demo-resident-1')).toMatchObject({
    templates: { passDecision: { count: 2, last: 'accept', acceptedAt: T0 }, notice: { count: 1 } },
  });
});

test('reject, ban and filter are recorded; grants already given stay', async () => {
  await ok('demo-resident-2', { passDecision: 'accept' });
  const r = await ok('demo-resident-2', { passDecision: 'reject', alert: 'ban', notice: 'filter' });
  expect(r.granted).toMatchObject({ passDecision: 1, alert: 0, notice: 0 });
  expect((await consent('demo-resident-2'))!.templates).toMatchObject({
    passDecision: { count: 1, last: 'reject' },
    alert: { count: 0, last: 'ban' },
    notice: { count: 0, last: 'filter' },
  });
});

test('a long-term template is flagged, not counted; a refusal clears the flag', async () => {
  app = appWith(LONG_TERM_ALERT);
  expect(await ok('demo-secretary', { alert: 'accept' })).toEqual({
    granted: { passDecision: 0, alert: 0, notice: 0, shiftReminder: 0, healthReminder: 0 },
    longTerm: ['alert'],
  });
  expect(await ok('demo-secretary', { alert: 'accept' })).toMatchObject({ granted: { alert: 0 }, longTerm: ['alert'] });
  expect(await consent('demo-secretary')).toMatchObject({ templates: { alert: { count: 0, longTerm: true } } });
  expect(await ok('demo-secretary', { alert: 'reject' })).toMatchObject({ longTerm: [] });
  expect(await consent('demo-secretary')).toMatchObject({ templates: { alert: { longTerm: false, last: 'reject' } } });
});

test('a retried call (same requestId) adds nothing and answers the same; one read and one write besides the caller', async () => {
  const requestId = 'retry-abcdef-0001';
  const m1: Meter = { reads: 0, writes: 0 };
  const first = await subscribed('demo-volunteer-1', { requestId, answers: { shiftReminder: 'accept' } }, m1);
  expect(first).toMatchObject({ ok: true, data: { granted: { shiftReminder: 1 } } });
  expect(m1).toEqual({ reads: 2, writes: 1 }); // the caller's user document, the consent document; one write

  const m2: Meter = { reads: 0, writes: 0 };
  const again = await subscribed('demo-volunteer-1', { requestId, answers: { shiftReminder: 'accept' } }, m2);
  expect(again).toEqual(first);
  expect(m2.writes).toBe(0);
  // Many retries, even with other answers under the same id: still one grant.
  for (let i = 0; i < 3; i++) await subscribed('demo-volunteer-1', { requestId, answers: { shiftReminder: 'accept', notice: 'accept' } });
  expect((await consent('demo-volunteer-1'))!.templates).toEqual({ shiftReminder: expect.objectContaining({ count: 1 }) });
  // A new request id is a new answer.
  expect(await ok('demo-volunteer-1', { shiftReminder: 'accept' })).toMatchObject({ granted: { shiftReminder: 2 } });
});

test('request ids are per user, and the last KEEP_REQUESTS are remembered', async () => {
  app = appWith({ ...DEFAULT_CONFIG, rateLimits: { 'message.subscribed': 'off' } }); // more answers at once than the limit allows
  const shared = 'same-id-for-both';
  await ok('demo-leader', { notice: 'accept' }, shared);
  expect(await ok('demo-volunteer-2', { notice: 'accept' }, shared)).toMatchObject({ granted: { notice: 1 } });
  for (let i = 0; i < KEEP_REQUESTS + 3; i++) await ok('demo-leader', { alert: 'reject' });
  const doc = await consent('demo-leader');
  expect(doc!.requests).toHaveLength(KEEP_REQUESTS);
  expect(doc!.requests).not.toContain(shared);
});

test('an empty answer set just reads the counts (for a caller with no grants at all, too)', async () => {
  const meter: Meter = { reads: 0, writes: 0 };
  expect(await subscribed('wx-new-visitor-01', { requestId: rid(), answers: {} }, meter)).toEqual({
    ok: true,
    data: { granted: { passDecision: 0, alert: 0, notice: 0, shiftReminder: 0, healthReminder: 0 }, longTerm: [] },
    serverTime: h.clock.now(),
  });
  expect(meter.writes).toBe(0);
});

test('validation at the edge: requestId required and well-formed, known templates and answers only, nothing written', async () => {
  const cases: Array<[unknown, string]> = [
    [{ answers: { passDecision: 'accept' } }, 'data.requestId'],
    [{ requestId: 'short', answers: {} }, 'data.requestId'],
    [{ requestId: 'has space in it', answers: {} }, 'data.requestId'],
    [{ requestId: rid(), answers: { passDecision: 'yes' } }, 'data.answers.passDecision'],
    [{ requestId: rid(), answers: { someTemplate: 'accept' } }, 'data.answers.someTemplate'],
    [{ requestId: rid(), answers: 'accept' }, 'data.answers'],
    [{ requestId: rid(), answers: {}, openid: 'demo-admin' }, 'data.openid'],
  ];
  for (const [data, field] of cases) {
    const r = await subscribed('wx-validation-1', data);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field } } });
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
  }
  expect(await consent('wx-validation-1')).toBeNull();
  expect(await subscribed(undefined, { requestId: rid(), answers: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
});

describe('message.quota', () => {
  const quota = (openid: string | undefined, data: unknown = {}, meter?: Meter) => app.call('message', { action: 'message.quota', data }, openid, { meter });

  test('answers the caller’s own pushes left, in one read besides the caller, writing nothing', async () => {
    await ok('demo-volunteer-3', { shiftReminder: 'accept' });
    await ok('demo-volunteer-3', { shiftReminder: 'accept', notice: 'accept' });
    await ok('demo-resident-3', { passDecision: 'accept' });
    const meter: Meter = { reads: 0, writes: 0 };
    expect(await quota('demo-volunteer-3', {}, meter)).toEqual({
      ok: true,
      data: { granted: { passDecision: 0, alert: 0, notice: 1, shiftReminder: 2, healthReminder: 0 }, longTerm: [] },
      serverTime: h.clock.now(),
    });
    expect(meter).toEqual({ reads: 2, writes: 0 });
    expect(await quota('wx-never-asked-01')).toMatchObject({
      ok: true,
      data: { granted: { passDecision: 0, alert: 0, notice: 0, shiftReminder: 0, healthReminder: 0 }, longTerm: [] },
    });
    expect(await consent('wx-never-asked-01')).toBeNull();
  });

  test('a long-term template the user accepted is listed as on, not counted', async () => {
    app = appWith(LONG_TERM_ALERT);
    await ok('demo-staff-q', { alert: 'accept' });
    expect(await quota('demo-staff-q')).toMatchObject({ ok: true, data: { granted: { alert: 0 }, longTerm: ['alert'] } });
  });

  test('nothing in the request names whose quota it is; unknown fields are refused', async () => {
    await ok('demo-resident-4', { passDecision: 'accept' });
    const r = await quota('wx-someone-else', { openid: 'demo-resident-4' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.openid' } } });
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await quota(undefined)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

test('consent given through the action is what the sender spends', async () => {
  await ok('demo-resident-other', { passDecision: 'accept' });
  await h.store.transaction((tx) =>
    enqueue(
      tx,
      [
        {
          key: 'pass.decision:test:approved',
          kind: 'pass.decision',
          template: 'passDecision',
          to: 'demo-resident-other',
          values: { status: '已通过', compound: '江南小区西片' },
        },
      ],
      T0,
    ),
  );
  const m = new FakeMessenger();
  expect(await sendDue(h.store, m, T0 + 1, { templates: templateSet(DEFAULT_CONFIG.templates, APP.templates) })).toMatchObject({ sent: 1 });
  expect(m.calls[0]).toMatchObject({
    touser: 'demo-resident-other',
    templateId: TEMPLATES.passDecision.id,
    data: { [fieldOf('passDecision', 'compound')]: { value: '江南小区西片' }, [fieldOf('passDecision', 'status')]: { value: '已通过' } },
  });
  expect(await ok('demo-resident-other', {})).toMatchObject({ granted: { passDecision: 0 } });
});
