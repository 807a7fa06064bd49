/**
 * Counts database operations the way CloudBase bills them: get/getMany/query/count are one
 * read each; insert/update/increment/remove one write each; insertMany one write per document.
 * Operations inside a transaction count the same (a retried CloudBase transaction counts every
 * attempt, as it is billed). An operation counts when it is issued, whether or not it succeeds.
 *
 * Cheap to create per request: `new MeteredStore(store, meter)`.
 */
import type { Doc, Filter, Page, QueryOptions, Store, TxStore, UpdateCondition } from './port';

export interface Meter {
  reads: number;
  writes: number;
}

export class MeteredTx<S extends TxStore = TxStore> implements TxStore {
  constructor(
    protected readonly inner: S,
    readonly meter: Meter,
  ) {}

  get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null> {
    this.meter.reads++;
    return this.inner.get<T>(collection, id);
  }
  insert(collection: string, doc: Doc): Promise<void> {
    this.meter.writes++;
    return this.inner.insert(collection, doc);
  }
  update(collection: string, id: string, patch: Record<string, unknown>, cond?: UpdateCondition, inc?: Record<string, number>): Promise<boolean> {
    this.meter.writes++;
    return this.inner.update(collection, id, patch, cond, inc);
  }
  increment(collection: string, id: string, deltas: Record<string, number>): Promise<boolean> {
    this.meter.writes++;
    return this.inner.increment(collection, id, deltas);
  }
  remove(collection: string, id: string): Promise<boolean> {
    this.meter.writes++;
    return this.inner.remove(collection, id);
  }
}

export class MeteredStore extends MeteredTx<Store> implements Store {
  getMany<T extends Doc = Doc>(collection: string, ids: string[]): Promise<T[]> {
    this.meter.reads++;
    return this.inner.getMany<T>(collection, ids);
  }
  insertMany(collection: string, docs: Doc[], opts?: { skipExisting?: boolean }): Promise<number> {
    this.meter.writes += docs.length;
    return this.inner.insertMany(collection, docs, opts);
  }
  query<T extends Doc = Doc>(collection: string, q?: QueryOptions): Promise<Page<T>> {
    this.meter.reads++;
    return this.inner.query<T>(collection, q);
  }
  count(collection: string, where?: Filter): Promise<number> {
    this.meter.reads++;
    return this.inner.count(collection, where);
  }
  transaction<R>(fn: (tx: TxStore) => Promise<R>): Promise<R> {
    return this.inner.transaction((tx) => fn(new MeteredTx(tx, this.meter)));
  }
}
