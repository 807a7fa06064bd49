/**
 * Bundles every cloud function: cloudfunctions/<name>/src/index.ts → cloudfunctions/<name>/index.js
 * (CommonJS, Node 16 as in the cloud, wx-server-sdk left external — the cloud installs it).
 * The shared pass code they carry imports the committed miniprogram/vendor bundles (scripts/vendor.ts).
 * Not minified: minifying halves the bytes but does not load measurably faster, and readable
 * bundles keep function names and lines in cloud logs' stack traces (bench/bundles.ts).
 */
import { build, type Plugin } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const FUNCTIONS_DIR = join(__dirname, '..', 'cloudfunctions');

export function cloudFunctionNames(): string[] {
  return readdirSync(FUNCTIONS_DIR).filter((n) => existsSync(join(FUNCTIONS_DIR, n, 'src', 'index.ts')));
}

/**
 * In cloud function bundles the vendored Ed25519 curve is set up on first use, not at load: its
 * set-up is ~5 ms of BigInt work, and most requests never use it (the gate verifies with Node's
 * native Ed25519). Same module, same code; the phone and the source-level tests import it as it is.
 */
const lazyCurve: Plugin = {
  name: 'lazy-ed25519',
  setup(b) {
    b.onResolve({ filter: /\/vendor\/ed25519$/ }, () => ({ path: 'ed25519', namespace: 'lazy-curve' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-curve' }, () => ({
      contents: "let curve;\nexport const ed25519 = new Proxy({}, { get: (_, key) => (curve ??= require('./ed25519.js').ed25519)[key] });\n",
      resolveDir: join(__dirname, '..', 'miniprogram', 'vendor'),
      loader: 'js',
    }));
  },
};

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
        plugins: [lazyCurve],
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
