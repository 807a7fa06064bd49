/**
 * The gate phone's trust cache: `pass.trust` per compound (keys, revoked passes, visitor policy,
 * registered plates), kept in wx storage with the server's `issuedAt` and refreshed whenever the
 * network allows. Decisions are made from the cache only (services/gate-decision.ts).
 */
import type { TrustBundle } from '../../typings/pass';
import { HOUR, MINUTE, updatedAtText } from '../shared/time';
import { call } from './api';
import { STORAGE } from './gate-storage';

export const TRUST_REFRESH_MS = 5 * MINUTE;
/** Older than this, the page warns: revocations and policy changes may be missing. */
export const TRUST_STALE_MS = 12 * HOUR;

function isBundle(value: unknown): value is TrustBundle {
  const b = value as Partial<TrustBundle> | null;
  return typeof b === 'object' && b !== null && Array.isArray(b.keys) && Array.isArray(b.revoked) && typeof b.issuedAt === 'number';
}

export function cachedTrust(compoundId: string): TrustBundle | null {
  const value: unknown = wx.getStorageSync(STORAGE.trust(compoundId));
  return isBundle(value) && value.compoundId === compoundId ? value : null;
}

/** Fetches and caches the compound's bundle; rejects (cache untouched) when the server cannot be reached. */
export async function refreshTrust(compoundId: string): Promise<TrustBundle> {
  const bundle = await call('pass.trust', { compoundId });
  const held = cachedTrust(compoundId);
  // An older reply (a slow request overtaken by a newer one) never replaces a newer bundle.
  if (!held || bundle.issuedAt >= held.issuedAt) wx.setStorageSync(STORAGE.trust(compoundId), bundle);
  return cachedTrust(compoundId) ?? bundle;
}

export interface TrustStatus {
  /** No bundle yet: nothing can be verified. */
  missing: boolean;
  /** Older than 12 hours. */
  stale: boolean;
  /** "核验数据更新于 07:05（3 分钟前）" */
  label: string;
}

export function trustStatus(bundle: TrustBundle | null, now: number): TrustStatus {
  if (!bundle) return { missing: true, stale: true, label: '尚无核验数据，请连接网络后重试' };
  return { missing: false, stale: now - bundle.issuedAt > TRUST_STALE_MS, label: `核验数据更新于 ${updatedAtText(bundle.issuedAt, now)}` };
}
