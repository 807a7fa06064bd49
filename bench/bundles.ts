/**
 * Cloud function bundle figures: the size of each built cloudfunctions/<fn>/index.js and its
 * load time — what the bundle adds to a cold start. Each measurement is a fresh node process
 * that loads wx-server-sdk and calls its init() first: the cloud provides the SDK, and its first
 * init() (which loads the SDK's own HTTP stack, tens of ms) is paid by every function whatever
 * its bundle holds, so it is reported apart, not charged to the bundle (the bundle's own init()
 * call then costs nothing). Runs go round the bundles, so a passing load on the machine spreads
 * over all of them; the median of each bundle's runs is reported.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { cloudFunctionNames, FUNCTIONS_DIR } from '../scripts/build';
import { percentile, type Figure } from './figures';

const RUNS = 9;
const MAX_KB = 300;
const MAX_LOAD_MS = 30;

/** Prints "<ms of the SDK's first init()> <ms of require(bundle)>". */
const PROBE = `
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const cloud = require('wx-server-sdk');
let t = process.hrtime.bigint();
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const init = ms(t);
t = process.hrtime.bigint();
require(process.argv[1]);
process.stdout.write(init + ' ' + ms(t));
`;

function probe(file: string): { init: number; load: number } {
  const [init, load] = execFileSync(process.execPath, ['-e', PROBE, file], { cwd: join(__dirname, '..'), encoding: 'utf8' })
    .split(' ')
    .map(Number);
  return { init, load };
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

export async function bundles(): Promise<Figure[]> {
  const files = cloudFunctionNames().map((name) => ({ name, file: join(FUNCTIONS_DIR, name, 'index.js'), runs: [] as number[] }));
  const inits: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const b of files) {
      const { init, load } = probe(b.file);
      inits.push(init);
      b.runs.push(load);
    }
  }
  return [
    ...files.flatMap((b): Figure[] => [
      { name: `bundle ${b.name}: size`, measured: statSync(b.file).size / 1024, unit: 'KB', budget: { op: '<=', value: MAX_KB } },
      { name: `bundle ${b.name}: load (median of ${RUNS})`, measured: median(b.runs), unit: 'ms', budget: { op: '<=', value: MAX_LOAD_MS } },
    ]),
    { name: 'wx-server-sdk first init(), in every cold start (median)', measured: median(inits), unit: 'ms' },
  ];
}
