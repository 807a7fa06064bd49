/**
 * One declaration (the contexts' collections, server/app.ts), two stores: the embedded store's
 * SQLite indexes and init-db's CloudBase indexes each cover every declared index and `multi`
 * field, unique exactly where the declaration says (the store relies on it: duplicate names).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initDb } from '../../scripts/deploy/database';
import { COLLECTIONS } from '../../server/app';
import { openSqliteStore } from '../../server/store/sqlite';
import { FakeCloudManager } from '../support/fake-cloud-manager';

/** SQLite index → "field,field" with its uniqueness, from the DDL the embedded store wrote. */
function sqliteIndexes(): Map<string, Array<{ fields: string; unique: boolean }>> {
  const dir = mkdtempSync(join(tmpdir(), 'lianfang-ix-'));
  const file = join(dir, 'store.db');
  openSqliteStore({ file, collections: COLLECTIONS }).close();
  const db = new Database(file, { readonly: true });
  const rows = db.prepare<[], { tbl_name: string; sql: string }>("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const out = new Map<string, Array<{ fields: string; unique: boolean }>>();
  for (const { tbl_name: table, sql } of rows) {
    const fields = [...sql.matchAll(/json_extract\(doc, '\$\.([^']+)'\)/g)].map((m) => m[1]).join(',');
    out.set(table, [...(out.get(table) ?? []), { fields, unique: /^CREATE UNIQUE/.test(sql) }]);
  }
  return out;
}

test('every declared index and multi field is an index in both stores, unique in both exactly where declared', async () => {
  const sqlite = sqliteIndexes();
  const cloud = new FakeCloudManager();
  await initDb(cloud.api(), COLLECTIONS);

  let uniques = 0;
  for (const [name, spec] of Object.entries(COLLECTIONS)) {
    const inCloud = cloud.collections.get(name)!.filter((ix) => ix.Name !== '_id_');
    const cloudKeys = inCloud.map((ix) => ({ fields: ix.Keys.map((k) => k.Name).join(','), unique: ix.Unique }));
    for (const ix of spec.indexes) {
      const want = { fields: ix.fields.join(','), unique: !!ix.unique };
      expect(sqlite.get(name) ?? []).toContainEqual(want);
      expect(cloudKeys).toContainEqual(want);
      if (ix.unique) uniques++;
    }
    // `$has` on a multi field: a side table in SQLite, a multikey index in CloudBase.
    for (const field of spec.multi ?? []) {
      expect(sqlite.has(`${name}__multi`)).toBe(true);
      expect(cloudKeys).toContainEqual({ fields: field, unique: false });
    }
    expect(cloudKeys.filter((k) => k.unique)).toEqual((sqlite.get(name) ?? []).filter((k) => k.unique));
  }
  expect(uniques).toBe(5); // posts (compound, name), partyUnits (org, kind, name), invites and unitInvites (hash), disinfectAreas (compound, name)
});
