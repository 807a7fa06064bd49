/**
 * The server's Ed25519 signing keys for pass credentials. Created on first use, rotated by an
 * admin; every key stays trusted (listed in pass.trust) until credentials it signed have
 * expired. Private keys live only in the `passKeys` collection, never in a response.
 * Signing uses Node's crypto (verification everywhere uses the shared noble verifier).
 */
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { DAY } from '../core/time';
import type { Store } from '../store/port';
import { StoreConflictError } from '../store/port';

export type PassKeyDoc = {
  _id: string; // kid: k1, k2, …
  _v?: number;
  /** base64url of the raw 32-byte public key */
  publicKey: string;
  /** base64url of the 32-byte private seed (JWK `d`) */
  privateKey: string;
  createdAt: number;
  /** Set when a newer key took over; trusted until `trustedUntil`. */
  retiredAt?: number;
  trustedUntil?: number;
};

export type KeyRingDoc = {
  _id: 'passKeyRing';
  _v?: number;
  active: string;
  seq: number;
};

const RING_ID = 'passKeyRing';

declare module '../store/port' {
  interface Collections {
    passKeys: PassKeyDoc;
  }
}

function newKey(kid: string, now: number): PassKeyDoc {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { _id: kid, publicKey: jwk.x!, privateKey: jwk.d!, createdAt: now };
}

const signingKeys = new Map<string, KeyObject>();

function keyObject(doc: PassKeyDoc): KeyObject {
  let k = signingKeys.get(`${doc._id}:${doc.publicKey}`);
  if (!k) {
    k = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: doc.publicKey, d: doc.privateKey }, format: 'jwk' });
    signingKeys.set(`${doc._id}:${doc.publicKey}`, k);
  }
  return k;
}

/** The active key, creating k1 on first use (safe when two instances race: one insert wins). */
export async function activeKey(store: Store, now: number): Promise<PassKeyDoc> {
  const ring = (await store.get('meta', RING_ID)) as KeyRingDoc | null;
  if (ring) {
    const doc = await store.get('passKeys', ring.active);
    if (doc) return doc;
  }
  try {
    await store.transaction(async (tx) => {
      await tx.insert('passKeys', newKey('k1', now));
      await tx.insert('meta', { _id: RING_ID, active: 'k1', seq: 1 });
    });
  } catch (err) {
    if (!(err instanceof StoreConflictError)) throw err;
  }
  return activeKey(store, now);
}

/** How long a retired key stays trusted: credentials last at most 90 days. */
export const RETIRED_KEY_TRUST_MS = 90 * DAY;

/** Makes a new key active; the old one stays trusted until `trustedUntil` (its longest credential). */
export async function rotateKey(store: Store, now: number, oldTrustedUntil = now + RETIRED_KEY_TRUST_MS): Promise<PassKeyDoc> {
  await activeKey(store, now);
  return store.transaction(async (tx) => {
    const ring = (await tx.get('meta', RING_ID)) as KeyRingDoc;
    const kid = `k${ring.seq + 1}`;
    const key = newKey(kid, now);
    await tx.insert('passKeys', key);
    await tx.update('passKeys', ring.active, { retiredAt: now, trustedUntil: oldTrustedUntil });
    if (!(await tx.update('meta', RING_ID, { active: kid, seq: ring.seq + 1 }, { version: ring._v }))) {
      throw new StoreConflictError('meta', RING_ID);
    }
    return key;
  });
}

/** Public keys verifiers should trust now. */
export async function trustedKeys(store: Store, now: number): Promise<Array<{ kid: string; publicKey: string }>> {
  const page = await store.query('passKeys', { orderBy: [{ field: 'createdAt' }], limit: 100 });
  return page.items.filter((k) => !k.trustedUntil || k.trustedUntil > now).map((k) => ({ kid: k._id, publicKey: k.publicKey }));
}

export function signWith(doc: PassKeyDoc, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, keyObject(doc)));
}
