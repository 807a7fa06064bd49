/**
 * SQL text for the embedded adapter: table layout, index DDL and filter compilation.
 *
 * Layout per collection `c`:
 *   c(_id TEXT PRIMARY KEY, _v INTEGER, doc TEXT)   -- doc = JSON without _id/_v
 *   c__multi(field, value, id)                       -- one row per element of each `multi` array field
 * Declared indexes become expression indexes on json_extract(doc, '$.path'); queries emit the
 * very same expression so the planner can use them.
 */
import type { CollectionSpec } from './collections';
import type { Clause } from './filter';
import type { SortKey } from './paging';
import type { Scalar } from './port';
import { assertCollection, assertField, setPath } from './paths';

export interface Table {
  collection: string;
  /** Quoted table name. */
  name: string;
  /** Quoted side-table name, when the collection declares `multi` fields. */
  multiName?: string;
  multi: ReadonlySet<string>;
}

export const quote = (ident: string) => `"${ident}"`;

export function tableOf(collection: string, spec: CollectionSpec): Table {
  assertCollection(collection);
  const multi = new Set((spec.multi ?? []).map(assertField));
  return { collection, name: quote(collection), multiName: multi.size ? quote(`${collection}__multi`) : undefined, multi };
}

/** The SQL expression for a field: the columns for `_id`/`_v`, json_extract for the rest. */
export function fieldExpr(field: string): string {
  return field === '_id' || field === '_v' ? field : `json_extract(doc, '${jsonPath(field)}')`;
}

/** `$.a.b`; segments starting with a digit or holding a dash are quoted so they stay object keys. */
export function jsonPath(field: string): string {
  return `$.${field
    .split('.')
    .map((seg) => (/^[0-9]|-/.test(seg) ? `"${seg}"` : seg))
    .join('.')}`;
}

/** better-sqlite3 binds no booleans; json_extract reads JSON true/false as 1/0. */
export const toSql = (v: Scalar): string | number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

export function schemaSql(t: Table, spec: CollectionSpec): string[] {
  const sql = [`CREATE TABLE IF NOT EXISTS ${t.name} (_id TEXT PRIMARY KEY, _v INTEGER NOT NULL, doc TEXT NOT NULL)`];
  for (const ix of spec.indexes) {
    const fields = ix.fields.map(assertField);
    const ixName = quote(`${t.collection}__${fields.join('__').replace(/\./g, '_')}`);
    sql.push(`CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${ixName} ON ${t.name} (${fields.map(fieldExpr).join(', ')})`);
  }
  if (t.multiName) {
    // `value` has no declared type, so 1 and '1' stay distinct.
    sql.push(
      `CREATE TABLE IF NOT EXISTS ${t.multiName} (field TEXT NOT NULL, value NOT NULL, id TEXT NOT NULL, PRIMARY KEY (field, value, id)) WITHOUT ROWID`,
      `CREATE INDEX IF NOT EXISTS ${quote(`${t.collection}__multi_id`)} ON ${t.multiName} (id)`,
    );
  }
  return sql;
}

/** Compiles ANDed clauses, pushing bound values onto `params`. */
export function conjunctionSql(t: Table, clauses: Clause[], params: unknown[]): string {
  return clauses.length ? clauses.map((c) => clauseSql(t, c, params)).join(' AND ') : '1';
}

function clauseSql(t: Table, { field, op, value }: Clause, params: unknown[]): string {
  const e = fieldExpr(field);
  const bind = (v: Scalar) => (params.push(toSql(v)), '?');
  switch (op) {
    case '$eq':
      return value === null ? `${e} IS NULL` : `${e} = ${bind(value as Scalar)}`;
    case '$ne':
      // IS NOT: a missing field (NULL) is "not equal", as in CloudBase.
      return value === null ? `${e} IS NOT NULL` : `${e} IS NOT ${bind(value as Scalar)}`;
    case '$in': {
      const list = value as Scalar[];
      params.push(JSON.stringify(list.filter((v) => v !== null).map(toSql)));
      const inSql = `${e} IN (SELECT value FROM json_each(?))`;
      return list.includes(null) ? `(${e} IS NULL OR ${inSql})` : inSql;
    }
    case '$gt':
      return `${e} > ${bind(value as Scalar)}`;
    case '$gte':
      return `${e} >= ${bind(value as Scalar)}`;
    case '$lt':
      return `${e} < ${bind(value as Scalar)}`;
    case '$lte':
      return `${e} <= ${bind(value as Scalar)}`;
    case '$has':
      if (t.multi.has(field)) {
        params.push(field, toSql(value as Scalar));
        return `_id IN (SELECT id FROM ${t.multiName} WHERE field = ? AND value = ?)`;
      }
      return `EXISTS (SELECT 1 FROM json_each(${t.name}.doc, '${jsonPath(field)}') WHERE value = ${bind(value as Scalar)})`;
  }
}

/** `(A) OR (B) …` for a cursor's disjunction; no alternatives means nothing is after it. */
export function disjunctionSql(t: Table, alternatives: Clause[][], params: unknown[]): string {
  if (!alternatives.length) return '0';
  return `(${alternatives.map((alt) => `(${conjunctionSql(t, alt, params)})`).join(' OR ')})`;
}

export function orderSql(keys: SortKey[]): string {
  return keys.map((k) => `${fieldExpr(k.field)} ${k.dir === 'desc' ? 'DESC' : 'ASC'}`).join(', ');
}

/** The scalar elements of a `multi` field's value, as rows for the side table. */
export function multiValues(value: unknown): Array<string | number> {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const out: Array<string | number> = [];
  for (const v of list) {
    if (typeof v === 'string' || typeof v === 'number') out.push(v);
    else if (typeof v === 'boolean') out.push(v ? 1 : 0);
  }
  return out;
}

/** The columns a projection selects: each field's JSON text (NULL when absent) as f0, f1, …. */
export const projectionSql = (fields: readonly string[]) => fields.map((_, i) => `doc -> ? AS f${i}`).join(', ');

/** A projected row as a document: `_id`, `_v` and each field present, at its path. */
export function projectedDoc<T>(r: Record<string, unknown>, fields: readonly string[]): T {
  const doc: Record<string, unknown> = { _id: r._id, _v: r._v };
  fields.forEach((f, i) => r[`f${i}`] != null && setPath(doc, f, JSON.parse(r[`f${i}`] as string)));
  return doc as T;
}
