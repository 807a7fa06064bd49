/**
 * The first admin end to end: the deployer runs `npm run bootstrap-admin -- sz --local` for
 * 商州区, and a newcomer with no role finds the 激活码 page from the
 * registration page, types the code as printed, and comes home as the district's admin.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { journey } from './support/journey';

jest.setTimeout(240_000);

const ROOT = join(__dirname, '../..');

/** What the deployer does on the data the runtime will open: the tree (here the demo district), then bootstrap-admin; the code as it prints it. */
async function bootstrapAdmin(dataDir: string): Promise<string> {
  const run = (script: string, args: string[]) =>
    promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts', script), ...args], { env: { ...process.env, DATA_DIR: dataDir } });
  await run('seed.ts', []);
  const { stdout } = await run('bootstrap-admin.ts', ['sz', '--local']);
  const printed = /激活码：([0-9A-Z-]{23})/.exec(stdout);
  if (!printed) throw new Error(`bootstrap-admin printed no code:\n${stdout}`);
  return printed[1];
}

let code = '';

test('a newcomer redeems the deployer’s code from the registration page and comes home as admin of 商州区', () =>
  journey(
    'admin-claim',
    async (j) => {
      const admin = await j.open('e2e-first-admin');
      await admin.see('#register', '登记为居民');
      await admin.tap('#register');
      await admin.onPage('登记为居民');
      await admin.$('#claim-link').scrollIntoViewIfNeeded();
      await admin.shot('register-link');
      await admin.tap('#claim-link');
      await admin.onPage('激活码');
      await admin.see('#code-count', '已输入 0 / 20 位');
      await admin.shot('claim-empty');
      expect(await admin.$('#submit').getAttribute('disabled')).not.toBeNull();

      // Typed from the printout in lower case, with spaces: shown as printed.
      await admin.type('#code', code.toLowerCase().replace(/-/g, ' '));
      expect(await admin.$('#code .lf-field').inputValue()).toBe(code);
      await admin.see('#code-count', '已输入 20 / 20 位');
      await admin.shot('claim-typed');

      await admin.tap('#submit');
      await admin.see('#done-title', '已成为「商州区」管理员');
      await admin.shot('claim-done');

      await admin.tap('#home');
      await admin.onPage('联防');
      await admin.see('#section-admin', '组织与授权');
      await admin.$('#section-admin').scrollIntoViewIfNeeded();
      await admin.see('.home-badge', '管理员');
      await admin.shot('home-admin');
    },
    {
      prepare: async (dataDir) => {
        code = await bootstrapAdmin(dataDir);
      },
    },
  ));
