/**
 * Deploy figures: calls of a first `npm run deploy` and of a second one (which must only read),
 * against the recording fake of the manager SDK over the real built function folders; importing
 * the demo district's tree into an empty store; and what redeeming an invitation costs.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { deploy } from '../scripts/deploy';
import { FUNCTIONS_DIR } from '../scripts/build';
import { COLLECTIONS, FUNCTIONS } from '../server/app';
import { ManualClock } from '../server/core/clock';
import { importTree } from '../server/org/import';
import { createApp } from '../server/runtime/dispatch';
import { demoTreeSpec } from '../server/seed/district';
import { seedDistrict } from '../server/seed/seed';
import type { Meter } from '../server/store/metered';
import { openSqliteStore } from '../server/store/sqlite';
import { FakeCloudManager } from '../tests/support/fake-cloud-manager';
import type { Figure } from './figures';

const VARS = { TCB_ENV: 'bench', TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' };

async function deployTwice(): Promise<Figure[]> {
  const cloud = new FakeCloudManager();
  const once = () =>
    deploy({
      dryRun: false,
      env: VARS,
      placeholders: () => [],
      root: FUNCTIONS_DIR,
      build: async () => undefined,
      open: async () => cloud.api(),
      print: () => undefined,
    });
  await once();
  const first = { calls: cloud.calls.length, writes: cloud.writes().length };
  cloud.calls.length = 0;
  await once();
  return [
    { name: 'npm run deploy, first: calls to the cloud', measured: first.calls, unit: 'calls' },
    { name: 'npm run deploy, first: calls that change something', measured: first.writes, unit: 'calls' },
    { name: 'npm run deploy, second: calls that change something', measured: cloud.writes().length, unit: 'calls', budget: { op: '<=', value: 0 } },
  ];
}

async function importDemoTree(): Promise<Figure[]> {
  const store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
  try {
    const t0 = performance.now();
    const r = await importTree(store, demoTreeSpec());
    const ms = performance.now() - t0;
    const again = await importTree(store, demoTreeSpec());
    return [
      { name: `org-import of the demo district (${r.orgs} nodes, ${r.gates} gates): time`, measured: ms, unit: 'ms' },
      { name: 'org-import again: documents added', measured: again.orgs + again.gates + again.updated, unit: 'docs', budget: { op: '<=', value: 0 } },
    ];
  } finally {
    store.close();
  }
}

async function redeem(): Promise<Figure[]> {
  const store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
  try {
    await seedDistrict(store);
    const app = createApp({ store, clock: new ManualClock(Date.UTC(2026, 10, 29)), functions: FUNCTIONS });
    const invite = await app.call(
      'account',
      { action: 'account.invite', data: { role: 'leader', orgId: 'sz-s1-c01-x01-b01', requestId: randomUUID() } },
      'demo-community-staff',
    );
    if (!invite.ok) throw new Error(`account.invite: ${invite.error.message}`);
    const meter: Meter = { reads: 0, writes: 0 };
    const r = await app.call('account', { action: 'account.redeem', data: { code: (invite.data as { code: string }).code } }, 'wx-bench-invitee', { meter });
    if (!r.ok) throw new Error(`account.redeem: ${r.error.message}`);
    return [
      // 5 and 3, plus the notice-audience counter a change of grants moves (one read and one write).
      { name: 'account.redeem (an invitation): reads', measured: meter.reads, unit: 'reads', budget: { op: '<=', value: 6 } },
      { name: 'account.redeem (an invitation): writes', measured: meter.writes, unit: 'writes', budget: { op: '<=', value: 4 } },
    ];
  } finally {
    store.close();
  }
}

export async function deployFigures(): Promise<Figure[]> {
  return [...(await deployTwice()), ...(await importDemoTree()), ...(await redeem())];
}
