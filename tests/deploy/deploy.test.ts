/** `npm run deploy` against a recording fake of the manager SDK: everything declared is deployed once, and a second run changes nothing. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloudFunctionNames, FUNCTIONS_DIR } from '../../scripts/build';
import { deploy, type DeployOptions } from '../../scripts/deploy';
import { cloudIndexes } from '../../scripts/deploy/indexes';
import { CONSOLE_ENV, functionPlan, readFunctionConfig } from '../../scripts/deploy/plan';
import { COLLECTIONS } from '../../server/app';
import { CLIENT_ACCESS } from '../../server/store/collections';
import { FakeCloudManager } from '../support/fake-cloud-manager';

const VARS = { TCB_ENV: 'env-test', TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' };

let root: string;

/** The function folders as a build leaves them: the bundle, package.json, config.json — and the sources, which must not ship. */
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lianfang-deploy-'));
  for (const name of cloudFunctionNames()) {
    const dir = join(root, name);
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'index.js'), `exports.main = async () => '${name}';\n`);
    cpSync(join(FUNCTIONS_DIR, name, 'package.json'), join(dir, 'package.json'));
    cpSync(join(FUNCTIONS_DIR, name, 'config.json'), join(dir, 'config.json'));
    writeFileSync(join(dir, 'src', 'index.ts'), '// source\n');
  }
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function run(cloud: FakeCloudManager, over: Partial<DeployOptions> = {}) {
  const lines: string[] = [];
  const built = jest.fn(async () => undefined);
  const result = deploy({
    dryRun: false,
    env: VARS,
    placeholders: () => [],
    root,
    build: built,
    open: async () => cloud.api(),
    print: (line) => lines.push(line),
    ...over,
  });
  return { result, lines, built };
}

test('a first deploy creates every function folder, with its runtime, size, trigger and package, and every collection with its indexes and rule', async () => {
  const cloud = new FakeCloudManager();
  const { result, built } = run(cloud);
  await result;
  expect(built).toHaveBeenCalledTimes(1);

  expect([...cloud.functions.keys()].sort()).toEqual(cloudFunctionNames().sort());
  for (const spec of functionPlan()) {
    const fn = cloud.functions.get(spec.name)!;
    expect(fn).toMatchObject({ runtime: 'Nodejs16.13', timeout: spec.timeout, memorySize: spec.memorySize, installDependency: true });
    expect(Object.keys(fn.files).sort()).toEqual(['config.json', 'index.js', 'package.json']);
    expect(JSON.parse(fn.files['package.json']).dependencies).toHaveProperty('wx-server-sdk');
    expect(JSON.parse(fn.files['config.json'])).toEqual(readFunctionConfig(spec.name));
    expect(fn.triggers).toEqual((readFunctionConfig(spec.name).triggers ?? []).map((t) => ({ name: t.name, cron: t.config })));
  }
  expect(cloud.functions.get('messenger')!.triggers).toEqual([{ name: 'tick', cron: '0 * * * * * *' }]);
  expect(JSON.parse(cloud.functions.get('notice')!.files['config.json']).permissions.openapi).toEqual(['security.msgSecCheck']);
  expect(JSON.parse(cloud.functions.get('messenger')!.files['config.json']).permissions.openapi).toEqual(['subscribeMessage.send']);

  expect([...cloud.collections.keys()].sort()).toEqual(Object.keys(COLLECTIONS).sort());
  for (const [name, spec] of Object.entries(COLLECTIONS)) {
    const made = cloud.collections.get(name)!.filter((ix) => ix.Name !== '_id_');
    expect(made.map((ix) => ({ name: ix.Name, fields: ix.Keys.map((k) => k.Name), unique: ix.Unique }))).toEqual(cloudIndexes(spec));
    expect(cloud.rules.get(name)).toEqual({ AclTag: 'CUSTOM', Rule: JSON.stringify(CLIENT_ACCESS) });
  }
  expect(CLIENT_ACCESS).toEqual({ read: false, write: false });
});

test('a second deploy only reads: nothing is uploaded, created or set again', async () => {
  const cloud = new FakeCloudManager();
  await run(cloud).result;
  setKekInConsole(cloud);
  const before = cloud.writes().length;
  expect(before).toBeGreaterThan(0);

  const again = await run(cloud).result;
  expect(cloud.writes()).toHaveLength(before);
  expect(again.functions).toMatchObject({ created: [], codeUpdated: [], configUpdated: [], triggersCreated: [], triggersDeleted: [], warnings: [] });
  expect(again.database).toEqual({ created: [], indexesCreated: [], indexesDropped: [], rulesSet: [] });
});

test('a changed bundle is uploaded again for that function alone; a changed cron replaces the trigger', async () => {
  const cloud = new FakeCloudManager();
  await run(cloud).result;
  const before = cloud.calls.length;
  writeFileSync(join(root, 'pass', 'index.js'), 'exports.main = async () => "pass v2";\n');
  const plan = functionPlan().map((f) =>
    f.name === 'messenger' ? { ...f, triggers: [{ name: 'tick', type: 'timer' as const, config: '0 */2 * * * * *' }] } : f,
  );

  const { functions } = await run(cloud, { plan }).result;
  expect(functions).toMatchObject({ codeUpdated: ['pass'], configUpdated: ['pass'], triggersDeleted: ['messenger.tick'], triggersCreated: ['messenger.tick'] });
  expect(cloud.functions.get('pass')!.files['index.js']).toContain('pass v2');
  expect(cloud.functions.get('messenger')!.triggers).toEqual([{ name: 'tick', cron: '0 */2 * * * * *' }]);
  const writes = cloud.calls.slice(before).filter((c) => cloud.writes().includes(c));
  const named = (c: (typeof writes)[number]) =>
    `${c.method} ${typeof c.args[0] === 'string' ? c.args[0] : ((c.args[0] as { name?: string; func?: { name: string } }).func?.name ?? (c.args[0] as { name: string }).name)}`;
  expect(writes.map(named)).toEqual([
    'functions.deleteFunctionTrigger messenger',
    'functions.createFunctionTriggers messenger',
    'functions.updateFunctionCode pass',
    'functions.updateFunctionConfig pass',
  ]);
});

test('indexes made by hand stay; one an older declaration made is dropped; an existing rule is replaced by the declared one', async () => {
  const cloud = new FakeCloudManager();
  cloud.addCollection('users', [
    { name: 'byPhone', fields: ['phone'] },
    { name: 'lf_phone', fields: ['phone'] },
    { name: 'lf_reach', fields: ['reach'] },
  ]);
  const { database } = await run(cloud).result;
  expect(database.indexesDropped).toEqual(['users.lf_phone']);
  expect(database.indexesCreated.filter((ix) => ix.startsWith('users.'))).toEqual([
    'users.lf_household_buildingId',
    'users.lf_household_compoundId',
    'users.lf_grantKeys',
  ]);
  expect(cloud.collections.get('users')!.map((ix) => ix.Name)).toEqual([
    '_id_',
    'byPhone',
    'lf_reach',
    'lf_household_buildingId',
    'lf_household_compoundId',
    'lf_grantKeys',
  ]);
  expect(database.created).not.toContain('users');
  expect(database.rulesSet).toContain('users');
});

test('missing variables are named and nothing is built or sent', async () => {
  const cloud = new FakeCloudManager();
  const { result, built } = run(cloud, { env: { TCB_ENV: 'env-test', TENCENTCLOUD_SECRETID: ' ' } });
  await expect(result).rejects.toThrow(/未部署[\s\S]*缺少环境变量 TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY/);
  expect(built).not.toHaveBeenCalled();
  expect(cloud.calls).toEqual([]);
});

test('a template whose id is still a placeholder stops the deploy before anything is built or sent, naming it', async () => {
  const cloud = new FakeCloudManager();
  const { result, built } = run(cloud, { placeholders: () => ['alert', 'shiftReminder'] });
  await expect(result).rejects.toThrow(/alert、shiftReminder 的模板 ID 仍是占位符[\s\S]*miniprogram\/shared\/templates\.ts/);
  expect(built).not.toHaveBeenCalled();
  expect(cloud.calls).toEqual([]);
});

/** What an operator does in the console after the first deploy (README Deploy step 4). */
function setKekInConsole(cloud: FakeCloudManager) {
  for (const name of Object.keys(CONSOLE_ENV)) cloud.functions.get(name)!.env.LF_PASS_KEKS = 'kek1:c2VjcmV0';
}

test('the functions that sign are named until their KEK is set in the console; deploy never sends it', async () => {
  expect(Object.keys(CONSOLE_ENV).sort()).toEqual(['duty', 'pass']);
  const cloud = new FakeCloudManager();
  const first = run(cloud);
  const { functions } = await first.result;
  expect(functions.warnings).toEqual([
    expect.stringMatching(/^云函数 duty 未设置环境变量 LF_PASS_KEKS 或 LF_PASS_KEK/),
    expect.stringMatching(/^云函数 pass 未设置/),
  ]);
  expect(first.lines).toContainEqual(expect.stringMatching(/^注意：云函数 pass 未设置环境变量 LF_PASS_KEKS 或 LF_PASS_KEK：请在云开发控制台/));
  cloud.functions.get('pass')!.env.LF_PASS_KEK = 'c2VjcmV0';
  expect((await run(cloud).result).functions.warnings).toEqual([expect.stringMatching(/^云函数 duty 未设置/)]);
  setKekInConsole(cloud);
  expect((await run(cloud).result).functions.warnings).toEqual([]);
  const sent = JSON.stringify(cloud.calls);
  expect(sent).not.toContain('LF_PASS_KEK');
  expect(sent).not.toContain('envVariables');
});
