/**
 * The volunteer's scan page against a fake gate server: opening it online or with the trust data
 * cached and no signal, scanning, the temperature pad, and what the result screen and queue hold.
 */
import { STORAGE } from '../../../miniprogram/services/gate-storage';
import type { GateServer, GateWx, GateWxOptions } from './gate';
import { COMPOUND_ID, EAST_GATE, HOUR, MORNING, fakeClock, gatePhone, trustBundle } from './gate';
import type { Page } from './mp';
import { find, openPage, settle, tap, textOf } from './mp';

export const SCAN = 'volunteer/pages/scan/scan';
export const POST = { compoundId: COMPOUND_ID, compoundName: '幸福小区', gateId: EAST_GATE.id, gateName: EAST_GATE.name };
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export async function openGate(server: GateServer, options: GateWxOptions = {}): Promise<{ phone: GateWx; page: Page }> {
  const phone = gatePhone(server, options);
  const page = await openPage(SCAN);
  return { phone, page };
}

/** A phone that stood at the east gate before and cached the trust data then, now without signal. */
export async function openOffline(server: GateServer, issuedAt = MORNING - HOUR): Promise<{ phone: GateWx; page: Page }> {
  const storage = { [STORAGE.post]: POST, [STORAGE.trust(COMPOUND_ID)]: trustBundle(server.key, { issuedAt }) };
  const phone = gatePhone(server, { storage });
  phone.offline = true;
  const page = await openPage(SCAN);
  return { phone, page };
}

export async function scan(page: Page, phone: GateWx, qr: string): Promise<void> {
  phone.scans.push(qr);
  await tap(page, '#scan');
}

export async function enterTemperature(page: Page, digits: string): Promise<void> {
  for (const d of digits) await tap(page, '#numpad', `#key-${d}`);
  await tap(page, '#numpad', '#key-ok');
}

/** What the volunteer reads on the full-screen result. */
export function screen(page: Page) {
  const result = find(page, '#result');
  return {
    color: (result.dom?.className ?? '').includes('sc-result-allow') ? 'green' : 'red',
    title: textOf(page, '#result-title'),
    who: textOf(page, '#result-who'),
    household: textOf(page, '#result-household'),
    reason: textOf(page, '#result-reason'),
    temperature: textOf(page, '#result-temp'),
  };
}

export const queue = (phone: GateWx) => (phone.storage.get(STORAGE.queue) as string[] | undefined) ?? [];
export const syncedEvents = (phone: GateWx) => phone.callsOf('gate.sync').flatMap((c) => c.events);

/** Every test of the file runs on a fake clock at the gate this morning. */
export function atTheGateThisMorning(): void {
  beforeEach(() => fakeClock());
  afterEach(() => jest.useRealTimers());
}

/** The live camera sees a code (it fires again for as long as the code stays in view). */
export async function cameraReads(page: Page, qr: string): Promise<void> {
  find(page, '#camera').dispatchEvent('scancode', { detail: { result: qr, type: 'qrcode', charSet: 'utf-8', rawData: '' } });
  await settle();
}
