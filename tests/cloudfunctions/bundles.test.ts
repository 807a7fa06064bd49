/**
 * What would be deployed is what is tested: each *built* cloud function bundle is loaded and
 * its `main` called with a stubbed wx-server-sdk — the WeChat context supplies the caller, and
 * `cloud.database()` is an in-memory CloudBase database behind the real CloudBase adapter.
 * (`npm test` builds the bundles first.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Envelope } from '../../typings/envelope';
import { seedDistrict } from '../../server/seed/seed';
import { CloudBaseStore } from '../../server/store/cloudbase';
import { createFakeCloudDatabase } from '../support/fake-cloudbase';
import { currentQr, deviceKeyFromSeed } from '../../miniprogram/shared/pass/device';

const mockDb = createFakeCloudDatabase({ flavor: 'wx' });
const mockContext: { OPENID?: string } = {};
const mockInit = jest.fn();
jest.mock('wx-server-sdk', () => ({
  init: mockInit,
  DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
  database: () => mockDb,
  getWXContext: () => ({ ...mockContext }),
}));

// As the console sets it for `pass` and `duty`: without it they refuse to sign (sealing the seeds needs it).
process.env.LF_PASS_KEK = Buffer.alloc(32, 7).toString('base64');

const FN_DIR = join(__dirname, '..', '..', 'cloudfunctions');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle is CommonJS, loaded as the cloud loads it
const load = (name: string) => require(join(FN_DIR, name, 'index.js')) as { main: (event: unknown, context: unknown) => Promise<Envelope<unknown>> };

beforeAll(async () => {
  await seedDistrict(new CloudBaseStore(mockDb as never, { flavor: 'wx' }));
});

test.each(['account', 'org', 'pass', 'gate', 'vehicle', 'notice', 'alert', 'message', 'party', 'volunteer', 'duty'])(
  '%s: built bundle exists, keeps wx-server-sdk external and has no embedded store or dev clock',
  (name) => {
    const file = join(FN_DIR, name, 'index.js');
    expect(existsSync(file)).toBe(true);
    const code = readFileSync(file, 'utf8');
    expect(code).toMatch(/require\("wx-server-sdk"\)/);
    expect(code).not.toMatch(/better-sqlite3/);
    expect(code).not.toMatch(/x-openid/i);
    expect(code).not.toMatch(/DevClock|api\/dev\/clock/);
    const pkg = JSON.parse(readFileSync(join(FN_DIR, name, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('index.js');
    expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk']);
    expect(JSON.parse(readFileSync(join(FN_DIR, name, 'config.json'), 'utf8'))).toHaveProperty('permissions');
  },
);

test('account bundle: the caller is the WeChat context OPENID, never a field of data', async () => {
  const { main } = load('account');
  expect(mockInit).toHaveBeenCalled();
  mockContext.OPENID = 'demo-secretary';
  const before = Date.now();
  const me = await main({ action: 'account.me', data: {}, userInfo: { appId: 'wx0', openId: 'demo-secretary' } }, {});
  expect(me).toMatchObject({ ok: true, data: { grants: [{ role: 'secretary', orgName: '威尼斯水城' }] } });
  // The cloud stamps replies with the system clock.
  expect(me.serverTime).toBeGreaterThanOrEqual(before);
  expect(me.serverTime).toBeLessThanOrEqual(Date.now());

  mockContext.OPENID = 'wx-bundle-resident';
  const reg = await main(
    { action: 'account.register', data: { name: '吴新', phone: '13912345678', buildingId: 'sz-s1-c01-x01-b01', unit: '1', room: '101' } },
    {},
  );
  expect(reg).toMatchObject({ ok: true, data: { phoneMasked: '139****5678', grants: [{ role: 'resident' }] } });
  const retry = await main(
    { action: 'account.register', data: { name: '吴新', phone: '13912345678', buildingId: 'sz-s1-c01-x01-b01', unit: '1', room: '101' } },
    {},
  );
  expect(retry).toEqual({ ...reg, serverTime: expect.any(Number) });

  delete mockContext.OPENID;
  expect(await main({ action: 'account.me', data: {} }, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  mockContext.OPENID = 'wx-someone';
  expect(await main({ action: 'account.me', data: { openid: 'demo-admin' } }, {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  expect(await main({ action: 'org.tree', data: {} }, {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('org bundle: scoped tree and paging over the CloudBase adapter', async () => {
  const { main } = load('org');
  mockContext.OPENID = 'demo-street-staff';
  const r = (await main({ action: 'org.tree', data: { parentId: 'sz-s1', limit: 10 } }, {})) as {
    ok: true;
    data: { items: Array<{ name: string }>; next?: string };
  };
  expect(r.ok).toBe(true);
  expect(r.data.items.map((n) => n.name).slice(0, 3)).toEqual(['东店社区', '西街社区', '南街社区']);
  const rest = (await main({ action: 'org.tree', data: { parentId: 'sz-s1', limit: 10, cursor: r.data.next } }, {})) as typeof r;
  expect(rest.data.items).toHaveLength(2);
  expect(rest.data.next).toBeUndefined();
  expect(await main({ action: 'org.get', data: { id: 'sz-s2' } }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('pass and gate bundles: apply, approve, credential, then a synced scan — all over the CloudBase adapter', async () => {
  const pass = load('pass');
  const gate = load('gate');
  const as = (openid: string) => (mockContext.OPENID = openid);
  type Ok<T> = { ok: true; data: T };

  as('demo-resident-2');
  const applied = (await pass.main({ action: 'pass.apply', data: { relation: 'self', reason: '居家生活' } }, {})) as Ok<{ id: string }>;
  expect(applied).toMatchObject({ ok: true, data: { status: 'pending' } });
  as('demo-secretary');
  expect(await pass.main({ action: 'pass.review', data: { passId: applied.data.id, decision: 'approve' } }, {})).toMatchObject({
    ok: true,
    data: { status: 'approved' },
  });
  as('demo-resident-2');
  const seed = new Uint8Array(32).fill(5);
  const cred = (await pass.main(
    { action: 'pass.credential', data: { passId: applied.data.id, devicePublicKey: deviceKeyFromSeed(seed).publicKey } },
    {},
  )) as Ok<{ signed: string }>;
  expect(cred.ok).toBe(true);

  as('demo-volunteer-1');
  const event = {
    id: 'bundle-evt-0001',
    at: Date.now(),
    kind: 'resident',
    direction: 'in',
    qr: currentQr(cred.data.signed, applied.data.id, seed, Date.now()),
    temperature: 36.4,
    verdict: 'allow',
  };
  const synced = await gate.main({ action: 'gate.sync', data: { gateId: 'sz-s1-c01-x01-g1', events: [event] } }, {});
  expect(synced).toMatchObject({ ok: true, data: { accepted: 1, results: [{ verdict: 'allow', who: '陈*', mismatch: false }] } });
  expect(await gate.main({ action: 'gate.sync', data: { gateId: 'sz-s1-c01-x01-g1', events: [event] } }, {})).toMatchObject({
    ok: true,
    data: { accepted: 0, duplicates: 1 },
  });
  as('demo-secretary');
  expect(await gate.main({ action: 'gate.log', data: { compoundId: 'sz-s1-c01-x01' } }, {})).toMatchObject({
    ok: true,
    data: { items: [{ id: 'bundle-evt-0001' }] },
  });
});
