/**
 * Defining a WeChat built-in component for the preview: an exparser component named
 * `wx-<tag>` whose children are the template's slot, with the DOM behaviour the phone gives it
 * (a real <input>, a canvas, a picker sheet…) added to its element.
 */
import * as jComponent from 'j-component';
import type { ExparserNode } from 'miniprogram-exparser';

/** `this` inside a built-in's lifetimes, observers and methods. */
export interface Host {
  data: Record<string, unknown>;
  setData(patch: Record<string, unknown>): void;
  triggerEvent(name: string, detail?: unknown, options?: { bubbles?: boolean; composed?: boolean }): void;
  _exparserNode: ExparserNode;
}

type Prop = { type: StringConstructor | NumberConstructor | BooleanConstructor | ArrayConstructor | ObjectConstructor | null; value?: unknown };

export interface BuiltinSpec {
  properties?: Record<string, Prop>;
  /** Property name → called with the new value whenever it is set. */
  observers?: Record<string, (this: Host, value: unknown) => void>;
  created?(this: Host): void;
  attached?(this: Host): void;
  detached?(this: Host): void;
  methods?: Record<string, (this: Host, ...args: never[]) => unknown>;
}

/** The element the built-in renders to. */
export function elementOf(host: Host): HTMLElement {
  return host._exparserNode.$$!;
}

/** The host behind a rendered element (the built-ins keep it for each other: label → checkbox). */
const hosts = new WeakMap<Element, Host>();

export function hostOf(el: Element | null): Host | undefined {
  return el ? hosts.get(el) : undefined;
}

const defined = new Set<string>();

/** The built-in tags defined so far. */
export function definedBuiltins(): ReadonlySet<string> {
  return defined;
}

export function defineBuiltin(tag: string, spec: BuiltinSpec = {}): void {
  defined.add(tag);
  const observers: Record<string, (this: Host, value: unknown) => void> = {};
  for (const [name, fn] of Object.entries(spec.observers ?? {})) observers[name] = fn;
  jComponent.register({
    id: tag,
    tagName: `wx-${tag}`,
    template: '<slot/>',
    properties: spec.properties ?? {},
    observers,
    methods: spec.methods ?? {},
    lifetimes: {
      created(this: Host) {
        spec.created?.call(this);
      },
      attached(this: Host) {
        hosts.set(elementOf(this), this);
        spec.attached?.call(this);
      },
      detached(this: Host) {
        spec.detached?.call(this);
      },
    },
  } as unknown as Parameters<typeof jComponent.register>[0]);
}

/** Reflects a boolean property as an attribute, so WXSS like `.btn[disabled]` matches. */
export function reflect(host: Host, name: string, on: unknown): void {
  elementOf(host).toggleAttribute(name, Boolean(on));
}
