import type { OrgNode } from '../../typings/domain';
import { makeHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

test('the demo district has the report’s shape', async () => {
  expect(await h.store.count('orgs', { level: 'district' })).toBe(1);
  expect(await h.store.count('orgs', { level: 'street' })).toBe(4);
  expect(await h.store.count('orgs', { level: 'community' })).toBe(31);
  expect(await h.store.count('orgs', { level: 'compound' })).toBe(315);
  expect(await h.store.count('orgs', { level: 'building' })).toBeGreaterThan(315 * 3);
});

test('org.tree without a root lists the caller’s own top nodes', async () => {
  const r = await h.ok('demo-secretary', 'org.tree', {});
  expect(r.items.map((n) => [n.id, n.name, n.level])).toEqual([['sz-s1-c01-x01', '威尼斯水城', 'compound']]);
});

test('org.tree by parent lists children in order, paged', async () => {
  const first = await h.ok('demo-street-staff', 'org.tree', { parentId: 'sz-s1', limit: 5 });
  expect(first.items.map((n) => n.name)).toEqual(['东店社区', '西街社区', '南街社区', '北街社区', '东关社区']);
  expect(first.next).toBeDefined();
  const all: OrgNode[] = [...first.items];
  let cursor = first.next;
  while (cursor) {
    const page = await h.ok('demo-street-staff', 'org.tree', { parentId: 'sz-s1', limit: 5, cursor });
    all.push(...page.items);
    cursor = page.next;
  }
  expect(all).toHaveLength(12);
  expect(new Set(all.map((n) => n.id)).size).toBe(12);
});

test('org.tree by root pages the whole subtree exactly once, level by level', async () => {
  const seen: OrgNode[] = [];
  let cursor: string | undefined;
  do {
    const page = await h.ok('demo-community-staff', 'org.tree', { rootId: 'sz-s1-c01', limit: 37, cursor });
    seen.push(...page.items);
    cursor = page.next;
  } while (cursor);
  const expected = await h.store.count('orgs', { path: { $has: 'sz-s1-c01' } });
  expect(seen).toHaveLength(expected);
  expect(new Set(seen.map((n) => n.id)).size).toBe(expected);
  const depths = seen.map((n) => n.path.length);
  expect(depths).toEqual([...depths].sort((a, b) => a - b));
  expect(seen.every((n) => n.path.includes('sz-s1-c01'))).toBe(true);
});

test('org.get returns ancestors root first; a resident may see their compound but not a neighbour', async () => {
  const r = await h.ok('demo-resident-1', 'org.get', { id: 'sz-s1-c01-x01' });
  expect(r).toMatchObject({ name: '威尼斯水城', level: 'compound', childCount: expect.any(Number) });
  expect(r.ancestors.map((a) => a.name)).toEqual(['商州区', '城关街道', '东店社区']);
  const other = await h.call('demo-resident-1', 'org.get', { id: 'sz-s1-c01-x02' });
  expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const missing = await h.call('demo-resident-1', 'org.get', { id: 'nope' });
  expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'data.id' } } });
});

test('org.directory lets anyone pick a building: districts, then children', async () => {
  const top = await h.ok('wx-newcomer', 'org.directory', {});
  expect(top.items).toEqual([{ id: 'sz', name: '商州区', level: 'district', childCount: 4 }]);
  const streets = await h.ok('wx-newcomer', 'org.directory', { parentId: 'sz' });
  expect(streets.items.map((s) => s.name)).toEqual(['城关街道', '大赵峪街道', '陈塬街道', '刘湾街道']);
  const buildings = await h.ok('wx-newcomer', 'org.directory', { parentId: 'sz-s1-c01-x01' });
  expect(buildings.items[0]).toMatchObject({ name: '1号楼', level: 'building' });
});

test('bad paging input is named', async () => {
  const r = await h.call('demo-admin', 'org.tree', { parentId: 'sz', limit: 0 });
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '「每页条数」不能小于 1', details: { field: 'data.limit' } } });
});
