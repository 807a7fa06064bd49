/**
 * Every WXML file of the mini program compiled by WeChat's WXML compiler (`wcc`, the binary
 * miniprogram-simulate uses, from miniprogram-compiler) into one script defining `$gwx`: given
 * 'pages/home/home.wxml' it returns the function that renders that template from page data,
 * which the component engine (j-component) takes as a template. ~0.3 s for the whole app, so
 * it is made again whenever a WXML or JSON file changes.
 */
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

interface WxmlCompiler {
  wxmlToJs(rootPath: string, options?: { maxBuffer?: number }): string;
}

// miniprogram-compiler comes with miniprogram-simulate: resolve it the way simulate does.
const compiler = createRequire(require.resolve('miniprogram-simulate'))('miniprogram-compiler') as WxmlCompiler;

/** Files whose change changes the compiled templates: the WXML, and the JSON naming components. */
function stampOf(root: string): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'miniprogram_npm') walk(path);
      } else if (/\.(wxml|wxs|json)$/.test(entry.name)) {
        const s = statSync(path);
        parts.push(`${relative(root, path)}:${s.mtimeMs}:${s.size}`);
      }
    }
  };
  walk(root);
  return parts.sort().join('|');
}

const cache = new Map<string, { stamp: string; script: string }>();

/** The script that sets `window.__lfGwx` to the compiled templates of the mini program at `root`. */
export function compiledTemplates(root: string): string {
  const stamp = stampOf(root);
  const hit = cache.get(root);
  if (hit?.stamp === stamp) return hit.script;
  const gwx = compiler.wxmlToJs(root, { maxBuffer: 64 * 1024 * 1024 });
  // The compiled code reads this global to pick its runtime's features.
  const script = `window.__webview_engine_version__ = 0.02;\nwindow.__lfGwx = (function () {\n${gwx}\n})();\n`;
  cache.set(root, { stamp, script });
  return script;
}
