/**
 * The CloudBase Store: wraps a CloudBase `Database` from wx-server-sdk (`cloud.database()`) or
 * @cloudbase/node-sdk (`app.database()`). It never imports either SDK — it receives the object —
 * so cloud function bundles keep wx-server-sdk external.
 *
 * The two SDKs differ in shape:            wx-server-sdk            node-sdk
 *   collection.add / doc.update / set      ({ data })               (data)
 *   add result                             { _id } / { _ids }       { id } / { ids }
 *   doc.get of a missing id                throws "…does not exist"  { data: [] } ({ data: null } in a transaction)
 *   update / remove result                 { stats: { updated } }   { updated } / { deleted }
 *   errors                                 Error with errCode/errMsg thrown; node-sdk may also *return* { code, message }
 *
 * Not atomic here, unlike the embedded store: insertMany (checked first, written in batches).
 * Transactions (db.runTransaction) may run their callback again on a write conflict.
 */
import { isDuplicateKeyError, isGenericDbError, isNotFound } from './cloudbase-errors';
import { Deferred } from './deferred';
import { conditionFields, matchesCondition, toClauses, type Clause } from './filter';
import { afterCursor, decodeCursor, encodeCursor, MAX_LIMIT, pageLimit, sortKeys } from './paging';
import { assertCollection, assertDocId, assertField, assertPatchField, incrementEntries } from './paths';
import {
  StoreConflictError,
  type Collections,
  type Doc,
  type DocMap,
  type Filter,
  type ManyOptions,
  type Name,
  type Page,
  type QueryOptions,
  type Store,
  type TxStore,
  type UpdateCondition,
} from './port';

export type CloudFlavor = 'wx' | 'node';

/** What the adapter needs of a `Database`; both SDKs' objects satisfy it. */
export interface CloudDatabaseLike {
  readonly command: unknown;
  collection(name: string): unknown;
  runTransaction(run: never, retries?: number): unknown;
}

export interface CloudBaseStoreOptions {
  flavor: CloudFlavor;
  /** Prepended to every collection name (e.g. a per-run prefix in tests). */
  prefix?: string;
}

// ---- the SDK surface this file uses (shared by both flavors; argument shapes differ) ----

interface Command {
  eq(v: unknown): unknown;
  neq(v: unknown): unknown;
  in(v: unknown[]): unknown;
  gt(v: unknown): unknown;
  gte(v: unknown): unknown;
  lt(v: unknown): unknown;
  lte(v: unknown): unknown;
  and(conds: unknown[]): unknown;
  or(conds: unknown[]): unknown;
  inc(n: number): unknown;
  set(v: unknown): unknown;
  remove(): unknown;
}
interface DocRef {
  get(): Promise<unknown>;
  update(arg: unknown): Promise<unknown>;
  remove(): Promise<unknown>;
}
interface Query {
  where(cond: unknown): Query;
  orderBy(field: string, dir: 'asc' | 'desc'): Query;
  limit(n: number): Query;
  /** The fields each document returns (`_id` always does). */
  field(projection: Record<string, boolean>): Query;
  get(): Promise<unknown>;
  count(): Promise<unknown>;
  update(arg: unknown): Promise<unknown>;
}
interface Collection extends Query {
  doc(id: string): DocRef;
  add(arg: unknown): Promise<unknown>;
}
interface Source {
  collection(name: string): Collection;
}
interface Db extends Source {
  command: Command;
  runTransaction<R>(fn: (t: Source) => Promise<R>, retries?: number): Promise<R>;
}

type Res = Record<string, unknown> & { stats?: Record<string, unknown> };

/** node-sdk in compatibility mode returns `{ code, message }` instead of throwing. */
function checked(res: unknown): Res {
  if (res && typeof res === 'object' && (res as Res).code) throw res;
  return (res ?? {}) as Res;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** The flavor-specific argument and result shapes. */
const DIALECTS = {
  wx: {
    arg: (data: unknown) => ({ data }),
    updated: (r: Res) => num(r.stats?.updated),
    removed: (r: Res) => num(r.stats?.removed),
  },
  node: {
    arg: (data: unknown) => data,
    updated: (r: Res) => num(r.updated),
    removed: (r: Res) => num(r.deleted),
  },
} as const;
type Dialect = (typeof DIALECTS)[CloudFlavor];

// ---- translation ----

function fieldCommand(_: Command, { op, value }: Clause): unknown {
  switch (op) {
    case '$eq':
    case '$has': // equality on an array field matches an element
      return _.eq(value);
    case '$ne':
      return _.neq(value);
    case '$in':
      return _.in(value as unknown[]);
    case '$gt':
      return _.gt(value);
    case '$gte':
      return _.gte(value);
    case '$lt':
      return _.lt(value);
    case '$lte':
      return _.lte(value);
  }
}

/** ANDed clauses as a CloudBase where-object; several conditions on one field become `_.and`. */
function whereObject(_: Command, clauses: Clause[]): Record<string, unknown> {
  const byField = new Map<string, unknown[]>();
  for (const c of clauses) byField.set(c.field, [...(byField.get(c.field) ?? []), fieldCommand(_, c)]);
  const out: Record<string, unknown> = {};
  for (const [field, cmds] of byField) out[field] = cmds.length === 1 ? cmds[0] : _.and(cmds);
  return out;
}

/** Port patch → CloudBase update data. Objects and arrays are `_.set` so they replace, not deep-merge. */
function updateData(_: Command, patch: Record<string, unknown>, inc?: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(patch)) {
    assertPatchField(field);
    out[field] = v === undefined ? _.remove() : v !== null && typeof v === 'object' ? _.set(v) : v;
  }
  for (const [field, delta] of incrementEntries(inc ?? {})) {
    if (field in out) throw new Error(`${field} is both set and incremented`);
    out[field] = _.inc(delta);
  }
  out._v = _.inc(1);
  return out;
}

function incrementData(_: Command, deltas: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = { _v: _.inc(1) };
  for (const [field, delta] of incrementEntries(deltas)) out[field] = _.inc(delta);
  return out;
}

const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

// ---- the adapter ----

/** Operations by id, against the database or inside a transaction. */
class CloudTx<M extends DocMap<M>> implements TxStore<M> {
  constructor(
    protected readonly src: Source,
    protected readonly _: Command,
    protected readonly d: Dialect,
    protected readonly prefix: string,
    /** Inside a transaction: its deferred work; on the store itself, none (deferred work runs at once). */
    readonly deferred: Deferred<TxStore<M>> | null = null,
  ) {}

  async defer(key: string, run: (tx: TxStore<M>) => Promise<void>): Promise<void> {
    if (this.deferred) this.deferred.add(key, run);
    else await run(this);
  }

  protected coll(collection: string): Collection {
    return this.src.collection(this.prefix + assertCollection(collection));
  }

  get<C extends Name<M>>(collection: C, id: string): Promise<M[C] | null> {
    return this.read(collection, id) as Promise<M[C] | null>;
  }

  protected async read(collection: string, id: string): Promise<Doc | null> {
    let res: Res;
    try {
      res = checked(await this.coll(collection).doc(id).get());
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
    const data = res.data; // an array outside a transaction, the document (or null) inside one
    return ((Array.isArray(data) ? data[0] : data) ?? null) as Doc | null;
  }

  /** Inside a transaction: read first — the transaction isolates the check, and a failed add could abort it. */
  async insert<C extends Name<M>>(collection: C, doc: M[C]): Promise<void> {
    const d = doc as Doc;
    assertDocId(d);
    if (await this.read(collection, d._id)) throw new StoreConflictError(collection, d._id);
    await this.add(collection, d);
  }

  protected async add(collection: string, doc: Doc): Promise<void> {
    checked(await this.coll(collection).add(this.d.arg({ ...doc, _v: 1 })));
  }

  /** Inside a transaction a condition is checked by reading first; the transaction isolates it. */
  async update(collection: string, id: string, patch: Record<string, unknown>, cond?: UpdateCondition, inc?: Record<string, number>): Promise<boolean> {
    const data = updateData(this._, patch, inc);
    conditionFields(cond);
    if (cond) {
      const cur = await this.read(collection, id);
      if (!cur || !matchesCondition(cur, cond)) return false;
    }
    return this.updateById(collection, id, data);
  }

  async increment(collection: string, id: string, deltas: Record<string, number>): Promise<boolean> {
    return this.updateById(collection, id, incrementData(this._, deltas));
  }

  async remove(collection: string, id: string): Promise<boolean> {
    return this.d.removed(checked(await this.coll(collection).doc(id).remove())) > 0;
  }

  protected async updateById(collection: string, id: string, data: Record<string, unknown>): Promise<boolean> {
    return this.d.updated(checked(await this.coll(collection).doc(id).update(this.d.arg(data)))) > 0;
  }
}

export class CloudBaseStore<M extends DocMap<M> = Collections> extends CloudTx<M> implements Store<M> {
  private readonly db: Db;

  constructor(db: CloudDatabaseLike, opts: CloudBaseStoreOptions) {
    const dialect = DIALECTS[opts.flavor];
    if (!dialect) throw new Error(`unknown CloudBase flavor ${String(opts.flavor)}`);
    const sdkDb = db as unknown as Db; // the seam: both SDKs' loosely typed objects
    super(sdkDb, sdkDb.command, dialect, opts.prefix ?? '');
    this.db = sdkDb;
  }

  override async insert<C extends Name<M>>(collection: C, doc: M[C]): Promise<void> {
    const d = doc as Doc;
    assertDocId(d);
    try {
      await this.add(collection, d);
    } catch (err) {
      // Confirm by reading when the SDK hid the cause behind a generic code.
      if (isDuplicateKeyError(err) || (isGenericDbError(err) && (await this.read(collection, d._id).catch(() => null)))) {
        throw new StoreConflictError(collection, d._id);
      }
      throw err;
    }
  }

  /** A condition becomes part of the update's where, so check and write are one atomic operation. */
  override async update(
    collection: string,
    id: string,
    patch: Record<string, unknown>,
    cond?: UpdateCondition,
    inc?: Record<string, number>,
  ): Promise<boolean> {
    const data = updateData(this._, patch, inc);
    if (!cond) return this.updateById(collection, id, data);
    const where: Record<string, unknown> = { _id: id };
    if (cond.version !== undefined) where._v = cond.version;
    for (const [field, value] of conditionFields(cond)) where[field] = value;
    return this.d.updated(checked(await this.coll(collection).where(where).update(this.d.arg(data)))) > 0;
  }

  getMany<C extends Name<M>>(collection: C, ids: string[], opts?: ManyOptions): Promise<Array<M[C]>> {
    return this.readMany(collection, ids, opts?.fields) as Promise<Array<M[C]>>;
  }

  private async readMany(collection: string, ids: string[], fields?: readonly string[]): Promise<Doc[]> {
    const out: Doc[] = [];
    for (const chunk of chunks([...new Set(ids)], MAX_LIMIT)) {
      const q = this.coll(collection)
        .where({ _id: this._.in(chunk) })
        .limit(chunk.length);
      const res = checked(await (fields ? q.field(Object.fromEntries([['_v', true], ...fields.map((f) => [assertField(f), true])])) : q).get());
      out.push(...((res.data as Doc[] | undefined) ?? []));
    }
    return out;
  }

  async insertMany<C extends Name<M>>(collection: C, all: ReadonlyArray<M[C]>, opts?: { skipExisting?: boolean }): Promise<number> {
    const docs = all as readonly unknown[] as readonly Doc[];
    docs.forEach((doc) => assertDocId(doc));
    const existing = new Set(
      (
        await this.readMany(
          collection,
          docs.map((d) => d._id),
        )
      ).map((d) => d._id),
    );
    const fresh = new Map<string, Doc>();
    for (const doc of docs) {
      if (existing.has(doc._id) || fresh.has(doc._id)) {
        if (!opts?.skipExisting) throw new StoreConflictError(collection, doc._id);
      } else fresh.set(doc._id, doc);
    }
    let inserted = 0;
    for (const batch of chunks([...fresh.values()], 100)) {
      try {
        checked(await this.coll(collection).add(this.d.arg(batch.map((doc) => ({ ...doc, _v: 1 })))));
        inserted += batch.length;
      } catch (err) {
        if (!isDuplicateKeyError(err) && !isGenericDbError(err)) throw err;
        // Someone wrote some of these meanwhile: go one by one.
        for (const doc of batch) {
          try {
            await this.insert(collection, doc as M[C]);
            inserted++;
          } catch (e) {
            if (!(e instanceof StoreConflictError && opts?.skipExisting)) throw e;
          }
        }
      }
    }
    return inserted;
  }

  async query<C extends Name<M>>(collection: C, q: QueryOptions = {}): Promise<Page<M[C]>> {
    const keys = sortKeys(q.orderBy);
    const limit = pageLimit(q.limit);
    let cond: unknown = this.where(toClauses(q.where));
    if (q.cursor !== undefined) {
      const alternatives = afterCursor(keys, decodeCursor(keys, q.cursor));
      if (!alternatives.length) return { items: [] };
      const after = this._.or(alternatives.map((alt) => whereObject(this._, alt)));
      cond = cond ? this._.and([cond, after]) : after;
    }
    let query: Query = this.coll(collection);
    if (cond) query = query.where(cond);
    for (const k of keys) query = query.orderBy(k.field, k.dir);
    // Ask for one more to know whether there is a next page — except at the cap, where a full page means "maybe".
    const fetch = Math.min(limit + 1, MAX_LIMIT);
    const rows = ((checked(await query.limit(fetch).get()).data as Doc[] | undefined) ?? []) as Array<M[C] & Doc>;
    const items = rows.slice(0, limit);
    const more = rows.length > limit || (fetch === limit && rows.length === limit);
    return more ? { items, next: encodeCursor(keys, items[items.length - 1]) } : { items };
  }

  async count(collection: string, where?: Filter): Promise<number> {
    const cond = this.where(toClauses(where));
    const coll = this.coll(collection);
    return num(checked(await (cond ? coll.where(cond) : coll).count()).total);
  }

  transaction<R>(fn: (tx: TxStore<M>) => Promise<R>): Promise<R> {
    return this.db.runTransaction(async (t) => {
      const tx = new CloudTx<M>(t, this._, this.d, this.prefix, new Deferred());
      const result = await fn(tx);
      await tx.deferred!.flush(tx);
      return result;
    });
  }

  private where(clauses: Clause[]): Record<string, unknown> | undefined {
    return clauses.length ? whereObject(this._, clauses) : undefined;
  }
}
