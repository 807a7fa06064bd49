/**
 * Rendering mini program pages and components from source with miniprogram-simulate.
 *
 * `simulate.load(path)` reads path.json/.wxml/.wxss from disk (WXML compiled by the official
 * wcc compiler from miniprogram-compiler, over the whole mini program, as DevTools would) and
 * then `require`s the path without extension: inside jest that resolves to the `.ts` file and
 * goes through the swc transform, so the page's own `Component({...})` call registers it.
 * Jest keeps one module registry per test file and ignores `delete require.cache[...]`, so
 * each mount loads in `jest.isolateModules`: the page, its components and services run fresh.
 */
import path from 'path';
import * as simulate from 'miniprogram-simulate';
import type { Component, RootComponent } from 'miniprogram-simulate';

/** The source tree, or WeChat's compiled output when the suites run on what ships (jest.config.js). */
export const MINIPROGRAM_ROOT = process.env.LF_MINIPROGRAM_ROOT ?? path.resolve(__dirname, '../../../miniprogram');

type AnyObject = WechatMiniprogram.IAnyObject;
export type Node = Component<AnyObject, AnyObject, AnyObject>;
export type Page = RootComponent<AnyObject, AnyObject, AnyObject>;

/**
 * miniprogram-simulate registers built-in components as empty shells; give the ones a user can
 * notice being disabled their property, so `tap` can refuse like the real client does.
 */
simulate.load({
  id: 'button',
  tagName: 'wx-button',
  template: '<slot/>',
  properties: { disabled: { type: Boolean, value: false }, loading: { type: Boolean, value: false } },
});

/** <page-meta> with the property the pages bind: the root font size (rem) they ask for. */
simulate.load({
  id: 'page-meta',
  tagName: 'wx-page-meta',
  template: '<slot/>',
  properties: { rootFontSize: { type: String, value: '' } },
});

/** Renders a page or component (path under miniprogram/, no extension) attached to a document node. */
export function mount(componentPath: string): Page {
  let id = '';
  jest.isolateModules(() => {
    id = simulate.load(path.join(MINIPROGRAM_ROOT, componentPath), { rootPath: MINIPROGRAM_ROOT });
  });
  const root = simulate.render(id) as Page;
  root.attach(document.createElement('parent-wrapper'));
  return root;
}

interface PageHooks {
  onLoad?(query: Record<string, string | undefined>): void;
  onShow?(): void;
}

/** Mounts a page and runs the page lifecycle the client would (onLoad, onShow), then lets replies arrive. */
export async function openPage(pagePath: string, query: Record<string, string> = {}): Promise<Page> {
  const page = mount(pagePath);
  const hooks = page.instance as unknown as PageHooks;
  hooks.onLoad?.(query);
  hooks.onShow?.();
  await settle();
  return page;
}

/** Whether the test runs on jest's fake timers (their setTimeout carries the fake clock). */
const fakeTimers = () => 'clock' in setTimeout;

/**
 * Lets every pending reply and the work it triggers run (a few macrotask turns). Under jest's
 * fake timers the turns are taken without moving the fake clock.
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    if (fakeTimers()) await jest.advanceTimersByTimeAsync(0);
    else await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** The node found by descending through nested components, one selector per component level. */
export function query(root: Node, ...selectors: string[]): Node | undefined {
  let node: Node | undefined = root;
  for (const selector of selectors) node = node?.querySelector(selector);
  return node;
}

export function find(root: Node, ...selectors: string[]): Node {
  const node = query(root, ...selectors);
  if (!node) throw new Error(`nothing matches ${selectors.join(' › ')}`);
  return node;
}

export function findAll(root: Node, ...selectors: string[]): Node[] {
  const last = selectors[selectors.length - 1];
  const parent = selectors.length > 1 ? find(root, ...selectors.slice(0, -1)) : root;
  return parent.querySelectorAll(last);
}

const clean = (node: Node | undefined) => (node?.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The text a user reads in the node ('' when it is not rendered). */
export function textOf(root: Node, ...selectors: string[]): string {
  return clean(query(root, ...selectors));
}

/** The text of every match, in document order. Selectors may be descendant ones ("#a .b"). */
export function textsOf(root: Node, ...selectors: string[]): string[] {
  return findAll(root, ...selectors).map(clean);
}

export function isShown(root: Node, ...selectors: string[]): boolean {
  return query(root, ...selectors) !== undefined;
}

export function isDisabled(node: Node): boolean {
  return Boolean((node.data as { disabled?: boolean }).disabled);
}

/*
 * User actions. j-component delivers events asynchronously, so each action waits for the
 * event and whatever it set off (replies included) before returning.
 */

/** Taps like a finger would: a disabled control does not respond. Resolves to whether the tap landed. */
export async function tap(root: Node, ...selectors: string[]): Promise<boolean> {
  const node = find(root, ...selectors);
  if (isDisabled(node)) return false;
  node.dispatchEvent('tap');
  await settle();
  return true;
}

/** Types into an input (one input event with the whole value) and, unless told not to, leaves it. */
export async function typeInto(root: Node, selector: string, value: string, { leave = true } = {}): Promise<void> {
  const input = find(root, selector);
  input.dispatchEvent('input', { detail: { value, cursor: value.length } });
  if (leave) input.dispatchEvent('blur', { detail: { value } });
  await settle();
}

/**
 * Chooses the option at `index` in a selector picker. (j-component makes every dispatched event
 * bubble across component boundaries, unlike the client; components therefore name their own
 * events distinctly, e.g. `buildingchange`, rather than reuse `change`.)
 */
export async function choose(root: Node, selectors: string[], index: number): Promise<void> {
  find(root, ...selectors).dispatchEvent('change', { detail: { value: String(index) } });
  await settle();
}
