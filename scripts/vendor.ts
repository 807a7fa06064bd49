/**
 * `npm run vendor`: the mini program's ESM-only libraries (@noble/curves, qr) bundled to
 * CommonJS as miniprogram/vendor/<name>.js — DevTools' npm builder follows only a package's main
 * entry. The phone, the server and the bench all run these very files.
 *
 * The bundles are committed, so a fresh clone compiles in DevTools as it is; a test rebuilds
 * them in memory and fails if they differ from the committed files (run this after upgrading
 * either library). They target ES2020 and WeChat's compiler is told to leave them alone
 * (project.config.json `babelSetting.ignore`): its ES5 step rewrites BigInt `**` into Math.pow.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const VENDOR_DIR = join(__dirname, '..', 'miniprogram', 'vendor');
export const VENDORED = ['ed25519', 'qr'] as const;

/** The bundle of scripts/vendor/<name>.ts as it belongs in miniprogram/vendor/<name>.js. */
export async function vendorBundle(name: (typeof VENDORED)[number]): Promise<string> {
  // Loaded on use: the compiled-output tests read VENDORED in jsdom, where esbuild cannot run.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(__dirname, 'vendor', `${name}.ts`)],
    bundle: true,
    write: false,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020', // BigInt stays BigInt
    format: 'cjs',
    minify: true,
    legalComments: 'inline',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

if (require.main === module) {
  Promise.all(
    VENDORED.map(async (name) => {
      const code = await vendorBundle(name);
      writeFileSync(join(VENDOR_DIR, `${name}.js`), code);
      console.log(`vendored miniprogram/vendor/${name}.js (${(Buffer.byteLength(code) / 1024).toFixed(0)} KB)`);
    }),
  ).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
