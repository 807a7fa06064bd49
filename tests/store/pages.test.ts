/** The paging helpers every list uses (server/store/pages.ts), over the embedded store. */
import { eachPage, listPage, pageResult, queryAll, queryPhases } from '../../server/store/pages';
import { InvalidCursorError, type Filter, type AnyDocs } from '../../server/store/port';
import { openSqliteStore, type SqliteStore } from '../../server/store/sqlite';
import { CONTRACT_COLLECTIONS } from './contract';

let store: SqliteStore<AnyDocs>;
beforeAll(async () => {
  store = openSqliteStore<AnyDocs>({ file: ':memory:', collections: CONTRACT_COLLECTIONS });
  // 12 items: rank 0–11; even ones tagged 'even'; batch 'a' below 6, 'b' from 6.
  await store.insertMany(
    'items',
    Array.from({ length: 12 }, (_, i) => ({ _id: `i${String(i).padStart(2, '0')}`, rank: i, batch: i < 6 ? 'a' : 'b', tags: i % 2 ? [] : ['even'] })),
  );
});
afterAll(() => store.close());

test('pageResult maps the items and carries next only when there is more', async () => {
  const first = await store.query('items', { orderBy: [{ field: 'rank' }], limit: 5 });
  expect(pageResult(first, (d) => d._id)).toEqual({ items: ['i00', 'i01', 'i02', 'i03', 'i04'], next: first.next });
  const last = await store.query('items', { orderBy: [{ field: 'rank' }], limit: 20 });
  expect(Object.keys(pageResult(last, (d) => d._id))).toEqual(['items']);
});

test('eachPage visits every page in order; queryAll stops after maxPages', async () => {
  const seen: string[][] = [];
  await eachPage(store, 'items', { orderBy: [{ field: 'rank', dir: 'desc' }], limit: 5 }, (items) => void seen.push(items.map((d) => d._id)));
  expect(seen.map((p) => p.length)).toEqual([5, 5, 2]);
  expect(seen.flat()[0]).toBe('i11');
  expect(await queryAll(store, 'items', { orderBy: [{ field: 'rank' }], limit: 5 }, 2)).toHaveLength(10);
});

test('listPage pages a list in memory with an opaque cursor; a forged one is refused', () => {
  const list = Array.from({ length: 7 }, (_, i) => i);
  const one = listPage(list, undefined, 3);
  const two = listPage(list, one.next, 3);
  const three = listPage(list, two.next, 3);
  expect([one.items, two.items, three.items]).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  expect(three.next).toBeUndefined();
  expect(one.next).not.toBe('3');
  for (const bad of ['3', '%%%', Buffer.from('{"o":-1}').toString('base64url'), Buffer.from('[1]').toString('base64url')]) {
    expect(() => listPage(list, bad, 3)).toThrow(InvalidCursorError);
  }
});

test('queryPhases: phase after phase, each the union of its filters in one order, one cursor throughout', async () => {
  const phases: Filter[][] = [
    [
      { batch: 'b', tags: { $has: 'even' } },
      { batch: 'b', rank: { $gte: 9 } },
    ],
    [{ batch: 'a' }],
  ];
  const want = ['i11', 'i10', 'i09', 'i08', 'i06', 'i05', 'i04', 'i03', 'i02', 'i01', 'i00'];
  for (const limit of [1, 2, 3, 4, 20]) {
    const got: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await queryPhases(store, 'items', phases, { orderBy: [{ field: 'rank', dir: 'desc' }], limit, cursor });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      got.push(...page.items.map((d) => d._id));
      cursor = page.next;
      expect(++pages).toBeLessThan(20);
    } while (cursor);
    expect({ limit, got }).toEqual({ limit, got: want });
  }
  const q = { orderBy: [{ field: 'rank' }], limit: 2 };
  for (const bad of ['%%%', Buffer.from('{"p":2}').toString('base64url'), Buffer.from('{"p":0,"c":"x"}').toString('base64url')]) {
    await expect(queryPhases(store, 'items', phases, { ...q, cursor: bad })).rejects.toThrow(InvalidCursorError);
  }
});
