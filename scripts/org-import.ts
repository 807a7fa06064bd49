/**
 * `npm run org-import -- FILE [--local]`: imports a district's tree (区 → 街道 → 社区 → 小区 → 楼栋,
 * gates on compounds; see docs/district.example.json) into the cloud environment (TCB_ENV and the
 * API key pair) or, with --local, into DATA_DIR. New nodes are added; running it again changes nothing.
 */
import { orgImport } from './deploy/admin-tasks';
import { runMain } from './deploy/run';
import { openTarget, parseArgs } from './deploy/target';

async function main() {
  const { local, args } = parseArgs(process.argv.slice(2));
  if (args.length !== 1) throw new Error('用法：npm run org-import -- 组织架构.json [--local]');
  const target = await openTarget({ local, env: process.env });
  try {
    console.log(`导入到${target.label}…`);
    await orgImport(target.store, args[0], console.log);
  } finally {
    target.close();
  }
}

runMain(main);
