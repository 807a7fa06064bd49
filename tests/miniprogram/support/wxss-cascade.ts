/**
 * WXSS rules and the cascade, for static checks: which declarations apply to an element given its
 * classes and its ancestors' (specificity, then source order, `!important` first), with the
 * colour tokens (custom properties on `page`) resolved. Selectors with pseudo-classes or
 * pseudo-elements are left out: they describe moments (a press) or decoration, not text at rest.
 */
import { readFileSync } from 'fs';
import path from 'path';

export interface Declaration {
  prop: string;
  value: string;
  important: boolean;
}

interface Compound {
  tag: string;
  classes: string[];
  attrs: string[];
}

export interface Rule {
  /** Compounds from the outermost ancestor to the subject; each separated by a descendant or child combinator. */
  parts: { compound: Compound; child: boolean }[];
  specificity: number;
  order: number;
  decls: Declaration[];
}

/** One element as the cascade sees it. */
export interface Node {
  tag: string;
  classes: Set<string>;
  attrs: Set<string>;
}

const IMPORT = /@import\s+(["'])([^"']+)\1\s*;/g;

/** A WXSS file with its imports inlined and comments removed. */
export function readWxss(file: string, seen = new Set<string>()): string {
  if (seen.has(file)) return '';
  seen.add(file);
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return text.replace(IMPORT, (_m, _q, target: string) => readWxss(path.resolve(path.dirname(file), target), seen));
}

function parseCompound(src: string): Compound | null {
  if (/:/.test(src)) return null;
  const tag = /^[a-zA-Z][\w-]*/.exec(src)?.[0] ?? '';
  const classes = [...src.matchAll(/\.([\w-]+)/g)].map((m) => m[1]);
  const attrs = [...src.matchAll(/\[([\w-]+)[^\]]*\]/g)].map((m) => m[1]);
  return { tag, classes, attrs };
}

function parseSelector(sel: string): Pick<Rule, 'parts' | 'specificity'> | null {
  const tokens = sel
    .replace(/\s*>\s*/g, ' > ')
    .trim()
    .split(/\s+/);
  const parts: Rule['parts'] = [];
  let child = false;
  let specificity = 0;
  for (const token of tokens) {
    if (token === '>') {
      child = true;
      continue;
    }
    const compound = parseCompound(token);
    if (!compound) return null;
    parts.push({ compound, child });
    specificity += (compound.classes.length + compound.attrs.length) * 100 + (compound.tag ? 1 : 0);
    child = false;
  }
  return { parts, specificity };
}

function parseDecls(body: string): Declaration[] {
  return body
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d.includes(':'))
    .map((d) => {
      const at = d.indexOf(':');
      const raw = d.slice(at + 1).trim();
      return { prop: d.slice(0, at).trim(), value: raw.replace(/\s*!important$/, ''), important: raw.endsWith('!important') };
    });
}

export type Theme = 'light' | 'dark';

/**
 * The stylesheet as the phone applies it in one theme: a `@media (prefers-color-scheme: dark)`
 * block's rules count in the dark theme only (after the rules before them); any other at-rule block
 * is dropped.
 */
export function forTheme(css: string, theme: Theme): string {
  let out = '';
  let i = 0;
  for (let at = css.indexOf('@media', i); at >= 0; at = css.indexOf('@media', i)) {
    const open = css.indexOf('{', at);
    let depth = 1;
    let end = open + 1;
    for (; end < css.length && depth > 0; end++) depth += css[end] === '{' ? 1 : css[end] === '}' ? -1 : 0;
    const dark = /prefers-color-scheme\s*:\s*dark/.test(css.slice(at, open));
    out += css.slice(i, at) + (dark && theme === 'dark' ? css.slice(open + 1, end - 1) : '');
    i = end;
  }
  return out + css.slice(i);
}

/** The rules of a stylesheet in one theme (other at-rules skipped). */
export function parseRules(css: string, startOrder = 0, theme: Theme = 'light'): Rule[] {
  const rules: Rule[] = [];
  const re = /([^{}]+)\{([^{}]*)\}/g;
  css = forTheme(css, theme);
  let order = startOrder;
  for (let m = re.exec(css); m; m = re.exec(css)) {
    const prelude = m[1].trim();
    if (prelude.startsWith('@')) continue;
    const decls = parseDecls(m[2]);
    for (const sel of prelude.split(',')) {
      const parsed = parseSelector(sel.trim());
      if (parsed) rules.push({ ...parsed, order: order++, decls });
    }
  }
  return rules;
}

function matchesCompound(c: Compound, n: Node): boolean {
  if (c.tag && c.tag !== n.tag) return false;
  return c.classes.every((k) => n.classes.has(k)) && c.attrs.every((a) => n.attrs.has(a));
}

/** `chain`: the element's ancestors from the root, then the element. */
export function matches(rule: Rule, chain: Node[]): boolean {
  const parts = rule.parts;
  let at = chain.length - 1;
  if (!matchesCompound(parts[parts.length - 1].compound, chain[at])) return false;
  for (let p = parts.length - 2; p >= 0; p--) {
    const needChild = parts[p + 1].child;
    at--;
    if (needChild) {
      if (at < 0 || !matchesCompound(parts[p].compound, chain[at])) return false;
    } else {
      while (at >= 0 && !matchesCompound(parts[p].compound, chain[at])) at--;
      if (at < 0) return false;
    }
  }
  return true;
}

/** The declared value of each property for the element at the end of `chain`. */
export function cascade(rules: Rule[], chain: Node[]): Map<string, string> {
  const winners = new Map<string, { rank: number; value: string }>();
  for (const rule of rules) {
    if (!matches(rule, chain)) continue;
    for (const d of rule.decls) {
      const rank = (d.important ? 1e9 : 0) + rule.specificity * 1e5 + rule.order;
      const prev = winners.get(d.prop);
      if (!prev || rank >= prev.rank) winners.set(d.prop, { rank, value: d.value });
    }
  }
  return new Map([...winners].map(([k, v]) => [k, v.value]));
}

/** The custom properties declared on `page`: the app's tokens. */
export function tokensOf(rules: Rule[]): Map<string, string> {
  return cascade(
    rules.filter((r) => r.parts.length === 1 && r.parts[0].compound.tag === 'page'),
    [{ tag: 'page', classes: new Set(), attrs: new Set() }],
  );
}

/** `value` with every var(--x[, fallback]) replaced by the token's value. */
export function resolveVars(value: string, tokens: Map<string, string>): string {
  let out = value;
  for (let i = 0; i < 10 && out.includes('var('); i++) {
    out = out.replace(/var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)/g, (_m, name: string, fallback?: string) => tokens.get(name) ?? fallback ?? 'unset');
  }
  return out;
}
