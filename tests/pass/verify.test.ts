/** Every reason the shared verifier (phone and server) can give, with real Ed25519 keys. */
import type { PassCredential } from '../../typings/pass';
import { asciiBytes, b64urlEncode } from '../../miniprogram/shared/pass/bytes';
import { composeQr, deviceMessage, encodeCredential, parseQr, slotOf } from '../../miniprogram/shared/pass/codec';
import { currentQr, deviceKeyFromSeed } from '../../miniprogram/shared/pass/device';
import { prepareTrust, verifyPassQr, VERIFY_REASON_TEXT } from '../../miniprogram/shared/pass/verify';
import { ed25519 } from '../../miniprogram/vendor/ed25519';

const NOW = Date.UTC(2026, 10, 28, 0, 0, 10);
const serverSeed = new Uint8Array(32).fill(1);
const otherServerSeed = new Uint8Array(32).fill(2);
const deviceSeed = new Uint8Array(32).fill(3);
const device = deviceKeyFromSeed(deviceSeed);
const serverKey = b64urlEncode(ed25519.getPublicKey(serverSeed));
const trust = prepareTrust({ keys: [{ kid: 'k1', publicKey: serverKey }], revoked: ['revoked001'] });
const secs = Math.floor(NOW / 1000);

function credential(over: Partial<PassCredential> = {}): PassCredential {
  return {
    v: 1,
    kid: 'k1',
    pid: 'abcdef1234',
    cid: 'sz-s1-c01-x01',
    hh: '3号楼2单元301',
    nm: '张*',
    nbf: secs - 3600,
    exp: secs + 86400,
    dpk: device.publicKey,
    ...over,
  };
}

function signed(c: PassCredential, seed: Uint8Array = serverSeed): string {
  const text = encodeCredential(c);
  return `${text}.${b64urlEncode(ed25519.sign(asciiBytes(text), seed))}`;
}

const qrOf = (c: PassCredential, opts: { seed?: Uint8Array; at?: number; device?: Uint8Array } = {}) =>
  currentQr(signed(c, opts.seed), c.pid, opts.device ?? deviceSeed, opts.at ?? NOW);

const verify = (text: string, compoundId = 'sz-s1-c01-x01') => verifyPassQr(text, { trust, compoundId, nowMs: NOW });

test('a genuine code verifies and round-trips through the parser', () => {
  const text = qrOf(credential());
  expect(verify(text)).toEqual({ ok: true, cred: credential() });
  expect(parseQr(text)?.slot).toBe(slotOf(NOW));
  expect(text).toMatch(/^LF1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}\.\d+\.[A-Za-z0-9_-]{86}$/);
});

test.each([
  ['empty', ''],
  ['not a pass', 'https://example.com/'],
  ['wrong prefix', qrOf(credential()).replace(/^LF1/, 'LF2')],
  ['truncated', qrOf(credential()).slice(0, 200)],
  ['missing part', qrOf(credential()).split('.').slice(0, 4).join('.')],
  ['cred not base64url', qrOf(credential()).replace(/^LF1\.[^.]{4}/, 'LF1.$$$$')],
  ['cred not JSON', `LF1.${b64urlEncode(asciiBytes('{"v":1'))}.${'A'.repeat(86)}.1.${'A'.repeat(86)}`],
  ['slot not a number', qrOf(credential()).replace(/\.(\d+)\.([^.]+)$/, '.12a.$2')],
  ['signature of the wrong length', qrOf(credential()).replace(/\.[^.]+$/, '.AAAA')],
  ['far too long', 'LF1.' + 'A'.repeat(700)],
])('BAD_FORMAT: %s', (_name, text) => {
  expect(verify(text)).toEqual({ ok: false, reason: 'BAD_FORMAT' });
});

test('UNKNOWN_KEY: a kid the phone has no key for', () => {
  expect(verify(qrOf(credential({ kid: 'k9' })))).toMatchObject({ ok: false, reason: 'UNKNOWN_KEY' });
});

test('BAD_SIGNATURE: signed by another key, or the credential edited after signing', () => {
  expect(verify(qrOf(credential(), { seed: otherServerSeed }))).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  // Swap in a credential for another compound but keep the original signature.
  const genuine = signed(credential());
  const forgedCred = encodeCredential(credential({ cid: 'sz-s1-c01-x02' }));
  const forged = `${forgedCred}.${genuine.split('.')[1]}`;
  const slot = slotOf(NOW);
  const text = composeQr(forged, slot, ed25519.sign(deviceMessage('abcdef1234', slot), deviceSeed));
  expect(verify(text, 'sz-s1-c01-x02')).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
});

test('EXPIRED: before it starts and after it ends', () => {
  expect(verify(qrOf(credential({ nbf: secs + 60 })))).toMatchObject({ ok: false, reason: 'EXPIRED' });
  expect(verify(qrOf(credential({ exp: secs - 1 })))).toMatchObject({ ok: false, reason: 'EXPIRED' });
});

test('OTHER_COMPOUND: a pass of another compound', () => {
  expect(verify(qrOf(credential()), 'sz-s1-c01-x02')).toMatchObject({ ok: false, reason: 'OTHER_COMPOUND' });
});

test('REVOKED: on the cached revocation list', () => {
  expect(verify(qrOf(credential({ pid: 'revoked001' })))).toMatchObject({ ok: false, reason: 'REVOKED' });
});

test('STALE_CODE: a screenshot from more than one slot ago (or ahead)', () => {
  expect(verify(qrOf(credential(), { at: NOW - 30_000 })).ok).toBe(true); // previous slot: still fine
  expect(verify(qrOf(credential(), { at: NOW + 30_000 })).ok).toBe(true); // phone clock a little ahead
  expect(verify(qrOf(credential(), { at: NOW - 61_000 }))).toMatchObject({ ok: false, reason: 'STALE_CODE' });
  expect(verify(qrOf(credential(), { at: NOW + 90_000 }))).toMatchObject({ ok: false, reason: 'STALE_CODE' });
});

test('BAD_DEVICE_SIGNATURE: the code was not made on the holder’s phone', () => {
  expect(verify(qrOf(credential(), { device: new Uint8Array(32).fill(4) }))).toMatchObject({ ok: false, reason: 'BAD_DEVICE_SIGNATURE' });
  // The right device signature for another slot, relabelled as this slot.
  const text = qrOf(credential(), { at: NOW - 30_000 }).replace(/\.(\d+)\.([^.]+)$/, (_m, slot, sig) => `.${Number(slot) + 1}.${sig}`);
  expect(verify(text)).toMatchObject({ ok: false, reason: 'BAD_DEVICE_SIGNATURE' });
});

test('every reason has plain Chinese for the gate screen', () => {
  for (const text of Object.values(VERIFY_REASON_TEXT)) expect(text).toMatch(/[\u4e00-\u9fa5]/);
});

test('the server’s native check gives the same verdict as the phone’s on every case above', async () => {
  const { nativeSignatureCheck } = await import('../../server/pass/native-verify');
  const native = prepareTrust({ keys: [{ kid: 'k1', publicKey: serverKey }], revoked: ['revoked001'] }, nativeSignatureCheck);
  const codes = [
    qrOf(credential()),
    qrOf(credential(), { seed: otherServerSeed }),
    qrOf(credential(), { device: new Uint8Array(32).fill(4) }),
    qrOf(credential(), { at: NOW - 61_000 }),
    qrOf(credential({ pid: 'revoked001' })),
    'garbage',
  ];
  for (const text of codes) {
    expect(verifyPassQr(text, { trust: native, compoundId: 'sz-s1-c01-x01', nowMs: NOW })).toEqual(verify(text));
  }
});
