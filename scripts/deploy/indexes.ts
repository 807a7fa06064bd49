/**
 * The CloudBase indexes of a declared collection, derived from the same declaration the embedded
 * store builds its SQLite indexes from (server/store/collections.ts): each declared index with its
 * uniqueness, and one index per `multi` array field — MongoDB indexes an array field per element
 * (multikey), which is what the embedded store's side table is to a `$has` query.
 */
import type { CollectionSpec } from '../../server/store/collections';

/** Indexes init-db made carry this prefix: only those are ever dropped. */
export const INDEX_PREFIX = 'lf_';

export interface CloudIndex {
  name: string;
  fields: string[];
  unique: boolean;
}

export function cloudIndexName(fields: readonly string[], unique: boolean): string {
  return `${INDEX_PREFIX}${fields.map((f) => f.replace(/\./g, '_')).join('__')}${unique ? '__unique' : ''}`;
}

export function cloudIndexes(spec: CollectionSpec): CloudIndex[] {
  const all = [
    ...spec.indexes.map((ix) => ({ fields: [...ix.fields], unique: !!ix.unique })),
    ...(spec.multi ?? []).map((f) => ({ fields: [f], unique: false })),
  ];
  const byName = new Map<string, CloudIndex>();
  for (const ix of all) {
    const name = cloudIndexName(ix.fields, ix.unique);
    if (!byName.has(name)) byName.set(name, { name, ...ix });
  }
  return [...byName.values()];
}

/** An index as DescribeTable lists it (types/interfaces/flexdb.interface.d.ts, IndexInfo). */
export interface ExistingIndex {
  Name: string;
  Keys: Array<{ Name?: string; Direction?: string }>;
  Unique: boolean;
}

/** Same fields in the same order, all ascending, same uniqueness: whatever its name. */
export function sameIndex(existing: ExistingIndex, ix: CloudIndex): boolean {
  return (
    !!existing.Unique === ix.unique &&
    existing.Keys.length === ix.fields.length &&
    existing.Keys.every((k, i) => k.Name === ix.fields[i] && String(k.Direction ?? '1') === '1')
  );
}

/**
 * What to change so the collection has exactly the declared indexes: create each one no existing
 * index equals; drop an index only if init-db made it (prefix) and it equals no declared index.
 * Indexes made by hand in the console are left alone.
 */
export function indexChanges(existing: readonly ExistingIndex[], declared: readonly CloudIndex[]): { create: CloudIndex[]; drop: string[] } {
  return {
    create: declared.filter((ix) => !existing.some((e) => sameIndex(e, ix))),
    drop: existing.filter((e) => e.Name.startsWith(INDEX_PREFIX) && !declared.some((ix) => sameIndex(e, ix))).map((e) => e.Name),
  };
}
