/**
 * The app and each page as the browser loads them (protocol.ts): JSON, styles as CSS, and
 * the CommonJS modules to run — what miniprogram-simulate's `load()` reads from disk for jest,
 * gathered here so the browser needs no file system.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MpSource } from './sources';
import { moduleClosure } from './modules';
import type { AppBundle, AppJson, ComponentFile, ComponentJson, PageBundle } from './protocol';
import { joinPath, wxssToCss } from './wxss';

const PROJECT_CONFIG = resolve(__dirname, '..', '..', 'project.config.json');

function readJson<T>(source: MpSource, path: string): T {
  const text = source.read(path);
  if (text === null) throw new Error(`找不到 ${path}`);
  return JSON.parse(text) as T;
}

export function appBundle(source: MpSource): AppBundle {
  const project = JSON.parse(readFileSync(PROJECT_CONFIG, 'utf8')) as { appid?: string; libVersion?: string };
  return {
    source: source.name,
    json: readJson<AppJson>(source, 'app.json'),
    css: wxssToCss('app.wxss', source.read),
    modules: moduleClosure(source, ['app.js']),
    appId: project.appid ?? 'touristappid',
    libVersion: project.libVersion ?? '',
  };
}

/** Every page path app.json registers, subpackages included ('resident/pages/pass/pass'). */
export function registeredPages(app: AppJson): string[] {
  const subs = app.subPackages ?? app.subpackages ?? [];
  return [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => joinPath(s.root, p)))];
}

export function pageBundle(source: MpSource, path: string): PageBundle {
  const app = readJson<AppJson>(source, 'app.json');
  if (!registeredPages(app).includes(path)) throw new Error(`页面「${path}」没有在 app.json 中注册`);
  const components: ComponentFile[] = [];
  const seen = new Set<string>();
  const visit = (componentPath: string, inherited: Record<string, string>) => {
    if (seen.has(componentPath)) return;
    seen.add(componentPath);
    const json = readJson<ComponentJson>(source, `${componentPath}.json`);
    const dir = componentPath.slice(0, componentPath.lastIndexOf('/'));
    const using: Record<string, string> = {};
    for (const [tag, target] of Object.entries({ ...inherited, ...json.usingComponents })) {
      if (/^plugin:\/\//.test(target)) throw new Error(`${componentPath}.json：预览不支持插件组件「${target}」`);
      using[tag] = joinPath(target.startsWith('/') ? '' : dir, target);
    }
    components.push({ path: componentPath, json, css: wxssToCss(`${componentPath}.wxss`, source.read), using });
    for (const target of Object.values(using)) visit(target, {});
  };
  // app.json's usingComponents are available to every page.
  visit(path, app.usingComponents ?? {});
  return {
    path,
    components,
    modules: moduleClosure(
      source,
      components.map((c) => `${c.path}.js`),
    ),
  };
}
