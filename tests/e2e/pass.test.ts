/**
 * The pass, end to end through the pages: a resident registers and applies, the secretary
 * approves, the resident's phone shows a QR that a camera can read, and a volunteer's gate
 * phone scans it (an image of the resident's screen) and decides — green, or red with a fever
 * and an alert for the secretary to acknowledge.
 */
import { parseQr } from '../../miniprogram/shared/pass/codec';
import { journey, type Journey } from './support/journey';
import type { Phone } from './support/phone';
import { readQr } from './support/png';
import { approve, registerAndApply } from './support/steps';

jest.setTimeout(240_000);

/** The resident's live pass: the QR read back off a screenshot of the phone. */
async function showPass(resident: Phone): Promise<{ text: string; screen: Buffer }> {
  await resident.pullDown();
  await resident.see('#live');
  await resident.drawn('#qr');
  const screen = await resident.shot('pass-live');
  const text = readQr(screen);
  if (!text) throw new Error('no QR code could be read off the pass page');
  return { text, screen };
}

/** The volunteer scans `screen` at the gate and, when asked, types the temperature. */
async function scanAtGate(j: Journey, screen: Buffer, temperature: string): Promise<Phone> {
  const volunteer = await j.open('demo-volunteer-1', '/volunteer/pages/scan/scan');
  await volunteer.onPage('门岗核验');
  // First time on this phone: the volunteer picks the gate they are at (remembered).
  await volunteer.choose('#gate-picker', '东门');
  await volunteer.see('#post', '威尼斯水城 · 东门');
  await volunteer.shot('gate-ready');
  await volunteer.tap('#scan');
  await volunteer.scanImage(screen);
  await volunteer.see('#temperature');
  // The pad puts the point in itself: 3, 6, 5 reads 36.5.
  for (const key of temperature.replace('.', '')) await volunteer.tap(`#key-${key}`);
  await volunteer.shot('gate-temperature');
  await volunteer.tap('#key-ok');
  await volunteer.see('#result');
  return volunteer;
}

test('a resident registers and applies, the secretary approves, the pass QR scans green at the gate', () =>
  journey('pass-green', async (j) => {
    const person = { openid: 'e2e-resident-green', name: '吴新', phone: '13912345678', building: '1号楼', room: '301' };
    const resident = await registerAndApply(j, person);
    await approve(j, person);

    const { text, screen } = await showPass(resident);
    const qr = parseQr(text);
    expect(qr).not.toBeNull();
    expect(text.startsWith('LF1.')).toBe(true);
    // The credential names the holder masked, as the gate shows it.
    expect(qr!.cred.nm).toBe('吴*');
    expect(await resident.see('#pass-name')).toContain('吴*');

    // The decision was pushed to the resident (the outbox the dev sink delivers from).
    expect((await j.outbox(person.openid)).map((m) => m.kind)).toContain('pass.decision');

    const volunteer = await scanAtGate(j, screen, '36.5');
    expect(await volunteer.$('#result').getAttribute('class')).toMatch(/sc-result-allow/);
    expect(await volunteer.see('#result-who')).toContain('吴*');
    await volunteer.shot('gate-green');
  }));

test('a fever at the gate (37.5 ℃) shows red, and the secretary sees the alert and acknowledges it', () =>
  journey('fever-alert', async (j) => {
    const person = { openid: 'e2e-resident-fever', name: '郑红', phone: '13912340000', building: '1号楼', room: '502' };
    const resident = await registerAndApply(j, person);
    await approve(j, person);
    const { screen } = await showPass(resident);

    const volunteer = await scanAtGate(j, screen, '37.5');
    expect(await volunteer.$('#result').getAttribute('class')).toMatch(/sc-result-deny/);
    expect(await volunteer.see('#result-temp')).toContain('37.5');
    await volunteer.see('#result-sync', '记录已上传');
    await volunteer.shot('gate-red');

    const secretary = await j.open('demo-secretary', '/staff/pages/alerts/alerts');
    await secretary.onPage('预警处置');
    const alert = secretary.find('.al-card', '门岗测温异常');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('需确认');
    await secretary.shot('alerts-open');
    await alert.locator('wx-button', { hasText: '确认' }).click();
    // WeChat asks whether new alerts may be pushed to the secretary.
    await secretary.allowSubscription();
    await secretary.see('#list-empty', '没有待处理的预警');
    await secretary.tap('#tab-acked');
    const acked = secretary.find('.al-card', '门岗测温异常');
    await acked.click();
    await secretary.see('#steps', '已确认');
    await secretary.shot('alerts-acked');
  }));
