/**
 * The district's checklist being edited on the 督导检查 page: names edited in place, items and
 * categories added or removed, checked as inspect.saveChecklist checks them. Existing codes are
 * kept (they key the counters, so a rename keeps a category's findings); a new category or item
 * gets a code no other entry uses.
 */
import type { ChecklistCategory } from '../../../../typings/whistle';

export const MAX_CATEGORIES = 12;
export const MAX_ITEMS = 20;

const copy = (cats: readonly ChecklistCategory[]): ChecklistCategory[] => cats.map((c) => ({ ...c, items: c.items.map((i) => ({ ...i })) }));

function freshCode(cats: readonly ChecklistCategory[], prefix: string): string {
  const taken = new Set(cats.flatMap((c) => [c.code, ...c.items.map((i) => i.code)]));
  let n = 1;
  while (taken.has(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}

export function addCategory(cats: readonly ChecklistCategory[]): ChecklistCategory[] {
  const next = copy(cats);
  const code = freshCode(next, 'cat');
  next.push({ code, name: '', items: [{ code: freshCode([...next, { code, name: '', items: [] }], 'item'), name: '' }] });
  return next;
}

export function addItem(cats: readonly ChecklistCategory[], ci: number): ChecklistCategory[] {
  const next = copy(cats);
  next[ci].items.push({ code: freshCode(next, 'item'), name: '' });
  return next;
}

/** Removes an item; a category left with none goes with it. */
export function removeItem(cats: readonly ChecklistCategory[], ci: number, ii: number): ChecklistCategory[] {
  const next = copy(cats);
  next[ci].items.splice(ii, 1);
  return next[ci].items.length ? next : next.filter((_, i) => i !== ci);
}

/** Renames a category (`ii` -1) or an item. */
export function rename(cats: readonly ChecklistCategory[], ci: number, ii: number, name: string): ChecklistCategory[] {
  const next = copy(cats);
  if (ii < 0) next[ci].name = name;
  else next[ci].items[ii].name = name;
  return next;
}

/** The list trimmed, or why it cannot be saved (in Chinese). */
export function checkChecklist(cats: readonly ChecklistCategory[]): { categories: ChecklistCategory[] } | { error: string } {
  const categories = copy(cats).map((c) => ({ ...c, name: c.name.trim(), items: c.items.map((i) => ({ ...i, name: i.name.trim() })) }));
  if (!categories.length) return { error: '清单至少要有一个类别' };
  if (categories.length > MAX_CATEGORIES) return { error: `最多 ${MAX_CATEGORIES} 个类别` };
  const names = categories.map((c) => c.name);
  for (const c of categories) {
    if (c.name.length < 2 || c.name.length > 20) return { error: '类别名称应为 2–20 个字' };
    if (names.indexOf(c.name) !== names.lastIndexOf(c.name)) return { error: `类别「${c.name}」重复` };
    if (c.items.length > MAX_ITEMS) return { error: `「${c.name}」最多 ${MAX_ITEMS} 个条目` };
    const items = c.items.map((i) => i.name);
    for (const name of items) {
      if (name.length < 2 || name.length > 40) return { error: `「${c.name}」下的条目名称应为 2–40 个字` };
      if (items.indexOf(name) !== items.lastIndexOf(name)) return { error: `「${c.name}」下条目「${name}」重复` };
    }
  }
  return { categories };
}
