/**
 * The first admin end to end: the deployer has stored a one-time code for 商州区 (as
 * `npm run bootstrap-admin` does), and a newcomer with no role finds 管理员激活 from the
 * registration page, types the code as printed, and comes home as the district's admin.
 */
import { join } from 'node:path';
import { newAdminClaim, storeAdminClaim } from '../../server/account/claim';
import { COLLECTIONS } from '../../server/app';
import { openSqliteStore } from '../../server/store/sqlite';
import { journey } from './support/journey';

jest.setTimeout(240_000);

/** Stores a fresh code for the demo district in the runtime's database; returns the code as printed. */
async function storeClaim(dataDir: string): Promise<string> {
  const { code, doc } = newAdminClaim('sz', Date.now());
  const store = openSqliteStore({ file: join(dataDir, 'lianfang.db'), collections: COLLECTIONS });
  try {
    await storeAdminClaim(store, doc);
  } finally {
    store.close();
  }
  return code;
}

let code = '';

test('a newcomer redeems the deployer’s code from the registration page and comes home as admin of 商州区', () =>
  journey(
    'admin-claim',
    async (j) => {
      const admin = await j.open('e2e-first-admin');
      await admin.see('#register', '登记为居民');
      await admin.tap('#register');
      await admin.onPage('登记为居民');
      await admin.$('#claim-link').scrollIntoViewIfNeeded();
      await admin.shot('register-link');
      await admin.tap('#claim-link');
      await admin.onPage('激活码');
      await admin.see('#code-count', '已输入 0 / 20 位');
      await admin.shot('claim-empty');
      expect(await admin.$('#submit').getAttribute('disabled')).not.toBeNull();

      // Typed from the printout in lower case, with spaces: shown as printed.
      await admin.type('#code', code.toLowerCase().replace(/-/g, ' '));
      expect(await admin.$('#code .lf-field').inputValue()).toBe(code);
      await admin.see('#code-count', '已输入 20 / 20 位');
      await admin.shot('claim-typed');

      await admin.tap('#submit');
      await admin.see('#done-title', '已成为「商州区」管理员');
      await admin.shot('claim-done');

      await admin.tap('#home');
      await admin.onPage('联防');
      await admin.see('#section-admin', '组织与授权');
      await admin.$('#section-admin').scrollIntoViewIfNeeded();
      await admin.see('.home-badge', '管理员');
      await admin.shot('home-admin');
    },
    {
      prepare: async (dataDir) => {
        code = await storeClaim(dataDir);
      },
    },
  ));
