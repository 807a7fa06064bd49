/**
 * Envelope encryption for the secrets the server keeps in its store (the pass signing seeds):
 * each is sealed with AES-256-GCM under a key-encryption key (KEK) from the environment, with a
 * random 12-byte IV and additional authenticated data naming what it is (the pass key's id), so a
 * sealed value moved to another document does not open. The KEK never reaches the store.
 *
 *   LF_PASS_KEKS   a keyring, "kek2:<base64 of 32 bytes>,kek1:<base64>": the first is current (new
 *                  seals use it), the rest only open; remove an old one once `npm run
 *                  rewrap-pass-keys` has re-sealed everything under the current one
 *   LF_PASS_KEK    a single KEK (base64 of 32 bytes, id "kek") where there is no ring
 *
 * Without either, nothing is sealed or opened: signing refuses (a cloud function logs why and
 * answers INTERNAL). The local runtime and the tests use a dev KEK (`devKeks`, `DEV_KEKS`).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Keyring {
  /** Id of the KEK new seals use. */
  current: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** What the environment says about KEKs: a ring, or why there is none (`missing`: nothing set). */
export type KekSetting = { ok: true; ring: Keyring } | { ok: false; missing: boolean; reason: string };

/** A sealed secret as stored: base64 fields, and the id of the KEK that sealed it. */
export interface Sealed {
  kek: string;
  iv: string;
  ct: string;
  tag: string;
}

const KEK_ID = /^[A-Za-z0-9_-]{1,32}$/;

function kekBytes(b64: string): Buffer | null {
  const key = Buffer.from(b64, 'base64');
  return key.length === 32 && key.toString('base64') === b64 ? key : null;
}

/** Reads LF_PASS_KEKS / LF_PASS_KEK. A malformed value is reported by name, never echoed. */
export function readKeks(env: Record<string, string | undefined>): KekSetting {
  const ringText = env.LF_PASS_KEKS?.trim();
  const single = env.LF_PASS_KEK?.trim();
  if (!ringText && !single) {
    return { ok: false, missing: true, reason: 'LF_PASS_KEKS (or LF_PASS_KEK) is not set: pass signing keys cannot be sealed or opened' };
  }
  const entries = ringText ? ringText.split(',').map((e) => e.trim().split(':')) : [['kek', single!]];
  const keys = new Map<string, Buffer>();
  for (const [id, b64, ...rest] of entries) {
    const name = ringText ? 'LF_PASS_KEKS' : 'LF_PASS_KEK';
    if (!id || !KEK_ID.test(id) || !b64 || rest.length) return { ok: false, missing: false, reason: `${name} is malformed: expected "id:base64,id:base64"` };
    if (keys.has(id)) return { ok: false, missing: false, reason: `${name} names KEK "${id}" twice` };
    const key = kekBytes(b64);
    if (!key) return { ok: false, missing: false, reason: `${name}: KEK "${id}" is not base64 of 32 bytes` };
    keys.set(id, key);
  }
  return { ok: true, ring: { current: entries[0][0], keys } };
}

/** The ring, or an error saying why there is none (the caller logs it; the client sees INTERNAL). */
export function requireRing(keks: KekSetting): Keyring {
  if (!keks.ok) throw new Error(`refusing to sign: ${keks.reason}`);
  return keks.ring;
}

export function seal(ring: Keyring, aad: string, secret: Buffer): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.keys.get(ring.current)!, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(secret), cipher.final()]);
  return { kek: ring.current, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Opens a sealed secret; throws (fails closed) for an unknown KEK, another `aad` or any tampering. */
export function open(ring: Keyring, aad: string, sealed: Sealed): Buffer {
  const key = ring.keys.get(sealed.kek);
  if (!key) throw new Error(`sealed with KEK "${sealed.kek}", which is not in LF_PASS_KEKS`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
  } catch (err) {
    throw new Error(`sealed value for "${aad}" does not open with KEK "${sealed.kek}" (wrong KEK or tampered)`, { cause: err });
  }
}

/** A fixed, public dev KEK: for stores that live in memory (tests, benches). Never for real data. */
export const DEV_KEKS: KekSetting = {
  ok: true,
  ring: { current: 'dev', keys: new Map([['dev', createHash('sha256').update('lianfang dev KEK: in-memory stores only').digest()]]) },
};

/**
 * The local runtime's KEK when the environment sets none: kept in `<dataDir>/pass-kek` (made on
 * first start, readable by its owner only), so the local store's seeds are sealed like the cloud's.
 */
export function devKeks(dataDir: string): { keks: KekSetting; file: string; created: boolean } {
  const file = join(dataDir, 'pass-kek');
  const created = !existsSync(file);
  if (created) writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  return { keks: readKeks({ LF_PASS_KEKS: `local:${readFileSync(file, 'utf8').trim()}` }), file, created };
}
