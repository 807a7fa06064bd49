/**
 * Ed25519 verification with Node's native crypto, for re-verifying synced gate events in bulk.
 * OpenSSL accepts small-order public keys, which the strict phone-side check refuses; that is
 * safe here because server keys are our own and a device key is refused at pass.credential
 * if it is small-order — and it sits inside the server-signed credential, so it cannot be swapped.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { b64urlEncode } from '../../miniprogram/shared/pass/bytes';
import type { SignatureCheck } from '../../miniprogram/shared/pass/verify';

const MAX_CACHED = 10_000;
const keys = new Map<string, KeyObject>();

function keyObject(raw: Uint8Array): KeyObject {
  const x = b64urlEncode(raw);
  let k = keys.get(x);
  if (!k) {
    k = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (keys.size >= MAX_CACHED) keys.clear();
    keys.set(x, k);
  }
  return k;
}

export const nativeSignatureCheck: SignatureCheck = (sig, message, publicKey) => {
  if (sig.length !== 64 || publicKey.length !== 32) return false;
  try {
    return verify(null, message, keyObject(publicKey), sig);
  } catch {
    return false;
  }
};
