/**
 * Chromium for the end-to-end journeys: Debian's build (`apt-get install chromium`) driven by
 * playwright-core, with a fresh profile per launch. Everything a page reports that went wrong —
 * a console error, an uncaught exception, a request that failed or answered HTTP ≥ 400 — is
 * collected, so a journey can require there was none.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.LF_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium fonts-noto-cjk (.ci/run does)`);
  // launch() gives every browser a fresh, temporary user-data-dir.
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** What went wrong in the pages watched, in the order it happened. */
export class Problems {
  private readonly seen: string[] = [];
  private tolerated: RegExp[] = [];

  watch(page: Page, label: string): void {
    const add = (text: string) => {
      if (!this.tolerated.some((r) => r.test(text))) this.seen.push(`${label}: ${text}`);
    };
    page.on('console', (m) => {
      if (m.type() === 'error') add(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => add(`uncaught: ${e.message}`));
    page.on('requestfailed', (r) => add(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
      if (r.status() >= 400) add(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
    });
  }

  /** Runs `work` with problems matching `expected` let through (what an outage is expected to cause). */
  async tolerating<T>(expected: RegExp[], work: () => Promise<T>): Promise<T> {
    this.tolerated = [...this.tolerated, ...expected];
    try {
      return await work();
    } finally {
      this.tolerated = this.tolerated.filter((r) => !expected.includes(r));
    }
  }

  list(): string[] {
    return [...this.seen];
  }
}
