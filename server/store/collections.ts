/**
 * How a collection is declared: its indexes, and the array fields queried with `$has`. Every
 * context declares its own (server/runtime/context.ts); the embedded adapter creates them, and
 * so does init-db in CloudBase (scripts/deploy/database.ts), with the access rule below.
 */
export interface IndexSpec {
  fields: readonly string[];
  unique?: boolean;
}

export interface CollectionSpec {
  indexes: readonly IndexSpec[];
  /** Array fields queried with `$has` (multikey). */
  multi?: readonly string[];
}

/** The store's own: key/value documents the system keeps for itself (the seed marker, the pass key ring). */
export const STORE_COLLECTIONS = {
  meta: { indexes: [] },
} as const satisfies Record<string, CollectionSpec>;

/**
 * What a client (the mini program) may read and write directly, as a CloudBase security rule:
 * nothing, for every collection — every read and write goes through cloud functions, which the
 * rules do not bind. One rule for all; a collection that needed another would be declared here.
 */
export interface ClientAccess {
  read: boolean | string;
  write: boolean | string;
}

export const CLIENT_ACCESS: ClientAccess = { read: false, write: false };
