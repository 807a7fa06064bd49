/**
 * The paper pass (离线出入证), end to end: the secretary prints one for an approved pass (the
 * code is read back off the card's canvas, as a camera would), a volunteer scans the card at the
 * gate, checks the ID card's last 4 characters and lets the person in; the secretary's gate log
 * names the paper pass and the check. Then the secretary revokes the pass, and the same card is
 * refused at the gate (出入证已被注销) before any ID check.
 */
import { journey, type Journey } from './support/journey';
import type { Phone } from './support/phone';
import { readQr } from './support/png';
import { approve, registerAndApply } from './support/steps';

jest.setTimeout(300_000);

const HOUSEHOLD = '1号楼2单元702';

/** A volunteer on a fresh phone at 东门 (the gate is picked first: a new phone has none), scanning `card`. */
async function scanCard(j: Journey, card: Buffer): Promise<Phone> {
  const volunteer = await j.open('demo-volunteer-1', '/volunteer/pages/scan/scan');
  await volunteer.onPage('门岗核验');
  await volunteer.choose('#gate-picker', '东门');
  await volunteer.see('#post', '威尼斯水城 · 东门');
  await volunteer.tap('#scan');
  await volunteer.scanImage(card);
  return volunteer;
}

/** The secretary opens the passes list on 全部 and returns the card of the pass from HOUSEHOLD. */
async function passCard(secretary: Phone) {
  await secretary.onPage('出入证审批');
  await secretary.tap('#tab-all');
  const card = secretary.find('.ps-pass', HOUSEHOLD);
  await card.waitFor();
  return card;
}

test('a printed paper pass lets its holder in after the ID check, and is refused once the pass is revoked', () =>
  journey('paper', async (j) => {
    const person = { openid: 'e2e-resident-paper', name: '冯淑珍', phone: '13912345671', building: '1号楼', room: '702' };
    await registerAndApply(j, person);
    await approve(j, person);

    // Printed: the secretary opens 打印离线码 on the approved pass and types the ID card's tail.
    const secretary = await j.open('demo-secretary', '/staff/pages/passes/passes');
    const pass = await passCard(secretary);
    await pass.locator('wx-button', { hasText: '打印离线码' }).click();
    await secretary.onPage('打印离线出入证');
    await secretary.type('#id-tail', '123x');
    await secretary.tap('#print');
    await secretary.see('#summary', '第 1 张 · 身份证尾号 123X');
    await secretary.drawn('#card-wrap');
    // The card is painted in steps (and sized to its text): read it once its code is whole.
    let printed = await secretary.$('#card').screenshot({ animations: 'disabled' });
    for (let tries = 0; !readQr(printed) && tries < 20; tries++) {
      await secretary.page.waitForTimeout(250);
      printed = await secretary.$('#card').screenshot({ animations: 'disabled' });
    }
    await secretary.shot('paper-printed');
    const code = readQr(printed);
    expect(code).toMatch(/^LFP1\./);

    // Scanned at the gate: the page asks for the ID check before anything else.
    const volunteer = await scanCard(j, printed);
    await volunteer.see('#id-check-kind', '离线出入证（纸质）');
    await volunteer.see('#id-check-ask', '核对身份证尾号 123X');
    await volunteer.see('#id-check-who', '冯*珍');
    await volunteer.shot('paper-id-check');
    await volunteer.tap('#id-confirm');
    await volunteer.see('#temp-who', '冯*珍');
    await volunteer.tap('#temp-normal');
    await volunteer.see('#result-title', '放行');
    await volunteer.see('#result-sync', '记录已上传');
    await volunteer.shot('paper-allowed');

    // The secretary's gate log names the paper pass and the check.
    const log = await j.open('demo-secretary', '/staff/pages/gatelog/gatelog');
    await log.onPage('门岗记录');
    await log.see('.gl-who', '冯*珍');
    await log.see('.gl-paper-line', '离线出入证 · 已核对身份证尾号');
    await log.shot('gatelog-paper');

    // Revoked: the card stays in the holder's pocket, and no gate lets it through again.
    const revoking = await j.open('demo-secretary', '/staff/pages/passes/passes');
    const again = await passCard(revoking);
    await again.locator('wx-button', { hasText: '注销' }).click();
    await revoking.see('#panel');
    await revoking.type('#panel-reason', '离线出入证遗失');
    await revoking.tap('#panel-confirm');
    await revoking.find('.ps-pass', HOUSEHOLD).filter({ hasText: '已注销' }).waitFor();
    await revoking.shot('pass-revoked');

    const refused = await scanCard(j, printed);
    await refused.see('#result-title', '禁止通行');
    await refused.see('#result-reason', '出入证已被注销');
    expect(await refused.$('#id-check').count()).toBe(0);
    await refused.shot('paper-revoked');
  }));
