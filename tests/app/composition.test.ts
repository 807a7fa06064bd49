/** The composition root (server/app.ts): one list of contexts, every table derived from it. */
import { cloudFunctionNames } from '../../scripts/build';
import { APP, COLLECTIONS, CONTEXTS, FUNCTIONS, JOBS, RULES, TEMPLATES } from '../../server/app';
import { TEMPLATE_NAMES } from '../../server/core/config';
import { orgContext } from '../../server/org/context';
import { compose, defineContext } from '../../server/runtime/context';
import { TIMER } from '../../server/timer';

test('every cloud function but the timer is one context, served under its name', () => {
  expect(CONTEXTS.map((c) => c.name).sort()).toEqual(
    cloudFunctionNames()
      .filter((n) => n !== 'messenger')
      .sort(),
  );
  expect(Object.keys(FUNCTIONS).sort()).toEqual(CONTEXTS.map((c) => c.name).sort());
});

test('the tables are the union of what the contexts register', () => {
  expect(Object.keys(RULES).sort()).toEqual(CONTEXTS.flatMap((c) => Object.values(c.actions).map((a) => a.name)).sort());
  for (const c of CONTEXTS)
    for (const name of Object.keys(c.collections)) expect(COLLECTIONS).toHaveProperty(name, c.collections[name as keyof typeof c.collections]);
  expect(Object.keys(COLLECTIONS)).toEqual(expect.arrayContaining(['meta', 'outbox', 'consents']));
  expect(Object.keys(TEMPLATES).sort()).toEqual([...TEMPLATE_NAMES].sort());
  expect(JOBS).toEqual(CONTEXTS.flatMap((c) => c.jobs));
});

test('the timer function runs exactly the jobs, in that order, and sends exactly the templates the contexts register', () => {
  expect(TIMER.jobs).toEqual(JOBS);
  expect(TIMER.templates).toEqual(TEMPLATES);
});

test('a context holds only actions of its own function, each once', () => {
  const [get] = Object.values(orgContext.actions);
  expect(() => defineContext({ name: 'pass', actions: [get] })).toThrow(/org\.get is not "pass\.<verb>"/);
  expect(() => defineContext({ name: 'org', actions: [get, get] })).toThrow(/org\.get defined twice/);
});

test('a function, collection or template registered twice, or a template nobody declares, is refused', () => {
  const infra = { collections: {} };
  expect(() => compose([...CONTEXTS, orgContext], infra)).toThrow(/cloud function org is registered twice/);
  expect(() => compose([...CONTEXTS, defineContext({ name: 'twin', actions: [], collections: { orgs: { indexes: [] } } })], infra)).toThrow(/collection orgs/);
  expect(() => compose([...CONTEXTS, defineContext({ name: 'twin', actions: [], templates: { alert: TEMPLATES.alert } })], infra)).toThrow(/template alert/);
  expect(() => compose([orgContext], infra)).toThrow(/no context declares the template/);
  expect(APP.collections).toBe(COLLECTIONS);
});
