/**
 * `npm run rotate-pass-key [--local]`: a new active pass signing key, what the admin action
 * pass.rotateKey does, for whoever holds the cloud keys (a suspected leak, a routine change).
 * The retired key keeps verifying for 90 days, so no pass a resident holds stops working.
 */
import { rotatePassKey } from './deploy/admin-tasks';
import { runMain } from './deploy/run';
import { openTarget, parseArgs } from './deploy/target';

async function main() {
  const { local, args } = parseArgs(process.argv.slice(2));
  if (args.length) throw new Error('用法：npm run rotate-pass-key [-- --local]');
  const target = await openTarget({ local, env: process.env });
  try {
    await rotatePassKey(target.store, { now: Date.now(), keks: target.passKeks, print: console.log });
  } finally {
    target.close();
  }
}

runMain(main);
