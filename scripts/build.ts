/**
 * Bundles every cloud function: cloudfunctions/<name>/src/index.ts → cloudfunctions/<name>/index.js
 * (CommonJS, Node 16 as in the cloud, wx-server-sdk left external — the cloud installs it).
 * Not minified: minifying halves the bytes but does not load measurably faster, and readable
 * bundles keep function names and lines in cloud logs' stack traces (bench/bundles.ts).
 *
 * Also vendors the mini program's ESM-only libraries (@noble/curves, qr) into
 * miniprogram/vendor/*.js as CommonJS: DevTools' npm builder only follows a package's main
 * entry, and this way the phone, the server and the bench run the very same bundle.
 */
import { build, type Plugin } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const FUNCTIONS_DIR = join(__dirname, '..', 'cloudfunctions');

export function cloudFunctionNames(): string[] {
  return readdirSync(FUNCTIONS_DIR).filter((n) => existsSync(join(FUNCTIONS_DIR, n, 'src', 'index.ts')));
}

const VENDOR = ['ed25519', 'qr'];

async function buildVendor(name: string): Promise<{ name: string; bytes: number }> {
  const result = await build({
    entryPoints: [join(__dirname, 'vendor', `${name}.ts`)],
    outfile: join(__dirname, '..', 'miniprogram', 'vendor', `${name}.js`),
    bundle: true,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020', // BigInt literals stay as they are
    format: 'cjs',
    minify: true,
    legalComments: 'inline',
    metafile: true,
    logLevel: 'warning',
  });
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  return { name: `miniprogram/vendor/${name}.js`, bytes };
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
  // Vendor first: cloud functions bundle the shared pass code, which imports the vendored libs.
  const vendored = await Promise.all(VENDOR.map(buildVendor));
  return vendored.concat(await Promise.all(
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
  ));
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
