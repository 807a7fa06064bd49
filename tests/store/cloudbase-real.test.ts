/**
 * The contract against a real CloudBase environment through @cloudbase/node-sdk. Runs only when
 * TCB_ENV, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY are all set; each run works in its
 * own collections (a unique prefix) and empties them afterwards.
 */
import type { AnyDocs } from '../../server/store/port';
import { CloudBaseStore } from '../../server/store/cloudbase';
import { CONTRACT_COLLECTIONS, runStoreContract } from './contract';

const VARS = ['TCB_ENV', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const;
const missing = VARS.filter((name) => !process.env[name]);

if (missing.length === 0) {
  jest.setTimeout(180_000);
  runStoreContract('cloudbase adapter, real CloudBase (node-sdk)', async () => {
    const { default: tcb } = await import('@cloudbase/node-sdk');
    const app = tcb.init({
      env: process.env.TCB_ENV,
      secretId: process.env.TENCENTCLOUD_SECRETID,
      secretKey: process.env.TENCENTCLOUD_SECRETKEY,
    });
    const db = app.database();
    const prefix = `lftest_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}_`;
    const names = Object.keys(CONTRACT_COLLECTIONS).map((name) => prefix + name);
    for (const name of names) await db.createCollection(name);
    return {
      store: new CloudBaseStore<AnyDocs>(db, { flavor: 'node', prefix }),
      close: async () => {
        for (const name of names)
          await db
            .collection(name)
            .where({ _id: db.command.exists(true) })
            .remove();
      },
    };
  });
} else {
  describe('Store contract: cloudbase adapter, real CloudBase', () => {
    console.log(`real CloudBase contract not run: ${missing.join(', ')} not set`);
    test('runs only with credentials, and they really are missing', () => {
      expect(missing.length).toBeGreaterThan(0);
      for (const name of missing) expect(process.env[name] ?? '').toBe('');
    });
  });
}
