/**
 * The Store contract: one behaviour for every adapter. Each adapter's test file calls
 * runStoreContract with a factory. The suite shares one store across its tests (real CloudBase
 * is slow to set up), so every test works in its own `batch` of ids and filters by it.
 */
import type { CollectionSpec } from '../../server/store/collections';
import { StoreConflictError, type Doc, type OrderBy, type QueryOptions, type Store, type AnyDocs } from '../../server/store/port';

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

interface Item extends Doc {
  batch: string;
  rank?: number | null;
  name?: string;
  tags?: string[];
  labels?: string[];
  meta?: { level?: number; zone?: string };
  on?: boolean;
  n?: number;
}

let seq = 0;
const newBatch = () => `b${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const ids = (docs: Doc[]) => docs.map((d) => d._id);
const sorted = (list: string[]) => [...list].sort();

/** Every page of a query, following `next` until it is gone. */
async function allPages(store: Store<AnyDocs>, q: QueryOptions, pageSize: number): Promise<{ items: Doc[]; pages: number }> {
  const items: Doc[] = [];
  let cursor = q.cursor;
  let pages = 0;
  do {
    const page = await store.query('items', { ...q, limit: pageSize, cursor });
    items.push(...page.items);
    cursor = page.next;
    pages++;
    if (pages > 100) throw new Error('paging does not end');
  } while (cursor);
  return { items, pages };
}

/** The expected order: missing/null first ascending, `_id` breaking ties in the last key's direction. */
function expectedOrder(docs: Item[], order: OrderBy[]): string[] {
  const keys = [...order, { field: '_id', dir: order[order.length - 1]?.dir ?? 'asc' }];
  const val = (d: Item, f: string) => (f.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], d) ?? null) as
    | number
    | string
    | null;
  return [...docs]
    .sort((a, b) => {
      for (const { field, dir } of keys) {
        const x = val(a, field);
        const y = val(b, field);
        const c = x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
        if (c) return dir === 'desc' ? -c : c;
      }
      return 0;
    })
    .map((d) => d._id);
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
        await store.insertMany('items', [1, 2, 3].map((i) => ({ _id: `${b}-${i}`, batch: b, n: i })));
        const got = await store.getMany('items', [`${b}-3`, `${b}-missing`, `${b}-1`]);
        expect(sorted(ids(got))).toEqual([`${b}-1`, `${b}-3`]);
        expect(got.find((d) => d._id === `${b}-3`)).toEqual({ _id: `${b}-3`, _v: 1, batch: b, n: 3 });
        expect(await store.getMany('items', [])).toEqual([]);
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
        const existing = store.insertMany('items', [1, 2, 3].map((i) => ({ _id: `${b}-${i}`, batch: b })));
        await expect(existing).rejects.toBeInstanceOf(StoreConflictError);
        const repeated = store.insertMany('items', [{ _id: `${b}-5`, batch: b }, { _id: `${b}-5`, batch: b }]);
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
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) => store.update('items', `${b}-1`, { name: `w${i}` }, { version: 1 })),
        );
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

    describe('query', () => {
      let b: string;
      const rows = (bb: string): Item[] => [
        { _id: `${bb}-a`, batch: bb, rank: 1, name: 'amber', tags: ['red', 'x'], labels: ['p'], meta: { level: 1, zone: 'n' }, on: true },
        { _id: `${bb}-b`, batch: bb, rank: 2, name: 'birch', tags: ['blue'], labels: ['q', 'p'], meta: { level: 2, zone: 's' }, on: false },
        { _id: `${bb}-c`, batch: bb, rank: 2, name: 'cedar', tags: ['red'], meta: { level: 3 }, on: true },
        { _id: `${bb}-d`, batch: bb, rank: 3, name: 'dogwood', tags: [], meta: { level: 2, zone: 'n' } },
        { _id: `${bb}-e`, batch: bb, rank: null, name: 'elm', tags: ['blue', 'red'] },
        { _id: `${bb}-f`, batch: bb, name: 'fir' },
      ];
      const q = async (where: QueryOptions['where']) =>
        sorted(ids((await store.query('items', { where: { batch: b, ...where } })).items)).map((id) => id.slice(b.length + 1));

      beforeAll(async () => {
        b = newBatch();
        await store.insertMany('items', rows(b));
      });

      test('equality, $ne (a missing field is not equal), $in, and null equality (matches missing)', async () => {
        expect(await q({ name: 'birch' })).toEqual(['b']);
        expect(await q({ rank: { $eq: 2 } })).toEqual(['b', 'c']);
        expect(await q({ rank: { $ne: 2 } })).toEqual(['a', 'd', 'e', 'f']);
        expect(await q({ rank: { $in: [1, 3, 99] } })).toEqual(['a', 'd']);
        expect(await q({ name: { $in: [] } })).toEqual([]);
        expect(await q({ rank: null })).toEqual(['e', 'f']);
        expect(await q({ rank: { $ne: null } })).toEqual(['a', 'b', 'c', 'd']);
        expect(await q({ rank: { $in: [null, 3] } })).toEqual(['d', 'e', 'f']);
        expect(await q({ _id: `${b}-c` })).toEqual(['c']);
      });

      test('ranges on numbers and strings; several operators on one field are ANDed; null never in range', async () => {
        expect(await q({ rank: { $gt: 1 } })).toEqual(['b', 'c', 'd']);
        expect(await q({ rank: { $gte: 2, $lt: 3 } })).toEqual(['b', 'c']);
        expect(await q({ rank: { $lte: 2 } })).toEqual(['a', 'b', 'c']);
        expect(await q({ name: { $gte: 'c', $lt: 'e' } })).toEqual(['c', 'd']);
        expect(await q({ rank: { $gt: 1, $ne: 3 } })).toEqual(['b', 'c']);
      });

      test('$has finds array elements, on a declared multi field and on any other array field', async () => {
        expect(await q({ tags: { $has: 'red' } })).toEqual(['a', 'c', 'e']);
        expect(await q({ tags: { $has: 'red' }, rank: { $ne: null } })).toEqual(['a', 'c']);
        expect(await q({ tags: { $has: 'green' } })).toEqual([]);
        expect(await q({ labels: { $has: 'p' } })).toEqual(['a', 'b']);
      });

      test('AND across fields, dotted fields and booleans', async () => {
        expect(await q({ 'meta.level': 2 })).toEqual(['b', 'd']);
        expect(await q({ 'meta.level': 2, 'meta.zone': 'n' })).toEqual(['d']);
        expect(await q({ 'meta.zone': { $ne: 'n' } })).toEqual(['b', 'c', 'e', 'f']);
        expect(await q({ on: true })).toEqual(['a', 'c']);
        expect(await q({ on: false, rank: 2 })).toEqual(['b']);
      });

      test('count applies the same filters', async () => {
        expect(await store.count('items', { batch: b })).toBe(6);
        expect(await store.count('items', { batch: b, tags: { $has: 'red' }, rank: { $gte: 2 } })).toBe(1);
        expect(await store.count('items', { batch: `${b}-nothing` })).toBe(0);
        expect(await store.count('ledger')).toBeGreaterThanOrEqual(0);
      });

      test('field names are validated', async () => {
        await expect(store.query('items', { where: { 'name; DROP TABLE items': 1 } })).rejects.toThrow(/field/);
        await expect(store.query('items', { where: { "name')": 1 } })).rejects.toThrow(/field/);
        await expect(store.query('items', { orderBy: [{ field: 'a b' }] })).rejects.toThrow(/field/);
        await expect(store.count('items', { 'a..b': 1 })).rejects.toThrow(/field/);
        await expect(store.update('items', `${b}-a`, { '$set': 1 })).rejects.toThrow(/field/);
        await expect(store.query('items', { where: { name: { $regex: 'x' } as never } })).rejects.toThrow(/operator/);
      });
    });

    describe('order and paging', () => {
      let b: string;
      let docs: Item[];
      beforeAll(async () => {
        b = newBatch();
        // Ties on rank, a null and a missing rank, ids not in rank order.
        const ranks = [5, 1, 3, 3, null, 1, 5, 2, undefined, 3, 4, 1, 5, 2, 3, 0, 4, 3, 1, 2, 5, 3];
        docs = ranks.map((rank, i) => ({
          _id: `${b}-${String((i * 7) % ranks.length).padStart(2, '0')}`,
          batch: b,
          ...(rank === undefined ? {} : { rank }),
          meta: { level: i % 3 },
        }));
        await store.insertMany('items', docs);
      });

      const cases: Array<[string, OrderBy[]]> = [
        ['rank asc', [{ field: 'rank' }]],
        ['rank desc', [{ field: 'rank', dir: 'desc' }]],
        ['meta.level desc, rank asc', [{ field: 'meta.level', dir: 'desc' }, { field: 'rank', dir: 'asc' }]],
        ['_id desc', [{ field: '_id', dir: 'desc' }]],
        ['no order (by _id)', []],
      ];
      test.each(cases)('%s: ties broken by _id, every page visited exactly once', async (_label, orderBy) => {
        const expected = expectedOrder(docs, orderBy);
        const whole = await store.query('items', { where: { batch: b }, orderBy });
        expect(ids(whole.items)).toEqual(expected);
        expect(whole.next).toBeUndefined();
        for (const size of [1, 4, 7]) {
          const { items, pages } = await allPages(store, { where: { batch: b }, orderBy }, size);
          expect(ids(items)).toEqual(expected);
          expect(pages).toBe(Math.ceil(expected.length / size));
        }
      });

      test('paging with a filter', async () => {
        const where = { batch: b, rank: { $gte: 3 } };
        const expected = expectedOrder(docs.filter((d) => typeof d.rank === 'number' && d.rank >= 3), [{ field: 'rank', dir: 'desc' }]);
        const { items } = await allPages(store, { where, orderBy: [{ field: 'rank', dir: 'desc' }] }, 3);
        expect(ids(items)).toEqual(expected);
      });

      test('paging is stable when documents come and go between pages', async () => {
        const pb = newBatch();
        await store.insertMany('items', [1, 2, 3, 4, 5, 6].map((r) => ({ _id: `${pb}-${r}`, batch: pb, rank: r * 10 })));
        const orderBy: OrderBy[] = [{ field: 'rank' }];
        const first = await store.query('items', { where: { batch: pb }, orderBy, limit: 2 });
        expect(ids(first.items)).toEqual([`${pb}-1`, `${pb}-2`]);
        await store.insert('items', { _id: `${pb}-0`, batch: pb, rank: 5 }); // before the cursor: not seen
        await store.insert('items', { _id: `${pb}-35`, batch: pb, rank: 35 }); // ahead: seen
        await store.remove('items', `${pb}-3`); // ahead, gone: not seen
        const rest = await allPages(store, { where: { batch: pb }, orderBy, cursor: first.next }, 2);
        expect(ids(rest.items)).toEqual([`${pb}-35`, `${pb}-4`, `${pb}-5`, `${pb}-6`]);
      });

      test('a cursor only works with the order it came from', async () => {
        const page = await store.query('items', { where: { batch: b }, orderBy: [{ field: 'rank' }], limit: 2 });
        expect(page.next).toEqual(expect.any(String));
        await expect(store.query('items', { where: { batch: b }, orderBy: [{ field: 'rank', dir: 'desc' }], cursor: page.next })).rejects.toThrow(
          /cursor/,
        );
        await expect(store.query('items', { where: { batch: b }, cursor: 'not a cursor' })).rejects.toThrow(/cursor/);
      });

      test('limit is capped at 1000, also when not given', async () => {
        const lb = newBatch();
        await store.insertMany('items', Array.from({ length: 1003 }, (_, i) => ({ _id: `${lb}-${String(i).padStart(4, '0')}`, batch: lb })));
        const page = await store.query('items', { where: { batch: lb }, limit: 5000 });
        expect(page.items).toHaveLength(1000);
        expect(page.next).toEqual(expect.any(String));
        const rest = await store.query('items', { where: { batch: lb }, cursor: page.next });
        expect(ids(rest.items)).toEqual([`${lb}-1000`, `${lb}-1001`, `${lb}-1002`]);
        expect(rest.next).toBeUndefined();
        expect((await store.query('items', { where: { batch: lb } })).items).toHaveLength(1000);
        await expect(store.query('items', { where: { batch: lb }, limit: 0 })).rejects.toThrow(/limit/);
      });
    });

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
