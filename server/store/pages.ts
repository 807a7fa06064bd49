/**
 * Paging, one way for every list. The store pages by cursor (`cursor` in, `next` out); built on
 * that: a page as an action answers it, a read of every page (bounded) or a walk over them, a
 * list paged in memory, and one order over several queries and phases. Cursors are opaque to
 * clients; one no query made is an InvalidCursorError (dispatch answers INVALID_ARGUMENT).
 */
import { compareBy, decodeCursor, encodeCursor, sortKeys } from './paging';
import { InvalidCursorError, type DocMap, type Filter, type Name, type OrderBy, type Page, type QueryOptions, type Store } from './port';

/** What a list action answers: `next` only when there is more. */
export interface PageResult<T> {
  items: T[];
  next?: string;
}

export function pageResult<T, U>(page: Page<T>, map: (item: T) => U): PageResult<U> {
  const items = page.items.map(map);
  return page.next ? { items, next: page.next } : { items };
}

/** Calls `visit` with every page of a query, in order. */
export async function eachPage<M extends DocMap<M>, C extends Name<M>>(
  store: Store<M>,
  collection: C,
  q: QueryOptions,
  visit: (items: Array<M[C]>) => void,
): Promise<void> {
  let cursor = q.cursor;
  do {
    const page = await store.query(collection, { ...q, cursor });
    visit(page.items);
    cursor = page.next;
  } while (cursor);
}

/** Every page of a query (bounded: `maxPages` pages). */
export async function queryAll<M extends DocMap<M>, C extends Name<M>>(store: Store<M>, collection: C, q: QueryOptions, maxPages = 20): Promise<Array<M[C]>> {
  const out: Array<M[C]> = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await store.query(collection, { ...q, cursor });
    out.push(...page.items);
    cursor = page.next;
    if (!cursor) break;
  }
  return out;
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode(cursor: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // garbled
  }
  throw new InvalidCursorError();
}

const isIndex = (v: unknown, below = Infinity): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < below;

/** A page of a list held in memory (its cursor is the offset). */
export function listPage<T>(list: readonly T[], cursor: string | undefined, limit: number): PageResult<T> {
  const from = cursor === undefined ? 0 : decode(cursor).o;
  if (!isIndex(from)) throw new InvalidCursorError();
  const items = list.slice(from, from + limit);
  return from + limit < list.length ? { items, next: encode({ o: from + limit }) } : { items };
}

/** One page of the union of queries sharing one order, all read from the same cursor. */
async function unionPage<M extends DocMap<M>, C extends Name<M>>(
  store: Store<M>,
  collection: C,
  filters: Filter[],
  orderBy: OrderBy[],
  limit: number,
  cursor?: string,
): Promise<Page<M[C]>> {
  const pages = await Promise.all(filters.map((where) => store.query(collection, { where, orderBy, limit, cursor })));
  if (pages.length === 1) return pages[0];
  const keys = sortKeys(orderBy);
  const all = [...new Map(pages.flatMap((p) => p.items).map((d) => [d._id, d])).values()].sort(compareBy(keys));
  const items = all.slice(0, limit);
  // Each query's unread rows sort after its last row, which sorts at or after our last one.
  const more = all.length > limit || pages.some((p) => p.next);
  return more ? { items, next: encodeCursor(keys, items[items.length - 1]) } : { items };
}

/**
 * A page over `phases` in turn (e.g. open alerts first, then the rest), each phase the union of
 * its filters' queries (e.g. one per scope) in one order. The cursor holds the phase and the
 * store's cursor inside it.
 */
export async function queryPhases<M extends DocMap<M>, C extends Name<M>>(
  store: Store<M>,
  collection: C,
  phases: Filter[][],
  q: { orderBy: OrderBy[]; limit: number; cursor?: string },
): Promise<PageResult<M[C]>> {
  let p = 0;
  let c: string | undefined;
  if (q.cursor !== undefined) {
    const cur = decode(q.cursor);
    if (!isIndex(cur.p, phases.length) || (cur.c !== undefined && typeof cur.c !== 'string')) throw new InvalidCursorError();
    if (cur.c !== undefined) decodeCursor(sortKeys(q.orderBy), cur.c);
    p = cur.p;
    c = cur.c;
  }
  const found: Array<M[C]> = [];
  let next: string | undefined;
  while (p < phases.length && found.length < q.limit) {
    const page = await unionPage(store, collection, phases[p], q.orderBy, q.limit - found.length, c);
    found.push(...page.items);
    if (page.next) {
      next = encode({ p, c: page.next });
      break;
    }
    p++;
    c = undefined;
  }
  if (!next && p < phases.length) next = encode({ p });
  return next ? { items: found, next } : { items: found };
}
