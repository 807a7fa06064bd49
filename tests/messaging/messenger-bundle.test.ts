/**
 * The BUILT timer function (cloudfunctions/messenger/index.js) and the built `message` function,
 * loaded as the cloud loads them with a stubbed wx-server-sdk: `openapi.subscribeMessage.send` is
 * a spy, `database()` an in-memory CloudBase database behind the real CloudBase adapter.
 * (`npm run build` first; `npm test` does.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES } from '../../miniprogram/shared/templates';
import { enqueue } from '../../server/messaging/outbox';
import { CloudBaseStore } from '../../server/store/cloudbase';
import { createFakeCloudDatabase } from '../support/fake-cloudbase';
import { fieldOf } from './fields';

const mockDb = createFakeCloudDatabase({ flavor: 'wx' });
const mockContext: { OPENID?: string } = {};
const mockSend = jest.fn();
jest.mock('wx-server-sdk', () => ({
  init: jest.fn(),
  DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
  database: () => mockDb,
  getWXContext: () => ({ ...mockContext }),
  openapi: { subscribeMessage: { send: mockSend } },
}));

const FN_DIR = join(__dirname, '..', '..', 'cloudfunctions');
type Main = { main: (event: unknown, context: unknown) => Promise<unknown> };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle is CommonJS, loaded as the cloud loads it
const load = (name: string) => require(join(FN_DIR, name, 'index.js')) as Main;
const store = new CloudBaseStore(mockDb as never, { flavor: 'wx' });
const timerEvent = { Type: 'Timer', TriggerName: 'tick', Time: new Date().toISOString() };

beforeAll(() => {
  // The old environment override: the bundle ignores it and sends with the template file's id.
  process.env.LF_TPL_PASS_DECISION = 'TPL-PASS-DECISION-0001';
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterAll(() => {
  delete process.env.LF_TPL_PASS_DECISION;
  jest.restoreAllMocks();
});

test.each(['messenger', 'message'])('%s: built bundle keeps wx-server-sdk external, has no embedded store, and its package/config', (name) => {
  const file = join(FN_DIR, name, 'index.js');
  expect(existsSync(file)).toBe(true);
  const code = readFileSync(file, 'utf8');
  expect(code).toMatch(/require\("wx-server-sdk"\)/);
  expect(code).not.toMatch(/better-sqlite3|fastify|x-openid/i);
  const pkg = JSON.parse(readFileSync(join(FN_DIR, name, 'package.json'), 'utf8'));
  expect(pkg).toMatchObject({ name, main: 'index.js' });
  expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk']);
  expect(JSON.parse(readFileSync(join(FN_DIR, name, 'config.json'), 'utf8'))).toHaveProperty('permissions.openapi');
});

test('messenger config.json: openapi permission for subscribeMessage.send and one timer trigger with a 7-field cron', () => {
  const config = JSON.parse(readFileSync(join(FN_DIR, 'messenger', 'config.json'), 'utf8'));
  expect(config.permissions.openapi).toEqual(['subscribeMessage.send']);
  expect(config.triggers).toHaveLength(1); // the platform takes one trigger per function
  const [trigger] = config.triggers;
  expect(trigger).toMatchObject({ type: 'timer' });
  expect(trigger.name).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/);
  expect(trigger.config.split(' ')).toHaveLength(7);
});

test('consent through `message`, then one timer tick of `messenger` sends the due entry with the template file’s id', async () => {
  const message = load('message');
  const messenger = load('messenger');

  mockContext.OPENID = 'oBundleResident01';
  const r = await message.main({ action: 'message.subscribed', data: { requestId: 'bundle-req-0001', answers: { passDecision: 'accept' } } }, {});
  expect(r).toEqual({
    ok: true,
    data: { granted: { passDecision: 1, alert: 0, notice: 0, shiftReminder: 0, healthReminder: 0 }, longTerm: [] },
    serverTime: expect.any(Number),
  });

  const now = Date.now();
  await store.transaction((tx) =>
    enqueue(
      tx,
      [
        {
          key: 'pass.decision:bundle:approved',
          kind: 'pass.decision',
          template: 'passDecision',
          to: 'oBundleResident01',
          page: '/resident/pages/pass/pass',
          values: { compound: '威尼斯水城', status: '已通过', name: '吴*', time: String(now) },
        },
      ],
      now - 1000,
    ),
  );

  // A client cannot run the timer function.
  expect(await messenger.main({}, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(mockSend).not.toHaveBeenCalled();

  delete mockContext.OPENID; // timer triggers carry no user
  mockSend.mockResolvedValueOnce({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
  expect(await messenger.main(timerEvent, {})).toMatchObject({ ok: true, data: { jobErrors: 0, send: { due: 1, sent: 1 } } });
  expect(mockSend).toHaveBeenCalledTimes(1);
  expect(mockSend).toHaveBeenCalledWith({
    touser: 'oBundleResident01',
    templateId: TEMPLATES.passDecision.id,
    page: '/resident/pages/pass/pass',
    miniprogramState: 'formal',
    lang: 'zh_CN',
    data: expect.objectContaining({
      [fieldOf('passDecision', 'compound')]: { value: '威尼斯水城' },
      [fieldOf('passDecision', 'status')]: { value: '已通过' },
      [fieldOf('passDecision', 'reason')]: { value: '无' },
    }),
  });
  expect(await store.get('outbox', 'pass.decision:bundle:approved')).toMatchObject({ state: 'sent', attempts: 1 });

  // The next tick has nothing to do.
  expect(await messenger.main(timerEvent, {})).toMatchObject({ ok: true, data: { send: { due: 0 } } });
  expect(mockSend).toHaveBeenCalledTimes(1);
});

test('the SDK’s thrown 43101 is read as "no consent": skipped, grants dropped', async () => {
  const messenger = load('messenger');
  const message = load('message');
  mockContext.OPENID = 'oBundleResident02';
  await message.main({ action: 'message.subscribed', data: { requestId: 'bundle-req-0002', answers: { passDecision: 'accept' } } }, {});
  await message.main({ action: 'message.subscribed', data: { requestId: 'bundle-req-0003', answers: { passDecision: 'accept' } } }, {});
  await store.transaction((tx) =>
    enqueue(
      tx,
      [{ key: 'pass.decision:bundle2:rejected', kind: 'pass.decision', template: 'passDecision', to: 'oBundleResident02', values: { status: '未通过' } }],
      Date.now() - 1000,
    ),
  );
  delete mockContext.OPENID;
  mockSend.mockRejectedValueOnce(
    Object.assign(new Error('errCode: 43101 | errMsg: openapi.subscribeMessage.send:fail user refuse to accept the msg'), {
      errCode: 43101,
      errMsg: 'openapi.subscribeMessage.send:fail user refuse to accept the msg',
    }),
  );
  expect(await messenger.main(timerEvent, {})).toMatchObject({ ok: true, data: { send: { skipped: 1 } } });
  expect(await store.get('outbox', 'pass.decision:bundle2:rejected')).toMatchObject({ state: 'skipped', lastError: expect.stringContaining('43101') });
  mockContext.OPENID = 'oBundleResident02';
  expect(await message.main({ action: 'message.subscribed', data: { requestId: 'bundle-req-0004', answers: {} } }, {})).toMatchObject({
    ok: true,
    data: { granted: { passDecision: 0 } },
  });
});
