/**
 * The CommonJS modules a page needs: its own file and everything it requires, transitively.
 * The phone's `require` is synchronous, so the browser gets them all before running the page.
 */
import type { ModuleFile, ModuleMap } from './protocol';
import type { MpSource } from './sources';

// Static requires only: what both esbuild's and WeChat's CommonJS output write.
const REQUIRE = /\brequire\(\s*(["'])([^"'\n]+)\1\s*\)/g;

export function requiresOf(code: string): string[] {
  return [...code.matchAll(REQUIRE)].map((m) => m[2]);
}

/**
 * `entries` and their requires, transitively. A require that names no module of the mini program
 * fails here, as it would fail WeChat's compiler, with the file that made it.
 */
export function moduleClosure(source: MpSource, entries: string[]): ModuleMap {
  const modules: ModuleMap = {};
  const queue = [...entries];
  while (queue.length) {
    const path = queue.shift()!;
    if (path in modules) continue;
    const code = source.moduleCode(path);
    const file: ModuleFile = { code, requires: {} };
    modules[path] = file;
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    for (const spec of requiresOf(code)) {
      const dep = source.resolveModule(dir, spec);
      if (dep === null) throw new Error(`${path} 引用了找不到的模块「${spec}」`);
      file.requires[spec] = dep;
      if (!(dep in modules)) queue.push(dep);
    }
  }
  return modules;
}
