/**
 * Every collection and its indexes, declared in one place. The embedded adapter creates
 * these; scripts/init-db creates them in CloudBase. A field listed as `multi` is an array
 * queried with `$has`.
 */
export interface IndexSpec {
  fields: string[];
  unique?: boolean;
}

export interface CollectionSpec {
  indexes: IndexSpec[];
  /** Array fields queried with `$has` (multikey). */
  multi?: string[];
}

import { DUTY_COLLECTIONS } from '../duty/collections';

export const COLLECTIONS = {
  /** Org tree nodes: district → street → community → compound → building. */
  orgs: {
    indexes: [{ fields: ['parentId', 'order'] }, { fields: ['level', 'order'] }, { fields: ['depth', 'order'] }],
    multi: ['path'],
  },
  /** Users keyed by openid; grants embedded so identity is one read. */
  users: {
    indexes: [{ fields: ['household.buildingId'] }, { fields: ['household.compoundId'] }],
    /** reach: `<audience>:<node>` for every node a notice reaches this user through (server/notices/audience.ts). */
    multi: ['grantKeys', 'reach'],
  },
  /** One document per notice, whatever the size of its audience. */
  notices: {
    indexes: [{ fields: ['scopeOrgId', 'publishedAt'] }, { fields: ['push', 'publishedAt'] }, { fields: ['remindAt'] }],
    multi: ['scopeChain'],
  },
  /** Read/ack receipts per notice and compound, with their tallies. */
  noticeReads: { indexes: [{ fields: ['noticeId'] }], multi: ['path'] },
  /** Audit trail of grants and revocations and of reads of personal data. */
  audit: {
    indexes: [{ fields: ['orgId', 'at'] }, { fields: ['actor', 'at'] }],
  },
  /** Key/value documents the system keeps for itself (seed markers, key ring). */
  meta: { indexes: [] },
  /** Entry passes. */
  passes: {
    indexes: [
      { fields: ['compoundId', 'status', 'createdAt'] },
      { fields: ['compoundId', 'createdAt'] },
      { fields: ['compoundId', 'buildingId', 'createdAt'] },
      { fields: ['holder', 'createdAt'] },
    ],
  },
  /** One live pass per person per compound: id = hash(compound, holder, person). */
  passLocks: { indexes: [] },
  /** Server signing keys for pass credentials (private parts never leave the server). */
  passKeys: { indexes: [] },
  /** Per compound: the gate policy (visitors) and the version of what verifier phones cache. */
  compoundGate: { indexes: [] },
  gates: { indexes: [{ fields: ['compoundId', 'order'] }] },
  /** Gate decisions; id = `${gateId}:${client event id}`. */
  gateEvents: {
    indexes: [
      { fields: ['compoundId', 'at'] },
      { fields: ['compoundId', 'day', 'verdict'] },
      { fields: ['gateId', 'at'] },
      { fields: ['compoundId', 'kind', 'at'] },
    ],
  },
  /** Registered vehicles; id = `${compoundId}:${plate}`. */
  vehicles: { indexes: [{ fields: ['compoundId', 'plate'] }] },
  /** Alerts raised for someone to act on (fever at the gate, …); delivered by the messaging of #5. */
  alerts: { indexes: [{ fields: ['orgId', 'status', 'createdAt'] }, { fields: ['status', 'ackDeadline'] }], multi: ['path'] },
  /** Pushes waiting to be sent (subscription messages); id = dedupe key. */
  outbox: { indexes: [{ fields: ['state', 'nextAt'] }, { fields: ['to', 'createdAt'] }] },
  /** Subscription-message consent, id = openid: per template one-time grants (counted), long-term flags, recent request ids. */
  consents: { indexes: [] },
  /** Volunteers on duty (issue #4): declared in server/duty/collections.ts. */
  ...DUTY_COLLECTIONS,
} satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
