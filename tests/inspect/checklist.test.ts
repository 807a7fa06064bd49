/** The district keeps its checklist: who may, what is refused, idempotent, findings keep their names. */
import { DEFAULT_CHECKLIST } from '../../server/inspect/model';
import type { ChecklistCategory } from '../../typings/whistle';
import { makeHarness, T0, type Harness } from '../support/harness';

const ADMIN = 'demo-admin'; // the district 商州区 (sz)
const STREET_STAFF = 'demo-street-staff';
const SECRETARY = 'demo-secretary';
const COMPOUND = 'sz-s1-c01-x01';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const copy = (): ChecklistCategory[] => JSON.parse(JSON.stringify(DEFAULT_CHECKLIST)) as ChecklistCategory[];
const save = (categories: unknown, who = ADMIN, districtId = 'sz') => h.call(who, 'inspect.saveChecklist', { districtId, categories } as never);

test('the district saves its list; every node under it records against it; the same list again writes nothing', async () => {
  const list = copy();
  list.push({ code: 'supplies', name: '物资保障', items: [{ code: 'supplies-mask', name: '口罩储备不足' }] });
  list[0].name = '出入口管控';
  const r = await save(list);
  expect(r.ok && r.data.categories).toEqual(list);
  const seen = await h.ok(SECRETARY, 'inspect.checklist', { orgId: COMPOUND });
  expect(seen.categories).toEqual(list);
  const again = await save(list);
  expect(again.ok && again.meter.writes).toBe(0);
  const f = await h.ok(STREET_STAFF, 'inspect.record', {
    orgId: COMPOUND,
    requestId: 'req-supplies-0001',
    category: 'supplies',
    item: 'supplies-mask',
    description: '口罩只够两天',
    photos: [],
    deadline: T0 + 24 * 3_600_000,
  });
  expect(f).toMatchObject({ categoryName: '物资保障', itemName: '口罩储备不足' });
});

test('a finding keeps the item name it was recorded with after the item is renamed', async () => {
  const f = await h.ok(STREET_STAFF, 'inspect.record', {
    orgId: COMPOUND,
    requestId: 'req-rename-0001',
    category: 'entry',
    item: 'entry-temp',
    description: '测温未登记',
    photos: [],
    deadline: T0 + 24 * 3_600_000,
  });
  const list = copy();
  list[0].items[1].name = '体温登记不全';
  await h.ok(ADMIN, 'inspect.saveChecklist', { districtId: 'sz', categories: list });
  const listed = await h.ok(SECRETARY, 'inspect.list', { orgId: COMPOUND });
  expect(listed.items.find((x) => x.id === f.id)).toMatchObject({ itemName: '测温登记不规范' });
});

test('a category with findings in the district cannot be dropped; one without can', async () => {
  // The seed holds a finding under 出入口管理 (entry).
  const r = await save(copy().slice(1));
  expect(r).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', details: { field: 'data.categories' } } });
  expect(r.meter.writes).toBe(0);
  const ok = await save(copy().filter((c) => c.code !== 'duty'));
  expect(ok.ok).toBe(true);
});

test('street staff and the secretary may not; a district staff member may not name a street', async () => {
  expect(await save(copy(), STREET_STAFF)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await save(copy(), SECRETARY)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const street = await save(copy(), ADMIN, 'sz-s1');
  expect(street).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.districtId' } } });
});

const withItem = (item: Record<string, unknown>) => [{ code: 'c1', name: '类别一', items: [item] }];
test.each([
  ['no category', [], 'data.categories'],
  [
    '13 categories',
    Array.from({ length: 13 }, (_, i) => ({ code: `c${i}x`, name: `类别${i}`, items: [{ code: `i${i}x`, name: '条目名称' }] })),
    'data.categories',
  ],
  ['a category without items', [{ code: 'c1', name: '类别一', items: [] }], 'data.categories.0.items'],
  ['an upper-case code', withItem({ code: 'Item-1', name: '条目名称' }), 'data.categories.0.items.0.code'],
  ['a one-letter name', withItem({ code: 'item-1', name: '缺' }), 'data.categories.0.items.0.name'],
  ['an unknown field', withItem({ code: 'item-1', name: '条目名称', extra: 1 }), 'data.categories.0.items.0.extra'],
  [
    'a repeated category code',
    [
      { code: 'c1', name: '类别一', items: [{ code: 'a1', name: '条目一' }] },
      { code: 'c1', name: '类别二', items: [{ code: 'a2', name: '条目二' }] },
    ],
    'data.categories.1.code',
  ],
  [
    'an item code used in two categories',
    [
      { code: 'c1', name: '类别一', items: [{ code: 'a1', name: '条目一' }] },
      { code: 'c2', name: '类别二', items: [{ code: 'a1', name: '条目二' }] },
    ],
    'data.categories.1.items.0.code',
  ],
  [
    'a repeated item name',
    [
      {
        code: 'c1',
        name: '类别一',
        items: [
          { code: 'a1', name: '条目一' },
          { code: 'a2', name: '条目一' },
        ],
      },
    ],
    'data.categories.0.items.1.name',
  ],
])('refuses %s, naming the field, writing nothing', async (_what, categories, field) => {
  const r = await save(categories);
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field } } });
  expect(r.meter.writes).toBe(0);
});
