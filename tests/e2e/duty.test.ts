/**
 * A shift end to end through the pages: the secretary makes tomorrow's rota for a post, a
 * volunteer signs up, and when the shift begins (the dev clock moved there) checks in by
 * scanning the post's printed code (an image of the secretary's screen); the secretary's rota
 * then shows the post filled.
 */
import { journey } from './support/journey';
import { readQr } from './support/png';

jest.setTimeout(240_000);

const POST = 'sz-s1-c01-x01-p-publicity';

test('a volunteer signs up for a shift, checks in with the post code, and the rota shows the post filled', () =>
  journey('shift-checkin', async (j) => {
    const secretary = await j.open('demo-secretary', '/staff/pages/rota/rota');
    await secretary.onPage('排班');
    await secretary.see(`#post-${POST}`, '防控知识宣传岗');
    await secretary.tap('#generate-open');
    // The page starts the rota tomorrow ('YYYY-MM-DD', China time).
    const day = await secretary.see('#pattern-from-text');
    await secretary.tap('.rt-check', '防控知识宣传岗');
    await secretary.type('#pattern-days', '1');
    await secretary.tap('#rule-add');
    await secretary.see('#rule-0', '08:00');
    await secretary.shot('rota-pattern');
    await secretary.tap('#generate');
    await secretary.confirmModal('1 个岗位');
    await secretary.see('#info');
    await secretary.shot('rota-generated');

    const volunteer = await j.open('demo-volunteer-2', '/volunteer/pages/shifts/shifts');
    await volunteer.onPage('我的班次');
    const open = volunteer.$(`#open-${day} .sh-open`).filter({ hasText: '防控知识宣传岗' }).first();
    await open.waitFor();
    await volunteer.shot('shifts-open');
    await open.locator('wx-button', { hasText: '报名' }).click();
    await volunteer.allowSubscription(); // the sign-up asks for the shift reminder
    const mine = volunteer.$(`#mine-${day} .sh-card`).filter({ hasText: '防控知识宣传岗' }).first();
    await mine.waitFor();
    await volunteer.shot('shifts-signed-up');

    // That day, five minutes into the 08:00 shift.
    await j.moveClock(Date.parse(`${day}T08:05:00+08:00`) - Date.now());

    await secretary.pullDown();
    await secretary.tap(`#code-${POST}`);
    await secretary.see('#code-name', '防控知识宣传岗');
    await secretary.drawn('#code');
    const printed = await secretary.shot('post-code');
    expect(readQr(printed)).toMatch(/^LFD1\./);
    await secretary.tap('#code-close');

    await volunteer.pullDown();
    await mine.locator('wx-button', { hasText: '扫码签到' }).click();
    await volunteer.scanImage(printed);
    await mine.filter({ hasText: '已签到' }).waitFor();
    await volunteer.shot('shifts-checked-in');

    await secretary.pullDown();
    const row = secretary.$(`#cov-${POST}`);
    await row.filter({ hasText: '应到 1 人 · 已到 1 人' }).waitFor();
    expect(await row.textContent()).not.toContain('缺');
    await secretary.shot('rota-covered');
  }));
