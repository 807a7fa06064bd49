/**
 * The vendored bundles are committed so a fresh clone opens in DevTools as it is; they must be
 * what `npm run vendor` makes from the installed libraries today.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VENDORED, VENDOR_DIR, vendorBundle } from '../../scripts/vendor';

it.each(VENDORED)('miniprogram/vendor/%s.js matches a fresh build (else run `npm run vendor` and commit)', async (name) => {
  expect(readFileSync(join(VENDOR_DIR, `${name}.js`), 'utf8')).toBe(await vendorBundle(name));
});
