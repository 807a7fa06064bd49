/**
 * The server's Ed25519 signing keys for pass credentials (and duty post codes). Created on first
 * use, rotated by an admin; every key stays trusted (listed in pass.trust) until credentials it
 * signed have expired. The private seed is stored only sealed under a KEK from the environment
 * (server/core/kek.ts; AAD: the key id), is opened only to sign, and is dropped when the key
 * retires (a retired key only verifies). A plaintext seed stored before sealing existed is sealed
 * and rewritten on first use. Signing uses Node's crypto (verification everywhere uses the shared
 * noble verifier).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { open, requireRing, seal, type KekSetting, type Keyring, type Sealed } from '../core/kek';
import { DAY } from '../core/time';
import type { Store } from '../store/port';
import { StoreConflictError } from '../store/port';

export type PassKeyDoc = {
  _id: string; // kid: k1, k2, …
  _v?: number;
  /** base64url of the raw 32-byte public key */
  publicKey: string;
  /** The 32-byte private seed sealed under a KEK; absent once the key retired. */
  seed?: Sealed;
  /** Only in documents from before sealing: the seed in plain (base64url); sealed on first use. */
  privateKey?: string;
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

/** What signs: the key's id (for the credential) and its signature function. */
export interface PassSigner {
  kid: string;
  sign(message: Uint8Array): Uint8Array;
}

const RING_ID = 'passKeyRing';

declare module '../store/port' {
  interface Collections {
    passKeys: PassKeyDoc;
  }
}

function newKey(kid: string, now: number, ring: Keyring): PassKeyDoc {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { _id: kid, publicKey: jwk.x!, seed: seal(ring, kid, Buffer.from(jwk.d!, 'base64url')), createdAt: now };
}

/** The seed of a stored key: opened with the ring, or the legacy plaintext. */
function seedOf(doc: PassKeyDoc, ring: Keyring): Buffer {
  if (doc.seed) return open(ring, doc._id, doc.seed);
  if (doc.privateKey) return Buffer.from(doc.privateKey, 'base64url');
  throw new Error(`pass key ${doc._id} has no private seed (retired)`);
}

/** Signing keys already opened, per ring (a process holds one; tests hold several). */
const opened = new WeakMap<Keyring, Map<string, KeyObject>>();

function keyObject(doc: PassKeyDoc, ring: Keyring): KeyObject {
  let cache = opened.get(ring);
  if (!cache) opened.set(ring, (cache = new Map()));
  const id = `${doc._id}:${doc.publicKey}`;
  let k = cache.get(id);
  if (!k) {
    k = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: doc.publicKey, d: seedOf(doc, ring).toString('base64url') }, format: 'jwk' });
    // A seed that is not the stored public key's (swapped or corrupted) must not sign.
    if (createPublicKey(k).export({ format: 'jwk' }).x !== doc.publicKey) throw new Error(`pass key ${doc._id}: seed does not match its public key`);
    cache.set(id, k);
  }
  return k;
}

/** Whether a stored key's seed is in plain or under a KEK other than the current one. */
const needsRewrap = (doc: PassKeyDoc, ring: Keyring) =>
  (doc.privateKey !== undefined && !doc.seed) || (doc.seed !== undefined && doc.seed.kek !== ring.current);

/** Seals the key's seed under the current KEK and removes any plaintext; false if the doc changed meanwhile. */
async function rewrap(store: Store, doc: PassKeyDoc, ring: Keyring): Promise<boolean> {
  const seed = seal(ring, doc._id, seedOf(doc, ring));
  return store.update('passKeys', doc._id, { seed, privateKey: undefined }, { version: doc._v });
}

/** The active key, creating k1 on first use (safe when two instances race: one insert wins). */
async function activeKey(store: Store, now: number, keks: Keyring): Promise<PassKeyDoc> {
  const ring = (await store.get('meta', RING_ID)) as KeyRingDoc | null;
  if (ring) {
    const doc = await store.get('passKeys', ring.active);
    if (doc) return doc;
  }
  try {
    await store.transaction(async (tx) => {
      await tx.insert('passKeys', newKey('k1', now, keks));
      await tx.insert('meta', { _id: RING_ID, active: 'k1', seq: 1 });
    });
  } catch (err) {
    if (!(err instanceof StoreConflictError)) throw err;
  }
  return activeKey(store, now, keks);
}

/** Makes sure a key exists (a district's first trust bundle); returns the active key's id. */
export async function ensureActiveKey(store: Store, now: number, keks: KekSetting): Promise<string> {
  return (await activeKey(store, now, requireRing(keks)))._id;
}

/**
 * The active key as a signer. Refuses (throws, so the caller answers INTERNAL and logs why) without
 * a KEK or when the seed does not open. A seed in plain or under an older KEK is resealed under
 * the current one first (one write, once).
 */
export async function activeSigner(store: Store, now: number, keks: KekSetting): Promise<PassSigner> {
  const ring = requireRing(keks);
  const doc = await activeKey(store, now, ring);
  const key = keyObject(doc, ring);
  if (needsRewrap(doc, ring)) await rewrap(store, doc, ring);
  return { kid: doc._id, sign: (message) => new Uint8Array(sign(null, message, key)) };
}

/** How long a retired key stays trusted: credentials last at most 90 days. */
export const RETIRED_KEY_TRUST_MS = 90 * DAY;

/**
 * Makes a new key active; the old one stays trusted until `trustedUntil` (its longest credential)
 * and loses its private seed: it only verifies from now on.
 */
export async function rotateKey(store: Store, now: number, keks: KekSetting, oldTrustedUntil = now + RETIRED_KEY_TRUST_MS): Promise<PassKeyDoc> {
  const sealing = requireRing(keks);
  await activeKey(store, now, sealing);
  return store.transaction(async (tx) => {
    const ring = (await tx.get('meta', RING_ID)) as KeyRingDoc;
    const kid = `k${ring.seq + 1}`;
    const key = newKey(kid, now, sealing);
    await tx.insert('passKeys', key);
    await tx.update('passKeys', ring.active, { retiredAt: now, trustedUntil: oldTrustedUntil, seed: undefined, privateKey: undefined });
    if (!(await tx.update('meta', RING_ID, { active: kid, seq: ring.seq + 1 }, { version: ring._v }))) {
      throw new StoreConflictError('meta', RING_ID);
    }
    return key;
  });
}

export interface RewrapReport {
  /** Seeds resealed under the current KEK (from an older KEK or from plaintext). */
  resealed: string[];
  /** Retired keys whose leftover seed was dropped. */
  dropped: string[];
  /** Seeds already under the current KEK. */
  current: string[];
}

/**
 * Puts every stored seed under the current KEK (after a KEK rotation, before the old KEK is
 * removed) and drops seeds retired keys still carry. Opens each seed first: a seed no KEK in the
 * ring opens stops it, with nothing half done for that key.
 */
export async function rewrapPassKeys(store: Store, keks: KekSetting): Promise<RewrapReport> {
  const ring = requireRing(keks);
  const report: RewrapReport = { resealed: [], dropped: [], current: [] };
  const page = await store.query('passKeys', { orderBy: [{ field: 'createdAt' }], limit: 1000 });
  for (const doc of page.items) {
    if (doc.retiredAt !== undefined && (doc.seed || doc.privateKey)) {
      await store.update('passKeys', doc._id, { seed: undefined, privateKey: undefined });
      report.dropped.push(doc._id);
    } else if (needsRewrap(doc, ring)) {
      if (!(await rewrap(store, doc, ring))) throw new Error(`pass key ${doc._id} changed while being resealed; run again`);
      report.resealed.push(doc._id);
    } else if (doc.seed) {
      open(ring, doc._id, doc.seed); // proves the current KEK opens it
      report.current.push(doc._id);
    }
  }
  return report;
}

/** Public keys verifiers should trust now. */
export async function trustedKeys(store: Store, now: number): Promise<Array<{ kid: string; publicKey: string }>> {
  const page = await store.query('passKeys', { orderBy: [{ field: 'createdAt' }], limit: 100 });
  return page.items.filter((k) => !k.trustedUntil || k.trustedUntil > now).map((k) => ({ kid: k._id, publicKey: k.publicKey }));
}
