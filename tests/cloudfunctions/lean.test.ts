/**
 * The built bundles stay lean: each cloudfunctions/<fn>/index.js is at most 300 KB and defines
 * only its own context and its actions — a helper imported from another context's actions module
 * would drag that whole context (and its schemas) along. Sizes only: load times are the
 * bench's (bench/bundles.ts). `npm test` builds the bundles first; they are not minified, so
 * their top-level names are the source's.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cloudFunctionNames, FUNCTIONS_DIR } from '../../scripts/build';

const MAX_KB = 300;
const NAMES = cloudFunctionNames();
const bundle = (name: string) => join(FUNCTIONS_DIR, name, 'index.js');

/** The context the entry hands to cloudMain (none for the timer-run messenger). */
const ownContext = (name: string) => /import \{ (\w+Context) \} from/.exec(readFileSync(join(FUNCTIONS_DIR, name, 'src', 'index.ts'), 'utf8'))?.[1];

/** Top-level contexts and action groups a bundle defines. */
const DEFINED = Object.fromEntries(
  NAMES.map((name) => [name, [...readFileSync(bundle(name), 'utf8').matchAll(/^var (\w+(?:Context|Actions)) = /gm)].map((m) => m[1])]),
);

test('every cloud function is built', () => {
  expect(NAMES).toEqual(
    expect.arrayContaining(['account', 'org', 'pass', 'gate', 'vehicle', 'notice', 'alert', 'message', 'messenger', 'party', 'volunteer', 'duty']),
  );
});

test.each(NAMES)(`%s: at most ${MAX_KB} KB`, (name) => {
  expect(statSync(bundle(name)).size / 1024).toBeLessThanOrEqual(MAX_KB);
});

test.each(NAMES)('%s: defines its own function and nothing of another', (name) => {
  const own = ownContext(name);
  if (own) expect(DEFINED[name]).toContain(own);
  else expect(DEFINED[name]).toEqual([]);
  const shared = DEFINED[name].filter((d) => NAMES.some((other) => other !== name && DEFINED[other].includes(d)));
  expect(shared).toEqual([]);
});

test('the Ed25519 curve is set up on first use, never at load (scripts/build.ts)', () => {
  const calls = NAMES.flatMap((name) =>
    readFileSync(bundle(name), 'utf8')
      .split('\n')
      .filter((line) => line.includes('require_ed25519()')),
  );
  expect(calls.length).toBeGreaterThan(0);
  for (const line of calls) expect(line).toMatch(/^var ed25519 = new Proxy\(/);
});
