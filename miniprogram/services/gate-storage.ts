/**
 * Where the volunteer's gate phone keeps its things in wx storage: the trust bundles, the chosen
 * gate, the event queue (one key per event, so a long offline morning never hits the 1 MB
 * per-key limit) and the phone's own log.
 */

export const STORAGE = {
  trust: (compoundId: string) => `lf.gate.trust.${compoundId}`,
  /** The volunteer's chosen gate. */
  post: 'lf.gate.post',
  /** Pending event ids, oldest first. */
  queue: 'lf.gate.queue',
  event: (id: string) => `lf.gate.event.${id}`,
  /** LogRow[], newest first. */
  log: 'lf.gate.log',
} as const;

/** A list kept under `key` ([] when there is none). */
export const readList = <T>(key: string): T[] => {
  const value: unknown = wx.getStorageSync(key);
  return Array.isArray(value) ? (value as T[]) : [];
};
