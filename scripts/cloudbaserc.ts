/** `npm run cloudbaserc`: writes cloudbaserc.json from the function folders and the plan's table (scripts/deploy/plan.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { cloudbaseRcText } from './deploy/plan';

async function main() {
  const file = join(__dirname, '..', 'cloudbaserc.json');
  writeFileSync(file, await format(cloudbaseRcText(), { ...(await resolveConfig(file)), filepath: file }));
  console.log(`wrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
