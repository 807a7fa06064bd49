/**
 * Does the page on top of a phone lay out its text? Element boxes read in the phone (what
 * Playwright's boxes are made of): every element with text of its own must hold that text
 * (no line running out of its box sideways, none far below it, nothing scrolled away inside it),
 * siblings in the flow must not overlap while both show text, and the page must not scroll sideways.
 */
import type { Phone } from './phone';

// Runs in the phone (a string: this file is compiled without the DOM's types).
const CHECK = `(() => {
  const top = document.querySelector('.lf-page-frame:not([hidden])');
  if (!top) return ['no page on top'];
  const problems = [];
  const label = (el) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + ' «' + (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 24) + '»';
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none' && Number(cs.opacity) > 0;
  };
  const all = [...top.querySelectorAll('*')].filter(shown);
  for (const el of all) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own.length) continue;
    const box = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const slack = parseFloat(cs.fontSize) / 4;
    let out = false;
    for (const node of own) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (!r.width) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - slack || r.bottom > box.bottom + slack) out = true;
      }
    }
    if (out) problems.push('text out of its box: ' + label(el));
    else if (cs.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) problems.push('text cut off: ' + label(el));
  }
  const inFlow = (el) => shown(el) && !['absolute', 'fixed'].includes(getComputedStyle(el).position) && (el.textContent || '').trim();
  for (const parent of all) {
    const kids = [...parent.children].filter(inFlow);
    for (let i = 0; i < kids.length; i++) {
      const a = kids[i].getBoundingClientRect();
      for (let k = i + 1; k < kids.length; k++) {
        const b = kids[k].getBoundingClientRect();
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) problems.push('overlap: ' + label(kids[i]) + ' / ' + label(kids[k]));
      }
    }
  }
  if (top.scrollWidth > top.clientWidth + 1) problems.push('the page scrolls sideways: ' + top.scrollWidth + ' > ' + top.clientWidth);
  return problems;
})()`;

/** What is wrong with the text layout of the page on top ([] when nothing). */
export async function layoutProblems(phone: Phone): Promise<string[]> {
  return phone.frame().evaluate<string[]>(CHECK);
}

/** The root font size (1rem) of the page on top, in px. */
export async function rootFontPx(phone: Phone): Promise<number> {
  return phone.frame().evaluate<number>('parseFloat(getComputedStyle(document.documentElement).fontSize)');
}
