/**
 * Bundles every cloud function: cloudfunctions/<name>/src/index.ts → cloudfunctions/<name>/index.js
 * (CommonJS, Node 16 as in the cloud, wx-server-sdk left external — the cloud installs it).
 * The shared pass code they carry imports the committed miniprogram/vendor bundles (scripts/vendor.ts).
 */
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const FUNCTIONS_DIR = join(__dirname, '..', 'cloudfunctions');

export function cloudFunctionNames(): string[] {
  return readdirSync(FUNCTIONS_DIR).filter((n) => existsSync(join(FUNCTIONS_DIR, n, 'src', 'index.ts')));
}

export async function buildAll(): Promise<Array<{ name: string; bytes: number }>> {
  return Promise.all(
    cloudFunctionNames().map(async (name) => {
      const result = await build({
        entryPoints: [join(FUNCTIONS_DIR, name, 'src', 'index.ts')],
        outfile: join(FUNCTIONS_DIR, name, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        legalComments: 'none',
        metafile: true,
        logLevel: 'warning',
      });
      const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
      return { name: `cloudfunctions/${name}/index.js`, bytes };
    }),
  );
}

if (require.main === module) {
  buildAll().then(
    (built) => built.forEach((b) => console.log(`built ${b.name} (${(b.bytes / 1024).toFixed(0)} KB)`)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
