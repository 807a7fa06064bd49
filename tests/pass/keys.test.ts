/**
 * Pass signing seeds at rest: sealed under a KEK from the environment (server/core/kek.ts), never
 * stored, answered or logged in any form; a wrong or missing KEK refuses to sign; the KEK rotates
 * (lazily on use, and for every key with rewrap); seeds stored in plain before are sealed on use.
 */
import { generateKeyPairSync, randomBytes, verify, createPublicKey } from 'node:crypto';
import { prepareTrust, verifyPassQr } from '../../miniprogram/shared/pass/verify';
import { parseQr } from '../../miniprogram/shared/pass/codec';
import { b64urlDecode } from '../../miniprogram/shared/pass/bytes';
import { deviceKeyFromSeed } from '../../miniprogram/shared/pass/device';
import { COLLECTIONS, FUNCTIONS } from '../../server/app';
import { DEFAULT_CONFIG, readConfig, type Config } from '../../server/core/config';
import { DEV_KEKS, open, readKeks, requireRing, type KekSetting } from '../../server/core/kek';
import { rewrapPassKeys, type PassKeyDoc } from '../../server/pass/keys';
import { createApp } from '../../server/runtime/dispatch';
import type { Meter } from '../../server/store/metered';
import { rewrapKeys } from '../../scripts/deploy/admin-tasks';
import { makeHarness, T0, type Harness } from '../support/harness';
import { issuePass, seedOf, trustFor } from '../support/passes';

const kek = () => randomBytes(32).toString('base64');
const KEK1 = kek();
const KEK2 = kek();
const ring = (text: string) => readKeks({ LF_PASS_KEKS: text });

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

/** An app on the harness's store and clock with these KEKs; its logged errors in `errors`. */
function appWith(passKeks: KekSetting | Config) {
  const errors: unknown[] = [];
  const config = 'ok' in passKeks ? { ...DEFAULT_CONFIG, passKeks } : passKeks;
  const app = createApp({ store: h.store, clock: h.clock, config, functions: FUNCTIONS, onError: (err) => void errors.push(err) });
  const call = async (openid: string, action: string, data: unknown) => {
    const meter: Meter = { reads: 0, writes: 0 };
    return { ...(await app.call(action.split('.')[0], { action, data }, openid, { meter })), meter };
  };
  return { call, errors };
}

/** Every text form a 32-byte seed could take in a document, a response or a log line. */
function seedForms(seed: Buffer): string[] {
  const b64 = seed.toString('base64');
  return [
    seed.toString('base64url'),
    b64,
    b64.replace(/=+$/, ''),
    seed.toString('hex'),
    seed.toString('hex').toUpperCase(),
    seed.toString('latin1'),
    JSON.stringify([...seed]),
  ];
}

function expectNoSeed(text: string, seeds: Buffer[]) {
  for (const seed of seeds) for (const form of seedForms(seed)) expect(text.includes(form)).toBe(false);
}

const storedKey = async (kid = 'k1') => (await h.store.get('passKeys', kid)) as PassKeyDoc;
const seedIn = (doc: PassKeyDoc, keks: KekSetting = DEV_KEKS) => open(requireRing(keks), doc._id, doc.seed!);

async function approvedPass(resident = 'demo-resident-1') {
  const applied = await h.ok(resident, 'pass.apply', { relation: 'self', reason: '居家生活' });
  await h.ok('demo-secretary', 'pass.review', { passId: applied.id, decision: 'approve' });
  return { passId: applied.id, devicePublicKey: deviceKeyFromSeed(seedOf(1)).publicKey };
}

test('the stored key holds its seed only sealed, under the current KEK, bound to its id', async () => {
  await issuePass(h);
  const doc = await storedKey();
  expect(Object.keys(doc).sort()).toEqual(['_id', '_v', 'createdAt', 'publicKey', 'seed']);
  expect(doc.seed).toEqual({ kek: 'dev', iv: expect.any(String), ct: expect.any(String), tag: expect.any(String) });
  expect(Buffer.from(doc.seed!.iv, 'base64')).toHaveLength(12);
  const seed = seedIn(doc);
  expect(seed).toHaveLength(32);
  // The seed is the public key's.
  const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: doc.publicKey, d: seed.toString('base64url') }, format: 'jwk' });
  expect(pub.export({ format: 'jwk' }).x).toBe(doc.publicKey);
  expectNoSeed(JSON.stringify(doc), [seed]);
  // The id is authenticated: the same sealed value under another id does not open.
  expect(() => open(requireRing(DEV_KEKS), 'k2', doc.seed!)).toThrow(/does not open/);
});

test('signed credentials verify offline with the trust bundle', async () => {
  const pass = await issuePass(h);
  const trust = prepareTrust(await trustFor(h));
  expect(verifyPassQr(pass.qrAt(T0), { trust, compoundId: 'sz-s1-c01-x01', nowMs: T0 }).ok).toBe(true);
});

test('a wrong KEK, a tampered seed or no KEK at all: signing refuses (INTERNAL, logged), nothing written', async () => {
  await issuePass(h); // k1 under the dev KEK
  const req = await approvedPass('demo-resident-2');
  for (const [keks, why] of [
    [ring(`other:${KEK1}`), /KEK "dev", which is not in LF_PASS_KEKS/],
    [ring(`dev:${KEK1}`), /does not open with KEK "dev"/],
    [readConfig({}).passKeks, /refusing to sign: LF_PASS_KEKS \(or LF_PASS_KEK\) is not set/],
  ] as const) {
    const { call, errors } = appWith(keks);
    const r = await call('demo-resident-2', 'pass.credential', req);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } });
    expect(r.meter.writes).toBe(0);
    expect(String((errors[0] as Error).message)).toMatch(why);
    expect((await call('demo-secretary', 'duty.postCode', { postId: 'sz-s1-c01-x01-p-census' })).ok).toBe(false);
  }
  const doc = await storedKey();
  const flipped = Buffer.from(Buffer.from(doc.seed!.ct, 'base64').map((b) => b ^ 1));
  await h.store.update('passKeys', 'k1', { seed: { ...doc.seed!, ct: flipped.toString('base64') } });
  // The dev KEK in a ring of its own: a process that has not opened k1 yet.
  const { call, errors } = appWith({ ok: true, ring: { current: 'dev', keys: new Map(requireRing(DEV_KEKS).keys) } });
  expect(await call('demo-resident-2', 'pass.credential', req)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  expect(String(errors[0])).toMatch(/wrong KEK or tampered/);
});

test('in a fresh environment without a KEK no key is made, so none is ever stored in plain', async () => {
  const { call, errors } = appWith(readConfig({ LF_URGENT_ACK_MINUTES: '30' }));
  expect(await call('demo-volunteer-1', 'pass.trust', { compoundId: 'sz-s1-c01-x01' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  expect(await call('demo-admin', 'pass.rotateKey', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  expect(errors.map(String)).toEqual([expect.stringMatching(/LF_PASS_KEKS/), expect.stringMatching(/LF_PASS_KEKS/)]);
  expect((await h.store.query('passKeys')).items).toEqual([]);
});

test('rotating the KEK: a key is resealed on its next use, rewrap reseals the rest, then the old KEK can go', async () => {
  const one = appWith(ring(`kek1:${KEK1}`));
  const req = await approvedPass();
  expect((await one.call('demo-resident-1', 'pass.credential', req)).ok).toBe(true);
  const seed = seedIn(await storedKey(), ring(`kek1:${KEK1}`));
  expect((await storedKey()).seed?.kek).toBe('kek1');

  // The ring gains kek2 in front: k1 still signs and is resealed under kek2 on the way (one write, once).
  const both = appWith(ring(`kek2:${KEK2},kek1:${KEK1}`));
  const first = await both.call('demo-resident-1', 'pass.credential', { ...req, devicePublicKey: deviceKeyFromSeed(seedOf(2)).publicKey });
  expect(first).toMatchObject({ ok: true });
  expect((await storedKey()).seed?.kek).toBe('kek2');
  expect(seedIn(await storedKey(), ring(`kek2:${KEK2}`))).toEqual(seed);
  const again = await both.call('demo-resident-1', 'pass.credential', { ...req, devicePublicKey: deviceKeyFromSeed(seedOf(3)).publicKey });
  expect(again.meter.writes).toBe(1); // the pass's device key only, no reseal
  expect(await rewrapPassKeys(h.store, ring(`kek2:${KEK2},kek1:${KEK1}`))).toEqual({ resealed: [], dropped: [], current: ['k1'] });

  // Without kek1 everything still works; with kek1 alone nothing opens any more.
  const only2 = appWith(ring(`kek2:${KEK2}`));
  expect((await only2.call('demo-resident-1', 'pass.credential', req)).ok).toBe(true);
  expect((await one.call('demo-resident-1', 'pass.credential', req)).ok).toBe(false);
});

test('rewrap (npm run rewrap-pass-keys) reseals every key under the current KEK and drops retired seeds', async () => {
  const one = appWith(ring(`kek1:${KEK1}`));
  await approvedPass();
  expect((await one.call('demo-secretary', 'duty.postCode', { postId: 'sz-s1-c01-x01-p-census' })).ok).toBe(true);
  expect((await one.call('demo-admin', 'pass.rotateKey', {})).ok).toBe(true);
  // Rotation drops the retired key's seed: it only verifies from now on.
  expect(await storedKey('k1')).not.toHaveProperty('seed');
  // A retired key from before that still carries a seed in plain:
  await h.store.update('passKeys', 'k1', { privateKey: generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }).d });
  const lines: string[] = [];
  const keks = ring(`kek2:${KEK2},kek1:${KEK1}`);
  expect(await rewrapKeys(h.store, { keks, print: (l) => lines.push(l) })).toEqual({ resealed: ['k2'], dropped: ['k1'], current: [] });
  expect(lines[0]).toMatch(/已用「kek2」重新加密：k2；已停用密钥 k1 的私钥已删除。现在可以从 LF_PASS_KEKS 中去掉其余的 KEK/);
  expect(await storedKey('k1')).not.toHaveProperty('privateKey');
  expect((await storedKey('k2')).seed?.kek).toBe('kek2');
  expect((await appWith(ring(`kek2:${KEK2}`)).call('demo-secretary', 'duty.postCode', { postId: 'sz-s1-c01-x01-p-census' })).ok).toBe(true);
  // A second run has nothing to do.
  expect(await rewrapPassKeys(h.store, keks)).toEqual({ resealed: [], dropped: [], current: ['k2'] });
});

test('a key stored in plain before sealing signs on, and is sealed and rewritten on that first use', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  await h.store.insert('passKeys', { _id: 'k1', publicKey: jwk.x!, privateKey: jwk.d!, createdAt: T0 - 1000 });
  await h.store.insert('meta', { _id: 'passKeyRing', active: 'k1', seq: 1 });
  const req = await approvedPass();
  const r = await h.call('demo-resident-1', 'pass.credential', req);
  expect(r.ok).toBe(true);
  const signed = r.ok ? r.data.signed : '';
  const dot = signed.lastIndexOf('.');
  expect(verify(null, Buffer.from(signed.slice(0, dot), 'ascii'), publicKey, b64urlDecode(signed.slice(dot + 1))!)).toBe(true);
  const doc = await storedKey();
  expect(doc).not.toHaveProperty('privateKey');
  expect(seedIn(doc).toString('base64url')).toBe(jwk.d);
  expectNoSeed(JSON.stringify(doc), [Buffer.from(jwk.d!, 'base64url')]);
  // Once sealed, using it writes nothing more to the key.
  const again = await h.call('demo-resident-1', 'pass.credential', { ...req, devicePublicKey: deviceKeyFromSeed(seedOf(2)).publicKey });
  expect(again.meter.writes).toBe(1);
  expect(parseQr(`${(again.ok && again.data.signed) || ''}.0.x`)).toBeDefined();
});

test('no response, log line or stored document carries a seed in any form', async () => {
  const logged: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
    jest
      .spyOn(console, m)
      .mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.stack}` : JSON.stringify(a))).join(' '))),
  );
  try {
    const { call, errors } = appWith(DEV_KEKS);
    const responses: unknown[] = [];
    const seeds = new Map<string, Buffer>();
    const collect = async () => {
      for (const doc of (await h.store.query('passKeys')).items) if (doc.seed) seeds.set(doc._id, seedIn(doc));
    };
    const req = await approvedPass();
    const compoundId = 'sz-s1-c01-x01';
    const sweep: Array<[string, string, unknown]> = [
      ['demo-resident-1', 'pass.credential', req],
      ['demo-volunteer-1', 'pass.trust', { compoundId }],
      ['demo-secretary', 'duty.postCode', { postId: 'sz-s1-c01-x01-p-census' }],
      ['demo-admin', 'pass.rotateKey', {}],
      ['demo-resident-1', 'pass.credential', { ...req, devicePublicKey: deviceKeyFromSeed(seedOf(4)).publicKey }],
      ['demo-resident-1', 'pass.credential', { ...req, devicePublicKey: 'AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
      ['demo-resident-1', 'pass.mine', {}],
      ['demo-admin', 'pass.list', { compoundId }],
      ['demo-admin', 'pass.trust', { compoundId }],
      ['demo-admin', 'account.me', {}],
      ['demo-admin', 'org.tree', {}],
      ['demo-admin', 'org.get', { id: compoundId }],
      ['demo-admin', 'gate.list', { compoundId }],
      ['demo-admin', 'gate.log', { compoundId }],
      ['demo-admin', 'notice.inbox', {}],
      ['demo-admin', 'alert.list', {}],
      ['demo-admin', 'duty.posts', { compoundId }],
      ['demo-admin', 'duty.coverage', { orgId: compoundId }],
      ['demo-admin', 'volunteer.list', { compoundId }],
      ['demo-admin', 'party.list', {}],
      ['demo-admin', 'message.quota', {}],
      ['demo-admin', 'vehicle.list', { compoundId }],
    ];
    for (const [who, action, data] of sweep) {
      responses.push(await call(who, action, data));
      await collect();
    }
    expect(responses.filter((r) => (r as { ok: boolean }).ok).length).toBeGreaterThan(15);
    expect([...seeds.keys()].sort()).toEqual(['k1', 'k2']);
    const dump: Record<string, unknown> = {};
    for (const name of Object.keys(COLLECTIONS)) dump[name] = (await h.store.query(name as never, { limit: 1000 })).items;
    expectNoSeed(JSON.stringify(responses), [...seeds.values()]);
    expectNoSeed(JSON.stringify(dump), [...seeds.values()]);
    expectNoSeed(logged.join('\n') + errors.map((e) => (e instanceof Error ? e.stack : String(e))).join('\n'), [...seeds.values()]);
  } finally {
    for (const s of spies) s.mockRestore();
  }
});
