/** `npm run deploy -- --dry-run` as a person runs it: no credentials, no network, every call listed. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cloudIndexes } from '../../scripts/deploy/indexes';
import { functionPlan } from '../../scripts/deploy/plan';
import { COLLECTIONS } from '../../server/app';

jest.setTimeout(60_000);

let output: string;

beforeAll(async () => {
  const env = { ...process.env };
  for (const name of ['TCB_ENV', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY']) delete env[name];
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'deploy', '--', '--dry-run'], { cwd: join(__dirname, '..', '..'), env });
  output = stdout;
});

test('it says it is a dry run and sends nothing', () => {
  expect(output).toMatch(/^演练（--dry-run）：不联网/);
  expect(output.trim().split('\n').at(-1)).toBe('演练结束：以上调用均未发出。');
});

test('every function is created with its runtime, timeout, memory and trigger', () => {
  for (const fn of functionPlan()) {
    const create = output.split('\n').find((l) => l.includes('functions.createFunction(') && l.includes(`"name":"${fn.name}"`));
    expect(create).toBeDefined();
    expect(create).toContain(`"runtime":"Nodejs16.13","handler":"index.main","timeout":${fn.timeout},"memorySize":${fn.memorySize},"installDependency":true`);
    expect(create).toContain(`"triggers":${JSON.stringify(fn.triggers)}`);
  }
  expect(output).toContain('定时触发器 tick「0 * * * * * *」');
  expect(output).toContain('云调用 subscribeMessage.send');
  expect(output).toContain('云调用 security.msgSecCheck');
});

test('every collection is created with each of its indexes and the rule that denies clients', () => {
  for (const [name, spec] of Object.entries(COLLECTIONS)) {
    expect(output).toContain(`database.createCollection("${name}")`);
    for (const ix of cloudIndexes(spec)) {
      expect(output).toContain(
        `{"IndexName":"${ix.name}","MgoKeySchema":{"MgoIndexKeys":${JSON.stringify(ix.fields.map((Name) => ({ Name, Direction: '1' })))},"MgoIsUnique":${ix.unique}}}`,
      );
    }
    expect(output).toContain(`"CollectionName":"${name}","AclTag":"CUSTOM","Rule":"{\\"read\\":false,\\"write\\":false}"`);
  }
});
