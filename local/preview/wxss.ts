/**
 * WXSS → CSS for the browser preview, as WeChat's runtime applies it on a 375-px-wide phone:
 * `@import` inlined, rpx turned into px with WeChat's rounding, tag selectors pointed at the
 * elements the preview renders (`page` → the page's root `wx-page`, `view` → `wx-view`, …).
 *
 * Where the styles apply is left to the browser, which knows the component: every class is
 * written `.${CLASS_PREFIX}--name` (the component engine, exparser, writes each class in a
 * custom component's template as `<component prefix>--name`; a page's classes stay as written),
 * and every selector starts with `${SCOPE} ` (a page's own styles are kept to that page, since
 * all pages share one document in the preview where each has its own webview on the phone).
 */

/** Stands for the class prefix of the component the styles apply to. */
export const CLASS_PREFIX = '__LFP__';

/** Stands for what limits a selector to one page ('' for styles that apply anywhere). */
export const SCOPE = '__LFS__';

/** The phone's width in CSS px; WXSS is written for 750 rpx across. */
export const PHONE_WIDTH = 375;

/** WeChat's built-in components: their elements are named `wx-<tag>` in the preview, as on the phone. */
export const BUILTIN_TAGS = new Set([
  'view',
  'text',
  'button',
  'input',
  'textarea',
  'picker',
  'picker-view',
  'picker-view-column',
  'canvas',
  'image',
  'icon',
  'scroll-view',
  'swiper',
  'swiper-item',
  'switch',
  'checkbox',
  'checkbox-group',
  'radio',
  'radio-group',
  'label',
  'form',
  'navigator',
  'progress',
  'rich-text',
  'slider',
  'cover-view',
  'cover-image',
  'movable-area',
  'movable-view',
  'map',
  'video',
  'camera',
  'web-view',
  'open-data',
  'editor',
]);

/**
 * One rpx length in px, as WeChat's runtime rounds it: down (after a small epsilon), and never to
 * 0 for a non-zero length (1px on Android and in DevTools).
 */
export function rpxToPx(rpx: number): number {
  if (rpx === 0) return 0;
  const px = Math.floor((rpx / 750) * PHONE_WIDTH + 1e-4);
  return px === 0 ? 1 : px;
}

/** Every `<n>rpx` in a declaration value (or an inline style) in px. */
export function convertRpx(value: string): string {
  return value.replace(/(-?(?:\d+\.?\d*|\.\d+))rpx\b/gi, (_m, n: string) => `${rpxToPx(Number(n))}px`);
}

/** A selector list with classes prefixed and tags mapped. */
export function convertSelectors(selectors: string): string {
  let out = '';
  let i = 0;
  // Where a type selector may start: the beginning, or after a combinator, a comma or an opening parenthesis.
  let typePosition = true;
  while (i < selectors.length) {
    const c = selectors[i];
    if (c === '[') {
      const end = closing(selectors, i, '[', ']');
      out += selectors.slice(i, end + 1);
      i = end + 1;
      typePosition = false;
    } else if (c === '"' || c === "'") {
      const end = selectors.indexOf(c, i + 1);
      out += selectors.slice(i, end < 0 ? undefined : end + 1);
      i = end < 0 ? selectors.length : end + 1;
    } else if (c === '.') {
      const name = identAt(selectors, i + 1);
      out += `.${CLASS_PREFIX}--${name}`;
      i += 1 + name.length;
      typePosition = false;
    } else if (c === '#') {
      const name = identAt(selectors, i + 1);
      out += `#${name}`;
      i += 1 + name.length;
      typePosition = false;
    } else if (c === ':') {
      const colons = selectors[i + 1] === ':' ? '::' : ':';
      const name = identAt(selectors, i + colons.length);
      out += colons + name;
      i += colons.length + name.length;
      if (selectors[i] === '(') {
        const end = closing(selectors, i, '(', ')');
        // :not(.a), :is(view) …: selectors inside; :nth-child(2n+1): not.
        const inner = selectors.slice(i + 1, end);
        out += `(${/^(not|is|where|has)$/.test(name) ? convertSelectors(inner) : inner})`;
        i = end + 1;
      }
      typePosition = false;
    } else if (/[\s>+~,(]/.test(c)) {
      out += c;
      i += 1;
      typePosition = true;
    } else if (typePosition && /[a-zA-Z*]/.test(c)) {
      const name = c === '*' ? '*' : identAt(selectors, i);
      out += mapTag(name);
      i += name.length;
      typePosition = false;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

function mapTag(tag: string): string {
  if (tag === 'page') return 'wx-page';
  return BUILTIN_TAGS.has(tag) ? `wx-${tag}` : tag;
}

function identAt(s: string, from: number): string {
  const m = /^-?[_a-zA-Z\u00a0-\uffff][-_a-zA-Z0-9\u00a0-\uffff]*/.exec(s.slice(from));
  return m ? m[0] : '';
}

/** The index of the bracket closing the one at `from` (nesting and quotes respected). */
function closing(s: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      const end = s.indexOf(c, i + 1);
      if (end < 0) return s.length - 1;
      i = end;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return s.length - 1;
}

const AT_RULES_WITH_RULES = /^@(media|supports|document|layer|container)\b/i;

/** A stylesheet (no @import left, no comments) with selectors and lengths converted. */
function convertSheet(css: string): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const brace = nextOutsideQuotes(css, i, '{');
    const semi = nextOutsideQuotes(css, i, ';');
    if (brace < 0 || (semi >= 0 && semi < brace)) {
      // A statement (e.g. @charset), or trailing text.
      const end = semi < 0 ? css.length : semi + 1;
      const statement = css.slice(i, end).trim();
      if (statement) out += statement + (statement.endsWith(';') ? '' : ';');
      i = end;
      continue;
    }
    const prelude = css.slice(i, brace).trim();
    const end = closing(css, brace, '{', '}');
    const body = css.slice(brace + 1, end);
    if (prelude.startsWith('@')) {
      // @keyframes and @font-face hold declarations or keyframe selectors (from, 50%): lengths only.
      out += `${prelude}{${AT_RULES_WITH_RULES.test(prelude) ? convertSheet(body) : convertRpx(body)}}`;
    } else if (prelude) {
      const selectors = splitSelectors(convertSelectors(prelude)).map((sel) => `${SCOPE} ${sel}`);
      out += `${selectors.join(',')}{${convertRpx(body.trim())}}`;
    }
    i = end + 1;
  }
  return out;
}

/** A selector list split at its top-level commas. */
function splitSelectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '"' || c === "'") i = Math.max(i, list.indexOf(c, i + 1));
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  return out.filter(Boolean);
}

function nextOutsideQuotes(s: string, from: number, ch: string): number {
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      const end = s.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === ch) return i;
  }
  return -1;
}

const IMPORT = /@import\s+(?:url\()?\s*(["'])([^"']+)\1\s*\)?\s*;/g;

/**
 * The CSS for one WXSS file. `read(path)` gives a file's text by its path under the mini program
 * root (null when missing); `@import` paths are relative to the importing file, or to the root
 * when they start with '/'.
 */
export function wxssToCss(path: string, read: (path: string) => string | null): string {
  return convertSheet(inline(path, read, new Set()));
}

function inline(path: string, read: (path: string) => string | null, seen: Set<string>): string {
  if (seen.has(path)) return '';
  seen.add(path);
  const text = read(path);
  if (text === null) return '';
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  return stripComments(text).replace(IMPORT, (_m, _q, target: string) => inline(joinPath(dir, target), read, seen));
}

function stripComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '');
}

/** `to` resolved against the folder `dir` (both under the mini program root, no leading '/'). */
export function joinPath(dir: string, to: string): string {
  const parts = to.startsWith('/') ? [] : dir.split('/').filter(Boolean);
  for (const part of to.split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/');
}
