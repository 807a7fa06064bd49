/**
 * `npm run rewrap-pass-keys [--local]`: after a new KEK was put first in LF_PASS_KEKS (the old one
 * still listed), reseals every pass signing seed under it; then the old KEK can be removed from the
 * functions' environment. Seeds still in plain (from before sealing) are sealed too.
 */
import { rewrapKeys } from './deploy/admin-tasks';
import { runMain } from './deploy/run';
import { openTarget, parseArgs } from './deploy/target';

async function main() {
  const { local, args } = parseArgs(process.argv.slice(2));
  if (args.length) throw new Error('用法：npm run rewrap-pass-keys [-- --local]');
  const target = await openTarget({ local, env: process.env });
  try {
    await rewrapKeys(target.store, { keks: target.passKeks, print: console.log });
  } finally {
    target.close();
  }
}

runMain(main);
