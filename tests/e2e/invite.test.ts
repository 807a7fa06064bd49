/**
 * An invitation end to end: 社区 李干事 (staff of 东店社区) opens 邀请成员 from home, drills down to
 * 江南小区西片, chooses 小区书记 and gets a code; a newcomer with no role finds the 激活码 page
 * from the registration page, types the code and comes home as that compound's secretary.
 */
import { journey } from './support/journey';

jest.setTimeout(240_000);

test('community staff invite a compound secretary; the invitee types the code and comes home as 小区书记', () =>
  journey('invite', async (j) => {
    const staff = await j.open('demo-community-staff');
    await staff.find('.home-tile', '邀请成员').scrollIntoViewIfNeeded();
    await staff.shot('home-staff');
    await staff.tap('.home-tile', '邀请成员');
    await staff.onPage('邀请成员');
    await staff.see('#here-name', '东店社区');
    await staff.see('#here-roles', '可邀请：工作人员');
    await staff.shot('invite-start');

    await staff.tap('#child-sz-s1-c01-x02');
    await staff.see('#here-roles', '可邀请：小区书记、志愿者');
    await staff.see('.iv-crumb', '江南小区西片');
    await staff.shot('invite-compound');
    await staff.tap('#choose-here');
    await staff.see('#chosen-path', '东店社区 / 江南小区西片');
    await staff.tap('#role-secretary');
    await staff.shot('invite-role');
    await staff.tap('#generate');
    await staff.see('#done-title', '「江南小区西片」小区书记');
    const code = (await staff.$('.iv-code-group').allTextContents()).join('-');
    expect(code).toMatch(/^([0-9A-Z]{5}-){3}[0-9A-Z]{5}$/);
    expect(await staff.see('#expiry')).toMatch(/^\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前有效，只能使用一次$/);
    await staff.shot('invite-code');

    // 复制: the clipboard is a privacy API; the page's consent sheet asks first.
    await staff.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await staff.tap('#copy');
    await staff.see('#privacy-consent', '请先阅读隐私保护指引');
    await staff.shot('copy-consent');
    await staff.tap('#privacy-agree');
    await staff.screen.locator('#lf-toast', { hasText: '内容已复制' }).waitFor();
    expect(await staff.frame().evaluate('navigator.clipboard.readText()')).toBe(code);

    const invitee = await j.open('e2e-invited-secretary');
    await invitee.tap('#register');
    await invitee.onPage('登记为居民');
    await invitee.$('#claim-link').scrollIntoViewIfNeeded();
    await invitee.tap('#claim-link');
    await invitee.onPage('激活码');
    await invitee.type('#code', code);
    await invitee.see('#code-count', '已输入 20 / 20 位');
    await invitee.tap('#submit');
    await invitee.see('#done-title', '已成为「江南小区西片」小区书记');
    await invitee.shot('claim-done');

    await invitee.tap('#home');
    await invitee.onPage('联防');
    await invitee.see('.home-badge', '小区书记');
    for (const tile of ['出入证审批', '门岗记录', '发布通知', '排班', '志愿者', '预警']) await invitee.see('#section-secretary .home-tile-title', tile);
    await invitee.$('#section-secretary').scrollIntoViewIfNeeded();
    await invitee.shot('home-secretary');

    // The code works once: the staff member's page still shows it, and 再邀请一位 starts afresh.
    await staff.tap('#again');
    await staff.see('#here-name', '江南小区西片');
    await staff.shot('invite-again');
  }));
