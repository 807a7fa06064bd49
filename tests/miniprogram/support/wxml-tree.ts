/**
 * A WXML file as a tree of elements, for static checks: tags, attributes as written (bindings
 * unevaluated) and whether an element holds text of its own. Every `wx:if` branch and `wx:for`
 * body is kept, so a check sees every state a page can be in.
 */

export interface WxmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: WxmlElement[];
  parent: WxmlElement | null;
  /** The text written directly inside it (bindings included), trimmed. */
  text: string;
  /** 1-based line of its opening tag. */
  line: number;
}

const VOID = new Set(['input', 'image', 'icon', 'import', 'include', 'wxs', 'progress']);

/** Where `{{` … `}}` starting at `from` ends (index after it). */
function mustacheEnd(s: string, from: number): number {
  const end = s.indexOf('}}', from + 2);
  return end < 0 ? s.length : end + 2;
}

function parseAttrs(src: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;
  for (let m = re.exec(src); m; m = re.exec(src)) attrs[m[1]] = m[2] ?? m[3] ?? '';
  return attrs;
}

export function parseWxml(src: string): WxmlElement {
  const root: WxmlElement = { tag: '#root', attrs: {}, children: [], parent: null, text: '', line: 1 };
  let current = root;
  let i = 0;
  const lineAt = (at: number) => src.slice(0, at).split('\n').length;
  while (i < src.length) {
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i);
      i = end < 0 ? src.length : end + 3;
    } else if (src.startsWith('{{', i)) {
      const end = mustacheEnd(src, i);
      current.text = `${current.text}${src.slice(i, end)}`.trim();
      i = end;
    } else if (src[i] === '<') {
      // The tag ends at the first '>' outside quotes.
      let j = i + 1;
      let quote = '';
      for (; j < src.length; j++) {
        const c = src[j];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      const body = src.slice(i + 1, j);
      if (body.startsWith('/')) {
        const tag = body.slice(1).trim();
        while (current !== root && current.tag !== tag) current = current.parent!;
        if (current !== root) current = current.parent!;
      } else {
        const selfClosing = body.endsWith('/');
        const tag = /^[^\s/>]+/.exec(body)![0];
        const el: WxmlElement = {
          tag,
          attrs: parseAttrs(body.slice(tag.length, selfClosing ? -1 : undefined)),
          children: [],
          parent: current,
          text: '',
          line: lineAt(i),
        };
        current.children.push(el);
        if (!selfClosing && !VOID.has(tag)) current = el;
      }
      i = j + 1;
    } else {
      let j = i;
      while (j < src.length && src[j] !== '<' && !src.startsWith('{{', j)) j++;
      current.text = `${current.text}${src.slice(i, j)}`.trim();
      i = j;
    }
  }
  return root;
}

/** Whether the element or anything in it shows text. */
export function hasText(el: WxmlElement): boolean {
  return Boolean(el.text) || el.children.some(hasText);
}
