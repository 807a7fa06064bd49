/**
 * Loading WeChat's compiled output (dist/miniprogram, made by `npm run mp:compile`) the way the
 * phone's runtime does: CommonJS files that require their babel helpers from the same tree.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DIST = resolve(__dirname, '..', '..', '..', 'dist', 'miniprogram');
export const REPORT = resolve(DIST, '..', 'miniprogram.report.json');

/** The compiled module at `file` (path under the mini program root, no extension). */
export function compiled<T>(file: string): T {
  const abs = join(DIST, `${file}.js`);
  if (!existsSync(abs)) throw new Error(`${file}.js is not in dist/miniprogram: run \`npm run mp:compile\` (npm test does)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled output is CommonJS, loaded as the phone loads it
  return require(abs) as T;
}
