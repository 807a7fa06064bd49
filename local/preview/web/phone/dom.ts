/** Small DOM helpers for the phone's own interface (not the mini program's pages). */

type Attrs = Record<string, string | number | boolean | undefined>;

/** An element with attributes (false/undefined left out), text or children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  el.append(...children);
  return el;
}

/** The container every overlay of the phone goes into (above the pages, inside the screen). */
export function overlayRoot(): HTMLElement {
  return document.getElementById('lf-overlays')!;
}

/** The root font size the page in `frame` asked for with <page-meta>, or the browser's own. */
export function applyRootFontSize(frame: HTMLElement): void {
  document.documentElement.style.fontSize = frame.dataset.rootFontSize ?? '';
}
