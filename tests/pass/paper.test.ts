/**
 * The paper pass (LFP1): issued by the secretary or the holder, verified by the shared verifier,
 * decided at the gate only with the volunteer's ID check, revoked like any pass, and a
 * replacement voiding the card it replaces.
 */
import type { GateEventInput } from '../../typings/pass';
import { parsePaperQr } from '../../miniprogram/shared/pass/codec';
import { prepareTrust, verifyPassQr } from '../../miniprogram/shared/pass/verify';
import { DAY } from '../../server/core/time';
import { makeHarness, T0, type Harness } from '../support/harness';
import { trustFor } from '../support/passes';

const COMPOUND = 'sz-s1-c01-x01';
const GATE = 'sz-s1-c01-x01-g1';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

/** A resident's family member (代办): applied for and held on the resident's phone, approved for 60 days. */
async function familyPass(): Promise<string> {
  const applied = await h.ok('demo-resident-1', 'pass.apply', { relation: 'family', name: '王秀兰', reason: '老人无智能手机' });
  await h.ok('demo-secretary', 'pass.review', { passId: applied.id, decision: 'approve', validDays: 60 });
  return applied.id;
}

const verifyAt = async (code: string, ms: number) => verifyPassQr(code, { trust: prepareTrust(await trustFor(h)), compoundId: COMPOUND, nowMs: ms });

function entry(id: string, qr: string, extra: Partial<GateEventInput> = {}): GateEventInput {
  return { id, at: h.clock.now(), kind: 'resident', direction: 'in', qr, temperature: 36.5, verdict: 'allow', ...extra };
}

test('the secretary prints a paper code: the LFP1 fields, the pass’s validity, the ID tail; the gate verifies it', async () => {
  const passId = await familyPass();
  const r = await h.call('demo-secretary', 'pass.paper', { passId, idTail: '123X' });
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  const { code, credential, pass } = r.data;
  expect(code).toMatch(/^LFP1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
  expect(code.length).toBeLessThanOrEqual(400);
  expect(credential).toEqual({
    v: 1,
    kid: 'k1',
    pid: passId,
    cid: COMPOUND,
    hh: '1号楼1单元202',
    nm: '王*兰',
    nbf: Math.floor(T0 / 1000),
    exp: Math.floor((T0 + 60 * DAY) / 1000),
    paper: 1,
    ps: 1,
    idt: '123X',
  });
  expect(parsePaperQr(code)?.cred).toEqual(credential);
  expect(pass.paper).toEqual({ serial: 1, idTail: '123X', issuedAt: T0, validFrom: T0, validUntil: T0 + 60 * DAY });
  // The full ID number is never asked for nor stored: the pass keeps the tail only.
  expect((await h.store.get('passes', passId))?.paper).toEqual({ ...pass.paper, issuedBy: 'demo-secretary' });
  expect(await verifyAt(code, T0 + DAY)).toEqual({ ok: true, cred: credential });
  expect(await verifyAt(code, T0 + 61 * DAY)).toMatchObject({ ok: false, reason: 'EXPIRED' });
});

test('printing again answers the same code and writes nothing; another tail is a conflict naming the way out', async () => {
  const passId = await familyPass();
  const first = await h.ok('demo-resident-1', 'pass.paper', { passId, idTail: '0417' });
  h.clock.advance(3_600_000);
  const again = await h.call('demo-secretary', 'pass.paper', { passId, idTail: '0417' });
  expect(again).toMatchObject({ ok: true, data: { code: first.code } });
  expect(again.meter.writes).toBe(0);
  const other = await h.call('demo-resident-1', 'pass.paper', { passId, idTail: '0418' });
  expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('补办新码') } });
  expect(other.meter.writes).toBe(0);
});

test('bad input: an ID tail that is not 4 digits (last may be X), a full ID number, unknown fields — named, nothing written', async () => {
  const passId = await familyPass();
  for (const idTail of ['123', '12345', '12X4', 'abcd', '110101199001011234', '123x']) {
    const r = await h.call('demo-resident-1', 'pass.paper', { passId, idTail });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.idTail' } } });
    expect(r.meter.writes).toBe(0);
  }
  const extra = await h.call('demo-resident-1', 'pass.paper', { passId, idTail: '1234', idNumber: '110101199001011234' } as never);
  expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
});

test('only an approved pass gets one; another resident’s pass is as missing', async () => {
  const applied = await h.ok('demo-resident-1', 'pass.apply', { relation: 'self', reason: '居家生活' });
  expect(await h.call('demo-resident-1', 'pass.paper', { passId: applied.id, idTail: '1234' })).toMatchObject({
    ok: false,
    error: { code: 'FAILED_PRECONDITION', message: '出入证在审核中，不能打印离线码' },
  });
  await h.ok('demo-secretary', 'pass.review', { passId: applied.id, decision: 'approve' });
  expect(await h.call('demo-resident-2', 'pass.paper', { passId: applied.id, idTail: '1234' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND', details: { field: 'data.passId' } },
  });
});

test('at the gate a paper code waits for the ID check; the event says paper and how it was checked; the server re-decides', async () => {
  const passId = await familyPass();
  const { code } = await h.ok('demo-secretary', 'pass.paper', { passId, idTail: '5566' });
  const r = await h.call('demo-volunteer-1', 'gate.sync', {
    gateId: GATE,
    events: [
      entry('paper-ok-0001', code, { idCheck: 'confirmed' }),
      entry('paper-no-0002', code, { idCheck: 'mismatch', verdict: 'deny', reason: 'ID_MISMATCH' }),
      // A phone that let a paper code in without the check is overruled.
      entry('paper-un-0003', code),
    ],
  });
  expect(r).toMatchObject({ ok: true });
  const stored = (id: string) => h.store.get('gateEvents', `${GATE}:${id}`);
  expect(await stored('paper-ok-0001')).toMatchObject({ verdict: 'allow', mismatch: false, paper: true, idCheck: 'confirmed', who: '王*兰', passId });
  expect(await stored('paper-no-0002')).toMatchObject({ verdict: 'deny', reason: 'ID_MISMATCH', mismatch: false, paper: true, idCheck: 'mismatch' });
  expect(await stored('paper-un-0003')).toMatchObject({ verdict: 'deny', reason: 'ID_NOT_CHECKED', mismatch: true, paper: true });
  const log = await h.ok('demo-secretary', 'gate.log', { compoundId: COMPOUND });
  expect(log.items.find((e) => e.id === 'paper-ok-0001')).toMatchObject({ paper: true, idCheck: 'confirmed' });
});

test('reported lost → pass.revoke: the pass is in the bundle’s revocation list and the paper code is refused', async () => {
  const passId = await familyPass();
  const { code } = await h.ok('demo-secretary', 'pass.paper', { passId, idTail: '5566' });
  await h.ok('demo-secretary', 'pass.revoke', { passId, reason: '离线码遗失' });
  expect((await trustFor(h)).revoked).toContain(passId);
  expect(await verifyAt(code, T0 + 1000)).toMatchObject({ ok: false, reason: 'REVOKED' });
  expect(await h.call('demo-secretary', 'pass.paper', { passId, idTail: '5566' })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
});

test('a replacement (补办) voids the old card everywhere: serial raised, bundle version bumped, old REPLACED, new allowed; a retry replaces once', async () => {
  const passId = await familyPass();
  const old = await h.ok('demo-resident-1', 'pass.paper', { passId, idTail: '5566' });
  const before = await trustFor(h);
  expect(before.paperSerials).toEqual({});

  h.clock.advance(DAY);
  const fresh = await h.ok('demo-secretary', 'pass.paper', { passId, idTail: '5567', replaces: 1 });
  expect(fresh.credential).toMatchObject({ ps: 2, idt: '5567', nbf: Math.floor((T0 + DAY) / 1000), exp: Math.floor((T0 + 60 * DAY) / 1000) });
  const retry = await h.call('demo-secretary', 'pass.paper', { passId, idTail: '5567', replaces: 1 });
  expect(retry).toMatchObject({ ok: true, data: { code: fresh.code } });
  expect(retry.meter.writes).toBe(0);

  const after = await trustFor(h);
  expect(after.version).toBeGreaterThan(before.version);
  expect(after.paperSerials).toEqual({ [passId]: 2 });
  expect(after.revoked).not.toContain(passId);
  expect(await verifyAt(old.code, T0 + 2 * DAY)).toMatchObject({ ok: false, reason: 'REPLACED' });
  expect(await verifyAt(fresh.code, T0 + 2 * DAY)).toMatchObject({ ok: true });

  // Naming a card that never existed, or an older one with a different tail.
  expect(await h.call('demo-secretary', 'pass.paper', { passId, idTail: '5567', replaces: 3 })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_ARGUMENT', details: { field: 'data.replaces' } },
  });
  expect(await h.call('demo-secretary', 'pass.paper', { passId, idTail: '9999', replaces: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
});

test('the paper code never outlives 180 days', async () => {
  const applied = await h.ok('demo-resident-1', 'pass.apply', { relation: 'self', reason: '居家生活' });
  await h.ok('demo-secretary', 'pass.review', { passId: applied.id, decision: 'approve', validDays: 90 });
  const { credential } = await h.ok('demo-resident-1', 'pass.paper', { passId: applied.id, idTail: '0000' });
  expect(credential.exp - credential.nbf).toBeLessThanOrEqual(180 * 86400);
  expect(credential.exp).toBe(Math.floor((T0 + 90 * DAY) / 1000));
});
