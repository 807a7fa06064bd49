/**
 * Property-based fuzzing of every action in the authorization table (server/app.ts), called as a
 * demo caller the action's rule lets in, with a well-formed request (tests/support/world.ts)
 * mutated: fields deleted, retyped, replaced by huge or unicode strings, numbers at the edges,
 * deep nesting, arrays for objects, extra fields, or the whole `data` replaced. Whatever comes
 * in, the answer is never INTERNAL; a rejection writes nothing; INVALID_ARGUMENT names its
 * field; the message is Chinese.
 *
 * Bounded for CI: FUZZ_RUNS cases per action (default 40) from FUZZ_SEED (default fixed), so a
 * failure reproduces; fast-check prints the seed and the shrunk counterexample.
 *
 * Control characters and text-direction marks, and `__proto__` / `constructor` keys, are generated
 * like anything else: validation refuses them naming the field.
 */
import fc from 'fast-check';
import type { ActionName } from '../../typings/api';
import { FUNCTIONS, RULES } from '../../server/app';
import { createApp, type App } from '../../server/runtime/dispatch';
import type { Meter } from '../../server/store/metered';
import type { Harness } from '../support/harness';
import { actorFor, CALLER, CASES, makeWorld, type Who } from '../support/world';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
fc.configureGlobal({ seed: SEED, numRuns: RUNS, endOnFailure: false });

const strings = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u3000',
    '\u200b',
    '\ufeff',
    '‮',
    '😀'.repeat(30),
    '吴新',
    '13912345678',
    '陕H88888',
    'sz',
    'sz-s1-c01-x01',
    'xd-x1',
    '2026-11-30',
    '2026-02-30',
    '24:00',
    '08:00',
    'a'.repeat(5000),
    '字'.repeat(70_000),
    'x'.repeat(300_000),
    '\u0000',
    '\u001b[31m红',
    'abc\u202e',
    '\u2066x\u2069',
    '__proto__',
    'constructor',
  ),
);
const numbers = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(
    0,
    -0,
    -1,
    1,
    0.5,
    23,
    24,
    59,
    60,
    200,
    201,
    1000,
    1001,
    2 ** 31,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    1e308,
    -1e308,
    5e-324,
  ),
);
const keys = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('toString', 'valueOf', 'hasOwnProperty', 'prototype', 'length', '0', 'cursor', 'limit', 'id', '_id', '_v', '__proto__', 'constructor'),
);
const leaf = fc.oneof(strings, numbers, fc.boolean(), fc.constant(null));
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(keys, tie('tree'), { maxKeys: 4 }),
  ),
}));
/** Nested arrays or objects hundreds to thousands deep. */
const deep = fc.record({ depth: fc.integer({ min: 50, max: 2000 }), array: fc.boolean() }).map(({ depth, array }) => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = array ? [v] : { a: v };
  return v;
});
const weird = fc.oneof(leaf, tree, deep);

type Path = (string | number)[];
/** Every path into a request: its fields and, inside them, array items and nested fields. */
function pathsOf(v: unknown, at: Path = []): Path[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => [[...at, i], ...pathsOf(x, [...at, i])]);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [[...at, k], ...pathsOf(x, [...at, k])]);
  return [];
}
function edit(data: unknown, path: Path, value: unknown, remove: boolean): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  if (Array.isArray(data)) {
    const copy = [...data];
    if (remove && !rest.length) copy.splice(Number(head), 1);
    else copy[Number(head)] = edit(copy[Number(head)], rest, value, remove);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(data as object) };
  if (remove && !rest.length) delete copy[head];
  else copy[head] = edit(copy[head], rest, value, remove);
  return copy;
}

/** Every leaf value of every well-formed request in the world, for every caller, in scope and out. */
const DICTIONARY: unknown[] = [
  ...new Set(
    (Object.keys(CASES) as ActionName[]).flatMap((a) =>
      (Object.keys(CALLER) as Who[]).flatMap((w) => [true, false].flatMap((inScope) => leaves(CASES[a].data(w, inScope)).map((v) => JSON.stringify(v)))),
    ),
  ),
].map((v) => JSON.parse(v) as unknown);
function leaves(v: unknown): unknown[] {
  if (Array.isArray(v)) return [v, ...v.flatMap(leaves)];
  if (v && typeof v === 'object') return [v, ...Object.values(v).flatMap(leaves)];
  return [v];
}

type Op = { kind: 'set' | 'delete'; path: Path; value?: unknown };
/** Requests derived from a well-formed one: 1–3 edits of its fields (or new ones), 1–2 swaps for other requests' values, or another `data` altogether. */
function requests(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const known = pathsOf(base);
  const path = known.length
    ? fc.oneof(
        fc.constantFrom(...known),
        keys.map((k) => [k]),
      )
    : keys.map((k) => [k]);
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant<'set'>('set'), path, value: weird }),
    fc.record({ kind: fc.constant<'set'>('set'), path, value: strings }),
    fc.record({ kind: fc.constant<'delete'>('delete'), path }),
  );
  // Well-formed-ish: fields swapped for values of their type that other well-formed requests carry (another node,
  // shift, notice, pass, code, role, time…), so the handlers' own checks get exercised.
  const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  const at = (p: Path) => p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], base);
  const pools = known.map((p) => ({ p, pool: DICTIONARY.filter((v) => kind(v) === kind(at(p))) })).filter((x) => x.pool.length);
  const swap: fc.Arbitrary<Op> = fc
    .constantFrom(...(pools.length ? pools : [{ p: [], pool: [{}] }]))
    .chain(({ p, pool }) => fc.constantFrom(...pool).map((value) => ({ kind: 'set' as const, path: p, value })));
  const apply = (ops: Op[]) => ops.reduce<unknown>((d, o) => edit(d, o.path, o.value, o.kind === 'delete'), base);
  const swapped = fc.array(swap, { minLength: 1, maxLength: 2 }).map(apply);
  const edited = fc.array(op, { minLength: 1, maxLength: 3 }).map(apply);
  return fc.oneof({ arbitrary: edited, weight: 3 }, ...(pools.length ? [{ arbitrary: swapped, weight: 3 }] : []), { arbitrary: weird, weight: 1 });
}

const CHINESE = /[\u4e00-\u9fa5]/;

let h: Harness;
let app: App;
const internal: unknown[] = [];
beforeAll(async () => {
  h = await makeWorld();
  app = createApp({ store: h.store, clock: h.clock, functions: FUNCTIONS, onError: (err) => void internal.push(err) });
});
afterAll(() => h.close());

test.each(Object.keys(RULES) as ActionName[])(
  '%s: malformed and odd requests never crash, never write when refused, and say why in Chinese',
  async (action) => {
    const who = await actorFor(h, action);
    const base = CASES[action].data(who, true);
    const fn = action.split('.')[0];
    await fc.assert(
      fc.asyncProperty(requests(base), async (data) => {
        // What a client can send is JSON: no undefined, NaN or Infinity.
        const sent = data === undefined ? undefined : JSON.parse(JSON.stringify(data));
        const meter: Meter = { reads: 0, writes: 0 };
        internal.length = 0;
        const r = await app.call(fn, { action, data: sent }, CALLER[who], { meter });
        if (r.ok) return;
        expect({ code: r.error.code, internal: internal.map(String) }).not.toMatchObject({ code: 'INTERNAL' });
        expect({ code: r.error.code, writes: meter.writes }).toEqual({ code: r.error.code, writes: 0 });
        expect(r.error.message).toMatch(CHINESE);
        if (r.error.code === 'INVALID_ARGUMENT') expect(r.error.details?.field).toEqual(expect.stringMatching(/^(data|action)/));
      }),
    );
  },
);
