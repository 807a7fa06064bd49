/** The Store contract's queries: filters, order, paging (run inside runStoreContract, contract.ts). */
import type { AnyDocs, OrderBy, QueryOptions, Store } from '../../server/store/port';
import { allPages, expectedOrder, ids, newBatch, sorted, type Item } from './contract-support';

export function queryContract(current: () => Store<AnyDocs>): void {
  let store: Store<AnyDocs>;
  beforeAll(() => {
    store = current();
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
      await expect(store.update('items', `${b}-a`, { $set: 1 })).rejects.toThrow(/field/);
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
      [
        'meta.level desc, rank asc',
        [
          { field: 'meta.level', dir: 'desc' },
          { field: 'rank', dir: 'asc' },
        ],
      ],
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
      const expected = expectedOrder(
        docs.filter((d) => typeof d.rank === 'number' && d.rank >= 3),
        [{ field: 'rank', dir: 'desc' }],
      );
      const { items } = await allPages(store, { where, orderBy: [{ field: 'rank', dir: 'desc' }] }, 3);
      expect(ids(items)).toEqual(expected);
    });

    test('paging is stable when documents come and go between pages', async () => {
      const pb = newBatch();
      await store.insertMany(
        'items',
        [1, 2, 3, 4, 5, 6].map((r) => ({ _id: `${pb}-${r}`, batch: pb, rank: r * 10 })),
      );
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
      await expect(store.query('items', { where: { batch: b }, orderBy: [{ field: 'rank', dir: 'desc' }], cursor: page.next })).rejects.toThrow(/cursor/);
      await expect(store.query('items', { where: { batch: b }, cursor: 'not a cursor' })).rejects.toThrow(/cursor/);
    });

    test('limit is capped at 1000, also when not given', async () => {
      const lb = newBatch();
      await store.insertMany(
        'items',
        Array.from({ length: 1003 }, (_, i) => ({ _id: `${lb}-${String(i).padStart(4, '0')}`, batch: lb })),
      );
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
}
