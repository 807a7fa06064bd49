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

export const COLLECTIONS = {
  /** Org tree nodes: district → street → community → compound → building. */
  orgs: {
    indexes: [{ fields: ['parentId', 'order'] }, { fields: ['level', 'order'] }, { fields: ['depth', 'order'] }],
    multi: ['path'],
  },
  /** Users keyed by openid; grants embedded so identity is one read. */
  users: {
    indexes: [{ fields: ['household.buildingId'] }, { fields: ['household.compoundId'] }],
    multi: ['grantKeys'],
  },
  /** Audit trail of grants and revocations and of reads of personal data. */
  audit: {
    indexes: [{ fields: ['orgId', 'at'] }, { fields: ['actor', 'at'] }],
  },
  /** Key/value documents the system keeps for itself (seed markers, keys). */
  meta: { indexes: [] },
} satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
