/**
 * Pages and custom components registered with j-component (WeChat's exparser underneath) the
 * way miniprogram-simulate's `load()` does for jest: the component's .js runs and its
 * `Component({...})` call registers the definition, with the template WeChat's WXML compiler
 * made, the components its .json names, and its styles. Each component is registered once
 * per phone, as WeChat runs each module once.
 *
 * Styles: exparser writes every class in a custom component's template as `<prefix>--<class>`
 * (a page's as written), so each component's CSS is applied under its own prefix. app.wxss
 * styles every page; a page's own styles are kept to its frame (`:where()`, so specificity is
 * what WXSS wrote); a component sees app.wxss and the page's styles only when its
 * styleIsolation lets them in (apply-shared, shared, or addGlobalClass), as on the phone.
 */
import * as jComponent from 'j-component';
import type { ComponentFile, PageBundle } from '../../protocol';
import type { ModuleRegistry } from './modules';

/** The CSS placeholders for the class prefix and the page scope (local/preview/wxss.ts). */
const CLASS_PREFIX = '__LFP__--';
const SCOPE = '__LFS__ ';

/** `$gwx` from WeChat's WXML compiler: a template's path → its render function. */
export type Gwx = (path: string) => unknown;

/** What a Component({...}) call passes, as far as the engine looks into it. */
type Definition = Record<string, unknown> & {
  options?: { styleIsolation?: string; addGlobalClass?: boolean; classPrefix?: string };
  relations?: Record<string, { target?: string }>;
};

interface Registered {
  id: string;
  /** '' for pages. */
  prefix: string;
  /** The page's and app's styles apply inside it. */
  shared: boolean;
}

/** A component whose module is running. */
interface Loading {
  file: ComponentFile;
  tagName: string;
  /** Tag → registered component id. */
  using: Record<string, string>;
  /** Pages keep their classes as written. */
  isPage: boolean;
  /** Set by its Component() call. */
  shared?: boolean;
}

/** A path as a class prefix: 'components/numpad/numpad' → 'components-numpad-numpad'. */
const prefixOf = (path: string) => path.replace(/[^a-zA-Z0-9_-]/g, '-');

export class Engine {
  private readonly registered = new Map<string, Registered>();
  private readonly styled = new Set<string>();
  /** The component whose module is running: `Component()` registers it. */
  private loading: Loading | null = null;

  constructor(
    private readonly modules: ModuleRegistry,
    private readonly gwx: Gwx,
    private readonly appCss: string,
  ) {}

  /** The `Component` global: registers the component whose module is running. */
  readonly Component = (options: Definition): void => {
    const current = this.loading;
    if (!current) throw new Error('Component() 只能在页面或自定义组件的 .js 中调用');
    const { file } = current;
    const template = this.gwx(`${file.path}.wxml`);
    if (typeof template !== 'function') throw new Error(`${file.path}.wxml 没有编译结果`);
    const isolation = options.options?.styleIsolation ?? file.json.styleIsolation ?? '';
    current.shared = isolation === 'apply-shared' || isolation === 'shared' || options.options?.addGlobalClass === true;
    const relations = options.relations
      ? Object.fromEntries(
          Object.entries(options.relations).map(([key, relation]) => {
            const id = this.registered.get(relativeTo(file.path, key))?.id;
            return [id ?? key, id ? { ...relation, target: id } : relation];
          }),
        )
      : undefined;
    jComponent.register({
      ...options,
      ...(relations ? { relations } : {}),
      id: file.path,
      tagName: current.tagName,
      template: template as unknown as string,
      usingComponents: current.using,
      options: { ...options.options, classPrefix: current.isPage ? '' : prefixOf(file.path) },
    } as Parameters<typeof jComponent.register>[0]);
  };

  /** Registers the page and its components (once each); returns the page's component id. */
  loadPage(bundle: PageBundle): string {
    this.modules.add(bundle.modules);
    const files = new Map(bundle.components.map((c) => [c.path, c]));
    const register = (path: string, tagName: string, isPage = false): Registered => {
      const known = this.registered.get(path);
      if (known) return known;
      const file = files.get(path);
      if (!file) throw new Error(`组件 ${path} 不在页面包中`);
      const using: Record<string, string> = {};
      for (const [tag, target] of Object.entries(file.using)) using[tag] = register(target, tag).id;
      const previous = this.loading;
      const loading: Loading = { file, tagName, using, isPage };
      this.loading = loading;
      try {
        this.modules.require(`${path}.js`);
      } finally {
        this.loading = previous;
      }
      if (loading.shared === undefined) throw new Error(`${path}.js 没有调用 Component()（预览只支持用 Component 构造的页面和组件）`);
      const entry: Registered = { id: path, prefix: isPage ? '' : prefixOf(path), shared: loading.shared };
      this.registered.set(path, entry);
      return entry;
    };
    const page = register(bundle.path, 'wx-page', true);
    this.style(bundle);
    return page.id;
  }

  /** Adds the styles the page and its components need that are not in the document yet. */
  private style(bundle: PageBundle): void {
    const add = (key: string, css: string, prefix: string, scope: string) => {
      if (this.styled.has(key)) return;
      this.styled.add(key);
      const el = document.createElement('style');
      el.dataset.for = key;
      el.textContent = css
        .split(SCOPE)
        .join(scope ? `${scope} ` : '')
        .split(CLASS_PREFIX)
        .join(prefix ? `${prefix}--` : '');
      document.head.append(el);
    };
    const pageFile = bundle.components[0];
    const pageScope = `:where(.lf-page-frame[data-path="${pageFile.path}"])`;
    add('app.wxss', this.appCss, '', '');
    add(pageFile.path, pageFile.css, '', pageScope);
    for (const file of bundle.components.slice(1)) {
      const c = this.registered.get(file.path)!;
      add(file.path, file.css, c.prefix, '');
      if (c.shared) {
        add(`app.wxss › ${file.path}`, this.appCss, c.prefix, '');
        add(`${pageFile.path} › ${file.path}`, pageFile.css, c.prefix, pageScope);
      }
    }
  }
}

/** A relation key ('../parent/parent' or '/components/x/x') as a component path. */
function relativeTo(path: string, key: string): string {
  const parts = key.startsWith('/') ? [] : path.split('/').slice(0, -1);
  for (const part of key.split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/');
}
