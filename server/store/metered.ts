/**
 * Counts database operations the way CloudBase bills them: get/getMany/query/count are one
 * read each; insert/update/increment/remove one write each; insertMany one write per document.
 * Operations inside a transaction count the same (a retried CloudBase transaction counts every
 * attempt, as it is billed). An operation counts when it is issued, whether or not it succeeds.
 *
 * Cheap to create per request: `new MeteredStore(store, meter)`.
 */
import type { Collections, DocMap, Filter, ManyOptions, Name, Page, QueryOptions, Store, TxStore, UpdateCondition } from './port';

export interface Meter {
  reads: number;
  writes: number;
}

export class MeteredTx<M extends DocMap<M> = Collections, S extends TxStore<M> = TxStore<M>> implements TxStore<M> {
  constructor(
    protected readonly inner: S,
    readonly meter: Meter,
  ) {}

  get<C extends Name<M>>(collection: C, id: string): Promise<M[C] | null> {
    this.meter.reads++;
    return this.inner.get(collection, id);
  }
  insert<C extends Name<M>>(collection: C, doc: M[C]): Promise<void> {
    this.meter.writes++;
    return this.inner.insert(collection, doc);
  }
  update(collection: Name<M>, id: string, patch: Record<string, unknown>, cond?: UpdateCondition, inc?: Record<string, number>): Promise<boolean> {
    this.meter.writes++;
    return this.inner.update(collection, id, patch, cond, inc);
  }
  increment(collection: Name<M>, id: string, deltas: Record<string, number>): Promise<boolean> {
    this.meter.writes++;
    return this.inner.increment(collection, id, deltas);
  }
  remove(collection: Name<M>, id: string): Promise<boolean> {
    this.meter.writes++;
    return this.inner.remove(collection, id);
  }
  /** The deferred work runs on this wrapper, so what it does is counted too. */
  defer(key: string, run: (tx: TxStore<M>) => Promise<void>): Promise<void> {
    return this.inner.defer(key, () => run(this));
  }
}

export class MeteredStore<M extends DocMap<M> = Collections> extends MeteredTx<M, Store<M>> implements Store<M> {
  getMany<C extends Name<M>>(collection: C, ids: string[], opts?: ManyOptions): Promise<Array<M[C]>> {
    this.meter.reads++;
    return this.inner.getMany(collection, ids, opts);
  }
  insertMany<C extends Name<M>>(collection: C, docs: ReadonlyArray<M[C]>, opts?: { skipExisting?: boolean }): Promise<number> {
    this.meter.writes += docs.length;
    return this.inner.insertMany(collection, docs, opts);
  }
  query<C extends Name<M>>(collection: C, q?: QueryOptions): Promise<Page<M[C]>> {
    this.meter.reads++;
    return this.inner.query(collection, q);
  }
  count(collection: Name<M>, where?: Filter): Promise<number> {
    this.meter.reads++;
    return this.inner.count(collection, where);
  }
  transaction<R>(fn: (tx: TxStore<M>) => Promise<R>): Promise<R> {
    return this.inner.transaction((tx) => fn(new MeteredTx<M>(tx, this.meter)));
  }
}
