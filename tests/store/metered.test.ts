/** MeteredStore counts operations as CloudBase bills them. */
import { MeteredStore, type Meter } from '../../server/store/metered';
import { StoreConflictError, type AnyDocs } from '../../server/store/port';
import { openSqliteStore } from '../../server/store/sqlite';
import { CloudBaseStore } from '../../server/store/cloudbase';
import { createFakeCloudDatabase } from '../support/fake-cloudbase';
import { CONTRACT_COLLECTIONS } from './contract';

const inners = {
  sqlite: () => openSqliteStore<AnyDocs>({ file: ':memory:', collections: CONTRACT_COLLECTIONS }),
  cloudbase: () => new CloudBaseStore<AnyDocs>(createFakeCloudDatabase({ flavor: 'wx' }), { flavor: 'wx' }),
};

describe.each(Object.entries(inners))('MeteredStore over %s', (_name, makeInner) => {
  test('reads: get, getMany, query, count are one each', async () => {
    const meter: Meter = { reads: 0, writes: 0 };
    const store = new MeteredStore(makeInner(), meter);
    await store.get('items', 'a');
    await store.getMany('items', ['a', 'b', 'c']);
    await store.query('items', { where: { batch: 'x' } });
    await store.count('items');
    expect(meter).toEqual({ reads: 4, writes: 0 });
  });

  test('writes: insert, update, increment, remove one each; insertMany one per document', async () => {
    const meter: Meter = { reads: 0, writes: 0 };
    const store = new MeteredStore(makeInner(), meter);
    await store.insert('items', { _id: 'a' });
    await store.update('items', 'a', { name: 'x' });
    await store.update('items', 'a', { name: 'y' }, { version: 1 }); // failed condition: still billed
    await store.increment('ledger', 'none', { n: 1 });
    await store.remove('items', 'a');
    expect(meter).toEqual({ reads: 0, writes: 5 });
    expect(await store.insertMany('items', [{ _id: 'b' }, { _id: 'c' }, { _id: 'd' }])).toBe(3);
    expect(meter).toEqual({ reads: 0, writes: 8 });
    await expect(store.insert('items', { _id: 'b' })).rejects.toBeInstanceOf(StoreConflictError);
    expect(meter.writes).toBe(9);
  });

  test('operations inside a transaction count the same, also when it rolls back', async () => {
    const meter: Meter = { reads: 0, writes: 0 };
    const store = new MeteredStore(makeInner(), meter);
    await store.transaction(async (tx) => {
      await tx.get('items', 'a');
      await tx.insert('items', { _id: 'a' });
      await tx.update('items', 'a', { n: 1 });
      await tx.increment('items', 'a', { n: 1 });
      await tx.remove('items', 'a');
    });
    expect(meter).toEqual({ reads: 1, writes: 4 });
    await store.transaction(async (tx) => tx.get('items', 'a')).catch(() => undefined);
    await expect(
      store.transaction(async (tx) => {
        await tx.insert('items', { _id: 'z' });
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(meter).toEqual({ reads: 2, writes: 5 });
    expect(await store.get('items', 'z')).toBeNull();
  });

  test('one meter per request: wrappers over one store count separately', async () => {
    const inner = makeInner();
    const m1: Meter = { reads: 0, writes: 0 };
    const m2: Meter = { reads: 0, writes: 0 };
    await Promise.all([new MeteredStore(inner, m1).get('items', 'a'), new MeteredStore(inner, m2).insert('items', { _id: 'a' })]);
    expect([m1, m2]).toEqual([
      { reads: 1, writes: 0 },
      { reads: 0, writes: 1 },
    ]);
  });
});
