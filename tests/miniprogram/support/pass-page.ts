/**
 * The resident's pass page in a world of its own: a fake server that signs real Ed25519
 * credentials, the phone's wx (canvas, random bytes, screen guards) and a fake clock at the gate.
 * The code the page paints is read back off the canvas (jsQR) and checked with the volunteer's verifier.
 */
import type { PassView } from '../../../typings/pass';
import { walletKey } from '../../../miniprogram/services/pass-wallet';
import type { WalletEntry } from '../../../miniprogram/services/pass-wallet';
import { verifyPassQr } from '../../../miniprogram/shared/pass/verify';
import { installFakeWx } from './fake-wx';
import type { FakeWx, FakeWxOptions } from './fake-wx';
import type { Page } from './mp';
import { openPage } from './mp';
import { COMPOUND_ID, GATE_MORNING, PassServer } from './pass-server';
import type { PassWx, PassWxOptions } from './pass-wx';
import { addPassWx, readCanvas } from './pass-wx';

export const PASS = 'resident/pages/pass/pass';
export const OFFLINE_NOTICE = '网络不可用，已显示离线出入证';

export interface World {
  server: PassServer;
  fake: FakeWx;
  wx: PassWx;
}

export function world(passes: PassView[], options: PassWxOptions & Pick<FakeWxOptions, 'envVersion' | 'serverNow'> = {}): World {
  const server = new PassServer(passes);
  const fake = installFakeWx({ handlers: server.handlers(), envVersion: options.envVersion, serverNow: options.serverNow });
  return { server, fake, wx: addPassWx(fake, options) };
}

const opened: Page[] = [];

export async function open(): Promise<Page> {
  const page = await openPage(PASS);
  opened.push(page);
  return page;
}

/** Leaves the page the way the client does: hidden, then gone. */
export function leave(page: Page): void {
  (page.instance as unknown as { onHide(): void }).onHide();
  page.detach();
}

/** The code on the canvas right now, as a scanner reads it. */
export function shownCode(w: World): string {
  const text = readCanvas(w.wx.canvas);
  if (!text) throw new Error('no readable QR on the canvas');
  return text;
}

export const verify = (w: World, text: string, compoundId = COMPOUND_ID) => verifyPassQr(text, { trust: w.server.trust(), compoundId, nowMs: Date.now() });

export const stored = (w: World, passId: string) => w.fake.storage.get(walletKey(passId)) as WalletEntry | undefined;

/** Every test of the file starts at the gate on a cold morning and leaves its pages closed. */
export function atTheGate(): void {
  beforeEach(() => {
    jest.useFakeTimers({ now: GATE_MORNING });
  });

  afterEach(() => {
    while (opened.length) opened.pop()?.detach();
    jest.useRealTimers();
  });
}
