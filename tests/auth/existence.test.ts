/**
 * Scope before existence (ARCHITECTURE.md §6): for every action that names a document by id, a
 * caller holding the action's role elsewhere gets the same answer for a document outside their
 * area as for an id no document has — same code, message and details — and nothing is written.
 */
import type { ActionName } from '../../typings/api';
import type { Role } from '../../typings/domain';
import { FUNCTIONS, RULES } from '../../server/app';
import type { Harness } from '../support/harness';
import { BY_ID, CALLER, CASES, FILTER_ONLY, makeWorld, MISSING, type Who } from '../support/world';

const ROLE_OF: Record<Who, Role | null> = {
  admin: 'admin',
  streetStaff: 'staff',
  communityStaff: 'staff',
  secretary: 'secretary',
  volunteer: 'volunteer',
  leader: 'leader',
  resident: 'resident',
  nobody: null,
};

let h: Harness;
beforeAll(async () => {
  h = await makeWorld();
});
afterAll(() => h.close());

const answer = (r: Awaited<ReturnType<Harness['call']>>) => (r.ok ? { ok: true } : { code: r.error.code, message: r.error.message, details: r.error.details });

test.each(Object.keys(BY_ID) as ActionName[])('%s: an id outside the caller’s area answers like a missing one', async (action) => {
  const spec = BY_ID[action]!;
  const roles = RULES[action].roles;
  // The first demo caller whose role the action admits: they hold it, just not over this document.
  const who = spec.outsider ?? (Object.keys(CALLER) as Who[]).find((w) => roles === 'anyone' || (ROLE_OF[w] !== null && roles.includes(ROLE_OF[w])))!;
  const existing = spec.data ? spec.data() : CASES[action].data(who, false);
  const outside = await h.call(CALLER[who], action, existing as never);
  const missing = await h.call(CALLER[who], action, { ...existing, [spec.field]: MISSING[spec.field] } as never);
  expect({ action, who, answer: answer(outside) }).toEqual({ action, who, answer: answer(missing) });
  expect(outside.ok).toBe(false);
  expect([outside.meter.writes, missing.meter.writes]).toEqual([0, 0]);
});

test('every action whose request names a document by id is in the table (or only filters a query by it)', () => {
  const idFields = new Set(Object.keys(MISSING));
  const named = Object.values(FUNCTIONS)
    .flatMap((fn) => Object.values(fn))
    .filter((a) => Object.keys((a.schema._zod.def as unknown as { shape: Record<string, unknown> }).shape).some((k) => idFields.has(k)))
    .map((a) => a.name as ActionName);
  expect(named.filter((a) => !FILTER_ONLY.includes(a)).sort()).toEqual(Object.keys(BY_ID).sort());
});
