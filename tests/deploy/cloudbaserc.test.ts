/** cloudbaserc.json is generated (npm run cloudbaserc) from the function folders and the plan's table, and covers every folder. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudFunctionNames } from '../../scripts/build';
import { cloudbaseRc, functionPlan, readFunctionConfig, RUNTIME } from '../../scripts/deploy/plan';

const ROOT = join(__dirname, '..', '..');
const committed = JSON.parse(readFileSync(join(ROOT, 'cloudbaserc.json'), 'utf8')) as ReturnType<typeof cloudbaseRc>;

test('the committed cloudbaserc.json is what the generator makes (npm run cloudbaserc rewrites it)', () => {
  expect(committed).toEqual(cloudbaseRc());
});

test('it names every function folder once, with the runtime matching the bundles, its timeout, memory and config.json triggers', () => {
  expect(committed.functions.map((f) => f.name)).toEqual([...cloudFunctionNames()].sort());
  expect(readFileSync(join(ROOT, 'scripts', 'build.ts'), 'utf8')).toMatch(/target: 'node16'/);
  expect(RUNTIME).toBe('Nodejs16.13');
  for (const fn of committed.functions) {
    expect(fn).toMatchObject({ runtime: RUNTIME, handler: 'index.main', installDependency: true, ignore: ['src', 'src/**'] });
    expect(fn.timeout).toBeGreaterThanOrEqual(3);
    expect(fn.timeout).toBeLessThanOrEqual(60);
    expect([128, 256, 512, 1024, 2048]).toContain(fn.memorySize);
    expect(fn.triggers).toEqual(readFunctionConfig(fn.name).triggers ?? []);
  }
  expect(committed.functions.find((f) => f.name === 'messenger')!.triggers).toEqual([{ name: 'tick', type: 'timer', config: '0 * * * * * *' }]);
  expect(committed.envId).toBe('{{env.TCB_ENV}}');
});

test('the cloud-call permissions come from each config.json: messenger sends subscription messages, notice checks text, org draws poster codes', () => {
  const openapi = Object.fromEntries(functionPlan().map((f) => [f.name, f.openapi]));
  expect(openapi.messenger).toEqual(['subscribeMessage.send']);
  expect(openapi.notice).toEqual(['security.msgSecCheck']);
  expect(openapi.org).toEqual(['wxacode.getUnlimited']);
  expect(
    Object.entries(openapi)
      .filter(([, apis]) => apis.length)
      .map(([name]) => name),
  ).toEqual(['messenger', 'notice', 'org']);
});
