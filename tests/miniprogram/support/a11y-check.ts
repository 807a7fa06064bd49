/**
 * The static accessibility check of a page: every text at least 16 pt (body text, in the body
 * colour, at least 18 pt), WCAG contrast of every text over what it sits on at least 4.5:1
 * (disabled and placeholder text included), every tappable thing at least 44 × 44 pt with press
 * feedback (`hover-class`), and an `aria-label` on every tappable thing that shows no text.
 *
 * Sizes at normal text size on a 375-pt-wide phone: 750 rpx = 375 pt (1 pt = 2 rpx), 1 px = 1 pt,
 * 1 rem = 16 pt (the root font size at WeChat's standard setting). Every `wx:if` branch and every
 * class a binding can add are checked, each combination with its ancestors' on its own.
 */
import path from 'path';
import type { WxmlElement } from './wxml-tree';
import { hasText, parseWxml } from './wxml-tree';
import type { Node, Rule } from './wxss-cascade';
import { cascade, parseRules, readWxss, resolveVars, tokensOf, type Theme } from './wxss-cascade';
import { readFileSync } from 'fs';

export const MIN_BODY_PT = 18;
export const MIN_TEXT_PT = 16;
export const MIN_CONTRAST = 4.5;
export const MIN_TAP_PT = 44;
const ROOT_PT = 16;

type Rgba = [number, number, number, number];

const NAMED: Record<string, Rgba> = { white: [255, 255, 255, 1], black: [0, 0, 0, 1], transparent: [0, 0, 0, 0] };

export function parseColor(value: string): Rgba | null {
  const v = value.trim().toLowerCase();
  if (NAMED[v]) return NAMED[v];
  let m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(v);
  if (m) {
    const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)).concat(1) as Rgba;
  }
  m = /^rgba?\(([^)]+)\)$/.exec(v);
  if (m) {
    const [r, g, b, a = '1'] = m[1].split(',').map((s) => s.trim());
    return [Number(r), Number(g), Number(b), Number(a)];
  }
  return null;
}

const blend = (top: Rgba, under: Rgba, alpha: number): Rgba => [0, 1, 2].map((i) => top[i] * alpha + under[i] * (1 - alpha)).concat(1) as Rgba;

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio of two opaque colours. */
export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** A length in pt; `em`/`%` relative to `base` (pt); null when not a plain length. */
export function toPt(value: string | undefined, base: number): number | null {
  const m = /^(-?[\d.]+)(rpx|px|rem|em|%)?$/.exec((value ?? '').trim());
  if (!m) return null;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'rpx':
      return n / 2;
    case 'rem':
      return n * ROOT_PT;
    case 'em':
      return n * base;
    case '%':
      return (n / 100) * base;
    default:
      return n;
  }
}

/** What the check computes for an element in one state. */
interface Computed {
  fontPt: number;
  color: Rgba;
  /** The opaque colour it sits on. */
  bg: Rgba;
  /** Product of the opacities around it. */
  alpha: number;
  /** Line height in pt. */
  linePt: number;
  /** Custom properties in force: the app's tokens, then each ancestor's own (`.sc-night { --sc-bg: … }`). */
  vars: Map<string, string>;
}

/** WeChat's own look for built-ins a page does not restyle. */
const BUILTIN: Record<string, Record<string, string>> = {
  button: {
    'font-size': '18px',
    'line-height': '2.55555556',
    color: '#000000',
    'background-color': '#f8f8f8',
    'padding-left': '14px',
    'padding-right': '14px',
  },
  input: { height: '1.4rem', 'min-height': '1.4rem' },
};

function backgroundOf(decls: Map<string, string>): Rgba | null {
  const bg = decls.get('background-color') ?? decls.get('background');
  if (!bg) return null;
  const c = parseColor(bg.split(/\s+(?![^(]*\))/)[0]);
  return c && c[3] > 0 ? c : null;
}

function boxSide(decls: Map<string, string>, prop: 'padding', side: 'top' | 'bottom' | 'left' | 'right', font: number): number {
  const own = toPt(decls.get(`${prop}-${side}`), font);
  if (own !== null) return own;
  const parts = (decls.get(prop) ?? '0').split(/\s+/);
  const index = { top: 0, right: 1, bottom: 2, left: 3 }[side];
  const pick = [parts[0], parts[1] ?? parts[0], parts[2] ?? parts[0], parts[3] ?? parts[1] ?? parts[0]][index];
  return toPt(pick, font) ?? 0;
}

export interface Violation {
  page: string;
  line: number;
  what: string;
}

/**
 * Every class the attribute can carry in one state, one set per state. A class made from a prefix
 * and a binding (`sc-result-{{verdict}}`) is any class of the stylesheets with that prefix that the
 * page does not also write out in full (those are other elements' classes).
 */
function classVariants(attr: string, known: Set<string>, prefixes: Set<string>): Set<string>[] {
  let variants: string[][] = [[]];
  for (const word of attr.match(/(?:[^\s{]|\{\{[^}]*\}\})+/g) ?? []) {
    let options: string[];
    const m = /^([\w-]*)\{\{([^}]*)\}\}$/.exec(word);
    if (!m) options = [word];
    else if (m[1]) {
      // A longer bound prefix (`sc-result-` against `sc-`) owns the classes it starts.
      const longer = [...prefixes].filter((p) => p.length > m[1].length && p.startsWith(m[1]));
      options = [...known].filter((k) => k.startsWith(m[1]) && !longer.some((p) => k.startsWith(p)));
    } else {
      // A conditional names every class it can give; anything else may also give none.
      const literals = [...m[2].matchAll(/'([^']*)'/g)].map((x) => x[1].trim());
      options = /\?[^:]*:/.test(m[2]) && literals.length ? literals : ['', ...literals];
    }
    variants = variants.flatMap((v) => options.map((o) => (o ? [...v, ...o.split(/\s+/)] : v)));
  }
  return variants.map((v) => new Set(v));
}

function nodeVariants(el: WxmlElement, known: Set<string>, prefixes: Set<string>): Node[] {
  const attrs = Object.keys(el.attrs);
  const boundDisabled = /\{\{/.test(el.attrs.disabled ?? '');
  const attrSets = boundDisabled ? [new Set(attrs), new Set(attrs.filter((a) => a !== 'disabled'))] : [new Set(attrs)];
  return classVariants(el.attrs.class ?? '', known, prefixes).flatMap((classes) => attrSets.map((a) => ({ tag: el.tag, classes, attrs: a })));
}

const TAP = /^(bind|catch|capture-bind|capture-catch):?tap$/;
const isTappable = (el: WxmlElement) => el.tag === 'button' || Object.keys(el.attrs).some((a) => TAP.test(a));

export class PageCheck {
  private readonly rules: Rule[];
  private readonly tokens: Map<string, string>;
  /** The stylesheets' classes the page does not write out in full: what a bound class suffix can select. */
  private readonly known: Set<string>;
  private readonly wxml: string;
  /** Class prefixes the page completes with a binding (`sc-result-` of `sc-result-{{verdict}}`). */
  private readonly prefixes: Set<string>;
  readonly violations: Violation[] = [];

  /** `root`: the mini program folder; `page`: e.g. 'pages/home/home'. Custom components are not looked into. */
  constructor(
    root: string,
    private readonly page: string,
    theme: Theme = 'light',
  ) {
    const app = readWxss(path.join(root, 'app.wxss'));
    const own = readWxss(path.join(root, `${page}.wxss`));
    this.rules = [...parseRules(app, 0, theme), ...parseRules(own, 1e4, theme)];
    this.tokens = tokensOf(this.rules);
    this.wxml = readFileSync(path.join(root, `${page}.wxml`), 'utf8');
    const written = new Set(this.wxml.match(/[\w-]+/g));
    this.prefixes = new Set([...this.wxml.matchAll(/([\w-]+)\{\{/g)].map((m) => m[1]));
    this.known = new Set(this.rules.flatMap((r) => r.parts.flatMap((p) => p.compound.classes)).filter((k) => !written.has(k)));
  }

  run(): Violation[] {
    const tree = parseWxml(this.wxml);
    const pageNode: Node = { tag: 'page', classes: new Set(), attrs: new Set() };
    const base = this.compute([pageNode], null);
    this.visit(tree, [pageNode], base);
    return this.violations;
  }

  /** The element's declarations with var() resolved against `vars` and its own custom properties. */
  private decls(chain: Node[], inherited: Map<string, string> = this.tokens): Map<string, string> {
    const own = cascade(this.rules, chain);
    const vars = new Map(inherited);
    for (const [k, v] of own) if (k.startsWith('--')) vars.set(k, resolveVars(v, inherited));
    const builtin = BUILTIN[chain[chain.length - 1].tag] ?? {};
    const out = new Map(Object.entries(builtin));
    // A page's `background` shorthand replaces the built-in's background colour.
    if (own.has('background')) out.delete('background-color');
    for (const [k, v] of own) out.set(k, k.startsWith('--') ? vars.get(k)! : resolveVars(v, vars));
    return out;
  }

  private compute(chain: Node[], parent: Computed | null): Computed {
    const d = this.decls(chain, parent?.vars);
    const vars = new Map(parent?.vars ?? this.tokens);
    for (const [k, v] of d) if (k.startsWith('--')) vars.set(k, v);
    const parentFont = parent?.fontPt ?? ROOT_PT;
    const fontPt = toPt(d.get('font-size'), parentFont) ?? parentFont;
    const under = parent?.bg ?? [255, 255, 255, 1];
    const ownBg = backgroundOf(d);
    const bg = ownBg ? blend(ownBg, under, ownBg[3]) : under;
    const color = parseColor(d.get('color') ?? '') ?? parent?.color ?? [0, 0, 0, 1];
    const opacity = Number(d.get('opacity') ?? '1');
    const lh = d.get('line-height');
    const linePt =
      lh === undefined
        ? parent
          ? (parent.linePt / parent.fontPt) * fontPt
          : fontPt * 1.4
        : /^[\d.]+$/.test(lh)
          ? Number(lh) * fontPt
          : (toPt(lh, fontPt) ?? fontPt * 1.4);
    return { fontPt, color, bg, alpha: (parent?.alpha ?? 1) * (Number.isFinite(opacity) ? opacity : 1), linePt, vars };
  }

  private fail(el: WxmlElement, what: string): void {
    const where = el.attrs.id ? `#${el.attrs.id}` : `<${el.tag} class="${el.attrs.class ?? ''}">`;
    const v = { page: this.page, line: el.line, what: `${where}: ${what}` };
    if (!this.violations.some((x) => x.line === v.line && x.what === v.what)) this.violations.push(v);
  }

  private visit(el: WxmlElement, chain: Node[], parent: Computed): void {
    for (const child of el.children) {
      if (child.tag === 'block') {
        this.visit(child, chain, parent);
        continue;
      }
      if (child.tag.includes('-') && !['page-meta', 'scroll-view', 'cover-view'].includes(child.tag)) continue;
      for (const node of nodeVariants(child, this.known, this.prefixes)) {
        const nextChain = [...chain, node];
        const computed = this.compute(nextChain, parent);
        this.checkText(child, node, computed);
        this.checkTap(child, nextChain, computed);
        this.visit(child, nextChain, computed);
      }
    }
  }

  private checkText(el: WxmlElement, node: Node, c: Computed): void {
    const isBody = contrast(c.color, parseColor(this.tokens.get('--lf-text') ?? '#000')!) < 1.01;
    if (el.text) {
      const min = isBody ? MIN_BODY_PT : MIN_TEXT_PT;
      if (c.fontPt < min - 1e-6) this.fail(el, `font ${c.fontPt}pt < ${min}pt${isBody ? ' (body text)' : ''}`);
      const shown = blend(c.color, c.bg, c.alpha * c.color[3]);
      const ratio = contrast(shown, c.bg);
      const state = node.attrs.has('disabled') && /\{\{/.test(el.attrs.disabled ?? '') ? ' (disabled)' : '';
      if (ratio < MIN_CONTRAST) this.fail(el, `contrast ${ratio.toFixed(2)}:1 < ${MIN_CONTRAST}:1${state}`);
    }
    if (el.tag === 'input' || el.tag === 'textarea') {
      const cls = el.attrs['placeholder-class'];
      const placeholder = cls
        ? parseColor(this.decls([{ tag: 'view', classes: new Set(cls.split(/\s+/)), attrs: new Set() }], c.vars).get('color') ?? '')
        : null;
      // WeChat's default placeholder grey is about 2.8:1 on white.
      const ratio = placeholder ? contrast(placeholder, c.bg) : 2.8;
      if (el.attrs.placeholder && ratio < MIN_CONTRAST) this.fail(el, `placeholder contrast ${ratio.toFixed(2)}:1 < ${MIN_CONTRAST}:1`);
    }
  }

  private checkTap(el: WxmlElement, chain: Node[], c: Computed): void {
    const field = el.tag === 'input';
    if (!isTappable(el) && !field) return;
    const d = this.decls(chain, c.vars);
    const f = c.fontPt;
    const heights = [toPt(d.get('min-height'), f), toPt(d.get('height'), f), c.linePt + boxSide(d, 'padding', 'top', f) + boxSide(d, 'padding', 'bottom', f)];
    const height = Math.max(...heights.map((h) => h ?? 0));
    if (height < MIN_TAP_PT - 1e-6) this.fail(el, `tap target ${height.toFixed(1)}pt high < ${MIN_TAP_PT}pt`);
    const inline = el.tag === 'text' && !/block|flex/.test(d.get('display') ?? '');
    const declared = Math.max(toPt(d.get('min-width'), f) ?? 0, toPt(d.get('width'), f) ?? 0);
    const textWidth = inline
      ? [...el.text.replace(/\{\{[^}]*\}\}/g, 'xx')].length * f + boxSide(d, 'padding', 'left', f) + boxSide(d, 'padding', 'right', f)
      : Infinity;
    const width = Math.max(declared, textWidth);
    if ((inline || d.has('width')) && width < MIN_TAP_PT - 1e-6) this.fail(el, `tap target ${width.toFixed(1)}pt wide < ${MIN_TAP_PT}pt`);
    if (field) return;
    if (el.tag !== 'button' && (!el.attrs['hover-class'] || el.attrs['hover-class'] === 'none')) this.fail(el, 'tappable without hover-class');
    if (!hasText(el) && !el.attrs['aria-label']) this.fail(el, 'icon-only control without aria-label');
  }
}

/** The violations of one page, as lines a person can act on. */
export function checkPage(root: string, page: string): string[] {
  const line = (v: Violation) => `${v.page}.wxml:${v.line} ${v.what}`;
  const light = new PageCheck(root, page, 'light').run().map(line);
  // The dark theme (app.json darkmode): only what it adds, marked as such.
  const dark = new PageCheck(root, page, 'dark')
    .run()
    .map(line)
    .filter((v) => !light.includes(v));
  return [...light, ...dark.map((v) => v.replace(/^(\S+ )/, '$1(dark) '))];
}
