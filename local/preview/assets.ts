/**
 * The preview's browser code (web/), bundled by esbuild in memory on first request and again
 * whenever one of its files changes: the shell page and the phone, with j-component and
 * exparser (WeChat's component framework, as miniprogram-simulate uses it) and jsQR inside.
 *
 * Two lines of j-component are changed on the way in, so the browser shows what the phone
 * shows: element ids are written to the DOM (WeChat's renderer does; #id selectors in WXSS and
 * tests rely on it), and rpx in inline styles converts at the phone's width (j-component writes
 * 1rpx as 1px). Either line going missing in a j-component upgrade fails the build.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

export interface Asset {
  type: string;
  body: string;
}

const WEB = join(__dirname, 'web');
const ENTRIES = { shell: join(WEB, 'shell', 'shell.ts'), phone: join(WEB, 'phone', 'boot.ts') };
const RPX = join(__dirname, 'wxss.ts');

/** j-component as miniprogram-simulate depends on it. */
const simulateRequire = createRequire(require.resolve('miniprogram-simulate'));
const J_COMPONENT = dirname(simulateRequire.resolve('j-component/package.json'));

const PATCHES: Array<{ file: string; find: string; replace: string }> = [
  { file: join(J_COMPONENT, 'src', 'componentmanager.js'), find: 'writeIdToDOM: false,', replace: 'writeIdToDOM: true,' },
  {
    file: join(J_COMPONENT, 'src', 'tool', 'utils.js'),
    find: "return style.replace(/(\\d+)rpx/ig, '$1px')",
    replace: `return require(${JSON.stringify(RPX)}).convertRpx(style)`,
  },
];

const patchJComponent: Plugin = {
  name: 'patch-j-component',
  setup(b) {
    for (const patch of PATCHES) {
      b.onLoad({ filter: new RegExp(`${patch.file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) }, async () => {
        const { readFile } = await import('node:fs/promises');
        const text = await readFile(patch.file, 'utf8');
        if (!text.includes(patch.find)) throw new Error(`${patch.file} 中找不到「${patch.find}」：j-component 变了，请更新 local/preview/assets.ts`);
        return { contents: text.replace(patch.find, patch.replace), loader: 'js', resolveDir: dirname(patch.file) };
      });
    }
  },
};

interface Built {
  assets: Map<string, Asset>;
  /** Input files and their modification times, to tell when to build again. */
  inputs: Map<string, number>;
}

let current: Promise<Built> | null = null;

async function bundle(): Promise<Built> {
  const result = await build({
    entryPoints: ENTRIES,
    bundle: true,
    write: false,
    outdir: '/preview/assets',
    platform: 'browser',
    format: 'iife',
    target: 'chrome100',
    charset: 'utf8',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    // j-component and exparser are written for node and jsdom: `global` is the window here.
    define: { global: 'window' },
    nodePaths: [dirname(J_COMPONENT)],
    plugins: [patchJComponent],
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const type = name.endsWith('.css') ? 'text/css' : name.endsWith('.map') ? 'application/json' : 'text/javascript';
    assets.set(name, { type: `${type}; charset=utf-8`, body: file.text });
  }
  const inputs = new Map<string, number>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = resolve(input);
    inputs.set(file, statSync(file).mtimeMs);
  }
  return { assets, inputs };
}

function changed(built: Built): boolean {
  for (const [file, mtime] of built.inputs) {
    try {
      if (statSync(file).mtimeMs !== mtime) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/** The bundled asset by file name ('phone.js', 'shell.css', …), or null. */
export async function previewAsset(name: string): Promise<Asset | null> {
  if (current) {
    const built = await current.catch(() => null);
    if (!built || changed(built)) current = null;
  }
  current ??= bundle();
  return (await current).assets.get(name) ?? null;
}
