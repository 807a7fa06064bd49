/**
 * Where the preview takes the mini program from, and how one of its JavaScript modules is made:
 *
 * - `source`: `miniprogram/` as it is on disk, each TypeScript file turned into CommonJS by
 *   esbuild when asked for (a few ms, so an edit shows on the next reload, with no build step);
 * - `compiled`: `dist/miniprogram/`, WeChat's own compiled output (`npm run mp:compile`: ES5
 *   with babel helpers, minified WXML and WXSS), run as it is — what an upload ships.
 *
 * Modules are named as the phone names them: by their path under the root, ending in `.js`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import type { SourceName } from './protocol';
import { joinPath } from './wxss';

export type { SourceName } from './protocol';

export const SOURCE_NAMES: readonly SourceName[] = ['source', 'compiled'];

export interface MpSource {
  name: SourceName;
  /** The mini program root on disk. */
  root: string;
  /** A file's text by its path under the root, or null when there is none. */
  read(path: string): string | null;
  /** The module a require from `fromDir` names, as a module path ('services/api.js'), or null. */
  resolveModule(fromDir: string, spec: string): string | null;
  /** The module's CommonJS code. */
  moduleCode(modulePath: string): string;
  /** Why this source cannot be served now ('' when it can). */
  unavailable(): string;
}

const REPO = resolve(__dirname, '..', '..');

export function mpSource(name: SourceName, repo = REPO): MpSource {
  return name === 'compiled' ? compiledSource(join(repo, 'dist', 'miniprogram')) : sourceTree(join(repo, 'miniprogram'));
}

function reader(root: string) {
  return (path: string): string | null => {
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return null;
    return readFileSync(file, 'utf8');
  };
}

function isFile(root: string, path: string): boolean {
  const file = join(root, path);
  return file.startsWith(root) && existsSync(file) && statSync(file).isFile();
}

/**
 * The module a require names: its spec taken relative to the requiring file's folder (or to the
 * root with a leading '/'), as `<path>.js` or `<path>/index.js`, whichever `exists`.
 */
function resolveWith(fromDir: string, spec: string, exists: (modulePath: string) => boolean): string | null {
  if (!spec.startsWith('.') && !spec.startsWith('/')) return null; // npm packages: none in this app
  const path = joinPath(fromDir, spec);
  if (path.startsWith('..')) return null;
  const base = path.replace(/\.(js|ts)$/, '');
  return [`${base}.js`, `${base}/index.js`].find(exists) ?? null;
}

function compiledSource(root: string): MpSource {
  const read = reader(root);
  return {
    name: 'compiled',
    root,
    read,
    resolveModule: (fromDir, spec) => resolveWith(fromDir, spec, (p) => isFile(root, p)),
    moduleCode(modulePath) {
      const code = read(modulePath);
      if (code === null) throw new Error(`${modulePath} 不在编译产物中`);
      return code;
    },
    unavailable: () => (isFile(root, 'app.json') ? '' : 'dist/miniprogram/ 还没有生成：先运行 npm run mp:compile（npm test 也会生成）'),
  };
}

function sourceTree(root: string): MpSource {
  const read = reader(root);
  /** Transformed modules, kept while their file is unchanged. */
  const cache = new Map<string, { stamp: string; code: string }>();
  /** The file behind a module path: the .ts beside it, or the .js itself (vendor/). */
  const fileOf = (modulePath: string): string | null => {
    const base = modulePath.replace(/\.js$/, '');
    return [`${base}.ts`, `${base}.js`].find((p) => isFile(root, p)) ?? null;
  };
  return {
    name: 'source',
    root,
    read,
    resolveModule: (fromDir, spec) => resolveWith(fromDir, spec, (p) => fileOf(p) !== null),
    moduleCode(modulePath) {
      const file = fileOf(modulePath);
      if (!file) throw new Error(`miniprogram/ 中没有 ${modulePath.replace(/\.js$/, '')}（.ts 或 .js）`);
      const stat = statSync(join(root, file));
      const stamp = `${stat.mtimeMs}:${stat.size}`;
      const hit = cache.get(file);
      if (hit?.stamp === stamp) return hit.code;
      const text = read(file) ?? '';
      const code = file.endsWith('.ts')
        ? transformSync(text, { loader: 'ts', format: 'cjs', target: 'es2018', sourcefile: `miniprogram/${file}`, sourcemap: 'inline' }).code
        : text;
      cache.set(file, { stamp, code });
      return code;
    },
    unavailable: () => '',
  };
}
