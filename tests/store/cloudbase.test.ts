/** The CloudBase adapter over the in-memory fake, in both SDK flavors, plus its error handling. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudBaseStore } from '../../server/store/cloudbase';
import { isDuplicateKeyError } from '../../server/store/cloudbase-errors';
import { StoreConflictError, type AnyDocs } from '../../server/store/port';
import { createFakeCloudDatabase } from '../support/fake-cloudbase';
import { runStoreContract } from './contract';

runStoreContract('cloudbase adapter, wx-server-sdk flavor (fake)', async () => ({
  store: new CloudBaseStore<AnyDocs>(createFakeCloudDatabase({ flavor: 'wx' }), { flavor: 'wx' }),
}));

runStoreContract('cloudbase adapter, node-sdk flavor (fake)', async () => ({
  store: new CloudBaseStore<AnyDocs>(createFakeCloudDatabase({ flavor: 'node' }), { flavor: 'node' }),
}));

runStoreContract('cloudbase adapter, node-sdk returning error codes, with a prefix (fake)', async () => {
  const db = createFakeCloudDatabase({ flavor: 'node', returnErrors: true, collections: ['t_items', 't_ledger'] });
  return { store: new CloudBaseStore<AnyDocs>(db, { flavor: 'node', prefix: 't_' }) };
});

describe('cloudbase adapter specifics', () => {
  test('recognizes the duplicate-key error in every shape the SDKs give it', () => {
    // CloudBase's own code (node-sdk throws a TcbError carrying it, or returns it in compatibility mode)
    expect(isDuplicateKeyError({ code: 'DATABASE_DUPLICATE_WRITE', message: 'x' })).toBe(true);
    // wx-server-sdk keeps only the message under a generic numeric code
    expect(isDuplicateKeyError({ errCode: -502001, errMsg: 'collection.add:fail -502001 database request fail. E11000 duplicate key error' })).toBe(true);
    expect(isDuplicateKeyError({ errCode: -501001, errMsg: 'collection.add:fail -501001 resource system error. [DATABASE_DUPLICATE_WRITE]' })).toBe(true);
    expect(isDuplicateKeyError(Object.assign(new Error('write failed'), { code: 11000 }))).toBe(true);
    expect(isDuplicateKeyError('E11000 duplicate key error collection: items')).toBe(true);
    expect(isDuplicateKeyError({ code: 'DATABASE_PERMISSION_DENIED', message: 'denied' })).toBe(false);
    expect(isDuplicateKeyError({ errCode: -502001, errMsg: 'database request fail' })).toBe(false);
    expect(isDuplicateKeyError(undefined)).toBe(false);
  });

  test('a generic add failure is a conflict only when the id turns out to exist', async () => {
    const db = createFakeCloudDatabase({ flavor: 'wx' });
    const store = new CloudBaseStore<AnyDocs>(db, { flavor: 'wx' });
    await store.insert('items', { _id: 'a' });
    const generic = Object.assign(new Error('collection.add:fail -501001 resource system error. '), { errCode: -501001 });
    const failing = { ...db, collection: (name: string) => ({ ...db.collection(name), add: async () => Promise.reject(generic) }) };
    const flaky = new CloudBaseStore<AnyDocs>(failing, { flavor: 'wx' });
    await expect(flaky.insert('items', { _id: 'a' })).rejects.toBeInstanceOf(StoreConflictError);
    await expect(flaky.insert('items', { _id: 'b' })).rejects.toBe(generic);
    const denied = Object.assign(new Error('denied'), { code: 'DATABASE_PERMISSION_DENIED' });
    const refusing = { ...db, collection: (name: string) => ({ ...db.collection(name), add: async () => Promise.reject(denied) }) };
    await expect(new CloudBaseStore<AnyDocs>(refusing, { flavor: 'wx' }).insert('items', { _id: 'a' })).rejects.toBe(denied);
  });

  test('always sets a limit (the server SDK would return only 100 documents)', async () => {
    const db = createFakeCloudDatabase({ flavor: 'node' });
    expect((await db.collection('items').get()).data).toEqual([]);
    const store = new CloudBaseStore<AnyDocs>(db, { flavor: 'node' });
    await store.insertMany(
      'items',
      Array.from({ length: 150 }, (_, i) => ({ _id: `d${String(i).padStart(3, '0')}` })),
    );
    expect((await db.collection('items').get()).data).toHaveLength(100);
    expect((await store.query('items', { limit: 150 })).items).toHaveLength(150);
    expect(
      await store.getMany(
        'items',
        Array.from({ length: 150 }, (_, i) => `d${String(i).padStart(3, '0')}`),
      ),
    ).toHaveLength(150);
  });

  test('writes plain documents with _v; a nested object patch replaces it, as the port says', async () => {
    const db = createFakeCloudDatabase({ flavor: 'wx' });
    const store = new CloudBaseStore<AnyDocs>(db, { flavor: 'wx' });
    await store.insert('items', { _id: 'a', meta: { x: 1, y: 2 } });
    await store.update('items', 'a', { meta: { x: 3 } });
    expect(db.dump('items')).toEqual([{ _id: 'a', _v: 2, meta: { x: 3 } }]);
  });

  test('unknown flavors and bad collection names are refused', async () => {
    const db = createFakeCloudDatabase({ flavor: 'wx' });
    expect(() => new CloudBaseStore<AnyDocs>(db, { flavor: 'web' as never })).toThrow(/flavor/);
    await expect(new CloudBaseStore<AnyDocs>(db, { flavor: 'wx' }).get('a-b', 'x')).rejects.toThrow(/collection/);
  });

  test('does not import a CloudBase SDK (it is handed the Database)', () => {
    const src = readFileSync(join(__dirname, '../../server/store/cloudbase.ts'), 'utf8');
    expect(src).not.toMatch(/from ['"](wx-server-sdk|@cloudbase\/[^'"]+)['"]|require\(/);
  });
});
