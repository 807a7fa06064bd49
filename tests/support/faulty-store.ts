/**
 * A Store that fails one chosen write: the k-th insert, update, increment, remove or insertMany
 * call, counted across the store and the transactions run on it, throws before it reaches the
 * database. With no k it fails nothing and only counts, so a first run tells how many writes
 * a request makes. With `torn`, a failing insertMany first writes half its documents, as
 * CloudBase's (checked, then written in batches) can.
 */
import type { Collections, Filter, ManyOptions, Name, Page, QueryOptions, Store, TxStore, UpdateCondition } from '../../server/store/port';

export class InjectedFault extends Error {
  constructor(readonly write: number) {
    super(`injected fault at write ${write}`);
    this.name = 'InjectedFault';
  }
}

export class FaultyStore implements Store {
  /** Write calls issued so far, the failed one included. */
  writes = 0;
  /** The write call to fail (1-based); none when undefined. */
  failAt?: number;
  /** Each write call: "<op> <collection>", marked "(tx)" inside a transaction. */
  readonly trail: string[] = [];
  /** A failing insertMany writes its first half before it throws. */
  torn = false;

  constructor(readonly inner: Store) {}

  private write<R>(what: string, op: () => Promise<R>): Promise<R> {
    this.writes++;
    this.trail.push(what);
    if (this.writes === this.failAt) return Promise.reject(new InjectedFault(this.writes));
    return op();
  }

  private wrap(tx: TxStore): TxStore {
    const wrapped: TxStore = {
      defer: (key, run) => tx.defer(key, () => run(wrapped)),
      get: (c, id) => tx.get(c, id),
      insert: (c, doc) => this.write(`insert ${c} (tx)`, () => tx.insert(c, doc)),
      update: (c, id, patch, cond, inc) => this.write(`update ${c} (tx)`, () => tx.update(c, id, patch, cond, inc)),
      increment: (c, id, deltas) => this.write(`increment ${c} (tx)`, () => tx.increment(c, id, deltas)),
      remove: (c, id) => this.write(`remove ${c} (tx)`, () => tx.remove(c, id)),
    };
    return wrapped;
  }

  defer(_key: string, run: (tx: TxStore) => Promise<void>): Promise<void> {
    return run(this);
  }

  get<C extends Name<Collections>>(collection: C, id: string): Promise<Collections[C] | null> {
    return this.inner.get(collection, id);
  }
  getMany<C extends Name<Collections>>(collection: C, ids: string[], opts?: ManyOptions): Promise<Array<Collections[C]>> {
    return this.inner.getMany(collection, ids, opts);
  }
  query<C extends Name<Collections>>(collection: C, q?: QueryOptions): Promise<Page<Collections[C]>> {
    return this.inner.query(collection, q);
  }
  count(collection: Name<Collections>, where?: Filter): Promise<number> {
    return this.inner.count(collection, where);
  }
  insert<C extends Name<Collections>>(collection: C, doc: Collections[C]): Promise<void> {
    return this.write(`insert ${collection}`, () => this.inner.insert(collection, doc));
  }
  insertMany<C extends Name<Collections>>(collection: C, docs: ReadonlyArray<Collections[C]>, opts?: { skipExisting?: boolean }): Promise<number> {
    if (this.torn && this.writes + 1 === this.failAt) {
      return this.inner
        .insertMany(collection, docs.slice(0, Math.ceil(docs.length / 2)), opts)
        .then(() => this.write(`insertMany ${collection}`, async () => 0));
    }
    return this.write(`insertMany ${collection}`, () => this.inner.insertMany(collection, docs, opts));
  }
  update(collection: Name<Collections>, id: string, patch: Record<string, unknown>, cond?: UpdateCondition, inc?: Record<string, number>): Promise<boolean> {
    return this.write(`update ${collection}`, () => this.inner.update(collection, id, patch, cond, inc));
  }
  increment(collection: Name<Collections>, id: string, deltas: Record<string, number>): Promise<boolean> {
    return this.write(`increment ${collection}`, () => this.inner.increment(collection, id, deltas));
  }
  remove(collection: Name<Collections>, id: string): Promise<boolean> {
    return this.write(`remove ${collection}`, () => this.inner.remove(collection, id));
  }
  transaction<R>(fn: (tx: TxStore) => Promise<R>): Promise<R> {
    return this.inner.transaction((tx) => fn(this.wrap(tx)));
  }
}
