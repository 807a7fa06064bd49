/**
 * Cloud function bundle figures: the size of each built cloudfunctions/<fn>/index.js and its
 * load time — what a cold start pays before the first request. Each measurement is a fresh
 * node process that loads wx-server-sdk first (the cloud provides it, so it is not the
 * bundle's cost), then times require(bundle). Runs go round the bundles, so a passing load on
 * the machine spreads over all of them; the median of each bundle's runs is reported.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { cloudFunctionNames, FUNCTIONS_DIR } from '../scripts/build';
import { percentile, type Figure } from './figures';

const RUNS = 7;
const MAX_KB = 300;
const MAX_LOAD_MS = 30;

const PROBE = [
  "require('wx-server-sdk');",
  'const t = process.hrtime.bigint();',
  'require(process.argv[1]);',
  'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));',
].join(' ');

/** Milliseconds to require `file` in a fresh node, wx-server-sdk already loaded. */
function loadMs(file: string): number {
  return Number(execFileSync(process.execPath, ['-e', PROBE, file], { cwd: join(__dirname, '..'), encoding: 'utf8' }));
}

export async function bundles(): Promise<Figure[]> {
  const files = cloudFunctionNames().map((name) => ({ name, file: join(FUNCTIONS_DIR, name, 'index.js'), runs: [] as number[] }));
  for (let i = 0; i < RUNS; i++) for (const b of files) b.runs.push(loadMs(b.file));
  return files.flatMap((b) => [
    { name: `bundle ${b.name}: size`, measured: statSync(b.file).size / 1024, unit: 'KB', budget: { op: '<=', value: MAX_KB } },
    {
      name: `bundle ${b.name}: load (median of ${RUNS})`,
      measured: percentile(b.runs.sort((x, y) => x - y), 50),
      unit: 'ms',
      budget: { op: '<=', value: MAX_LOAD_MS },
    },
  ]);
}
