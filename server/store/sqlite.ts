/**
 * The embedded Store: one SQLite file (WAL) through better-sqlite3.
 *
 * better-sqlite3 is synchronous, so every single operation is atomic by construction. The
 * port's transactions are async, though: while one is open (BEGIN IMMEDIATE … COMMIT), every
 * operation from outside it waits for it to finish; the transaction's own TxStore goes straight
 * to the database (calling the outer store inside a callback would wait for itself).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { CollectionSpec } from './collections';
import { Deferred } from './deferred';
import { conditionFields, matchesCondition, toClauses } from './filter';
import { afterCursor, decodeCursor, encodeCursor, pageLimit, sortKeys, type SortKey } from './paging';
import { applyIncrement, applyPatch, assertDocId, assertField, getPath } from './paths';
import { conjunctionSql, disjunctionSql, jsonPath, multiValues, orderSql, projectedDoc, projectionSql, schemaSql, tableOf, type Table } from './sqlite-sql';
import { StoreConflictError } from './port';
import type { Collections, Doc, DocMap, Filter, ManyOptions, Name, Page, QueryOptions, Store, TxStore, UpdateCondition } from './port';

export interface SqliteStoreOptions<M extends DocMap<M>> {
  /** Path of the database file, or ':memory:'. Parent folders are created. */
  file: string;
  /** Every collection and its indexes (the app's: server/app.ts). */
  collections: Readonly<Record<Name<NoInfer<M>>, CollectionSpec>>;
  /** How long a write waits for another process's lock, ms (default 5000). */
  busyTimeoutMs?: number;
}

export function openSqliteStore<M extends DocMap<M> = Collections>({ file, collections, busyTimeoutMs = 5000 }: SqliteStoreOptions<M>): SqliteStore<M> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    return new SqliteStore<M>(db, createTables(db, collections));
  } catch (err) {
    db.close();
    throw err;
  }
}

function createTables(db: Database.Database, collections: Readonly<Record<string, CollectionSpec>>): Map<string, Table> {
  const tables = new Map<string, Table>();
  db.exec('CREATE TABLE IF NOT EXISTS "__collections" (name TEXT PRIMARY KEY, multi TEXT NOT NULL)');
  const known = db.prepare<[string], { multi: string }>('SELECT multi FROM "__collections" WHERE name = ?');
  const record = db.prepare('INSERT OR REPLACE INTO "__collections" (name, multi) VALUES (?, ?)');
  db.transaction(() => {
    for (const [name, spec] of Object.entries(collections)) {
      const t = tableOf(name, spec);
      for (const sql of schemaSql(t, spec)) db.exec(sql);
      // A changed `multi` list means the side table no longer matches the documents: rebuild it.
      const multi = JSON.stringify([...t.multi].sort());
      if (known.get(name)?.multi !== multi) {
        rebuildMulti(db, t);
        record.run(name, multi);
      }
      tables.set(name, t);
    }
  }).immediate();
  return tables;
}

function rebuildMulti(db: Database.Database, t: Table): void {
  if (!t.multiName) return;
  db.exec(`DELETE FROM ${t.multiName}`);
  const add = db.prepare(`INSERT OR IGNORE INTO ${t.multiName} (field, value, id) VALUES (?, ?, ?)`);
  for (const row of db.prepare<[], Row>(`SELECT _id, _v, doc FROM ${t.name}`).all()) {
    const doc = rowToDoc(row);
    for (const field of t.multi) for (const v of multiValues(getPath(doc, field))) add.run(field, v, row._id);
  }
}

interface Row {
  _id: string;
  _v: number;
  doc: string;
}

const rowToDoc = <T extends Doc>(row: Row): T => Object.assign({ _id: row._id, _v: row._v }, JSON.parse(row.doc)) as T;

function docJson(doc: Doc): string {
  const { _id: _omitId, _v: _omitV, ...rest } = doc;
  return JSON.stringify(rest);
}

const isConstraint = (err: unknown) => {
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/** Serializes async transactions; others can wait until none is queued or running. */
class TxQueue {
  pending = 0;
  private tail: Promise<void> = Promise.resolve();

  run<R>(fn: () => Promise<R>): Promise<R> {
    this.pending++;
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => void this.pending--,
      () => void this.pending--,
    );
    return result;
  }

  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}

/** The synchronous operations; both the store and its transactions call these. */
class SqliteCore {
  private readonly stmts = new Map<string, Database.Statement>();
  private readonly writeDoc: (t: Table, doc: Doc, v: number, mode: 'insert' | 'skip' | 'replace') => boolean;
  private readonly writeMany: (t: Table, docs: readonly Doc[], skip: boolean) => number;
  private readonly modify: (t: Table, id: string, change: (doc: Doc) => boolean) => boolean;
  private readonly removeRows: (t: Table, id: string) => boolean;

  constructor(
    readonly db: Database.Database,
    private readonly tables: Map<string, Table>,
  ) {
    // Each write runs in its own SQLite transaction (a savepoint inside an open one), so a row
    // and its side-table rows change together, also across processes sharing the file.
    this.writeDoc = db.transaction((t, doc, v, mode) => this.writeRow(t, doc, v, mode));
    this.writeMany = db.transaction((t, docs, skip) => {
      let n = 0;
      for (const doc of docs) if (this.writeRow(t, doc, 1, skip ? 'skip' : 'insert')) n++;
      return n;
    });
    const modify = db.transaction((t: Table, id: string, change: (doc: Doc) => boolean) => {
      const row = this.stmt<[string], Row>(`SELECT _id, _v, doc FROM ${t.name} WHERE _id = ?`).get(id);
      if (!row) return false;
      const doc = rowToDoc(row);
      if (!change(doc)) return false;
      this.writeRow(t, doc, row._v + 1, 'replace');
      return true;
    });
    this.modify = (t, id, change) => modify.immediate(t, id, change);
    this.removeRows = db.transaction((t: Table, id: string) => {
      if (t.multiName) this.stmt(`DELETE FROM ${t.multiName} WHERE id = ?`).run(id);
      return this.stmt(`DELETE FROM ${t.name} WHERE _id = ?`).run(id).changes > 0;
    });
  }

  stmt<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s as Database.Statement<P, R>;
  }

  table(collection: string): Table {
    const t = this.tables.get(collection);
    if (!t) throw new Error(`unknown collection ${collection}`);
    return t;
  }

  get<T extends Doc>(collection: string, id: string): T | null {
    const row = this.stmt<[string], Row>(`SELECT _id, _v, doc FROM ${this.table(collection).name} WHERE _id = ?`).get(id);
    return row ? rowToDoc<T>(row) : null;
  }

  getMany<T extends Doc>(collection: string, ids: string[], fields?: readonly string[]): T[] {
    if (!ids.length) return [];
    const from = `FROM ${this.table(collection).name} WHERE _id IN (SELECT value FROM json_each(?))`;
    const list = JSON.stringify(ids);
    if (!fields)
      return this.stmt<[string], Row>(`SELECT _id, _v, doc ${from}`)
        .all(list)
        .map((r) => rowToDoc<T>(r));
    const select = this.stmt<string[], Record<string, unknown>>(`SELECT _id, _v, ${projectionSql(fields)} ${from}`);
    return select.all(...fields.map((f) => jsonPath(assertField(f))), list).map((r) => projectedDoc<T>(r, fields));
  }

  insert(collection: string, doc: Doc): void {
    const t = this.table(collection);
    assertDocId(doc);
    try {
      if (t.multiName) this.writeDoc(t, doc, 1, 'insert');
      else this.writeRow(t, doc, 1, 'insert'); // one statement: atomic on its own
    } catch (err) {
      throw isConstraint(err) ? new StoreConflictError(collection, doc._id) : err;
    }
  }

  insertMany(collection: string, docs: readonly Doc[], skipExisting: boolean): number {
    const t = this.table(collection);
    docs.forEach((doc) => assertDocId(doc));
    try {
      return this.writeMany(t, docs, skipExisting);
    } catch (err) {
      if (!isConstraint(err)) throw err;
      throw new StoreConflictError(collection, this.firstDuplicate(collection, docs) ?? '?');
    }
  }

  /** The first id that repeats within `docs` or already exists. */
  private firstDuplicate(collection: string, docs: readonly Doc[]): string | undefined {
    const seen = new Set<string>();
    for (const { _id } of docs) {
      if (seen.has(_id) || this.get(collection, _id)) return _id;
      seen.add(_id);
    }
    return undefined;
  }

  update(collection: string, id: string, patch: Record<string, unknown>, cond?: UpdateCondition, inc?: Record<string, number>): boolean {
    conditionFields(cond);
    return this.modifyOrConflict(collection, id, (doc) => {
      if (!matchesCondition(doc, cond)) return false;
      applyPatch(doc, patch);
      if (inc) applyIncrement(doc, inc);
      return true;
    });
  }

  increment(collection: string, id: string, deltas: Record<string, number>): boolean {
    return this.modifyOrConflict(collection, id, (doc) => (applyIncrement(doc, deltas), true));
  }

  private modifyOrConflict(collection: string, id: string, change: (doc: Doc) => boolean): boolean {
    try {
      return this.modify(this.table(collection), id, change);
    } catch (err) {
      throw isConstraint(err) ? new StoreConflictError(collection, id) : err; // a unique index
    }
  }

  remove(collection: string, id: string): boolean {
    return this.removeRows(this.table(collection), id);
  }

  query<T extends Doc>(collection: string, q: QueryOptions = {}): Page<T> {
    const { sql, params, keys, limit } = this.compileQuery(collection, q);
    const rows = this.stmt<unknown[], Row>(sql).all(...params);
    const items = rows.slice(0, limit).map((r) => rowToDoc<T>(r));
    // One extra row was asked for, so `next` appears only when there really is more.
    return rows.length > limit ? { items, next: encodeCursor(keys, items[items.length - 1]) } : { items };
  }

  count(collection: string, where?: Filter): number {
    const t = this.table(collection);
    const params: unknown[] = [];
    const sql = `SELECT count(*) AS n FROM ${t.name} WHERE ${conjunctionSql(t, toClauses(where), params)}`;
    return this.stmt<unknown[], { n: number }>(sql).get(...params)!.n;
  }

  compileQuery(collection: string, q: QueryOptions): { sql: string; params: unknown[]; keys: SortKey[]; limit: number } {
    const t = this.table(collection);
    const keys = sortKeys(q.orderBy);
    const limit = pageLimit(q.limit);
    const params: unknown[] = [];
    let where = conjunctionSql(t, toClauses(q.where), params);
    if (q.cursor !== undefined) where += ` AND ${disjunctionSql(t, afterCursor(keys, decodeCursor(keys, q.cursor)), params)}`;
    params.push(limit + 1);
    return { sql: `SELECT _id, _v, doc FROM ${t.name} WHERE ${where} ORDER BY ${orderSql(keys)} LIMIT ?`, params, keys, limit };
  }

  private writeRow(t: Table, doc: Doc, v: number, mode: 'insert' | 'skip' | 'replace'): boolean {
    const sql =
      mode === 'replace'
        ? `UPDATE ${t.name} SET _v = ?, doc = ? WHERE _id = ?`
        : `INSERT${mode === 'skip' ? ' OR IGNORE' : ''} INTO ${t.name} (_v, doc, _id) VALUES (?, ?, ?)`;
    const written = this.stmt(sql).run(v, docJson(doc), doc._id).changes > 0;
    if (written && t.multiName) {
      if (mode === 'replace') this.stmt(`DELETE FROM ${t.multiName} WHERE id = ?`).run(doc._id);
      const add = this.stmt(`INSERT OR IGNORE INTO ${t.multiName} (field, value, id) VALUES (?, ?, ?)`);
      for (const field of t.multi) for (const value of multiValues(getPath(doc, field))) add.run(field, value, doc._id);
    }
    return written;
  }
}

class SqliteTx<M extends DocMap<M>> implements TxStore<M> {
  live = true;
  readonly deferred = new Deferred<TxStore<M>>();

  constructor(private readonly core: SqliteCore) {}

  private check(): SqliteCore {
    if (!this.live) throw new Error('this transaction has ended');
    return this.core;
  }

  async defer(key: string, run: (tx: TxStore<M>) => Promise<void>): Promise<void> {
    this.deferred.add(key, (this.check(), run));
  }

  async get<C extends Name<M>>(collection: C, id: string): Promise<M[C] | null> {
    return this.check().get(collection, id) as M[C] | null;
  }
  async insert<C extends Name<M>>(collection: C, doc: M[C]): Promise<void> {
    this.check().insert(collection, doc as Doc);
  }
  async update(collection: string, id: string, patch: Record<string, unknown>, cond?: UpdateCondition, inc?: Record<string, number>): Promise<boolean> {
    return this.check().update(collection, id, patch, cond, inc);
  }
  async increment(collection: string, id: string, deltas: Record<string, number>): Promise<boolean> {
    return this.check().increment(collection, id, deltas);
  }
  async remove(collection: string, id: string): Promise<boolean> {
    return this.check().remove(collection, id);
  }
}

export class SqliteStore<M extends DocMap<M> = Collections> implements Store<M> {
  private readonly core: SqliteCore;
  private readonly queue = new TxQueue();

  /** Use openSqliteStore(). */
  constructor(
    /** The underlying connection, for maintenance (backup, inspection) and tests. */
    readonly db: Database.Database,
    tables: Map<string, Table>,
  ) {
    this.core = new SqliteCore(db, tables);
  }

  /** Runs a synchronous operation once no transaction is open. */
  private async run<R>(op: () => R): Promise<R> {
    if (this.queue.pending) await this.queue.idle();
    return op();
  }

  get<C extends Name<M>>(collection: C, id: string): Promise<M[C] | null> {
    return this.run(() => this.core.get(collection, id) as M[C] | null);
  }
  getMany<C extends Name<M>>(collection: C, ids: string[], opts?: ManyOptions): Promise<Array<M[C]>> {
    return this.run(() => this.core.getMany(collection, ids, opts?.fields) as Array<M[C]>);
  }
  insert<C extends Name<M>>(collection: C, doc: M[C]): Promise<void> {
    return this.run(() => this.core.insert(collection, doc as Doc));
  }
  insertMany<C extends Name<M>>(collection: C, docs: ReadonlyArray<M[C]>, opts?: { skipExisting?: boolean }): Promise<number> {
    return this.run(() => this.core.insertMany(collection, docs as readonly unknown[] as readonly Doc[], opts?.skipExisting ?? false));
  }
  update(collection: string, id: string, patch: Record<string, unknown>, cond?: UpdateCondition, inc?: Record<string, number>): Promise<boolean> {
    return this.run(() => this.core.update(collection, id, patch, cond, inc));
  }
  increment(collection: string, id: string, deltas: Record<string, number>): Promise<boolean> {
    return this.run(() => this.core.increment(collection, id, deltas));
  }
  remove(collection: string, id: string): Promise<boolean> {
    return this.run(() => this.core.remove(collection, id));
  }
  query<C extends Name<M>>(collection: C, q?: QueryOptions): Promise<Page<M[C]>> {
    return this.run(() => this.core.query(collection, q) as Page<M[C]>);
  }
  count(collection: string, where?: Filter): Promise<number> {
    return this.run(() => this.core.count(collection, where));
  }

  defer(_key: string, run: (tx: TxStore<M>) => Promise<void>): Promise<void> {
    return run(this); // no transaction: at once
  }

  transaction<R>(fn: (tx: TxStore<M>) => Promise<R>): Promise<R> {
    return this.queue.run(async () => {
      const tx = new SqliteTx<M>(this.core);
      this.core.stmt('BEGIN IMMEDIATE').run();
      try {
        const result = await fn(tx);
        await tx.deferred.flush(tx);
        this.core.stmt('COMMIT').run();
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.core.stmt('ROLLBACK').run();
        throw err;
      } finally {
        tx.live = false;
      }
    });
  }

  /** The query plan SQLite picks for a query (for tests and tuning). */
  explain(collection: string, q: QueryOptions = {}): string[] {
    const { sql, params } = this.core.compileQuery(collection, q);
    return this.db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((r) => r.detail);
  }

  /** Checkpoints the WAL into the main file and closes. Not while a transaction is open. */
  close(): void {
    if (this.queue.pending) throw new Error('cannot close the store while a transaction is open');
    if (!this.db.open) return;
    if (!this.db.memory) this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
