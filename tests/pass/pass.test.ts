import { parseQr } from '../../miniprogram/shared/pass/codec';
import { prepareTrust, verifyPassQr } from '../../miniprogram/shared/pass/verify';
import { DEV_KEKS, open, requireRing } from '../../server/core/kek';
import { DAY } from '../../server/core/time';
import { makeHarness, T0, type Harness } from '../support/harness';
import { issuePass, seedOf, trustFor } from '../support/passes';
import { deviceKeyFromSeed } from '../../miniprogram/shared/pass/device';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

describe('applying and reviewing', () => {
  test('a resident applies; the secretary sees it pending, approves it; the resident is told', async () => {
    const applied = await h.ok('demo-resident-1', 'pass.apply', { relation: 'self', reason: '居家生活' });
    expect(applied).toMatchObject({ status: 'pending', nameMasked: '张*', household: '1号楼1单元202', compoundName: '威尼斯水城' });
    expect((await h.ok('demo-secretary', 'pass.pending', { compoundId: 'sz-s1-c01-x01' })).items.map((p) => p.id)).toEqual([applied.id]);

    h.clock.advance(60_000);
    const approved = await h.ok('demo-secretary', 'pass.review', { passId: applied.id, decision: 'approve', validDays: 14 });
    expect(approved).toMatchObject({ status: 'approved', validFrom: T0 + 60_000, validUntil: T0 + 60_000 + 14 * DAY });
    expect((await h.ok('demo-secretary', 'pass.pending', { compoundId: 'sz-s1-c01-x01' })).items).toEqual([]);
    expect((await h.ok('demo-resident-1', 'pass.mine', {})).items[0]).toMatchObject({ id: applied.id, status: 'approved' });
    expect(await h.store.get('outbox', `pass.decision:${applied.id}:approved`)).toMatchObject({ to: 'demo-resident-1', kind: 'pass.decision' });

    // Approving again (a retry) changes nothing.
    const again = await h.call('demo-secretary', 'pass.review', { passId: applied.id, decision: 'approve', validDays: 14 });
    expect(again).toMatchObject({ ok: true, data: { validFrom: T0 + 60_000 } });
    expect(again.meter.writes).toBe(0);
  });

  test('one live pass per person per compound; after a rejection one may apply again', async () => {
    const first = await h.ok('demo-resident-1', 'pass.apply', { relation: 'self', reason: '居家生活' });
    const retry = await h.call('demo-resident-1', 'pass.apply', { relation: 'self', reason: '居家生活' });
    expect(retry).toMatchObject({ ok: true, data: { id: first.id } });
    const other = await h.call('demo-resident-1', 'pass.apply', { relation: 'self', reason: '上班' });
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '张* 已有待审核的申请' } });
    expect(other.meter.writes).toBe(0);
    // Another member of the household is another person.
    expect((await h.call('demo-resident-1', 'pass.apply', { relation: 'family', name: '张小明', reason: '上学' })).ok).toBe(true);

    await h.ok('demo-secretary', 'pass.review', { passId: first.id, decision: 'reject', reason: '信息不全，请到物业登记' });
    const mine = await h.ok('demo-resident-1', 'pass.mine', {});
    expect(mine.items.find((p) => p.id === first.id)).toMatchObject({ status: 'rejected', statusReason: '信息不全，请到物业登记' });
    const second = await h.ok('demo-resident-1', 'pass.apply', { relation: 'self', reason: '上班' });
    expect(second.id).not.toBe(first.id);
  });

  test('bad applications and reviews are named and write nothing', async () => {
    const cases: Array<[string, Parameters<Harness['call']>, string, string]> = [
      ['not a resident', ['demo-volunteer-1', 'pass.apply', { relation: 'self', reason: '居家生活' }], 'FORBIDDEN', ''],
      ['family without a name', ['demo-resident-1', 'pass.apply', { relation: 'family', reason: '居家生活' }], 'INVALID_ARGUMENT', 'data.name'],
      ['unknown relation', ['demo-resident-1', 'pass.apply', { relation: 'friend', reason: '居家生活' } as never], 'INVALID_ARGUMENT', 'data.relation'],
      ['reason too short', ['demo-resident-1', 'pass.apply', { relation: 'self', reason: '走' }], 'INVALID_ARGUMENT', 'data.reason'],
      ['reject without reason', ['demo-secretary', 'pass.review', { passId: 'abcdefghij', decision: 'reject' }], 'INVALID_ARGUMENT', 'data.reason'],
      ['unknown pass', ['demo-secretary', 'pass.review', { passId: 'abcdefghij', decision: 'approve' }], 'NOT_FOUND', 'data.passId'],
      ['revoke without reason', ['demo-secretary', 'pass.revoke', { passId: 'abcdefghij' } as never], 'INVALID_ARGUMENT', 'data.reason'],
      [
        'validity over 90 days',
        ['demo-secretary', 'pass.review', { passId: 'abcdefghij', decision: 'approve', validDays: 365 }],
        'INVALID_ARGUMENT',
        'data.validDays',
      ],
    ];
    for (const [name, args, code, field] of cases) {
      const r = await h.call(...args);
      expect({ name, code: r.ok ? 'ok' : r.error.code }).toEqual({ name, code });
      if (!r.ok && field) expect({ name, field: r.error.details?.field }).toEqual({ name, field });
      expect({ name, writes: r.meter.writes }).toEqual({ name, writes: 0 });
    }
  });
});

describe('credentials and trust', () => {
  test('the credential verifies offline at the gate, and the QR stays within 450 characters', async () => {
    const pass = await issuePass(h);
    const trust = prepareTrust(await trustFor(h));
    const qr = pass.qrAt(T0 + 5_000);
    expect(qr.length).toBeLessThanOrEqual(450);
    expect(qr.length).toBeGreaterThan(380);
    expect(verifyPassQr(qr, { trust, compoundId: 'sz-s1-c01-x01', nowMs: T0 + 5_000 })).toMatchObject({
      ok: true,
      cred: { pid: pass.passId, cid: 'sz-s1-c01-x01', hh: '1号楼1单元202', nm: '张*', kid: 'k1' },
    });
  });

  test('only the holder gets a credential, only for an approved pass, only with a sound device key', async () => {
    const applied = await h.ok('demo-resident-1', 'pass.apply', { relation: 'self', reason: '居家生活' });
    const key = deviceKeyFromSeed(seedOf(3)).publicKey;
    expect(await h.call('demo-resident-1', 'pass.credential', { passId: applied.id, devicePublicKey: key })).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '出入证在审核中，不能出示' },
    });
    await h.ok('demo-secretary', 'pass.review', { passId: applied.id, decision: 'approve' });
    expect(await h.call('demo-resident-2', 'pass.credential', { passId: applied.id, devicePublicKey: key })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '出入证不存在或无权访问' },
    });
    // The identity point is a small-order key: anyone could "sign" with it.
    const identity = 'AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(await h.call('demo-resident-1', 'pass.credential', { passId: applied.id, devicePublicKey: identity })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', details: { field: 'data.devicePublicKey' } },
    });
    h.clock.advance(31 * DAY);
    expect(await h.call('demo-resident-1', 'pass.credential', { passId: applied.id, devicePublicKey: key })).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '出入证已过期，不能出示' },
    });
  });

  test('the very first trust bundle already carries a key; later ones only read', async () => {
    const first = await h.call('demo-volunteer-1', 'pass.trust', { compoundId: 'sz-s1-c01-x01' });
    expect(first).toMatchObject({ ok: true, data: { keys: [{ kid: 'k1', publicKey: expect.any(String) }] } });
    const again = await h.call('demo-volunteer-1', 'pass.trust', { compoundId: 'sz-s1-c01-x01' });
    expect(again.ok && again.data.keys).toEqual(first.ok && first.data.keys);
    expect(again.meter).toEqual({ reads: 6, writes: 0 }); // caller, compound, keys, revocations, gate state, plates
  });

  test('no private key ever leaves the server', async () => {
    const pass = await issuePass(h);
    const bundle = await trustFor(h);
    const stored = await h.store.get('passKeys', 'k1');
    const seed = open(requireRing(DEV_KEKS), 'k1', stored!.seed!).toString('base64url');
    expect(seed).toHaveLength(43);
    const everything = JSON.stringify([bundle, pass.signed, await h.ok('demo-resident-1', 'pass.mine', {}), await h.ok('demo-admin', 'pass.rotateKey', {})]);
    expect(everything).not.toContain(seed);
  });

  test('revocation reaches the trust bundle with a new version; the code is then refused', async () => {
    const pass = await issuePass(h);
    const before = await trustFor(h);
    await h.ok('demo-secretary', 'pass.revoke', { passId: pass.passId, reason: '已搬离小区' });
    const after = await trustFor(h);
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.revoked).toEqual([pass.passId]);
    const r = verifyPassQr(pass.qrAt(T0), { trust: prepareTrust(after), compoundId: 'sz-s1-c01-x01', nowMs: T0 });
    expect(r).toMatchObject({ ok: false, reason: 'REVOKED' });
    expect((await h.ok('demo-resident-1', 'pass.mine', {})).items[0]).toMatchObject({ status: 'revoked', statusReason: '已搬离小区' });
    // Revoking again is harmless; revoking a pending pass is refused.
    expect((await h.call('demo-secretary', 'pass.revoke', { passId: pass.passId, reason: '已搬离小区' })).meter.writes).toBe(0);
  });

  test('after key rotation new credentials carry the new kid and old ones still verify', async () => {
    const old = await issuePass(h, 'demo-resident-1');
    expect(await h.ok('demo-admin', 'pass.rotateKey', {})).toEqual({ kid: 'k2' });
    const fresh = await issuePass(h, 'demo-resident-2', { device: 2 });
    const bundle = await trustFor(h);
    expect(bundle.keys.map((k) => k.kid)).toEqual(['k1', 'k2']);
    const trust = prepareTrust(bundle);
    expect(parseQr(fresh.qrAt(T0))?.cred.kid).toBe('k2');
    for (const p of [old, fresh]) expect(verifyPassQr(p.qrAt(T0), { trust, compoundId: 'sz-s1-c01-x01', nowMs: T0 }).ok).toBe(true);
  });
});

test('pass.list filters by status, expired derived from time', async () => {
  const pass = await issuePass(h);
  await h.ok('demo-resident-2', 'pass.apply', { relation: 'self', reason: '居家生活' });
  const list = (status?: 'approved' | 'pending' | 'expired') =>
    h.ok('demo-secretary', 'pass.list', { compoundId: 'sz-s1-c01-x01', ...(status ? { status } : {}) }).then((r) => r.items.map((p) => p.status));
  expect(await list()).toHaveLength(2);
  expect(await list('approved')).toEqual(['approved']);
  expect(await list('pending')).toEqual(['pending']);
  h.clock.advance(31 * DAY);
  expect(await list('approved')).toEqual([]);
  expect(await list('expired')).toEqual(['expired']);
  expect(pass.passId).toHaveLength(10);
});
