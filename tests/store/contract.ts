/**
 * The Store contract: one behaviour for every adapter. Each adapter's test file calls
 * runStoreContract with a factory. The suite shares one store across its tests (real CloudBase
 * is slow to set up), so every test works in its own `batch` of ids and filters by it.
 */
import type { CollectionSpec } from '../../server/store/collections';
import { StoreConflictError, type AnyDocs, type Doc, type Store } from '../../server/store/port';
import { queryContract } from './contract-queries';
import { ids, newBatch, sorted } from './contract-support';

/** The collections the contract uses; adapters that need declarations open these. */
export const CONTRACT_COLLECTIONS = {
  items: {
    indexes: [{ fields: ['batch', 'rank'] }, { fields: ['batch', 'meta.level'] }],
    multi: ['tags'],
  },
  ledger: { indexes: [] },
} satisfies Record<string, CollectionSpec>;

export interface StoreUnderTest {
  store: Store<AnyDocs>;
  close?: () => void | Promise<void>;
}

export function runStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Store<AnyDocs>;
    beforeAll(async () => {
      subject = await makeStore();
      store = subject.store;
    });
    afterAll(async () => {
      await subject?.close?.();
    });

    describe('get / insert', () => {
      test('get returns null for a missing id', async () => {
        expect(await store.get('items', `${newBatch()}-none`)).toBeNull();
      });

      test('insert stores the document with _v = 1 (whatever _v it came with)', async () => {
        const b = newBatch();
        const doc = { _id: `${b}-1`, _v: 7, batch: b, name: '东店', meta: { level: 3, zone: 'n' }, tags: ['x', 'y'], on: false, none: null };
        await store.insert('items', doc);
        expect(await store.get('items', doc._id)).toEqual({ ...doc, _v: 1 });
      });

      test('insert of an existing id throws StoreConflictError and changes nothing', async () => {
        const b = newBatch();
        await store.insert('items', { _id: `${b}-1`, batch: b, name: 'first' });
        const err = await store.insert('items', { _id: `${b}-1`, batch: b, name: 'second' }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StoreConflictError);
        expect(err).toMatchObject({ collection: 'items', id: `${b}-1` });
        expect(await store.get('items', `${b}-1`)).toEqual({ _id: `${b}-1`, _v: 1, batch: b, name: 'first' });
      });

      test('the same id may exist in two collections', async () => {
        const id = `${newBatch()}-shared`;
        await store.insert('items', { _id: id, batch: 'x' });
        await store.insert('ledger', { _id: id, n: 1 });
        expect(await store.get('ledger', id)).toEqual({ _id: id, _v: 1, n: 1 });
      });

      test('insert rejects a document without a string _id', async () => {
        await expect(store.insert('items', { _id: '' })).rejects.toThrow(/_id/);
        await expect(store.insert('items', { _id: 5 } as unknown as Doc)).rejects.toThrow(/_id/);
      });

      test('getMany returns the found documents and skips missing ids', async () => {
        const b = newBatch();
        await store.insertMany(
          'items',
          [1, 2, 3].map((i) => ({ _id: `${b}-${i}`, batch: b, n: i })),
        );
        const got = await store.getMany('items', [`${b}-3`, `${b}-missing`, `${b}-1`]);
        expect(sorted(ids(got))).toEqual([`${b}-1`, `${b}-3`]);
        expect(got.find((d) => d._id === `${b}-3`)).toEqual({ _id: `${b}-3`, _v: 1, batch: b, n: 3 });
        expect(await store.getMany('items', [])).toEqual([]);
      });

      test('getMany with fields answers only those paths (and _id, _v); a path absent is left out', async () => {
        const b = newBatch();
        const n = { 'sz-s1': { gateIn: 3, pass: 1 }, 'sz-s2': { gateIn: 5 }, big: { x: 1 } };
        await store.insertMany('items', [
          { _id: `${b}-1`, batch: b, name: '一', n, urgent: { at: 7 } },
          { _id: `${b}-2`, batch: b, name: '二', n: { 'sz-s2': { gateIn: 1 } } },
        ]);
        const got = await store.getMany('items', [`${b}-1`, `${b}-2`], { fields: ['n.sz-s1', 'urgent', 'n.none'] });
        expect(got.sort((x, y) => x._id.localeCompare(y._id))).toEqual([
          { _id: `${b}-1`, _v: 1, n: { 'sz-s1': { gateIn: 3, pass: 1 } }, urgent: { at: 7 } },
          { _id: `${b}-2`, _v: 1 },
        ]);
        // Field names are checked like everywhere else: they reach SQL text and CloudBase queries.
        await expect(store.getMany('items', [`${b}-1`], { fields: ['n."x'] })).rejects.toThrow(/field/);
        await expect(store.getMany('items', [`${b}-1`], { fields: ['a b'] })).rejects.toThrow(/field/);
      });
    });

    describe('insertMany', () => {
      test('inserts every document and returns the count', async () => {
        const b = newBatch();
        const docs = Array.from({ length: 250 }, (_, i) => ({ _id: `${b}-${i}`, batch: b, rank: i }));
        expect(await store.insertMany('items', docs)).toBe(250);
        expect(await store.count('items', { batch: b })).toBe(250);
        expect(await store.get('items', `${b}-249`)).toEqual({ _id: `${b}-249`, _v: 1, batch: b, rank: 249 });
      });

      test('with skipExisting, existing ids are left as they are', async () => {
        const b = newBatch();
        await store.insert('items', { _id: `${b}-1`, batch: b, name: 'kept' });
        await store.update('items', `${b}-1`, { name: 'kept' });
        const n = await store.insertMany(
          'items',
          [1, 2, 3].map((i) => ({ _id: `${b}-${i}`, batch: b, name: 'new' })),
          { skipExisting: true },
        );
        expect(n).toBe(2);
        expect(await store.get('items', `${b}-1`)).toEqual({ _id: `${b}-1`, _v: 2, batch: b, name: 'kept' });
        expect(await store.get('items', `${b}-3`)).toMatchObject({ name: 'new', _v: 1 });
      });

      test('without skipExisting, an existing or repeated id fails it and nothing is written', async () => {
        const b = newBatch();
        await store.insert('items', { _id: `${b}-2`, batch: b });
        const existing = store.insertMany(
          'items',
          [1, 2, 3].map((i) => ({ _id: `${b}-${i}`, batch: b })),
        );
        await expect(existing).rejects.toBeInstanceOf(StoreConflictError);
        const repeated = store.insertMany('items', [
          { _id: `${b}-5`, batch: b },
          { _id: `${b}-5`, batch: b },
        ]);
        await expect(repeated).rejects.toMatchObject({ id: `${b}-5` });
        expect(sorted(ids((await store.query('items', { where: { batch: b } })).items))).toEqual([`${b}-2`]);
      });
    });

    describe('update', () => {
      test('shallow-merges: a top-level object is replaced, a dotted key sets one nested field; _v goes up', async () => {
        const b = newBatch();
        const id = `${b}-1`;
        await store.insert('items', { _id: id, batch: b, name: 'a', meta: { level: 1, zone: 'n' }, tags: ['x'] });
        expect(await store.update('items', id, { name: 'b', meta: { level: 2 } })).toBe(true);
        expect(await store.get('items', id)).toEqual({ _id: id, _v: 2, batch: b, name: 'b', meta: { level: 2 }, tags: ['x'] });
        expect(await store.update('items', id, { 'meta.zone': 's', tags: ['y', 'z'], 'extra.deep': true })).toBe(true);
        expect(await store.get('items', id)).toEqual({
          _id: id,
          _v: 3,
          batch: b,
          name: 'b',
          meta: { level: 2, zone: 's' },
          tags: ['y', 'z'],
          extra: { deep: true },
        });
      });

      test('an undefined value removes the field', async () => {
        const b = newBatch();
        await store.insert('items', { _id: `${b}-1`, batch: b, name: 'a', meta: { level: 1, zone: 'n' } });
        expect(await store.update('items', `${b}-1`, { name: undefined, 'meta.zone': undefined })).toBe(true);
        expect(await store.get('items', `${b}-1`)).toEqual({ _id: `${b}-1`, _v: 2, batch: b, meta: { level: 1 } });
        // Keys that are ids with a day (the counters' held flows), removed while others are added to.
        await store.update('items', `${b}-1`, {}, undefined, { 'meta.sz-s1_2026-11-29': 2, 'meta.sz-s1_2026-11-30': 1 });
        expect(await store.update('items', `${b}-1`, { 'meta.sz-s1_2026-11-29': undefined }, undefined, { 'meta.sz-s1_2026-11-30': 1 })).toBe(true);
        expect((await store.get('items', `${b}-1`))?.meta).toEqual({ level: 1, 'sz-s1_2026-11-30': 2 });
      });

      test('a missing document is not created and the result is false', async () => {
        const id = `${newBatch()}-none`;
        expect(await store.update('items', id, { name: 'x' })).toBe(false);
        expect(await store.get('items', id)).toBeNull();
      });

      test('_id and _v cannot be patched', async () => {
        const b = newBatch();
        await store.insert('items', { _id: `${b}-1`, batch: b });
        await expect(store.update('items', `${b}-1`, { _id: 'other' })).rejects.toThrow();
        await expect(store.update('items', `${b}-1`, { _v: 9 })).rejects.toThrow();
        expect(await store.get('items', `${b}-1`)).toEqual({ _id: `${b}-1`, _v: 1, batch: b });
      });

      test('conditional on version: applies when current, refuses a stale version and changes nothing', async () => {
        const b = newBatch();
        const id = `${b}-1`;
        await store.insert('items', { _id: id, batch: b, name: 'v1' });
        expect(await store.update('items', id, { name: 'v2' }, { version: 1 })).toBe(true);
        expect(await store.update('items', id, { name: 'stale' }, { version: 1 })).toBe(false);
        expect(await store.get('items', id)).toEqual({ _id: id, _v: 2, batch: b, name: 'v2' });
        expect(await store.update(`items`, `${b}-none`, { name: 'x' }, { version: 1 })).toBe(false);
      });

      test('conditional on fields: equality, null matches a missing field, a mismatch changes nothing', async () => {
        const b = newBatch();
        const id = `${b}-1`;
        await store.insert('items', { _id: id, batch: b, name: 'open', meta: { level: 2 } });
        expect(await store.update('items', id, { name: 'shut' }, { fields: { name: 'closed' } })).toBe(false);
        expect(await store.update('items', id, { name: 'shut' }, { fields: { name: 'open', 'meta.level': 3 } })).toBe(false);
        expect(await store.get('items', id)).toEqual({ _id: id, _v: 1, batch: b, name: 'open', meta: { level: 2 } });
        expect(await store.update('items', id, { name: 'shut' }, { fields: { name: 'open', 'meta.level': 2, gone: null } })).toBe(true);
        expect(await store.update('items', id, { rank: 1 }, { version: 2, fields: { name: 'shut' } })).toBe(true);
        expect(await store.update('items', id, { rank: 2 }, { version: 2, fields: { name: 'shut' } })).toBe(false);
        expect(await store.get('items', id)).toEqual({ _id: id, _v: 3, batch: b, name: 'shut', meta: { level: 2 }, rank: 1 });
      });

      test('concurrent conditional updates on one version: exactly one wins', async () => {
        const b = newBatch();
        await store.insert('items', { _id: `${b}-1`, batch: b, name: 'start' });
        const results = await Promise.all(Array.from({ length: 6 }, (_, i) => store.update('items', `${b}-1`, { name: `w${i}` }, { version: 1 })));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.get('items', `${b}-1`)).toMatchObject({ _v: 2, name: `w${results.indexOf(true)}` });
      });
      test('a conditional update can add to counters in the same write (a read receipt and its tally)', async () => {
        const b = newBatch();
        const id = `${b}-1`;
        await store.insert('ledger', { _id: id, total: { r: 0 } });
        const receipt = (who: string) =>
          store.update('ledger', id, { [`readers.${who}`]: { at: 1 } }, { fields: { [`readers.${who}`]: null } }, { 'total.r': 1, [`nodes.${who}x.r`]: 1 });
        expect(await receipt('u1')).toBe(true);
        expect(await receipt('u1')).toBe(false); // already there: neither set nor counted
        expect(await receipt('u2')).toBe(true);
        expect(await store.get('ledger', id)).toEqual({
          _id: id,
          _v: 3,
          total: { r: 2 },
          readers: { u1: { at: 1 }, u2: { at: 1 } },
          nodes: { u1x: { r: 1 }, u2x: { r: 1 } },
        });
        // Keys below the first level may be ids with dashes.
        expect(await store.update('ledger', id, {}, { fields: { 'nodes.sz-s1-c01.r': null } }, { 'nodes.sz-s1-c01.r': 1 })).toBe(true);
        expect(await store.update('ledger', id, {}, { fields: { 'nodes.sz-s1-c01.r': null } }, { 'nodes.sz-s1-c01.r': 1 })).toBe(false);
        expect(await store.count('ledger', { 'nodes.sz-s1-c01.r': 1 })).toBe(1);
        const racers = await Promise.all(Array.from({ length: 5 }, () => receipt('u3')));
        expect(racers.filter(Boolean)).toHaveLength(1);
        expect(await store.get('ledger', id)).toMatchObject({ total: { r: 3 } });
      });
    });

    describe('increment / remove', () => {
      test('adds to numeric fields, missing ones count as 0, _v goes up; a missing doc gives false', async () => {
        const b = newBatch();
        const id = `${b}-1`;
        await store.insert('ledger', { _id: id, n: 5 });
        expect(await store.increment('ledger', id, { n: 2, fresh: 3, 'sub.count': -1 })).toBe(true);
        expect(await store.get('ledger', id)).toEqual({ _id: id, _v: 2, n: 7, fresh: 3, sub: { count: -1 } });
        expect(await store.increment('ledger', `${b}-none`, { n: 1 })).toBe(false);
        expect(await store.get('ledger', `${b}-none`)).toBeNull();
      });

      test('concurrent increments all land', async () => {
        const id = `${newBatch()}-counter`;
        await store.insert('ledger', { _id: id, reads: 0 });
        await Promise.all(Array.from({ length: 30 }, (_, i) => store.increment('ledger', id, { reads: 1, acks: i % 2 ? 2 : 0 })));
        expect(await store.get('ledger', id)).toEqual({ _id: id, _v: 31, reads: 30, acks: 30 });
      });

      test('remove deletes once', async () => {
        const b = newBatch();
        await store.insert('items', { _id: `${b}-1`, batch: b, tags: ['t'] });
        expect(await store.remove('items', `${b}-1`)).toBe(true);
        expect(await store.remove('items', `${b}-1`)).toBe(false);
        expect(await store.get('items', `${b}-1`)).toBeNull();
        expect(await store.count('items', { batch: b, tags: { $has: 't' } })).toBe(0);
        await store.insert('items', { _id: `${b}-1`, batch: b, name: 'again' });
        expect(await store.get('items', `${b}-1`)).toEqual({ _id: `${b}-1`, _v: 1, batch: b, name: 'again' });
      });
    });

    queryContract(() => store);

    describe('transaction', () => {
      test('commits all its writes and returns the callback result', async () => {
        const b = newBatch();
        await store.insert('ledger', { _id: `${b}-acc`, n: 1 });
        const result = await store.transaction(async (tx) => {
          await tx.insert('items', { _id: `${b}-1`, batch: b, name: 'new' });
          await tx.increment('ledger', `${b}-acc`, { n: 10 });
          expect(await tx.update('items', `${b}-1`, { name: 'newer' }, { version: 1 })).toBe(true);
          return 'done';
        });
        expect(result).toBe('done');
        expect(await store.get('items', `${b}-1`)).toEqual({ _id: `${b}-1`, _v: 2, batch: b, name: 'newer' });
        expect(await store.get('ledger', `${b}-acc`)).toEqual({ _id: `${b}-acc`, _v: 2, n: 11 });
      });

      test('deferred work runs once per key after the callback, inside the transaction, before the commit', async () => {
        const b = newBatch();
        const order: string[] = [];
        await store.transaction(async (tx) => {
          await tx.defer('tally', async (t) => {
            order.push('tally');
            // It sees the callback's writes and its own write commits with them.
            expect(await t.get('items', `${b}-1`)).toMatchObject({ name: 'one' });
            await t.insert('ledger', { _id: `${b}-acc`, n: 2 });
          });
          await tx.defer('tally', async () => void order.push('again'));
          await tx.insert('items', { _id: `${b}-1`, batch: b, name: 'one' });
          order.push('callback');
        });
        expect(order).toEqual(['callback', 'tally']);
        expect(await store.get('ledger', `${b}-acc`)).toEqual({ _id: `${b}-acc`, _v: 1, n: 2 });
      });

      test('deferred work that throws rolls the transaction back; outside a transaction it runs at once', async () => {
        const b = newBatch();
        const boom = new Error('deferred boom');
        const err = await store
          .transaction(async (tx) => {
            await tx.defer('tally', async () => {
              throw boom;
            });
            await tx.insert('items', { _id: `${b}-1`, batch: b });
          })
          .catch((e: unknown) => e);
        expect(err).toBe(boom);
        expect(await store.get('items', `${b}-1`)).toBeNull();
        await store.defer('now', (s) => s.insert('items', { _id: `${b}-2`, batch: b }));
        expect(await store.get('items', `${b}-2`)).toMatchObject({ _id: `${b}-2` });
      });

      test('a throw rolls every write back and rethrows the same error', async () => {
        const b = newBatch();
        await store.insertMany('items', [
          { _id: `${b}-keep`, batch: b, name: 'keep' },
          { _id: `${b}-gone`, batch: b, name: 'gone' },
        ]);
        await store.insert('ledger', { _id: `${b}-acc`, n: 1 });
        const boom = new Error('boom');
        const err = await store
          .transaction(async (tx) => {
            await tx.insert('items', { _id: `${b}-new`, batch: b });
            await tx.update('items', `${b}-keep`, { name: 'changed' });
            await tx.increment('ledger', `${b}-acc`, { n: 5 });
            expect(await tx.remove('items', `${b}-gone`)).toBe(true);
            throw boom;
          })
          .catch((e: unknown) => e);
        expect(err).toBe(boom);
        expect(await store.get('items', `${b}-new`)).toBeNull();
        expect(await store.get('items', `${b}-keep`)).toEqual({ _id: `${b}-keep`, _v: 1, batch: b, name: 'keep' });
        expect(await store.get('items', `${b}-gone`)).toEqual({ _id: `${b}-gone`, _v: 1, batch: b, name: 'gone' });
        expect(await store.get('ledger', `${b}-acc`)).toEqual({ _id: `${b}-acc`, _v: 1, n: 1 });
      });

      test('reads its own writes; insert conflicts and conditions hold inside', async () => {
        const b = newBatch();
        await store.insert('items', { _id: `${b}-1`, batch: b, name: 'one' });
        await store.transaction(async (tx) => {
          expect(await tx.get('items', `${b}-none`)).toBeNull();
          await expect(tx.insert('items', { _id: `${b}-1`, batch: b })).rejects.toBeInstanceOf(StoreConflictError);
          await tx.insert('items', { _id: `${b}-2`, batch: b, name: 'two' });
          expect(await tx.get('items', `${b}-2`)).toEqual({ _id: `${b}-2`, _v: 1, batch: b, name: 'two' });
          expect(await tx.update('items', `${b}-1`, { name: 'x' }, { fields: { name: 'nope' } })).toBe(false);
          expect(await tx.update('items', `${b}-1`, { name: 'uno' }, { version: 1, fields: { name: 'one' } })).toBe(true);
          expect(await tx.update('items', `${b}-none`, { name: 'x' })).toBe(false);
          expect(await tx.increment('items', `${b}-none`, { n: 1 })).toBe(false);
          expect(await tx.remove('items', `${b}-none`)).toBe(false);
        });
        expect(sorted(ids((await store.query('items', { where: { batch: b } })).items))).toEqual([`${b}-1`, `${b}-2`]);
        expect(await store.get('items', `${b}-1`)).toMatchObject({ _v: 2, name: 'uno' });
      });
    });
  });
}
