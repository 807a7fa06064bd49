/**
 * The compiled mini program itself (dist/miniprogram, as WeChat's compiler made it from
 * project.config.json's settings): complete, valid, left alone where it must be, and small
 * enough to ship.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { filesUnder, MAIN_PACKAGE, packageSizes, type AppJson } from '../../scripts/mp/packages';
import { DIST, REPORT } from './support/compiled';

/** What scripts/mp-compile.ts reports (the parts checked here). */
interface CompileReport {
  schema: unknown[];
  quality: Array<{ name: string; success: boolean; text: string }>;
}

const KB = 1024;
const read = (file: string) => readFileSync(join(DIST, file), 'utf8');
const app = JSON.parse(read('app.json')) as AppJson;
const sourceApp = JSON.parse(readFileSync(join(DIST, '..', '..', 'miniprogram', 'app.json'), 'utf8')) as AppJson;
const report = JSON.parse(readFileSync(REPORT, 'utf8')) as CompileReport;
const files = new Set(filesUnder(DIST));

it('is the app the source declares', () => {
  expect(app).toEqual(sourceApp);
});

it('resolves every require inside itself (nothing the upload would leave behind)', () => {
  const missing: string[] = [];
  for (const file of [...files].filter((f) => f.endsWith('.js'))) {
    for (const [, spec] of read(file).matchAll(/require\("(\.[^"]+)"\)/g)) {
      const target = posix.normalize(posix.join(posix.dirname(file), spec));
      if (!files.has(target) && !files.has(`${target}.js`)) missing.push(`${file} → ${spec}`);
    }
  }
  expect(missing).toEqual([]);
});

const VENDOR_DIR = join(DIST, '..', '..', 'miniprogram', 'vendor');
const vendored = readdirSync(VENDOR_DIR).filter((f) => f.endsWith('.js'));

it.each(vendored)('ships vendor/%s exactly as vendored (babelSetting.ignore keeps the ES5 step away)', (file) => {
  expect(read(`vendor/${file}`)).toBe(readFileSync(join(VENDOR_DIR, file), 'utf8'));
});

it('passes WeChat’s JSON schemas and DevTools’ code-quality scan', () => {
  expect(report.schema).toEqual([]);
  expect(report.quality.filter((q) => !q.success)).toEqual([]);
  expect(report.quality.map((q) => q.name)).toContain('PACKAGE_SIZE_LIMIT');
});

describe('package sizes', () => {
  const sizes = packageSizes(DIST, app);
  const main = sizes.find((p) => p.name === MAIN_PACKAGE)!;

  it('main package ≤ 400 KB', () => {
    expect(main.bytes).toBeLessThanOrEqual(400 * KB);
  });

  it.each(sizes.filter((p) => p !== main).map((p) => [p.name, p.bytes]))('subpackage %s ≤ 500 KB', (_name, bytes) => {
    expect(bytes).toBeLessThanOrEqual(500 * KB);
  });

  it('all together ≤ 1.5 MB', () => {
    expect(sizes.reduce((n, p) => n + p.bytes, 0)).toBeLessThanOrEqual(1.5 * 1024 * KB);
  });
});
