/**
 * The night gate: the app follows the phone's dark theme (app.json darkmode + theme.json), the
 * scan page is dark whatever the theme, with its own palette at ≥ 4.5:1 for every pair of text
 * and background it draws, a verdict ≥ 96 rpx (48 px), and every tap target ≥ 88 rpx (44 pt)
 * with a hover-class — read from the page's own files, as the client renders them.
 */
import { readFileSync } from 'fs';
import path from 'path';
import { gateServer } from './support/gate';
import { MINIPROGRAM_ROOT, find } from './support/mp';
import { atTheGateThisMorning, openGate } from './support/scan-page';

atTheGateThisMorning();

const read = (file: string) => readFileSync(path.join(MINIPROGRAM_ROOT, file), 'utf8');
const json = <T>(file: string) => JSON.parse(read(file)) as T;

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

/** Rules of a stylesheet (top level, no @media), as selector → declarations. */
function rules(css: string): Array<{ selectors: string[]; decls: Record<string, string> }> {
  const out: Array<{ selectors: string[]; decls: Record<string, string> }> = [];
  const body = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
  for (const [, sel, block] of body.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const decls: Record<string, string> = {};
    for (const d of block.split(';')) {
      const i = d.indexOf(':');
      if (i > 0) decls[d.slice(0, i).trim()] = d.slice(i + 1).trim();
    }
    out.push({ selectors: sel.split(',').map((s) => s.trim()), decls });
  }
  return out;
}

const SCAN_CSS = rules(read('volunteer/pages/scan/scan.wxss'));
const PALETTE = SCAN_CSS.find((r) => r.selectors.includes('.sc-night'))!.decls;
const color = (name: string) => (name.startsWith('#') ? name : PALETTE[`--sc-${name}`]);

describe('the phone’s dark theme', () => {
  it('is switched on, and every colour app.json takes from theme.json exists in both themes', () => {
    const app = json<{ darkmode: boolean; themeLocation: string; window: Record<string, string> }>('app.json');
    expect(app.darkmode).toBe(true);
    const theme = json<Record<'light' | 'dark', Record<string, string>>>(app.themeLocation);
    const vars = Object.values(app.window)
      .filter((v) => v.startsWith('@'))
      .map((v) => v.slice(1));
    expect(vars.length).toBeGreaterThanOrEqual(4);
    for (const v of vars) {
      expect(theme.light[v]).toBeDefined();
      expect(theme.dark[v]).toBeDefined();
    }
    expect(luminance(theme.dark.bg)).toBeLessThan(0.02);
    expect(read('app.wxss')).toMatch(/@media \(prefers-color-scheme: ?dark\)/);
  });
});

describe('the night gate', () => {
  it('is dark whatever the theme: its bars and its page', async () => {
    const page = json<Record<string, string>>('volunteer/pages/scan/scan.json');
    expect(page).toMatchObject({ navigationBarBackgroundColor: '#0b0f14', navigationBarTextStyle: 'white', backgroundColor: '#0b0f14' });
    const { page: scan } = await openGate(gateServer());
    expect(find(scan, '.sc-night')).toBeDefined();
  });

  it.each([
    ['text', 'bg'],
    ['muted', 'bg'],
    ['text', 'card'],
    ['muted', 'card'],
    ['text', 'field'],
    ['accent', 'bg'],
    ['warn', 'bg'],
    ['warn', 'card'],
    ['#111111', 'accent'],
    ['#111111', 'text'],
    ['#ffffff', 'allow'],
    ['#ffffff', 'deny'],
  ])('%s on %s is at least 4.5:1', (fg, bg) => {
    expect(contrast(color(fg), color(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it('shows the verdict at ≥ 96 rpx (48 px)', () => {
    const title = SCAN_CSS.find((r) => r.selectors.includes('.sc-result-title'))!.decls['font-size'];
    expect(parseInt(title, 10)).toBeGreaterThanOrEqual(96);
  });

  /** Every bindtap element of a template: its static classes, and whether it has a hover-class. */
  function tapTargets(wxml: string) {
    return [...wxml.matchAll(/<(view|button|text)\b([^>]*\bbindtap="[^"]+"[^>]*)>/g)].map(([, tag, attrs]) => ({
      id: /\bid="([^"]+)"/.exec(attrs)?.[1] ?? tag,
      tag,
      classes: (/\bclass="([^"]*)"/.exec(attrs)?.[1] ?? '')
        .replace(/\{\{[^}]*\}\}/g, ' ')
        .split(/\s+/)
        .filter(Boolean),
      hover: /\bhover-class="[^"]+"/.test(attrs),
    }));
  }

  /** The tallest min-height / height / line-height any of the classes sets, in rpx. */
  function heightOf(classes: string[], sheets: ReturnType<typeof rules>): number {
    let best = 0;
    for (const r of sheets) {
      if (!r.selectors.some((s) => classes.some((c) => s === `.${c}`))) continue;
      for (const k of ['min-height', 'height', 'line-height']) {
        const v = /^(\d+)rpx/.exec(r.decls[k] ?? '');
        if (v) best = Math.max(best, Number(v[1]));
      }
    }
    return best;
  }

  it.each([
    ['volunteer/pages/scan/scan.wxml', ['volunteer/pages/scan/scan.wxss', 'app.wxss']],
    ['volunteer/components/gate-lookup/gate-lookup.wxml', ['volunteer/components/gate-lookup/gate-lookup.wxss']],
    ['components/numpad/numpad.wxml', ['components/numpad/numpad.wxss']],
  ])('every tap target of %s is ≥ 88 rpx tall and shows it was pressed', (wxml, sheets) => {
    const css = sheets.flatMap((s) => rules(read(s)));
    const targets = tapTargets(read(wxml));
    expect(targets.length).toBeGreaterThan(0);
    const short = targets.filter((t) => heightOf(t.classes, css) < 88).map((t) => t.id);
    expect(short).toEqual([]);
    // The numpad's keys are buttons (the client's own pressed state); everything else names its hover-class.
    const unmarked = targets.filter((t) => !t.hover && !wxml.startsWith('components/numpad')).map((t) => t.id);
    expect(unmarked).toEqual([]);
  });
});
