/** The embedded adapter: the contract on :memory: and on a WAL file, then what only SQLite has. */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AnyDocs, TxStore } from '../../server/store/port';
import { openSqliteStore, type SqliteStore } from '../../server/store/sqlite';
import { CONTRACT_COLLECTIONS, runStoreContract } from './contract';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lianfang-store-'));
  dirs.push(dir);
  return join(dir, 'nested', 'store.db');
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

runStoreContract('sqlite :memory:', async () => {
  const store = openSqliteStore<AnyDocs>({ file: ':memory:', collections: CONTRACT_COLLECTIONS });
  return { store, close: () => store.close() };
});

runStoreContract('sqlite WAL file', async () => {
  const store = openSqliteStore<AnyDocs>({ file: tempFile(), collections: CONTRACT_COLLECTIONS });
  return { store, close: () => store.close() };
});

describe('sqlite specifics', () => {
  let store: SqliteStore<AnyDocs>;
  afterEach(() => {
    if (store?.db.open) store.close();
  });

  test('opens in WAL mode with synchronous=NORMAL and a busy timeout', () => {
    store = openSqliteStore<AnyDocs>({ file: tempFile(), collections: CONTRACT_COLLECTIONS });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  test('a reopened file keeps its data; close checkpoints the WAL into the main file', async () => {
    const file = tempFile();
    store = openSqliteStore<AnyDocs>({ file, collections: CONTRACT_COLLECTIONS });
    await store.insertMany(
      'items',
      Array.from({ length: 50 }, (_, i) => ({ _id: `i${i}`, batch: 'w', tags: [`t${i % 5}`] })),
    );
    await store.update('items', 'i7', { name: 'seven' });
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    store.close();
    expect(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0).toBe(true);

    store = openSqliteStore<AnyDocs>({ file, collections: CONTRACT_COLLECTIONS });
    expect(await store.count('items', { batch: 'w' })).toBe(50);
    expect(await store.get('items', 'i7')).toEqual({ _id: 'i7', _v: 2, batch: 'w', tags: ['t2'], name: 'seven' });
    expect(await store.count('items', { tags: { $has: 't3' } })).toBe(10);
  });

  test('declared indexes are expression indexes the planner uses; $has on a multi field uses the side table', () => {
    store = openSqliteStore<AnyDocs>({ file: ':memory:', collections: CONTRACT_COLLECTIONS });
    const plan = (q: Parameters<SqliteStore['explain']>[1]) => store.explain('items', q).join(' | ');
    expect(plan({ where: { batch: 'x' }, orderBy: [{ field: 'rank' }] })).toMatch(/USING INDEX items__batch__rank/);
    expect(plan({ where: { batch: 'x', 'meta.level': 2 } })).toMatch(/USING INDEX items__batch__meta_level/);
    expect(plan({ where: { batch: { $in: ['x', 'y'] } } })).toMatch(/USING INDEX items__batch__/);
    expect(plan({ where: { tags: { $has: 'red' } } })).toMatch(/items__multi USING PRIMARY KEY/);
    expect(plan({ where: { _id: 'a' } })).toMatch(/USING INDEX sqlite_autoindex_items_1/);
  });

  test('the side table follows inserts, updates, increments and removes', async () => {
    store = openSqliteStore<AnyDocs>({ file: ':memory:', collections: CONTRACT_COLLECTIONS });
    const rows = () => store.db.prepare('SELECT field, value, id FROM items__multi ORDER BY id, value').all();
    await store.insert('items', { _id: 'a', tags: ['x', 'y', 'x', 3, true, null, { o: 1 }] });
    expect(rows()).toEqual([
      { field: 'tags', value: 1, id: 'a' },
      { field: 'tags', value: 3, id: 'a' },
      { field: 'tags', value: 'x', id: 'a' },
      { field: 'tags', value: 'y', id: 'a' },
    ]);
    await store.update('items', 'a', { tags: ['z'] });
    await store.increment('items', 'a', { n: 1 });
    expect(rows()).toEqual([{ field: 'tags', value: 'z', id: 'a' }]);
    await store.remove('items', 'a');
    expect(rows()).toEqual([]);
  });

  test('a changed multi declaration rebuilds the side table on open', async () => {
    const file = tempFile();
    store = openSqliteStore<AnyDocs>({ file, collections: { items: { indexes: [] } } });
    await store.insert('items', { _id: 'a', tags: ['x'] });
    store.close();
    store = openSqliteStore<AnyDocs>({ file, collections: CONTRACT_COLLECTIONS });
    expect(await store.count('items', { tags: { $has: 'x' } })).toBe(1);
    expect(store.explain('items', { where: { tags: { $has: 'x' } } }).join()).toMatch(/items__multi/);
  });

  test('operations from outside wait while a transaction is open; its own tx does not', async () => {
    store = openSqliteStore<AnyDocs>({ file: ':memory:', collections: CONTRACT_COLLECTIONS });
    await store.insert('ledger', { _id: 'c', n: 0 });
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = store.transaction(async (t) => {
      await t.increment('ledger', 'c', { n: 1 });
      log.push('tx wrote');
      await gate; // the transaction stays open across real async work
      await t.increment('ledger', 'c', { n: 1 });
      log.push('tx done');
    });
    await new Promise((r) => setTimeout(r, 5));
    const outside = store.get('ledger', 'c').then((d) => log.push(`outside saw ${d?.n}`));
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual(['tx wrote']);
    release();
    await Promise.all([tx, outside]);
    expect(log).toEqual(['tx wrote', 'tx done', 'outside saw 2']);
  });

  test('transactions run one after another, and a finished tx cannot be used', async () => {
    store = openSqliteStore<AnyDocs>({ file: ':memory:', collections: CONTRACT_COLLECTIONS });
    await store.insert('ledger', { _id: 'c', n: 0 });
    let leaked: TxStore<AnyDocs> | undefined;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        store.transaction(async (tx) => {
          leaked = tx;
          const cur = await tx.get('ledger', 'c');
          await new Promise((r) => setTimeout(r, 1));
          await tx.update('ledger', 'c', { n: (cur!.n as number) + 1 }); // read-modify-write: safe only if serialized
        }),
      ),
    );
    expect(await store.get('ledger', 'c')).toMatchObject({ n: 10 });
    await expect(leaked!.get('ledger', 'c')).rejects.toThrow(/ended/);
  });

  test('unknown collections are refused', async () => {
    store = openSqliteStore<AnyDocs>({ file: ':memory:', collections: CONTRACT_COLLECTIONS });
    await expect(store.get('nope', 'a')).rejects.toThrow(/unknown collection/);
    expect(() => openSqliteStore<AnyDocs>({ file: ':memory:', collections: { 'bad name': { indexes: [] } } })).toThrow(/collection/);
  });

  test('insertMany of 100,000 documents takes a few seconds at most', async () => {
    store = openSqliteStore<AnyDocs>({ file: tempFile(), collections: CONTRACT_COLLECTIONS });
    const docs = Array.from({ length: 100_000 }, (_, i) => ({
      _id: `u${i}`,
      batch: `b${i % 100}`,
      rank: i,
      tags: [`t${i % 7}`, `g${i % 13}`],
      meta: { level: i % 5 },
    }));
    const t0 = Date.now();
    expect(await store.insertMany('items', docs)).toBe(100_000);
    const ms = Date.now() - t0;
    expect(ms).toBeLessThan(5000);
    expect(await store.insertMany('items', docs.slice(0, 1000), { skipExisting: true })).toBe(0);
    expect(await store.count('items', { tags: { $has: 't3' } })).toBe(Math.ceil((100_000 - 3) / 7));
    console.log(`insertMany 100k: ${ms} ms`);
  }, 30_000);

  test('hot path: 10,000 gets take well under a second', async () => {
    store = openSqliteStore<AnyDocs>({ file: tempFile(), collections: CONTRACT_COLLECTIONS });
    await store.insertMany(
      'items',
      Array.from({ length: 1000 }, (_, i) => ({ _id: `g${i}`, name: `n${i}` })),
    );
    const t0 = Date.now();
    for (let i = 0; i < 10_000; i++) await store.get('items', `g${i % 1000}`);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  test('the file can be read by plain better-sqlite3 (documents are JSON)', async () => {
    const file = tempFile();
    store = openSqliteStore<AnyDocs>({ file, collections: CONTRACT_COLLECTIONS });
    await store.insert('items', { _id: 'a', name: 'x' });
    store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT _id, _v, doc FROM items').get()).toEqual({ _id: 'a', _v: 1, doc: '{"name":"x"}' });
    raw.close();
  });
});
