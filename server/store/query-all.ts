/** Reading a whole (bounded) result set through the paged Store port. */
import type { Doc, QueryOptions, Store } from './port';

/** Every page of a query (bounded: `maxPages` × 1000 documents). */
export async function queryAll<T extends Doc>(store: Store, collection: string, q: QueryOptions, maxPages = 20): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await store.query<T>(collection, { ...q, cursor });
    out.push(...page.items);
    cursor = page.next;
    if (!cursor) break;
  }
  return out;
}
