/**
 * The preview's `wx` has every API the mini program calls: a new `wx.x(…)` in miniprogram/
 * fails here until the preview offers it (or says on screen why it cannot).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { journey } from './support/journey';

jest.setTimeout(120_000);

const MINIPROGRAM = join(__dirname, '..', '..', 'miniprogram');

/** 'request', 'cloud.callFunction', … for every `wx.` the mini program's code names. */
function wxApisUsed(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/\bwx\.([a-zA-Z]+)(?:\.([a-zA-Z]+))?/g))
          names.add(m[1] === 'cloud' && m[2] ? `cloud.${m[2]}` : m[1]);
      }
    }
  };
  walk(MINIPROGRAM);
  return [...names].sort();
}

test('every wx API the mini program calls is in the preview', () =>
  journey('wx-shim', async (j) => {
    const used = wxApisUsed();
    expect(used).toEqual(expect.arrayContaining(['request', 'scanCode', 'getLocation', 'createSelectorQuery', 'cloud.callFunction']));
    const phone = await j.open('demo-resident-1');
    const missing = await phone
      .frame()
      .evaluate(
        (names) =>
          names.filter(
            (name) =>
              typeof name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], (globalThis as { wx?: unknown }).wx) !==
              'function',
          ),
        used,
      );
    expect(missing).toEqual([]);
  }));
