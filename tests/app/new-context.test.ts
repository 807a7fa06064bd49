/**
 * Adding an action touches its context folder and the typings, nothing else. Here a tiny context
 * is defined inline — its contract (what typings/api.ts would declare), its action with its rule,
 * its collection — and registered beside the app's: dispatch serves it, the authorization table
 * holds its rule and the matrix walks it, the store creates its collection. And a handler
 * answering another shape than the contract's does not compile.
 */
import * as z from 'zod/mini';
import type { Role } from '../../typings/domain';
import { CONTEXTS } from '../../server/app';
import { OVERSEERS } from '../../server/auth/roles';
import { AT_COMPOUND } from '../../server/auth/rules';
import { action, actionsOf } from '../../server/runtime/action';
import { compose, defineContext } from '../../server/runtime/context';
import { createApp } from '../../server/runtime/dispatch';
import { openSqliteStore } from '../../server/store/sqlite';
import type { AnyDocs } from '../../server/store/port';
import { makeHarness, type Harness } from '../support/harness';

/** The contract, as typings/api.ts would declare it. */
interface DrillActions {
  'drill.plan': { req: { compoundId: string; title: string }; res: { compoundName: string; title: string } };
}
const drillAction = actionsOf<DrillActions>();

const drillContext = defineContext({
  name: 'drill',
  actions: [
    drillAction('drill.plan', {
      roles: OVERSEERS,
      scope: 'subtree',
      target: { field: 'compoundId', ...AT_COMPOUND },
      schema: z.strictObject({ compoundId: z.string(), title: z.string() }),
      labels: { title: '演练名称' },
      handle: async (req, ctx) => ({ compoundName: ctx.target.name, title: req.title }),
    }),
  ],
});
// Its collection, as the context would declare it (the scratch context keeps it untyped).
const COLLECTION = { drills: { indexes: [{ fields: ['compoundId', 'at'] }] } };

const app = compose([...CONTEXTS, drillContext], { collections: COLLECTION });

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const call = (who: string, compoundId: string) =>
  createApp({ store: h.store, clock: h.clock, functions: app.functions, onError: () => undefined }).call(
    'drill',
    { action: 'drill.plan', data: { compoundId, title: '消防演练' } },
    who,
  );

test('dispatch serves it, by the rule in the derived table', async () => {
  expect(app.rules['drill.plan']).toEqual({
    roles: OVERSEERS,
    scope: 'subtree',
    target: { fields: ['compoundId'], levels: ['compound'], message: '请选择一个小区' },
  });
  expect(await call('demo-secretary', 'sz-s1-c01-x01')).toMatchObject({ ok: true, data: { compoundName: '威尼斯水城', title: '消防演练' } });
  expect(await call('demo-secretary', 'sz-s1-c01-x01-b01')).toMatchObject({
    ok: false,
    error: { code: 'INVALID_ARGUMENT', details: { field: 'data.compoundId' } },
  });
});

test('the matrix walks it: who may, in scope and out of it', async () => {
  const expected: Record<string, [Role | 'nobody', boolean, boolean]> = {
    'demo-admin': ['admin', true, true], // the district's: every compound is in scope
    'demo-community-staff': ['staff', true, false],
    'demo-secretary': ['secretary', true, false],
    'demo-volunteer-1': ['volunteer', false, false],
    'demo-resident-1': ['resident', false, false],
    'wx-never-seen-0001': ['nobody', false, false],
  };
  // In the secretary's compound, and in a compound of another street.
  for (const [who, [, inScope, outOfScope]] of Object.entries(expected)) {
    const here = await call(who, 'sz-s1-c01-x01');
    const there = await call(who, 'sz-s2-c01-x01');
    expect({ who, here: here.ok, there: there.ok || there.error.code }).toEqual({ who, here: inScope, there: outOfScope || 'FORBIDDEN' });
  }
});

test('the store creates its collection', async () => {
  expect(app.collections.drills).toBe(COLLECTION.drills);
  const store = openSqliteStore<AnyDocs>({ file: ':memory:', collections: app.collections });
  await store.insert('drills', { _id: 'd1', compoundId: 'sz-s1-c01-x01', at: 1 });
  expect(await store.count('drills', { compoundId: 'sz-s1-c01-x01' })).toBe(1);
  store.close();
});

test('a handler answering another shape than the contract says does not compile', () => {
  const wrong = [
    drillAction('drill.plan', {
      roles: OVERSEERS,
      scope: 'subtree',
      schema: z.strictObject({ compoundId: z.string(), title: z.string() }),
      // @ts-expect-error the contract's response is { compoundName, title }
      handle: async (req) => ({ title: req.title }),
    }),
    action('org.get', {
      roles: 'anyone',
      scope: 'none',
      schema: z.strictObject({ id: z.string() }),
      // @ts-expect-error org.get answers an OrgNode with its ancestors (typings/api.ts)
      handle: async (req) => ({ id: req.id, name: '商州区' }),
    }),
    action('org.get', {
      roles: 'anyone',
      scope: 'none',
      schema: z.strictObject({ id: z.string() }),
      // @ts-expect-error without a target in its rule, the handler gets none
      handle: async (_req, ctx) => ({ ...ctx.target, ancestors: [] }),
    }),
  ];
  expect(wrong.map((a) => a.name)).toEqual(['drill.plan', 'org.get', 'org.get']);
});
