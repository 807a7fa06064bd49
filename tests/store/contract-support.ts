/** What the Store contract's parts share: the test document, batches of ids, and the expected order and pages. */
import type { AnyDocs, Doc, OrderBy, QueryOptions, Store } from '../../server/store/port';

export interface Item extends Doc {
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
export const newBatch = () => `b${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export const ids = (docs: Doc[]) => docs.map((d) => d._id);
export const sorted = (list: string[]) => [...list].sort();

/** Every page of a query, following `next` until it is gone. */
export async function allPages(store: Store<AnyDocs>, q: QueryOptions, pageSize: number): Promise<{ items: Doc[]; pages: number }> {
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
export function expectedOrder(docs: Item[], order: OrderBy[]): string[] {
  const keys = [...order, { field: '_id', dir: order[order.length - 1]?.dir ?? 'asc' }];
  const val = (d: Item, f: string) =>
    (f.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], d) ?? null) as number | string | null;
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
