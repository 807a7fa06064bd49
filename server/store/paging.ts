/**
 * Ordering, limits and cursors, shared by every adapter.
 *
 * A cursor holds the sort values of the last row of a page. The next page is every row
 * strictly after it in the full sort order (which always ends with `_id`, so it is total):
 * stable even when rows are inserted or removed between pages.
 */
import { InvalidCursorError, type Doc, type OrderBy, type Scalar } from './port';
import type { Clause } from './filter';
import { assertField, getPath } from './paths';

/** The most items one query returns (CloudBase's cap for a server-side get). */
export const MAX_LIMIT = 1000;

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return MAX_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_LIMIT);
}

export interface SortKey {
  field: string;
  dir: 'asc' | 'desc';
}

/** Validated sort keys, duplicates dropped, ending with `_id` (same direction as the last key). */
export function sortKeys(orderBy: OrderBy[] | undefined): SortKey[] {
  const keys: SortKey[] = [];
  for (const { field, dir = 'asc' } of orderBy ?? []) {
    assertField(field);
    if (dir !== 'asc' && dir !== 'desc') throw new Error(`invalid sort direction ${String(dir)}`);
    if (keys.some((k) => k.field === field)) continue;
    keys.push({ field, dir });
    if (field === '_id') return keys; // `_id` is unique: later keys never matter
  }
  keys.push({ field: '_id', dir: keys.length ? keys[keys.length - 1].dir : 'asc' });
  return keys;
}

const signature = (keys: SortKey[]) => keys.map((k) => `${k.field}:${k.dir}`).join(',');

function sortValue(doc: Doc, field: string): Scalar {
  const v = getPath(doc, field);
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') throw new Error(`cannot page on ${field}: it holds an object or array`);
  return v as Scalar;
}

export function encodeCursor(keys: SortKey[], last: Doc): string {
  const payload = { o: signature(keys), v: keys.map((k) => sortValue(last, k.field)) };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeCursor(keys: SortKey[], cursor: string): Scalar[] {
  let payload: { o?: unknown; v?: unknown };
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (payload?.o !== signature(keys) || !Array.isArray(payload.v) || payload.v.length !== keys.length) {
    throw new InvalidCursorError('invalid cursor: it belongs to a query with another order');
  }
  return payload.v as Scalar[];
}

/** The adapters' order as a comparator: nulls (and missing fields) first ascending, last descending. */
export function compareBy(keys: SortKey[]): (a: Doc, b: Doc) => number {
  return (a, b) => {
    for (const { field, dir } of keys) {
      const x = sortValue(a, field);
      const y = sortValue(b, field);
      const c = x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
      if (c) return dir === 'desc' ? -c : c;
    }
    return 0;
  };
}

/**
 * "Strictly after these sort values" as a disjunction of clause lists.
 * For keys (k1..kn): OR over i of (k1 = v1 AND … AND k(i-1) = v(i-1) AND ki after vi).
 * Nulls (and missing fields) sort first, so "after null" ascending is "not null" and
 * "after x" descending also takes the nulls.
 */
export function afterCursor(keys: SortKey[], values: Scalar[]): Clause[][] {
  const out: Clause[][] = [];
  keys.forEach((key, i) => {
    const prefix: Clause[] = keys.slice(0, i).map((k, j) => ({ field: k.field, op: '$eq', value: values[j] }));
    for (const step of strictlyAfter(key, values[i])) out.push([...prefix, step]);
  });
  return out;
}

function strictlyAfter({ field, dir }: SortKey, v: Scalar): Clause[] {
  if (dir === 'asc') return [v === null ? { field, op: '$ne', value: null } : { field, op: '$gt', value: v }];
  return v === null
    ? []
    : [
        { field, op: '$lt', value: v },
        { field, op: '$eq', value: null },
      ];
}
