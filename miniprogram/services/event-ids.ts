/**
 * Ids for gate events, made on the phone: uuid v4 from `wx.getRandomValues`, asked for ahead of
 * time so recording a decision never waits; of the same shape from a fallback when no secure
 * bytes are at hand. The server takes the same id twice as the same event.
 */

const ID_BYTES = 16;
let pool: number[] = [];
let refilling = false;
let counter = 0;

/** Asks for random bytes ahead of time, so recording a decision never waits. */
export function primeIds(): void {
  if (refilling || pool.length >= ID_BYTES * 16 || typeof wx.getRandomValues !== 'function') return;
  refilling = true;
  try {
    wx.getRandomValues({
      length: ID_BYTES * 64,
      success: (res) => {
        pool = pool.concat(Array.from(new Uint8Array(res.randomValues)));
      },
      complete: () => {
        refilling = false;
      },
    });
  } catch {
    refilling = false;
  }
}

/** Time, a counter and Math.random: unique enough on one phone when no secure bytes are at hand. */
function fallbackBytes(): number[] {
  const bytes: number[] = [];
  let t = Date.now();
  for (let i = 0; i < 6; i++) {
    bytes.unshift(t % 256);
    t = Math.floor(t / 256);
  }
  counter = (counter + 1) % 65536;
  bytes.push(counter >> 8, counter & 255);
  for (let i = 0; i < 8; i++) bytes.push(Math.floor(Math.random() * 256));
  return bytes;
}

/** A uuid v4 from wx.getRandomValues, or of the same shape from the fallback. */
export function newEventId(): string {
  const bytes = pool.length >= ID_BYTES ? pool.splice(0, ID_BYTES) : fallbackBytes();
  if (pool.length < ID_BYTES * 8) primeIds();
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
