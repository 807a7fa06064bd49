/**
 * Offline verification of a scanned pass — the exact code the volunteer's phone runs, and
 * the server runs again on every synced event. Checks in the documented order; the first
 * failure is the reason.
 */
import type { PassCredential, TrustBundle, VerifyReason } from '../../../typings/pass';
import { ed25519 } from '../../vendor/ed25519';
import { asciiBytes, b64urlDecode } from './bytes';
import { deviceMessage, parseQr, slotOf } from './codec';

export type VerifyResult = { ok: true; cred: PassCredential } | { ok: false; reason: VerifyReason; cred?: PassCredential };

/** Checks one Ed25519 signature. */
export type SignatureCheck = (sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

/** A trust bundle prepared for repeated scans: keys decoded once, revocations in a Set. */
export interface Trust {
  keys: Map<string, Uint8Array>;
  revoked: Set<string>;
  /**
   * The signature primitive. Phones use the pure-JS strict check below; the server passes
   * Node's native Ed25519 (≈25× faster) — the order of checks and the reasons stay this code's.
   */
  checkSignature: SignatureCheck;
}

export function prepareTrust(bundle: Pick<TrustBundle, 'keys' | 'revoked'>, checkSignature: SignatureCheck = verifySignature): Trust {
  const keys = new Map<string, Uint8Array>();
  for (const k of bundle.keys) {
    const raw = b64urlDecode(k.publicKey);
    if (raw?.length === 32) keys.set(k.kid, raw);
  }
  return { keys, revoked: new Set(bundle.revoked), checkSignature };
}

/** Strict RFC 8032 verification (no ZIP-215 leniency): rejects malleable and small-order cases. */
export function verifySignature(sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(sig, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

export function verifyPassQr(text: string, opts: { trust: Trust; compoundId: string; nowMs: number }): VerifyResult {
  const qr = parseQr(text);
  if (!qr) return { ok: false, reason: 'BAD_FORMAT' };
  const { cred } = qr;
  const serverKey = opts.trust.keys.get(cred.kid);
  if (!serverKey) return { ok: false, reason: 'UNKNOWN_KEY', cred };
  if (!opts.trust.checkSignature(qr.ssig, asciiBytes(qr.credText), serverKey)) return { ok: false, reason: 'BAD_SIGNATURE' };
  const now = Math.floor(opts.nowMs / 1000);
  if (now < cred.nbf || now > cred.exp) return { ok: false, reason: 'EXPIRED', cred };
  if (cred.cid !== opts.compoundId) return { ok: false, reason: 'OTHER_COMPOUND', cred };
  if (opts.trust.revoked.has(cred.pid)) return { ok: false, reason: 'REVOKED', cred };
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
  STALE_CODE: '二维码已过期（可能是截图），请居民刷新后重新出示',
  BAD_DEVICE_SIGNATURE: '二维码不是从持证人手机生成的',
};
