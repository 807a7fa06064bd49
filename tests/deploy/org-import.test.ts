/** A fresh environment gets its tree from a file and its first admin from a one-time code, in the cloud (node-sdk) or locally. */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bootstrapAdmin, orgImport, rotatePassKey } from '../../scripts/deploy/admin-tasks';
import { openTarget } from '../../scripts/deploy/target';
import { ManualClock } from '../../server/core/clock';
import { COLLECTIONS, FUNCTIONS } from '../../server/app';
import { importTree, TreeImportError } from '../../server/org/import';
import { checkTree } from '../../server/org/tree';
import { RETIRED_KEY_TRUST_MS, trustedKeys } from '../../server/pass/keys';
import { createApp } from '../../server/runtime/dispatch';
import { demoTreeSpec } from '../../server/seed/district';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/port';
import { createFakeCloudDatabase } from '../support/fake-cloudbase';

const EXAMPLE = join(__dirname, '../../docs/district.example.json');
const example = () => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { id: string; name: string; children: Array<Record<string, unknown>> };
const T0 = Date.UTC(2026, 10, 29);

let store: Store & { close(): void };
beforeEach(() => {
  store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
});
afterEach(() => store.close());

describe('the tree file', () => {
  test('the example and the demo district are valid trees', () => {
    expect(checkTree(example())).toEqual([]);
    expect(checkTree(demoTreeSpec())).toEqual([]);
  });

  test('every problem is named where it is, in Chinese', () => {
    const bad = {
      id: 'X',
      name: '新区',
      extra: 1,
      children: [
        {
          name: '城南街道',
          children: [
            { name: '', children: [] },
            { name: '花园社区', children: [{ name: '丹桂小区', gates: [], children: [{ name: '1号楼', children: [{ name: '101' }] }] }, { name: '丹桂小区' }] },
          ],
        },
      ],
    };
    expect(checkTree(bad)).toEqual([
      expect.stringMatching(/^id：区的编号/),
      '新区：区不能有「extra」',
      '新区 › 城南街道 第 1 个社区：名称应为 1–30 个字',
      expect.stringMatching(/^新区 › 城南街道 › 花园社区 › 丹桂小区：gates 应为/),
      '新区 › 城南街道 › 花园社区 › 丹桂小区 › 1号楼：楼栋下不能再有下级',
      '新区 › 城南街道 › 花园社区：小区「丹桂小区」重名',
    ]);
    expect(checkTree([])).toEqual([expect.stringContaining('JSON 对象')]);
    expect(checkTree({ id: 'xq', name: '新\u202e区' })).toEqual(['区：名称含有控制字符']);
  });
});

describe('importTree', () => {
  test('adds every node and gate with the ids and counts the app reads; a second run adds nothing', async () => {
    expect(await importTree(store, example())).toEqual({ orgs: 10, gates: 3, updated: 0 });
    expect(await store.get('orgs', 'xq')).toMatchObject({ name: '新区', level: 'district', parentId: null, path: [], childCount: 1 });
    expect(await store.get('orgs', 'xq-s1-c01-x02-b02')).toMatchObject({
      name: '2号楼',
      level: 'building',
      depth: 4,
      parentId: 'xq-s1-c01-x02',
      path: ['xq', 'xq-s1', 'xq-s1-c01', 'xq-s1-c01-x02'],
    });
    expect(await store.get('gates', 'xq-s1-c01-x01-g2')).toMatchObject({
      name: '北门',
      compoundId: 'xq-s1-c01-x01',
      compoundPath: ['xq', 'xq-s1', 'xq-s1-c01'],
    });
    expect(await importTree(store, example())).toEqual({ orgs: 0, gates: 0, updated: 0 });
  });

  test('a building appended later is added and its compound counts it', async () => {
    await importTree(store, example());
    const grown = example();
    const compound = ((grown.children[0].children as Array<Record<string, unknown>>)[0].children as Array<{ children: unknown[] }>)[1];
    compound.children.push({ name: '3号楼' });
    expect(await importTree(store, grown)).toEqual({ orgs: 1, gates: 0, updated: 1 });
    expect(await store.get('orgs', 'xq-s1-c01-x02')).toMatchObject({ childCount: 3 });
  });

  test('a renamed or reordered node refuses the whole file and writes nothing', async () => {
    await importTree(store, example());
    const changed = example();
    const community = (changed.children[0].children as Array<{ children: Array<{ name: string; children: unknown[] }> }>)[0];
    community.children.reverse();
    community.children[0].children.push({ name: '9号楼' });
    const before = (await store.query('orgs', { limit: 100 })).items;
    const err = await importTree(store, changed).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TreeImportError);
    expect((err as TreeImportError).problems).toContain(
      'xq-s1-c01-x01：已导入的是「丹桂小区」，文件里是「文化巷小区」——已有的节点不能改名或调换顺序，新节点只能加在末尾',
    );
    expect((await store.query('orgs', { limit: 100 })).items).toEqual(before);
  });

  test('an invalid file writes nothing', async () => {
    await expect(importTree(store, { ...example(), id: '新区' })).rejects.toThrow(/未导入：\n- id：区的编号/);
    expect(await store.count('orgs')).toBe(0);
  });
});

describe('in the cloud, through node-sdk and the CloudBase Store', () => {
  test('import, then a one-time code, then the newcomer redeems it on the phone and is admin', async () => {
    const db = createFakeCloudDatabase({ flavor: 'node' });
    const vars = { TCB_ENV: 'lianfang-test', TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' };
    const target = await openTarget({ local: false, env: vars, database: async (v) => (expect(v).toEqual(vars), db) });
    expect(target.label).toBe('云开发环境 lianfang-test');
    const lines: string[] = [];
    await orgImport(target.store, EXAMPLE, (l) => lines.push(l));
    expect(lines).toEqual(['新增 10 个节点、3 个门岗。']);

    const { code } = await bootstrapAdmin(target.store, 'xq', { now: T0, print: (l) => lines.push(l) });
    expect(lines[1]).toBe(`激活码：${code}`);
    expect(lines[2]).toMatch(/「新区」.*24 小时内有效，只能使用一次/);

    const app = createApp({ store: target.store, clock: new ManualClock(T0 + 3_600_000), functions: FUNCTIONS });
    expect(await app.call('account', { action: 'account.redeem', data: { code } }, 'wx-first-admin')).toMatchObject({
      ok: true,
      data: { orgId: 'xq', orgName: '新区' },
    });
    const me = await app.call('account', { action: 'account.me', data: {} }, 'wx-first-admin');
    expect(me).toMatchObject({ ok: true, data: { grants: [expect.objectContaining({ role: 'admin', orgId: 'xq' })] } });
  });

  test('rotating the pass key from the command line: a new active key, the old one still trusted', async () => {
    const db = createFakeCloudDatabase({ flavor: 'node' });
    const env = { TCB_ENV: 'e', TENCENTCLOUD_SECRETID: 'i', TENCENTCLOUD_SECRETKEY: 'k', LF_PASS_KEKS: `kek1:${randomBytes(32).toString('base64')}` };
    const target = await openTarget({ local: false, env, database: async () => db });
    await orgImport(target.store, EXAMPLE, () => undefined);
    const lines: string[] = [];
    expect(await rotatePassKey(target.store, { now: T0, keks: target.passKeks, print: (l) => lines.push(l) })).toEqual({ from: 'k1', to: 'k2' });
    expect(lines[0]).toMatch(/k1 → k2。k1 签发的通行证在 2027-02-27 前仍可核验/);
    expect((await trustedKeys(target.store, T0 + RETIRED_KEY_TRUST_MS - 1)).map((k) => k.kid)).toEqual(['k1', 'k2']);
    expect((await trustedKeys(target.store, T0 + RETIRED_KEY_TRUST_MS)).map((k) => k.kid)).toEqual(['k2']);
    expect(await target.store.get('passKeys', 'k2')).toMatchObject({ seed: { kek: 'kek1' } });
  });

  test('against the cloud without a KEK the rotation refuses and stores no key', async () => {
    const db = createFakeCloudDatabase({ flavor: 'node' });
    const target = await openTarget({ local: false, env: { TCB_ENV: 'e', TENCENTCLOUD_SECRETID: 'i', TENCENTCLOUD_SECRETKEY: 'k' }, database: async () => db });
    await expect(rotatePassKey(target.store, { now: T0, keks: target.passKeks, print: () => undefined })).rejects.toThrow(
      /LF_PASS_KEKS \(or LF_PASS_KEK\) is not set/,
    );
    expect((await target.store.query('passKeys')).items).toEqual([]);
  });

  test('missing variables are all named before anything is opened', async () => {
    const database = jest.fn();
    await expect(openTarget({ local: false, env: { TCB_ENV: 'x' }, database })).rejects.toThrow(/TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY/);
    expect(database).not.toHaveBeenCalled();
  });

  test('a code for a district that is not imported, or a bad --hours, is refused', async () => {
    await expect(bootstrapAdmin(store, 'xq', { now: T0, print: () => undefined })).rejects.toThrow(/先用 npm run org-import/);
    await importTree(store, example());
    await expect(bootstrapAdmin(store, 'xq-s1', { now: T0, print: () => undefined })).rejects.toThrow(/找不到区「xq-s1」/);
    await expect(bootstrapAdmin(store, 'xq', { now: T0, hours: 0, print: () => undefined })).rejects.toThrow(/--hours/);
    expect(await store.get('meta', 'adminClaim')).toBeNull();
  });
});

describe('the commands, as a deployer runs them', () => {
  const run = promisify(execFile);
  const tsx = join(__dirname, '../../node_modules/.bin/tsx');
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lianfang-admin-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const script = (name: string, args: string[], env: Record<string, string> = {}) =>
    run(tsx, [join(__dirname, `../../scripts/${name}.ts`), ...args], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...env } }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
    );

  test('org-import and bootstrap-admin --local write the store npm start runs on, and exit', async () => {
    expect(await script('org-import', [EXAMPLE, '--local'])).toMatchObject({ code: 0, out: expect.stringContaining('新增 10 个节点、3 个门岗。') });
    const r = await script('bootstrap-admin', ['xq', '--local', '--hours', '2']);
    expect(r).toMatchObject({ code: 0, out: expect.stringMatching(/激活码：([0-9A-Z]{5}-){3}[0-9A-Z]{5}\n.*2 小时内有效/) });
    const local = openSqliteStore({ file: join(dataDir, 'lianfang.db'), collections: COLLECTIONS });
    expect(await local.get('meta', 'adminClaim')).toMatchObject({ districtId: 'xq' });
    local.close();
  }, 30_000);

  test('without the cloud variables the command says which are missing and exits 1', async () => {
    const r = await script('bootstrap-admin', ['xq']);
    expect(r).toMatchObject({ code: 1, err: expect.stringContaining('缺少环境变量 TCB_ENV、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY') });
    const bad = join(dataDir, 'bad.json');
    writeFileSync(bad, '{ "id": "xq", ');
    expect(await script('org-import', [bad, '--local'])).toMatchObject({ code: 1, err: expect.stringContaining('读不了') });
    expect(await script('org-import', ['--local'])).toMatchObject({ code: 1, err: expect.stringContaining('用法：npm run org-import') });
  }, 30_000);
});
