/**
 * The outbox: every push (a pass decision, an alert to whoever must act, a notice to its
 * audience, a shift reminder) is a durable entry keyed by its dedupe key, written in the same
 * transaction as the change it reports. The sender (server/messaging/sender.ts) delivers each
 * entry at most once as a WeChat subscription message; the in-app views always have the content.
 */
import type { TemplateName } from '../../typings/messages';
import type { Store, TxStore } from '../store/port';

export type OutboxState = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed' | 'dead' | 'unknown';

export type OutboxDoc = {
  /** The dedupe key: the same push enqueued twice is one entry. */
  _id: string;
  _v?: number;
  /** What happened, e.g. "pass.decision", "alert", "notice". */
  kind: string;
  template: TemplateName;
  /** openid of the recipient */
  to: string;
  /** The mini program page the message opens. */
  page?: string;
  /** Plain values by meaning (e.g. title, status, time); cut to WeChat's field limits when sent. */
  values: Record<string, string>;
  state: OutboxState;
  attempts: number;
  /** Not before this instant (backoff). */
  nextAt: number;
  createdAt: number;
  leaseUntil?: number;
  sentAt?: number;
  /** WeChat errcode and message of the last failure. */
  lastError?: string;
};

declare module '../store/port' {
  interface Collections {
    outbox: OutboxDoc;
  }
}

export interface Push {
  key: string;
  kind: string;
  template: TemplateName;
  to: string;
  page?: string;
  values: Record<string, string>;
}

/** The entry a push becomes: pending, due now. */
function entryOf(push: Push, now: number): OutboxDoc {
  return {
    _id: push.key,
    kind: push.kind,
    template: push.template,
    to: push.to,
    ...(push.page ? { page: push.page } : {}),
    values: push.values,
    state: 'pending',
    attempts: 0,
    nextAt: now,
    createdAt: now,
  };
}

/**
 * Adds the pushes whose keys are not there yet; returns how many were added. Given the
 * transaction of the change the pushes report, each is read and inserted in it; given the store
 * (timer work in pages, no change to go with), they go in one insertMany that skips known keys.
 */
export async function enqueue(to: TxStore | Store, pushes: readonly Push[], now: number): Promise<number> {
  if (!pushes.length) return 0;
  const entries = pushes.map((p) => entryOf(p, now));
  if ('insertMany' in to) return to.insertMany('outbox', entries, { skipExisting: true });
  let added = 0;
  for (const entry of entries) {
    if (await to.get('outbox', entry._id)) continue;
    await to.insert('outbox', entry);
    added++;
  }
  return added;
}
