/**
 * The phone's clock, corrected by the server's. Phone clocks are often wrong (set by hand, a
 * flat battery, a trip across zones with automatic time off), and the pass code, the gate's
 * decisions and every comparison with a server time must not depend on that.
 *
 * Every envelope carries the server's `serverTime`. Taking it as the time at the midpoint of the
 * request (half the round trip each way), offset = serverTime − (sent + received) / 2, good to
 * within half the round trip. The offset is kept in wx storage, so a cold launch with no network
 * still corrects by the last one measured. `now()` is the phone's time plus the offset.
 */

const STORAGE_KEY = 'lf.clock';

interface Measured {
  /** server − phone, ms */
  offsetMs: number;
  /** The round trip it was measured over, ms: the offset is good to within half of it. */
  rttMs: number;
}

/** What this instance holds (undefined: not read from storage yet). */
let held: Measured | null | undefined;

function isMeasured(value: unknown): value is Measured {
  const m = value as Partial<Measured> | null;
  return typeof m === 'object' && m !== null && Number.isFinite(m.offsetMs) && Number.isFinite(m.rttMs);
}

function measured(): Measured | null {
  if (held === undefined) {
    const value: unknown = wx.getStorageSync(STORAGE_KEY);
    held = isMeasured(value) ? value : null;
  }
  return held;
}

/** server − phone, ms (0 until a reply has been seen on this phone). */
export const offsetMs = (): number => measured()?.offsetMs ?? 0;

/** The server's time as this phone best knows it, unix ms. */
export const now = (): number => Date.now() + offsetMs();

/**
 * Learns from one reply: `serverTime` from its envelope, `sentAt`/`receivedAt` the phone's own
 * clock around the request. A sample replaces the held one when it is tighter (a shorter round
 * trip), or when the two cannot both be right: then the phone's clock has moved since.
 */
export function observe(serverTime: unknown, sentAt: number, receivedAt: number): void {
  if (typeof serverTime !== 'number' || !Number.isFinite(serverTime) || receivedAt < sentAt) return;
  const sample: Measured = { offsetMs: Math.round(serverTime - (sentAt + receivedAt) / 2), rttMs: receivedAt - sentAt };
  const last = measured();
  const agree = last !== null && Math.abs(sample.offsetMs - last.offsetMs) <= (sample.rttMs + last.rttMs) / 2;
  if (agree && last.rttMs <= sample.rttMs) return;
  held = sample;
  try {
    wx.setStorageSync(STORAGE_KEY, sample);
  } catch {
    // Storage full: corrected for this launch only.
  }
}
