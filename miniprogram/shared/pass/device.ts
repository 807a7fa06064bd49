/**
 * The resident's side: a key pair made on the phone for one pass, and the QR text for the
 * current 30-second slot. Works with no network once the signed credential is cached.
 */
import { ed25519 } from '../../vendor/ed25519';
import { b64urlEncode } from './bytes';
import { composeQr, deviceMessage, slotOf } from './codec';

export interface DeviceKey {
  /** 32-byte seed, from wx.getRandomValues on the phone. Never leaves the phone. */
  secret: Uint8Array;
  /** base64url of the 32-byte public key, sent with pass.credential. */
  publicKey: string;
}

export function deviceKeyFromSeed(seed: Uint8Array): DeviceKey {
  if (seed.length !== 32) throw new Error('device key seed must be 32 bytes');
  return { secret: seed, publicKey: b64urlEncode(ed25519.getPublicKey(seed)) };
}

/** The QR text to show now: the signed credential plus this slot's device signature. */
export function currentQr(signed: string, pid: string, secret: Uint8Array, nowMs: number): string {
  const slot = slotOf(nowMs);
  return composeQr(signed, slot, ed25519.sign(deviceMessage(pid, slot), secret));
}

/** Whether a public key is usable as a device key (not a small-order point). */
export function isSafeDeviceKey(raw: Uint8Array): boolean {
  try {
    return raw.length === 32 && !ed25519.Point.fromBytes(raw, false).isSmallOrder();
  } catch {
    return false;
  }
}
