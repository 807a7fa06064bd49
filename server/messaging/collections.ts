/** The collections the messaging machinery keeps, and their indexes. */
import type { CollectionSpec } from '../store/collections';

export const MESSAGING_COLLECTIONS = {
  /** Pushes waiting to be sent (subscription messages); id = dedupe key. */
  outbox: { indexes: [{ fields: ['state', 'nextAt'] }, { fields: ['to', 'createdAt'] }, { fields: ['createdAt'] }] },
  /** Subscription-message consent, id = openid: per template one-time grants (counted), long-term flags, recent request ids. */
  consents: { indexes: [] },
} as const satisfies Record<string, CollectionSpec>;
