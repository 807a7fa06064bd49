/**
 * The pass as phones run it, on WeChat's compiled output: the resident's phone (compiled device
 * code) makes the code, draws it (compiled QR drawing), the volunteer's camera reads it off the
 * screen, and the volunteer's phone decides with the compiled shared gate decision and its
 * cached trust bundle — genuine codes in, every kind of tampering out. The server's side is
 * Node's own Ed25519 and the format of typings/pass.ts, so nothing here leans on the code under test.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { PaperCredential, PassCredential, TrustBundle } from '../../typings/pass';
import type * as Decide from '../../miniprogram/shared/gate/decide';
import type * as Device from '../../miniprogram/shared/pass/device';
import type * as Verify from '../../miniprogram/shared/pass/verify';
import type * as QrDraw from '../../miniprogram/shared/qr-draw';
import type * as PaperView from '../../miniprogram/staff/pages/paper/paper-view';
import { nativeSignatureCheck } from '../../server/pass/native-verify';
import { FakeCanvas, readCanvas } from '../miniprogram/support/pass-wx';
import { compiled } from './support/compiled';

const { currentQr, deviceKeyFromSeed } = compiled<typeof Device>('shared/pass/device');
const { decideGate } = compiled<typeof Decide>('shared/gate/decide');
const { prepareTrust } = compiled<typeof Verify>('shared/pass/verify');
const { layoutQr, paintQr, qrMatrix } = compiled<typeof QrDraw>('shared/qr-draw');
const { layoutCard, paintCard } = compiled<typeof PaperView>('staff/pages/paper/paper-view');

/** 2022-01-05 07:00:10 in Beijing: ten seconds into a 30-second slot. */
const MORNING = Date.UTC(2022, 0, 4, 23, 0, 10);
const DAY = 24 * 3600_000;
const COMPOUND = 'sz-s1-c01-x01';

const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url');

/** The server: one Ed25519 key, credentials signed as typings/pass.ts specifies. */
const { privateKey: serverPrivate, publicKey: serverPublic } = generateKeyPairSync('ed25519');
const server = (() => {
  const [privateKey, publicKey] = [serverPrivate, serverPublic];
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

const bundle = (revoked: string[] = [], paperSerials: Record<string, number> = {}): Pick<TrustBundle, 'keys' | 'revoked' | 'paperSerials'> => ({
  keys: [{ kid: server.kid, publicKey: server.publicKey }],
  revoked,
  paperSerials,
});

/** The volunteer's phone at the compound's gate; `idCheck` is what the volunteer found for a paper code. */
function gate(opts: { revoked?: string[]; paperSerials?: Record<string, number>; nativeCheck?: boolean } = {}) {
  const b = bundle(opts.revoked, opts.paperSerials);
  const trust = opts.nativeCheck ? prepareTrust(b, nativeSignatureCheck) : prepareTrust(b);
  const ctx = { trust, compoundId: COMPOUND, visitorsAllowed: false, plates: new Set<string>() };
  return (qr: string, at: number, temperature = 36.5, idCheck?: 'confirmed' | 'mismatch') =>
    decideGate({ kind: 'resident', direction: 'in', at, qr, temperature, idCheck }, ctx);
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

/** A printed paper code (LFP1) as typings/pass.ts specifies it, signed with Node's Ed25519. */
function paperCode(over: Partial<PaperCredential> = {}): { cred: PaperCredential; code: string } {
  const cred: PaperCredential = {
    v: 1,
    kid: server.kid,
    pid: 'pass-0002',
    cid: COMPOUND,
    hh: '1号楼2单元301',
    nm: '李*英',
    nbf: Math.floor((MORNING - DAY) / 1000),
    exp: Math.floor((MORNING + 90 * DAY) / 1000),
    paper: 1,
    ps: 1,
    idt: '042X',
    ...over,
  };
  const json = JSON.stringify({
    v: 1,
    kid: cred.kid,
    pid: cred.pid,
    cid: cred.cid,
    hh: cred.hh,
    nm: cred.nm,
    nbf: cred.nbf,
    exp: cred.exp,
    paper: 1,
    ps: cred.ps,
    idt: cred.idt,
  });
  const text = Buffer.from(json, 'utf8').toString('base64url');
  return { cred, code: `LFP1.${text}.${b64url(sign(null, Buffer.from(text, 'ascii'), serverPrivate))}` };
}

describe('a paper code (离线出入证)', () => {
  it('printed on the compiled A6 card, read back by the camera, waits for the ID check, then is let in', () => {
    const { cred, code } = paperCode();
    const canvas = new FakeCanvas();
    const card = layoutCard(code, cred, { compoundName: '威尼斯水城' }, 600);
    canvas.width = card.width;
    canvas.height = card.height;
    paintCard(canvas.getContext('2d') as unknown as PaperView.CardPainter, card);
    const scanned = readCanvas(canvas);
    expect(scanned).toBe(code);

    expect(gate()(scanned as string, MORNING)).toMatchObject({ verdict: 'deny', reason: 'ID_NOT_CHECKED', cred: { idt: '042X', nm: '李*英' } });
    expect(gate()(scanned as string, MORNING, 36.5, 'confirmed')).toMatchObject({ verdict: 'allow', cred: { pid: 'pass-0002', paper: 1 } });
    expect(gate({ nativeCheck: true })(scanned as string, MORNING, 36.5, 'confirmed')).toMatchObject({ verdict: 'allow' });
    expect(gate()(scanned as string, MORNING, 36.5, 'mismatch')).toMatchObject({ verdict: 'deny', reason: 'ID_MISMATCH' });
  });

  it.each([
    [
      'another ID tail written in',
      () =>
        paperCode().code.replace(
          /^LFP1\.([^.]+)/,
          (_m, c: string) => `LFP1.${Buffer.from(Buffer.from(c, 'base64url').toString().replace('042X', '1111')).toString('base64url')}`,
        ),
      {},
      'BAD_SIGNATURE',
    ],
    ['an expired card', () => paperCode({ exp: Math.floor((MORNING - 1000) / 1000) }).code, {}, 'EXPIRED'],
    ['a card of another compound', () => paperCode({ cid: 'sz-s1-c01-x02' }).code, {}, 'OTHER_COMPOUND'],
    ['a card of a revoked pass', () => paperCode().code, { revoked: ['pass-0002'] }, 'REVOKED'],
    ['a card replaced by a newer one', () => paperCode().code, { paperSerials: { 'pass-0002': 2 } }, 'REPLACED'],
    ['a card cut short', () => paperCode().code.split('.').slice(0, 2).join('.'), {}, 'BAD_FORMAT'],
  ])('%s is refused even after the ID check', (_what, make, opts, reason) => {
    expect(gate(opts)(make(), MORNING, 36.5, 'confirmed')).toMatchObject({ verdict: 'deny', reason });
  });
});
