/**
 * `npm run bench`: every capability's figures against their budgets. Prints a table and
 * writes bench/results.json. Exit code 1 if any figure is over budget.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundles } from './bundles';
import { cases } from './cases';
import { census } from './census';
import { deployFigures } from './deploy';
import { disinfect } from './disinfect';
import { exportFigures } from './export';
import { formatTable, withinBudget, type Figure } from './figures';
import { duty } from './duty';
import { foundation } from './foundation';
import { gate } from './gate';
import { inspect } from './inspect';
import { limits } from './limits';
import { messaging } from './messaging';
import { mixed } from './mixed';
import { notices } from './notices';
import { stats } from './stats';

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianfang-bench-'));
  const figures: Figure[] = [];
  try {
    figures.push(...(await foundation(dataDir)));
    figures.push(...(await gate()));
    figures.push(...(await messaging()));
    figures.push(...(await notices()));
    figures.push(...(await stats()));
    figures.push(...(await duty()));
    figures.push(...(await cases()));
    figures.push(...(await inspect()));
    figures.push(...(await disinfect()));
    figures.push(...(await census()));
    figures.push(...(await exportFigures()));
    figures.push(...(await limits()));
    figures.push(...(await mixed()));
    figures.push(...(await bundles()));
    figures.push(...(await deployFigures()));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(formatTable(figures));
  const results = { at: new Date().toISOString(), node: process.version, figures: figures.map((f) => ({ ...f, ok: withinBudget(f) })) };
  writeFileSync(join(__dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote bench/results.json`);
  if (!figures.every(withinBudget)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
