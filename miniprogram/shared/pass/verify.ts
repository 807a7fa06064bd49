/**
 * Offline verification of a scanned pass — the exact code the volunteer's phone runs, and
 * the server runs again on every synced event. Checks in the documented order; the first
 * failure is the reason.
 */
import type { AnyCredential, PaperCredential, PassCredential, TrustBundle, VerifyReason } from '../../../typings/pass';
import { ed25519 } from '../../vendor/ed25519';
import { asciiBytes, b64urlDecode } from './bytes';
import { deviceMessage, isPaperQr, parsePaperQr, parseQr, slotOf } from './codec';

export type VerifyResult = { ok: true; cred: AnyCredential } | { ok: false; reason: VerifyReason; cred?: AnyCredential };

export const isPaperCredential = (c: AnyCredential | undefined): c is PaperCredential => (c as PaperCredential | undefined)?.paper === 1;

/** Checks one Ed25519 signature. */
export type SignatureCheck = (sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

/** A trust bundle prepared for repeated scans: keys decoded once, revocations in a Set. */
export interface Trust {
  keys: Map<string, Uint8Array>;
  revoked: Set<string>;
  /** Pass id → current paper serial (lower serials are void). */
  paperSerials: Map<string, number>;
  /**
   * The signature primitive. Phones use the pure-JS strict check below; the server passes
   * Node's native Ed25519 (≈25× faster) — the order of checks and the reasons stay this code's.
   */
  checkSignature: SignatureCheck;
}

export function prepareTrust(bundle: Pick<TrustBundle, 'keys' | 'revoked' | 'paperSerials'>, checkSignature: SignatureCheck = verifySignature): Trust {
  const keys = new Map<string, Uint8Array>();
  for (const k of bundle.keys) {
    const raw = b64urlDecode(k.publicKey);
    if (raw?.length === 32) keys.set(k.kid, raw);
  }
  const paperSerials = new Map<string, number>();
  for (const [pid, ps] of Object.entries(bundle.paperSerials ?? {})) if (typeof ps === 'number') paperSerials.set(pid, ps);
  return { keys, revoked: new Set(bundle.revoked), paperSerials, checkSignature };
}

/** Strict RFC 8032 verification (no ZIP-215 leniency): rejects malleable and small-order cases. */
export function verifySignature(sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(sig, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

interface VerifyOpts {
  trust: Trust;
  compoundId: string;
  nowMs: number;
}

/** The checks both formats share, in order, after parsing; null when all pass. */
function checkSigned(credText: string, ssig: Uint8Array, cred: AnyCredential, opts: VerifyOpts): VerifyResult | null {
  const serverKey = opts.trust.keys.get(cred.kid);
  if (!serverKey) return { ok: false, reason: 'UNKNOWN_KEY', cred };
  if (!opts.trust.checkSignature(ssig, asciiBytes(credText), serverKey)) return { ok: false, reason: 'BAD_SIGNATURE' };
  const now = Math.floor(opts.nowMs / 1000);
  if (now < cred.nbf || now > cred.exp) return { ok: false, reason: 'EXPIRED', cred };
  if (cred.cid !== opts.compoundId) return { ok: false, reason: 'OTHER_COMPOUND', cred };
  if (opts.trust.revoked.has(cred.pid)) return { ok: false, reason: 'REVOKED', cred };
  return null;
}

/** A printed paper code (LFP1): no slot and no device; a newer paper serial voids it. */
export function verifyPaperQr(text: string, opts: VerifyOpts): VerifyResult {
  const qr = parsePaperQr(text);
  if (!qr) return { ok: false, reason: 'BAD_FORMAT' };
  const { cred } = qr;
  const failed = checkSigned(qr.credText, qr.ssig, cred, opts);
  if (failed) return failed;
  if (cred.ps < (opts.trust.paperSerials.get(cred.pid) ?? 0)) return { ok: false, reason: 'REPLACED', cred };
  return { ok: true, cred };
}

/** Either format: a phone's LF1 code or a printed LFP1 one. */
export function verifyPassQr(text: string, opts: VerifyOpts): VerifyResult {
  if (isPaperQr(text)) return verifyPaperQr(text, opts);
  const qr = parseQr(text);
  if (!qr) return { ok: false, reason: 'BAD_FORMAT' };
  const cred: PassCredential = qr.cred;
  const failed = checkSigned(qr.credText, qr.ssig, cred, opts);
  if (failed) return failed;
  if (Math.abs(qr.slot - slotOf(opts.nowMs)) > 1) return { ok: false, reason: 'STALE_CODE', cred };
  const dpk = b64urlDecode(cred.dpk);
  if (!dpk || dpk.length !== 32 || !opts.trust.checkSignature(qr.dsig, deviceMessage(cred.pid, qr.slot), dpk)) {
    return { ok: false, reason: 'BAD_DEVICE_SIGNATURE', cred };
  }
  return { ok: true, cred };
}

/** Plain Chinese for the gate screen. */
export const VERIFY_REASON_TEXT: Record<VerifyReason, string> = {
  BAD_FORMAT: '不是有效的出入证二维码',
  UNKNOWN_KEY: '出入证签发密钥未知，请更新核验数据后重试',
  BAD_SIGNATURE: '出入证签名无效，可能是伪造的',
  EXPIRED: '出入证不在有效期内',
  OTHER_COMPOUND: '这是其他小区的出入证',
  REVOKED: '出入证已被注销',
  REPLACED: '这张离线码已作废（已补办新码），请收回',
  STALE_CODE: '二维码已过期（可能是截图），请居民刷新后重新出示',
  BAD_DEVICE_SIGNATURE: '二维码不是从持证人手机生成的',
};
