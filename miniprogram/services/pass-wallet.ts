/**
 * The resident's pass wallet: for each approved pass, a device key made on this phone and the
 * credential the server signed for it (`pass.credential`), kept in wx storage under
 * `lf.pass.<passId>` so the pass shows — and a fresh code is made every 30 s — with no network.
 *
 * The key's seed comes from `wx.getRandomValues` and never leaves the phone: only its public key
 * is sent. A credential is fetched only when none is cached, when the cached one has expired, or
 * when the pass as `pass.mine` describes it no longer matches what the credential says (another
 * compound, another end date: renewed or shortened by the secretary). Times are the server's as
 * the phone knows it (services/clock.ts), since the credential's validity is.
 */
import type { PassCredential, PassView } from '../../typings/pass';
import { b64urlDecode, b64urlEncode } from '../shared/pass/bytes';
import { currentQr, deviceKeyFromSeed } from '../shared/pass/device';
import { call } from './api';
import * as clock from './clock';
import { ApiCallError } from './errors';

export interface WalletEntry {
  passId: string;
  /** "<cred>.<ssig>" exactly as the server signed it. */
  signed: string;
  credential: PassCredential;
  /** base64url of the 32-byte device key seed. */
  seed: string;
  /** When the credential was fetched, unix ms. */
  savedAt: number;
}

const SEED_BYTES = 32;
/** The ids of the passes in the wallet, so the offline page can list them. */
export const WALLET_INDEX_KEY = 'lf.passes';
export const walletKey = (passId: string) => `lf.pass.${passId}`;

export const NO_RANDOM_MESSAGE = '当前微信版本过低，无法生成出入证，请升级微信后再试';
const MISMATCH_MESSAGE = '服务器返回的出入证与本机不符，请稍后重试';

/** 32 cryptographically random bytes from the phone (base library ≥ 2.15). */
export function randomSeed(): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    if (typeof wx.getRandomValues !== 'function') {
      reject(new ApiCallError('FAILED_PRECONDITION', NO_RANDOM_MESSAGE));
      return;
    }
    wx.getRandomValues({
      length: SEED_BYTES,
      success: (res) => {
        const bytes = new Uint8Array(res.randomValues);
        if (bytes.length === SEED_BYTES) resolve(bytes);
        else reject(new ApiCallError('FAILED_PRECONDITION', NO_RANDOM_MESSAGE));
      },
      fail: () => reject(new ApiCallError('FAILED_PRECONDITION', NO_RANDOM_MESSAGE)),
    });
  });
}

function readIndex(): string[] {
  const ids: unknown = wx.getStorageSync(WALLET_INDEX_KEY);
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

function writeIndex(ids: string[]): void {
  wx.setStorageSync(WALLET_INDEX_KEY, ids);
}

function isEntry(value: unknown, passId: string): value is WalletEntry {
  const e = value as Partial<WalletEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.passId === passId &&
    typeof e.signed === 'string' &&
    typeof e.savedAt === 'number' &&
    typeof e.credential === 'object' &&
    e.credential !== null &&
    e.credential.pid === passId &&
    typeof e.credential.cid === 'string' &&
    typeof e.credential.hh === 'string' &&
    typeof e.credential.nm === 'string' &&
    typeof e.credential.exp === 'number' &&
    typeof e.credential.nbf === 'number' &&
    typeof e.seed === 'string' &&
    b64urlDecode(e.seed)?.length === SEED_BYTES
  );
}

/** The cached entry of a pass; null when there is none or it is unreadable. */
export function readEntry(passId: string): WalletEntry | null {
  const value: unknown = wx.getStorageSync(walletKey(passId));
  return isEntry(value, passId) ? value : null;
}

/** Every readable entry, in the order they were first saved. */
export function cachedEntries(): WalletEntry[] {
  return readIndex().flatMap((id) => readEntry(id) ?? []);
}

function saveEntry(entry: WalletEntry): void {
  wx.setStorageSync(walletKey(entry.passId), entry);
  const ids = readIndex();
  if (!ids.includes(entry.passId)) writeIndex([...ids, entry.passId]);
}

function forget(passId: string): void {
  wx.removeStorageSync(walletKey(passId));
}

/**
 * Drops what the server no longer vouches for: entries of passes that are not approved any more
 * (revoked, expired, …) or that `pass.mine` no longer lists.
 */
export function prune(items: readonly PassView[]): void {
  const approved = new Set(items.filter((p) => p.status === 'approved').map((p) => p.id));
  const ids = readIndex();
  const keep = ids.filter((id) => approved.has(id));
  if (keep.length === ids.length) return;
  for (const id of ids) if (!approved.has(id)) forget(id);
  writeIndex(keep);
}

/** Whether the credential is still within its own validity at `nowMs`. */
export const isUnexpired = (entry: WalletEntry, nowMs: number) => nowMs <= entry.credential.exp * 1000;

/** Same instant to the second (the credential counts in seconds, the pass in ms). */
const sameSecond = (seconds: number, ms: number | undefined) => ms !== undefined && Math.abs(seconds * 1000 - ms) < 1000;

/**
 * Whether the cached credential can be shown for the pass as the server describes it now: same
 * pass and compound, and it ends when the pass ends (a renewal or a shortened pass changes that).
 */
export function matchesPass(entry: WalletEntry, pass: PassView, nowMs: number): boolean {
  const c = entry.credential;
  return isUnexpired(entry, nowMs) && c.pid === pass.id && c.cid === pass.compoundId && sameSecond(c.exp, pass.validUntil);
}

async function fetchEntry(pass: PassView, cached: WalletEntry | null): Promise<WalletEntry> {
  // One key per pass: a refreshed credential keeps the key this phone already made.
  const seed = (cached && b64urlDecode(cached.seed)) || (await randomSeed());
  const { publicKey } = deviceKeyFromSeed(seed);
  const res = await call('pass.credential', { passId: pass.id, devicePublicKey: publicKey });
  if (res.credential.pid !== pass.id || res.credential.dpk !== publicKey) throw new ApiCallError('INTERNAL', MISMATCH_MESSAGE);
  const entry: WalletEntry = { passId: pass.id, signed: res.signed, credential: res.credential, seed: b64urlEncode(seed), savedAt: clock.now() };
  try {
    saveEntry(entry);
  } catch {
    // Storage full: the pass still shows now, only not offline next time.
  }
  return entry;
}

/** One fetch per pass at a time: a double onShow does not make two credentials. */
const inFlight = new Map<string, Promise<WalletEntry>>();

/** The entry for an approved pass: the cached one when it still matches, else a freshly signed one. */
export function credentialFor(pass: PassView): Promise<WalletEntry> {
  const cached = readEntry(pass.id);
  if (cached && matchesPass(cached, pass, clock.now())) return Promise.resolve(cached);
  let pending = inFlight.get(pass.id);
  if (!pending) {
    pending = fetchEntry(pass, cached).finally(() => inFlight.delete(pass.id));
    inFlight.set(pass.id, pending);
  }
  return pending;
}

/** The QR text to show at `nowMs`: the signed credential plus this slot's device signature. */
export function qrTextAt(entry: WalletEntry, nowMs: number): string {
  const seed = b64urlDecode(entry.seed) as Uint8Array; // checked when the entry was read
  return currentQr(entry.signed, entry.passId, seed, nowMs);
}
