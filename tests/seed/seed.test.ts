import { seedDistrict } from '../../server/seed/seed';
import { DEMO_ACCOUNTS } from '../../server/seed/district';
import { COLLECTIONS } from '../../server/app';
import { openSqliteStore } from '../../server/store/sqlite';

test('seeding twice changes nothing', async () => {
  const store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
  const first = await seedDistrict(store, { residents: 3000 });
  const snapshot = async () => {
    const users = await store.query('users', { orderBy: [{ field: '_id' }], limit: 1000 });
    return { orgs: await store.count('orgs'), users: await store.count('users'), gates: await store.count('gates'), firstUsers: users.items };
  };
  const before = await snapshot();
  const second = await seedDistrict(store, { residents: 3000 });
  // Every document in the store came from this seed (the seed marker in `meta` aside).
  const total = (await Promise.all(Object.keys(COLLECTIONS).map((c) => store.count(c)))).reduce((a, b) => a + b, 0);
  expect(first.inserted).toBe(total - 1);
  expect(second.inserted).toBe(0);
  expect(await snapshot()).toEqual(before);
  expect(before.users).toBe(3000 + DEMO_ACCOUNTS.length);
  store.close();
});

test('residents are spread over buildings with a household and a resident grant', async () => {
  const store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
  await seedDistrict(store, { residents: 5000 });
  const inBuilding = await store.count('users', { 'household.buildingId': 'sz-s2-c01-x01-b01' });
  expect(inBuilding).toBeGreaterThanOrEqual(2);
  const one = await store.get('users', 'res-000042');
  expect(one?.grantKeys[0]).toMatch(/^resident:sz-/);
  expect(one?.phone).toMatch(/^1[3-9]\d{9}$/);
  store.close();
});
