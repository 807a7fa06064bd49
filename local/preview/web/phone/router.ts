/**
 * The page stack, as WeChat keeps it: navigateTo pushes (at most 10 pages), redirectTo replaces
 * the top, navigateBack pops, reLaunch starts over; switchTab needs a tab bar, which this app
 * does not have. Pages get their lifecycle in WeChat's order — created, attached, onLoad(query),
 * onShow, ready; onHide when covered or when the phone is put away; onUnload, detached when
 * closed — and the navigation bar shows each page's title and colours, with a back button.
 * Pages with enablePullDownRefresh can be pulled down (or refreshed from the phone's panel).
 */
import * as jComponent from 'j-component';
import * as exparser from 'miniprogram-exparser';
import type { ExparserNode } from 'miniprogram-exparser';
import type { AppBundle, ComponentJson, PageBundle } from '../../protocol';
import type { StackItem } from '../shared';
import { applyRootFontSize, h } from './dom';
import type { Engine } from './engine';

/** WeChat's limit on the page stack. */
const MAX_PAGES = 10;

type Query = Record<string, string>;

interface PageHooks {
  onLoad?(query: Query): void;
  onShow?(): void;
  onReady?(): void;
  onHide?(): void;
  onUnload?(): void;
  onPullDownRefresh?(): void;
}

export interface PageEntry {
  path: string;
  query: Query;
  json: ComponentJson;
  frame: HTMLElement;
  node: ExparserNode & { shadowRoot: NonNullable<ExparserNode['shadowRoot']> };
  /** The page's `this`. */
  instance: PageHooks & Record<string, unknown>;
}

/** 'a=1&b=2' → { a: '1', b: '2' } — values as written (WeChat hands them over undecoded). */
function parseQuery(search: string): Query {
  const query: Query = {};
  for (const pair of search.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    query[at < 0 ? pair : pair.slice(0, at)] = at < 0 ? '' : pair.slice(at + 1);
  }
  return query;
}

export function queryString(query: Query): string {
  return Object.entries(query)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Walks exparser's tree (through each component's own tree) calling `fn` on every component, top down. */
function eachComponent(node: ExparserNode, fn: (node: ExparserNode) => void): void {
  if (node instanceof exparser.Component) {
    fn(node);
    if (node.shadowRoot) eachComponent(node.shadowRoot, fn);
  }
  for (const child of node.childNodes ?? []) eachComponent(child, fn);
}

export class Router {
  readonly stack: PageEntry[] = [];
  private readonly bundles = new Map<string, Promise<PageBundle>>();
  private readonly pages: Set<string>;
  private refreshing: PageEntry | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly app: AppBundle,
    private readonly fetchPage: (path: string) => Promise<PageBundle>,
    private readonly onChange: () => void,
  ) {
    const subs = app.json.subPackages ?? app.json.subpackages ?? [];
    this.pages = new Set([...app.json.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))]);
  }

  get home(): string {
    return this.app.json.pages[0];
  }

  /** Every page app.json registers. */
  registered(): string[] {
    return [...this.pages];
  }

  top(): PageEntry | undefined {
    return this.stack[this.stack.length - 1];
  }

  items(): StackItem[] {
    return this.stack.map((p) => ({ path: p.path, query: p.query, title: this.titleOf(p) }));
  }

  /** A page URL (absolute, or relative to the page on top) as a registered page path and its query. */
  resolve(url: string): { path: string; query: Query } {
    const at = url.indexOf('?');
    const rawPath = at < 0 ? url : url.slice(0, at);
    const parts = rawPath.startsWith('/') ? [] : (this.top()?.path.split('/').slice(0, -1) ?? []);
    for (const part of rawPath.split('/')) {
      if (part === '..') parts.pop();
      else if (part && part !== '.') parts.push(part);
    }
    const path = parts.join('/');
    if (!this.pages.has(path)) throw new Error(`page "${path}" is not found`);
    return { path, query: parseQuery(at < 0 ? '' : url.slice(at + 1)) };
  }

  async navigateTo(url: string): Promise<void> {
    const target = this.resolve(url);
    if (this.stack.length >= MAX_PAGES) throw new Error('webview count limit exceed');
    const page = await this.create(target.path, target.query);
    const covered = this.top();
    if (covered) this.hide(covered);
    this.open(page);
  }

  async redirectTo(url: string): Promise<void> {
    const target = this.resolve(url);
    const page = await this.create(target.path, target.query);
    const top = this.stack.pop();
    if (top) this.unload(top);
    this.open(page);
  }

  async reLaunch(url: string): Promise<void> {
    const target = this.resolve(url);
    const page = await this.create(target.path, target.query);
    while (this.stack.length) this.unload(this.stack.pop()!);
    this.open(page);
  }

  navigateBack(delta = 1): void {
    if (this.stack.length <= 1) throw new Error('cannot navigate back at first page.');
    const count = Math.min(Math.max(1, delta), this.stack.length - 1);
    for (let i = 0; i < count; i++) this.unload(this.stack.pop()!);
    this.show(this.top()!);
    this.onChange();
  }

  /** The phone is put away (or taken out): the page on top hides (or shows). */
  setVisible(visible: boolean): void {
    const top = this.top();
    if (!top) return;
    if (visible) this.show(top);
    else this.hide(top);
  }

  /** Starts the pull-down refresh of the page on top, as the finger would. */
  startPullDownRefresh(): boolean {
    const top = this.top();
    if (!top || !this.canRefresh(top) || this.refreshing) return false;
    this.refreshing = top;
    top.frame.classList.add('lf-refreshing');
    top.frame.scrollTop = 0;
    top.instance.onPullDownRefresh?.();
    return true;
  }

  stopPullDownRefresh(): void {
    this.refreshing?.frame.classList.remove('lf-refreshing');
    this.refreshing = null;
  }

  setTitle(title: string): void {
    const top = this.top();
    if (top) {
      top.json = { ...top.json, navigationBarTitleText: title };
      this.renderNav();
      this.onChange();
    }
  }

  private canRefresh(page: PageEntry): boolean {
    return Boolean(page.json.enablePullDownRefresh ?? this.app.json.window?.enablePullDownRefresh);
  }

  private titleOf(page: PageEntry): string {
    return page.json.navigationBarTitleText ?? this.app.json.window?.navigationBarTitleText ?? '';
  }

  private bundle(path: string): Promise<PageBundle> {
    let pending = this.bundles.get(path);
    if (!pending) {
      pending = this.fetchPage(path);
      this.bundles.set(path, pending);
      // A failed load (the server down) is tried again next time.
      pending.catch(() => this.bundles.delete(path));
    }
    return pending;
  }

  /** Makes the page (created, attached) without showing it yet. */
  private async create(path: string, query: Query): Promise<PageEntry> {
    const bundle = await this.bundle(path);
    const id = this.engine.loadPage(bundle);
    const root = jComponent.create(id) as unknown as { dom: HTMLElement; _exparserNode: PageEntry['node'] };
    const node = root._exparserNode;
    const frame = h(
      'div',
      { class: 'lf-page-frame', 'data-path': path, hidden: true },
      h('div', { class: 'lf-refresh-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')),
      root.dom,
    );
    const instance = exparser.Element.getMethodCaller(node) as PageEntry['instance'];
    Object.assign(instance, { route: path, options: { ...query } });
    const page: PageEntry = { path, query, json: bundle.components[0].json, frame, node, instance };
    frame.style.background = page.json.backgroundColor ?? this.app.json.window?.backgroundColor ?? '';
    this.watchPull(page);
    return page;
  }

  private open(page: PageEntry): void {
    document.getElementById('lf-pages')!.append(page.frame);
    this.stack.push(page);
    page.frame.hidden = false;
    exparser.Element.pretendAttached(page.node);
    page.instance.onLoad?.({ ...page.query });
    page.instance.onShow?.();
    page.node.triggerPageLifeTime('show');
    eachComponent(page.node, (n) => n.triggerLifeTime('ready'));
    page.instance.onReady?.();
    this.renderNav();
    this.onChange();
  }

  private show(page: PageEntry): void {
    page.frame.hidden = false;
    page.instance.onShow?.();
    page.node.triggerPageLifeTime('show');
    this.renderNav();
  }

  private hide(page: PageEntry): void {
    if (this.refreshing === page) this.stopPullDownRefresh();
    page.frame.hidden = true;
    page.instance.onHide?.();
    page.node.triggerPageLifeTime('hide');
  }

  private unload(page: PageEntry): void {
    if (this.refreshing === page) this.stopPullDownRefresh();
    page.instance.onUnload?.();
    exparser.Element.pretendDetached(page.node);
    page.frame.remove();
  }

  private renderNav(): void {
    const top = this.top();
    if (!top) return;
    const window = this.app.json.window ?? {};
    applyRootFontSize(top.frame);
    const nav = document.getElementById('lf-nav')!;
    const text = top.json.navigationBarTextStyle ?? window.navigationBarTextStyle ?? 'black';
    nav.style.background = top.json.navigationBarBackgroundColor ?? window.navigationBarBackgroundColor ?? '#000000';
    nav.style.color = text === 'white' ? '#ffffff' : '#000000';
    nav.dataset.text = text;
    document.getElementById('lf-status')!.style.background = nav.style.background;
    document.getElementById('lf-status')!.style.color = nav.style.color;
    document.getElementById('lf-title')!.textContent = this.titleOf(top);
    const back = document.getElementById('lf-back')!;
    const home = document.getElementById('lf-home')!;
    back.hidden = this.stack.length <= 1;
    // Opened straight into a page other than the first: WeChat offers the way home.
    home.hidden = this.stack.length > 1 || top.path === this.home;
  }

  /** Pull-down refresh by dragging the page down from its top. */
  private watchPull(page: PageEntry): void {
    const frame = page.frame;
    let start: number | null = null;
    let pulled = 0;
    frame.addEventListener('pointerdown', (e) => {
      start = frame.scrollTop === 0 && this.canRefresh(page) && !this.refreshing ? e.clientY : null;
      pulled = 0;
    });
    frame.addEventListener('pointermove', (e) => {
      if (start === null) return;
      pulled = Math.max(0, e.clientY - start);
      if (pulled > 10) frame.style.setProperty('--lf-pull', `${Math.min(80, pulled / 2)}px`);
    });
    const end = () => {
      if (start === null) return;
      start = null;
      frame.style.removeProperty('--lf-pull');
      if (pulled > 120) this.startPullDownRefresh();
    };
    frame.addEventListener('pointerup', end);
    frame.addEventListener('pointercancel', end);
    // A drag that pulled is not a tap.
    frame.addEventListener(
      'click',
      (e) => {
        if (pulled > 10) e.stopPropagation();
        pulled = 0;
      },
      { capture: true },
    );
  }
}
