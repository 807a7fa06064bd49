/**
 * The last `account.me` reply this phone saw, kept in wx storage so that home can open with no
 * network and lead to the pages that work offline (the pass, the gate scan).
 *
 * wx storage already belongs to one WeChat user. A develop build on the local runtime acts as
 * whichever demo account the developer picked, so there the profile is kept per demo account:
 * switching accounts never shows another's profile, and with no account picked nothing is kept.
 */
import type { ActionResponse } from '../../typings/api';
import { currentRuntime } from './config';
import { demoOpenid } from './dev';

type Me = ActionResponse<'account.me'>;

export interface CachedProfile {
  me: Me;
  /** When the server sent it, unix ms. */
  savedAt: number;
}

export const PROFILE_KEY = 'lf.me';

/** Where the profile of whoever the calls go out as right now is kept; null when nobody is chosen. */
export function profileKey(): string | null {
  if (currentRuntime().kind === 'cloud') return PROFILE_KEY;
  const openid = demoOpenid();
  return openid ? `${PROFILE_KEY}.local.${openid}` : null;
}

const isString = (v: unknown) => typeof v === 'string';
const isStringOrNull = (v: unknown) => v === null || isString(v);

function isGrant(value: unknown): boolean {
  const g = value as Record<string, unknown> | null;
  return typeof g === 'object' && g !== null && isString(g.role) && isString(g.orgId) && isString(g.orgName) && Array.isArray(g.orgPath);
}

function isCached(value: unknown): value is CachedProfile {
  const c = value as { me?: Record<string, unknown>; savedAt?: unknown } | null;
  const me = c?.me;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.savedAt === 'number' &&
    typeof me === 'object' &&
    me !== null &&
    typeof me.registered === 'boolean' &&
    isStringOrNull(me.name) &&
    isStringOrNull(me.phoneMasked) &&
    (me.household === null || typeof me.household === 'object') &&
    Array.isArray(me.grants) &&
    me.grants.every(isGrant)
  );
}

/** The profile kept under `key`; null when there is none or it is unreadable. */
export function readProfile(key: string | null): CachedProfile | null {
  if (!key) return null;
  const value: unknown = wx.getStorageSync(key);
  return isCached(value) ? value : null;
}

export function saveProfile(key: string | null, me: Me, now = Date.now()): void {
  if (!key) return;
  try {
    wx.setStorageSync(key, { me, savedAt: now } satisfies CachedProfile);
  } catch {
    // Storage full: home still shows now, only not offline next time.
  }
}
