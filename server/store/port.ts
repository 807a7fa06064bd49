/**
 * The Store port: the only way the domain touches a database.
 *
 * Two adapters implement it — embedded (better-sqlite3, one WAL file) and CloudBase
 * (wx-server-sdk / @cloudbase/node-sdk `Database`). One contract suite
 * (tests/store/contract.ts) holds both to the same behaviour.
 *
 * Documents are JSON objects with a string `_id` and an integer version `_v` that the
 * adapter sets to 1 on insert and bumps on every update/increment.
 *
 * Semantics the contract suite pins for both adapters:
 *  - in a patch, `undefined` removes a field and a top-level object replaces the field whole;
 *  - `null` equals a missing field, and `$ne` matches a missing field;
 *  - the default and largest page is 1,000; keep one type per field (backends order mixed types differently);
 *  - `StoreConflictError` also reports a unique-index violation, by insert or update;
 *  - transaction callbacks may run more than once (CloudBase retries on conflict): no side
 *    effects outside `tx`, and never call the outer store inside (the embedded adapter would wait forever);
 *  - `insertMany` is atomic on SQLite but not on CloudBase (checked, then written in batches);
 *  - work `defer`red in a transaction runs once per key after its callback, before the commit.
 *
 * The port is typed by a map of collection name → document type, `Collections`: each bounded
 * context declares its own collections into it (module augmentation, below), so
 * `store.get('gates', id)` is a `GateDoc` and the store imports no domain.
 */

export type Scalar = string | number | boolean | null;

export interface Doc {
  _id: string;
  _v?: number;
  [field: string]: unknown;
}

/**
 * Every collection of the app and the type of its documents. Contexts add theirs:
 *   declare module '../store/port' { interface Collections { gates: GateDoc } }
 */
export interface Collections {
  /** Key/value documents the system keeps for itself (the seed marker, the pass key ring). */
  meta: Doc;
}

/** A map of collection name → document type (the app's Collections, or a test's own). */
export type DocMap<M> = { [C in keyof M]: Doc };

/** The collection names of a map. */
export type Name<M> = keyof M & string;

/** Conditions on one field. Several keys in one object are ANDed. */
export interface FieldOps {
  $eq?: Scalar;
  $ne?: Scalar;
  $in?: Scalar[];
  $gt?: string | number;
  $gte?: string | number;
  $lt?: string | number;
  $lte?: string | number;
  /** The field is an array holding this element (e.g. `path` holds an ancestor id). */
  $has?: Scalar;
}

/**
 * A filter: every listed field must match (AND). A bare scalar means equality.
 * Field names may be dotted (`household.buildingId`).
 */
export type Filter = Record<string, Scalar | FieldOps>;

export interface OrderBy {
  field: string;
  dir?: 'asc' | 'desc';
}

export interface QueryOptions {
  where?: Filter;
  /** Sort keys; `_id` is always appended as the final tie-breaker (same direction as the last key). */
  orderBy?: OrderBy[];
  /** At most this many items (adapters cap at 1000). */
  limit?: number;
  /** Opaque cursor from a previous page's `next`. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Present when there may be more items; pass back as `cursor`. */
  next?: string;
}

/** Update condition: the update applies only if the stored document matches. */
export interface UpdateCondition {
  /** Expected `_v`. */
  version?: number;
  /** Expected field values (equality). */
  fields?: Record<string, Scalar>;
}

export interface ManyOptions {
  fields?: readonly string[];
}

/** Operations allowed inside a transaction: by id only (CloudBase transactions cannot query). */
export interface TxStore<M extends DocMap<M> = Collections> {
  get<C extends Name<M>>(collection: C, id: string): Promise<M[C] | null>;
  insert<C extends Name<M>>(collection: C, doc: M[C]): Promise<void>;
  /**
   * Shallow-merges `patch` (dotted keys allowed) into the document and, in the same atomic
   * write, adds `inc` to numeric fields (missing = 0). Returns false if missing or condition failed.
   */
  update(collection: Name<M>, id: string, patch: Record<string, unknown>, cond?: UpdateCondition, inc?: Record<string, number>): Promise<boolean>;
  /** Atomically adds to numeric fields (missing fields count as 0). Returns false if the doc is missing. */
  increment(collection: Name<M>, id: string, deltas: Record<string, number>): Promise<boolean>;
  remove(collection: Name<M>, id: string): Promise<boolean>;
  /**
   * Runs `run` once just before the transaction commits, inside it; a second `defer` with the
   * same key is ignored. For work gathered along a transaction and written once (counters).
   * Outside a transaction it runs at once.
   */
  defer(key: string, run: (tx: TxStore<M>) => Promise<void>): Promise<void>;
}

export interface Store<M extends DocMap<M> = Collections> extends TxStore<M> {
  /**
   * Documents with these ids, in no particular order; missing ids are skipped. One read. With
   * `fields`, each holds only those fields (dotted paths reach into objects; a path absent is left
   * out) besides `_id` and `_v`: for large documents of which a reader needs a part.
   */
  getMany<C extends Name<M>>(collection: C, ids: string[], opts?: ManyOptions): Promise<Array<M[C]>>;
  /** Inserts many; with `skipExisting` an existing id is left as it is instead of failing. Returns how many were inserted. */
  insertMany<C extends Name<M>>(collection: C, docs: ReadonlyArray<M[C]>, opts?: { skipExisting?: boolean }): Promise<number>;
  query<C extends Name<M>>(collection: C, q?: QueryOptions): Promise<Page<M[C]>>;
  count(collection: Name<M>, where?: Filter): Promise<number>;
  /** Runs `fn` atomically; a thrown error rolls everything back and is rethrown. */
  transaction<R>(fn: (tx: TxStore<M>) => Promise<R>): Promise<R>;
}

/** A store of any collections, untyped: what the adapters are built on. */
export type AnyDocs = Record<string, Doc>;

/** Thrown by `insert` when the id exists — the idempotency primitive. */
export class StoreConflictError extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`document ${collection}/${id} already exists`);
    this.name = 'StoreConflictError';
  }
}

/** A cursor no query made: forged, garbled, or from a query in another order. */
export class InvalidCursorError extends Error {
  constructor(why = 'invalid cursor') {
    super(why);
    this.name = 'InvalidCursorError';
  }
}
