/**
 * How a collection is declared: its indexes, and the array fields queried with `$has`. Every
 * context declares its own (server/runtime/context.ts); the embedded adapter creates them.
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
