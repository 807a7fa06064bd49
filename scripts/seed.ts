/** `npm run seed -- --residents N`: seeds the demo district into DATA_DIR. Idempotent. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seedDistrict } from '../server/seed/seed';
import { COLLECTIONS } from '../server/app';
import { openSqliteStore } from '../server/store/sqlite';

function residentsArg(argv: string[]): number {
  const i = argv.indexOf('--residents');
  if (i === -1) return 0;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 0 || n > 5_000_000) {
    console.error('--residents 需要 0 到 5000000 之间的整数');
    process.exit(2);
  }
  return n;
}

async function main() {
  const dataDir = resolve(process.env.DATA_DIR || '.data');
  mkdirSync(dataDir, { recursive: true });
  const store = openSqliteStore({ file: join(dataDir, 'lianfang.db'), collections: COLLECTIONS });
  const r = await seedDistrict(store, { residents: residentsArg(process.argv.slice(2)) });
  store.close();
  console.log(`seeded ${dataDir}: ${r.orgs} org nodes, ${r.users} accounts, ${r.inserted} new documents, ${(r.ms / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
