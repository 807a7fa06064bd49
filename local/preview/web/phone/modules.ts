/**
 * The mini program's CommonJS modules in the browser: a synchronous `require` over the modules
 * the server sent (each with its requires already resolved), each run once per phone, as the
 * phone's runtime does. Like WeChat's service layer, module code sees no `window`, `document`,
 * `localStorage` or other browser globals: only what the phone offers (wx, Component, setTimeout…).
 */
import type { ModuleFile, ModuleMap } from '../../protocol';

/** Globals WeChat hides from module code (its own list), plus `fetch`, which it never had. */
const HIDDEN = [
  'window',
  'document',
  'frames',
  'self',
  'location',
  'navigator',
  'localStorage',
  'history',
  'screen',
  'alert',
  'confirm',
  'prompt',
  'XMLHttpRequest',
  'WebSocket',
  'fetch',
];

interface Module {
  exports: unknown;
}

export class ModuleRegistry {
  private readonly files = new Map<string, ModuleFile>();
  private readonly loaded = new Map<string, Module>();

  add(modules: ModuleMap): void {
    for (const [path, file] of Object.entries(modules)) if (!this.files.has(path)) this.files.set(path, file);
  }

  isLoaded(path: string): boolean {
    return this.loaded.has(path);
  }

  require(path: string): unknown {
    const done = this.loaded.get(path);
    if (done) return done.exports;
    const file = this.files.get(path);
    if (!file) throw new Error(`模块 ${path} 不存在`);
    const module: Module = { exports: {} };
    this.loaded.set(path, module);
    const requireFrom = (spec: string) => {
      const target = file.requires[spec];
      if (!target) throw new Error(`${path}：require("${spec}") 找不到模块`);
      return this.require(target);
    };
    // Module code from the preview's own server, run as the phone's runtime runs it.
    const run = new Function('require', 'module', 'exports', ...HIDDEN, `${file.code}\n//# sourceURL=${location.origin}/mp/${path}`);
    try {
      run(requireFrom, module, module.exports);
    } catch (err) {
      this.loaded.delete(path);
      throw err;
    }
    return module.exports;
  }
}
