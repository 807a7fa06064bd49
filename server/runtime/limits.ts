/**
 * Per-caller rate limits on actions a client could spam (guessing codes, flooding applications,
 * costly signing or syncing). An action declares its limit as data (`limit: { per, max }` in
 * `action(...)`); LF_RATE_LIMITS (Config.rateLimits) replaces or turns off any. Dispatch consumes
 * one unit after authorization and validation, before the handler.
 *
 * Fixed windows aligned to the epoch (a minute, an hour, a UTC day). The count lives in the
 * Store, so it holds across function instances: one document per action and caller,
 * `<action>:<openid>`, holding the current window's start and count. A new window reuses that
 * document, so old windows never pile up (there is one per caller of a limited action, whatever
 * the time). A call costs one read and one write: a conditional write on the version read, so
 * two instances cannot both take the last unit (the loser reads again, at most three times, then
 * is refused: a caller racing itself may be refused early, never admitted past the limit); a
 * refused call writes nothing.
 */
import type { Config, RateLimit } from '../core/config';
import { rateLimited } from '../core/errors';
import { DAY, HOUR, MINUTE } from '../core/time';
import type { CollectionSpec } from '../store/collections';
import { StoreConflictError, type Store } from '../store/port';

export const WINDOW_MS: Readonly<Record<RateLimit['per'], number>> = { minute: MINUTE, hour: HOUR, day: DAY };

export type RateLimitDoc = {
  _id: string; // <action>:<openid>
  _v?: number;
  /** Start of the window `count` is for (unix ms). */
  window: number;
  count: number;
};

declare module '../store/port' {
  interface Collections {
    rateLimits: RateLimitDoc;
  }
}

/** The collections the runtime keeps for itself. */
export const RUNTIME_COLLECTIONS = {
  rateLimits: { indexes: [] },
} as const satisfies Record<string, CollectionSpec>;

/** The limit that applies to an action: the configured one, else the action's own; none when 'off'. */
export function effectiveLimit(action: string, own: RateLimit | undefined, config: Config): RateLimit | undefined {
  const set = config.rateLimits[action];
  return set === 'off' ? undefined : (set ?? own);
}

/** Writes attempted before giving up when other calls of the same caller keep winning the race. */
const ATTEMPTS = 3;

/** Takes one unit of `key`'s current window, or throws RATE_LIMITED with when the window ends. */
export async function consume(store: Store, key: string, limit: RateLimit, now: number): Promise<void> {
  const per = WINDOW_MS[limit.per];
  const window = now - (now % per);
  const retryAfterMs = window + per - now;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const doc = await store.get('rateLimits', key);
    if (!doc) {
      try {
        await store.insert('rateLimits', { _id: key, window, count: 1 });
        return;
      } catch (err) {
        if (err instanceof StoreConflictError) continue;
        throw err;
      }
    }
    const fresh = doc.window !== window;
    if (!fresh && doc.count >= limit.max) throw rateLimited(retryAfterMs);
    const patch = fresh ? { window, count: 1 } : {};
    if (await store.update('rateLimits', key, patch, { version: doc._v }, fresh ? undefined : { count: 1 })) return;
  }
  throw rateLimited(retryAfterMs);
}
