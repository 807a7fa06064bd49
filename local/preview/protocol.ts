/**
 * What the preview's server hands the browser (types only; both sides import them).
 *
 *   GET /preview/mp/<source>/app.json      AppBundle
 *   GET /preview/mp/<source>/page?path=…   PageBundle
 *   GET /preview/mp/<source>/wxml.js       the compiled templates (`window.__lfGwx`)
 */

/** Where the mini program comes from: miniprogram/ as it is, or WeChat's compiled output. */
export type SourceName = 'source' | 'compiled';

/** A module as the browser runs it: its code, and the module each of its requires names. */
export interface ModuleFile {
  code: string;
  /** require spec ('../../services/api') → module path ('services/api.js'). */
  requires: Record<string, string>;
}

/** Module path ('services/api.js') → the module. */
export type ModuleMap = Record<string, ModuleFile>;

/** What a page's or component's .json may say that the preview acts on. */
export interface ComponentJson {
  component?: boolean;
  usingComponents?: Record<string, string>;
  navigationBarTitleText?: string;
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: 'white' | 'black';
  backgroundColor?: string;
  enablePullDownRefresh?: boolean;
  styleIsolation?: string;
}

export interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  subpackages?: Array<{ root: string; pages: string[] }>;
  window?: ComponentJson;
  tabBar?: { list: Array<{ pagePath: string; text: string }> };
  usingComponents?: Record<string, string>;
  permission?: Record<string, { desc: string }>;
}

export interface AppBundle {
  source: SourceName;
  json: AppJson;
  /** app.wxss as CSS, classes under the placeholder prefix (wxss.ts). */
  css: string;
  modules: ModuleMap;
  /** project.config.json's app id and base library version. */
  appId: string;
  libVersion: string;
}

export interface ComponentFile {
  /** Under the mini program root, no extension: 'components/numpad/numpad'. */
  path: string;
  json: ComponentJson;
  /** Its WXSS as CSS, classes under the placeholder prefix. */
  css: string;
  /** The component each tag of its template names: tag → component path. */
  using: Record<string, string>;
}

export interface PageBundle {
  path: string;
  /** The page first, then every custom component it uses, transitively, each once. */
  components: ComponentFile[];
  modules: ModuleMap;
}

/** A failure the browser shows as it is (HTTP 4xx/5xx with this body). */
export interface PreviewError {
  error: string;
}
