/**
 * The pass as phones run it, on WeChat's compiled output: the resident's phone (compiled device
 * code) makes the code, draws it (compiled QR drawing), the volunteer's camera reads it off the
 * screen, and the volunteer's phone decides with the compiled shared gate decision and its
 * cached trust bundle — genuine codes in, every kind of tampering out. The server's side is
 * Node's own Ed25519 and the format of typings/pass.ts, so nothing here leans on the code under test.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { PassCredential, TrustBundle } from '../../typings/pass';
import type * as Decide from '../../miniprogram/shared/gate/decide';
import type * as Device from '../../miniprogram/shared/pass/device';
import type * as Verify from '../../miniprogram/shared/pass/verify';
import type * as QrDraw from '../../miniprogram/shared/qr-draw';
import { nativeSignatureCheck } from '../../server/pass/native-verify';
import { FakeCanvas, readCanvas } from '../miniprogram/support/pass-wx';
import { compiled } from './support/compiled';

const { currentQr, deviceKeyFromSeed } = compiled<typeof Device>('shared/pass/device');
const { decideGate } = compiled<typeof Decide>('shared/gate/decide');
const { prepareTrust } = compiled<typeof Verify>('shared/pass/verify');
const { layoutQr, paintQr, qrMatrix } = compiled<typeof QrDraw>('shared/qr-draw');

/** 2022-01-05 07:00:10 in Beijing: ten seconds into a 30-second slot. */
const MORNING = Date.UTC(2022, 0, 4, 23, 0, 10);
const DAY = 24 * 3600_000;
const COMPOUND = 'sz-s1-c01-x01';

const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url');

/** The server: one Ed25519 key, credentials signed as typings/pass.ts specifies. */
const server = (() => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x as string;
  return {
    kid: 'k1',
    publicKey: raw,
    credential(cred: Omit<PassCredential, 'v' | 'kid'>, kid = 'k1'): string {
      const c = { v: 1, kid, pid: cred.pid, cid: cred.cid, hh: cred.hh, nm: cred.nm, nbf: cred.nbf, exp: cred.exp, dpk: cred.dpk };
      const text = Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
      return `${text}.${b64url(sign(null, Buffer.from(text, 'ascii'), privateKey))}`;
    },
  };
})();

const bundle = (revoked: string[] = []): Pick<TrustBundle, 'keys' | 'revoked'> => ({ keys: [{ kid: server.kid, publicKey: server.publicKey }], revoked });

/** The volunteer's phone at the compound's gate. */
function gate(opts: { revoked?: string[]; nativeCheck?: boolean } = {}) {
  const trust = opts.nativeCheck ? prepareTrust(bundle(opts.revoked), nativeSignatureCheck) : prepareTrust(bundle(opts.revoked));
  const ctx = { trust, compoundId: COMPOUND, visitorsAllowed: false, plates: new Set<string>() };
  return (qr: string, at: number, temperature = 36.5) => decideGate({ kind: 'resident', direction: 'in', at, qr, temperature }, ctx);
}

/** The resident's phone: a device key from random bytes and the credential the server signed for it. */
function resident(overrides: Partial<PassCredential> = {}) {
  const device = deviceKeyFromSeed(Uint8Array.from(Buffer.alloc(32, 7)));
  const cred = {
    pid: 'pass-0001',
    cid: COMPOUND,
    hh: '1号楼2单元301',
    nm: '王*兰',
    nbf: Math.floor((MORNING - DAY) / 1000),
    exp: Math.floor((MORNING + 30 * DAY) / 1000),
    dpk: device.publicKey,
    ...overrides,
  };
  const signed = server.credential(cred);
  return { device, cred, signed, code: (at: number) => currentQr(signed, cred.pid, device.secret, at) };
}

describe('a genuine pass', () => {
  it('is let in, with the masked name and household on the volunteer’s screen', () => {
    const { code } = resident();
    expect(gate()(code(MORNING), MORNING + 5_000)).toEqual({
      verdict: 'allow',
      fever: false,
      cred: expect.objectContaining({ pid: 'pass-0001', nm: '王*兰', hh: '1号楼2单元301' }),
    });
  });

  it('decides the same with the server’s native Ed25519 as with the phone’s', () => {
    const { code } = resident();
    expect(gate({ nativeCheck: true })(code(MORNING), MORNING)).toMatchObject({ verdict: 'allow' });
  });

  it('goes from the resident’s screen through the camera to a green verdict', () => {
    const { code } = resident();
    const text = code(MORNING);
    const canvas = new FakeCanvas();
    canvas.width = canvas.height = 330;
    paintQr(canvas.getContext('2d'), layoutQr(qrMatrix(text), 330));
    const scanned = readCanvas(canvas);
    expect(scanned).toBe(text);
    expect(gate()(scanned as string, MORNING)).toMatchObject({ verdict: 'allow' });
  });

  it('with a fever is turned away', () => {
    const { code } = resident();
    expect(gate()(code(MORNING), MORNING, 37.5)).toMatchObject({ verdict: 'deny', reason: 'FEVER', fever: true });
  });
});

describe('a tampered or misused code is refused', () => {
  const { code, signed, cred, device } = resident();
  const genuine = code(MORNING);
  const parts = genuine.split('.');
  const withPart = (i: number, value: string) => parts.map((p, j) => (j === i ? value : p)).join('.');
  const flip = (text: string) => text.slice(0, 5) + (text[5] === 'A' ? 'B' : 'A') + text.slice(6);

  it.each([
    ['a screenshot a minute old', () => genuine, MORNING + 60_000, 'STALE_CODE'],
    [
      'another name written into the credential',
      () => withPart(1, Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(parts[1], 'base64url').toString()), nm: '李*' })).toString('base64url')),
      MORNING,
      'BAD_SIGNATURE',
    ],
    ['a forged server signature', () => withPart(2, flip(parts[2])), MORNING, 'BAD_SIGNATURE'],
    ['a forged device signature', () => withPart(4, flip(parts[4])), MORNING, 'BAD_DEVICE_SIGNATURE'],
    ['a code moved to the next slot', () => withPart(3, String(Number(parts[3]) + 1)), MORNING, 'BAD_DEVICE_SIGNATURE'],
    ['a credential copied to another phone', () => currentQr(signed, cred.pid, Uint8Array.from(Buffer.alloc(32, 9)), MORNING), MORNING, 'BAD_DEVICE_SIGNATURE'],
    ['an unknown server key', () => currentQr(server.credential(cred, 'k9'), cred.pid, device.secret, MORNING), MORNING, 'UNKNOWN_KEY'],
    ['a pass of another compound', () => resident({ cid: 'sz-s1-c01-x02' }).code(MORNING), MORNING, 'OTHER_COMPOUND'],
    ['an expired pass', () => resident({ exp: Math.floor((MORNING - 1000) / 1000) }).code(MORNING), MORNING, 'EXPIRED'],
    ['not a pass at all', () => 'https://example.com/', MORNING, 'BAD_FORMAT'],
  ])('%s', (_what, make, at, reason) => {
    expect(gate()(make(), at)).toMatchObject({ verdict: 'deny', reason });
  });

  it('a revoked pass', () => {
    expect(gate({ revoked: ['pass-0001'] })(genuine, MORNING)).toMatchObject({ verdict: 'deny', reason: 'REVOKED' });
  });
});
