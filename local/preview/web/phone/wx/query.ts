/**
 * wx.createSelectorQuery: nodes of the current page, or of the component given to `.in()`,
 * found by exparser as WeChat finds them (#id, .class, >>>), measured in the browser. `node`
 * answers a <canvas type="2d">'s real canvas, which pages draw on (the pass QR).
 */
import type { ExparserNode } from 'miniprogram-exparser';
import { canvasNodeOf } from '../builtins';
import { notice } from '../ui';

type Fields = {
  id?: boolean;
  dataset?: boolean;
  rect?: boolean;
  size?: boolean;
  scrollOffset?: boolean;
  node?: boolean;
  properties?: string[];
  computedStyle?: string[];
  context?: boolean;
};

type Callback = (result: unknown) => void;

interface Request {
  /** null: the viewport. */
  selector: string | null;
  single: boolean;
  fields: Fields;
  callback?: Callback;
}

type Scope = ExparserNode & { shadowRoot: NonNullable<ExparserNode['shadowRoot']> };

class NodesRef {
  constructor(
    private readonly query: SelectorQuery,
    private readonly selector: string | null,
    private readonly single: boolean,
  ) {}

  private push(fields: Fields, callback?: Callback): SelectorQuery {
    return this.query.push({ selector: this.selector, single: this.single, fields, callback });
  }

  boundingClientRect(callback?: Callback) {
    return this.push({ id: true, dataset: true, rect: true, size: true }, callback);
  }

  scrollOffset(callback?: Callback) {
    return this.push({ id: true, dataset: true, scrollOffset: true }, callback);
  }

  fields(fields: Fields, callback?: Callback) {
    return this.push(fields, callback);
  }

  node(callback?: Callback) {
    return this.push({ node: true }, callback);
  }

  context(callback?: Callback) {
    return this.push({ context: true }, callback);
  }
}

function describe(node: ExparserNode, fields: Fields, origin: DOMRect): Record<string, unknown> {
  const el = node.$$;
  const out: Record<string, unknown> = {};
  if (fields.id) out.id = node.id || '';
  if (fields.dataset) out.dataset = { ...(node.dataset ?? {}) };
  if ((fields.rect || fields.size) && el) {
    const r = el.getBoundingClientRect();
    if (fields.rect) Object.assign(out, { left: r.left - origin.left, right: r.right - origin.left, top: r.top - origin.top, bottom: r.bottom - origin.top });
    if (fields.size) Object.assign(out, { width: r.width, height: r.height });
  }
  if (fields.scrollOffset && el)
    Object.assign(out, { scrollLeft: el.scrollLeft, scrollTop: el.scrollTop, scrollWidth: el.scrollWidth, scrollHeight: el.scrollHeight });
  if (fields.node) {
    const canvas = canvasNodeOf(el);
    if (!canvas) notice('预览的 SelectorQuery.node() 只支持 <canvas type="2d">');
    out.node = canvas;
  }
  if (fields.context) notice('预览不支持 SelectorQuery.context()（旧版组件上下文）');
  if (fields.properties) {
    const data = (node as unknown as { data?: Record<string, unknown> }).data ?? {};
    for (const name of fields.properties) out[name] = data[name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())];
  }
  if (fields.computedStyle && el) {
    const style = getComputedStyle(el);
    for (const name of fields.computedStyle) out[name] = style.getPropertyValue(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
  }
  return out;
}

class SelectorQuery {
  private scope: Scope | null = null;
  private readonly queue: Request[] = [];

  constructor(private readonly page: () => Scope | null) {}

  push(request: Request): SelectorQuery {
    this.queue.push(request);
    return this;
  }

  in(component: { _exparserNode?: Scope }) {
    this.scope = component?._exparserNode ?? null;
    return this;
  }

  select(selector: string) {
    return new NodesRef(this, selector, true);
  }

  selectAll(selector: string) {
    return new NodesRef(this, selector, false);
  }

  selectViewport() {
    return new NodesRef(this, null, true);
  }

  exec(callback?: (results: unknown[]) => void) {
    // Answered after the current work, as WeChat answers from the render layer.
    setTimeout(() => {
      const scope = this.scope ?? this.page();
      const pages = document.getElementById('lf-pages')!;
      const origin = pages.getBoundingClientRect();
      const results = this.queue.map(({ selector, single, fields, callback: each }) => {
        let result: unknown;
        if (selector === null) {
          const frame = pages.querySelector<HTMLElement>('.lf-page-frame:not([hidden])');
          result = {
            id: '',
            dataset: {},
            left: 0,
            top: 0,
            right: origin.width,
            bottom: origin.height,
            width: origin.width,
            height: origin.height,
            scrollLeft: frame?.scrollLeft ?? 0,
            scrollTop: frame?.scrollTop ?? 0,
          };
        } else if (!scope) result = single ? null : [];
        else if (single) {
          const node = scope.shadowRoot.querySelector(selector);
          result = node ? describe(node, fields, origin) : null;
        } else result = scope.shadowRoot.querySelectorAll(selector).map((node) => describe(node, fields, origin));
        each?.(result);
        return result;
      });
      callback?.(results);
    }, 0);
  }
}

export function queryApi(page: () => Scope | null) {
  return {
    createSelectorQuery: () => new SelectorQuery(page),
  };
}

export type { Scope };
