/**
 * A journey: a real local runtime process (`local/main.ts` on a free port, a fresh DATA_DIR,
 * the demo district seeded) and Chromium showing its browser preview, one browser context per
 * phone (each a person with their own phone). The pages run WeChat's compiled output
 * (dist/miniprogram, which `npm test` makes first) unless LF_E2E_FROM=source.
 * Besides the pages, a journey only reads the outbox and moves the dev clock.
 * Screenshots of every step go to .tmp/e2e/<journey>/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { startRuntime, type RuntimeProcess } from '../../support/runtime-process';
import { launchChromium, Problems } from './browser';
import { Phone } from './phone';

const ROOT = resolve(__dirname, '..', '..', '..');
const FROM = process.env.LF_E2E_FROM === 'source' ? 'source' : 'compiled';

export interface OutboxItem {
  kind: string;
  template: string;
  touser: string;
  data: Record<string, { value: string }>;
  state: string;
}

export interface Journey {
  problems: Problems;
  /** Opens a phone as `account` at `page` ('/resident/pages/pass/pass', default the home page). */
  open(account: string, page?: string, options?: PhoneOptions): Promise<Phone>;
  /** The runtime's outbox (GET /api/dev/outbox). */
  outbox(to?: string): Promise<OutboxItem[]>;
  /** Calls an action as `openid` straight on the runtime (POST /api/fn/<function>), for setting a scene up; the data answered. */
  call(openid: string, action: string, data: Record<string, unknown>): Promise<unknown>;
  /** Moves the runtime's dev clock this far from the real time (POST /api/dev/clock). */
  moveClock(offsetMs: number): Promise<void>;
  /** Stops the runtime, runs `whileDown`, and starts it again on the same port and data. */
  restartRuntime(whileDown: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface PhoneOptions {
  /** WeChat's text-size setting in px (16 standard, 24 is 1.5×), as the phone reports it. */
  fontSizeSetting?: number;
}

export interface JourneyOptions {
  /** Runs on the fresh DATA_DIR before the runtime first starts (the demo district is seeded after it). */
  prepare?: (dataDir: string) => Promise<void>;
}

export async function startJourney(name: string, { prepare }: JourneyOptions = {}): Promise<Journey> {
  if (FROM === 'compiled' && !existsSync(join(ROOT, 'dist', 'miniprogram', 'app.json'))) {
    throw new Error('dist/miniprogram is missing: run `npm run mp:compile` first (npm test does), or set LF_E2E_FROM=source');
  }
  const shotDir = join(ROOT, '.tmp', 'e2e', name);
  rmSync(shotDir, { recursive: true, force: true });
  mkdirSync(shotDir, { recursive: true });
  let shots = 0;
  const shotPath = (step: string) => join(shotDir, `${String(++shots).padStart(2, '0')}-${step}.png`);

  const dataDir = mkdtempSync(join(tmpdir(), `lianfang-e2e-${name}-`));
  const env = { TICK_MS: '1000' };
  try {
    await prepare?.(dataDir);
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  let runtime: RuntimeProcess = await startRuntime(dataDir, env);
  const port = Number(new URL(runtime.url).port);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const problems = new Problems();
  const phones: Phone[] = [];

  const devApi = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${runtime.url}${path}`, init);
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };

  return {
    problems,
    async open(account, page = '', { fontSizeSetting }: PhoneOptions = {}) {
      const context = await browser.newContext({ viewport: { width: 460, height: 1080 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const tab = await context.newPage();
      problems.watch(tab, account);
      const phone = new Phone(account, tab, context, shotPath);
      const font = fontSizeSetting ? `&font=${fontSizeSetting}` : '';
      await tab.goto(`${runtime.url}/?as=${encodeURIComponent(account)}&from=${FROM}${font}${page ? `#${page}` : ''}`);
      await phone.top.waitFor();
      phones.push(phone);
      return phone;
    },
    async outbox(to) {
      const body = (await devApi(`/api/dev/outbox${to ? `?to=${encodeURIComponent(to)}` : ''}`)) as { items: OutboxItem[] };
      return body.items;
    },
    async call(openid, action, data) {
      const fn = action.slice(0, action.indexOf('.'));
      const body = (await devApi(`/api/fn/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify({ action, data }),
      })) as { ok: boolean; data?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${action}: ${body.error?.message}`);
      return body.data;
    },
    async moveClock(offsetMs) {
      await devApi('/api/dev/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs }) });
    },
    async restartRuntime(whileDown) {
      expect(await runtime.stop('SIGTERM')).toBe(0);
      await whileDown();
      runtime = await startRuntime(dataDir, env, port);
    },
    async close() {
      // How each phone was left: the step that failed, when one did.
      for (const phone of phones) {
        await phone.shot('last').catch(() => undefined);
        await phone.context.close();
      }
      await browser.close();
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs a journey, and fails it if any page reported a problem on the way (console error, failed request). */
export async function journey(name: string, body: (j: Journey) => Promise<void>, options?: JourneyOptions): Promise<void> {
  const j = await startJourney(name, options);
  try {
    await body(j);
    expect(j.problems.list()).toEqual([]);
  } finally {
    await j.close();
  }
}
