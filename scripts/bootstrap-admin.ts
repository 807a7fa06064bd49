/**
 * `npm run bootstrap-admin -- DISTRICT_ID [--hours 24] [--local]`: prints a one-time code that
 * makes whoever redeems it on the phone (注册 → 有邀请码或激活码？) admin of the district. No openid is
 * ever written into the code or the config; a new code voids the last.
 */
import { bootstrapAdmin } from './deploy/admin-tasks';
import { runMain } from './deploy/run';
import { openTarget, parseArgs } from './deploy/target';

async function main() {
  const { local, args, options } = parseArgs(process.argv.slice(2));
  if (args.length !== 1) throw new Error('用法：npm run bootstrap-admin -- 区的id [--hours 24] [--local]');
  const target = await openTarget({ local, env: process.env });
  try {
    await bootstrapAdmin(target.store, args[0], { now: Date.now(), hours: options.hours ? Number(options.hours) : undefined, print: console.log });
  } finally {
    target.close();
  }
}

runMain(main);
