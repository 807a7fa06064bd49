/**
 * A notice end to end through the pages: the secretary publishes an urgent one that needs
 * acknowledging to the compound's residents, a resident reads it in the inbox and taps
 * 我已知晓, and the secretary's progress page shows the resident's building read and acked 1/1.
 */
import { journey } from './support/journey';
import { register } from './support/steps';

jest.setTimeout(240_000);

test('staff publish an urgent notice, a resident reads and acknowledges it, progress shows 1/1 at the building', () =>
  journey('notice-ack', async (j) => {
    // The only resident of 2号楼.
    const person = { openid: 'e2e-resident-notice', name: '钱明', phone: '13912341111', building: '2号楼', room: '101' };
    const resident = await register(j, person);

    const secretary = await j.open('demo-secretary', '/staff/pages/publish/publish');
    await secretary.onPage('发布通知');
    await secretary.see('#scope-label', '威尼斯水城');
    await secretary.type('#title', '明日停水通知');
    await secretary.type('#body', '因管网检修，明天 8:00–12:00 全小区停水，请提前储水。');
    await secretary.tap('#level-urgent');
    await secretary.tap('#audience-residents');
    if ((await secretary.$('#require-ack').getAttribute('checked')) === null) await secretary.tap('#require-ack');
    await secretary.shot('publish-filled');
    await secretary.tap('#submit');
    await secretary.confirmModal('向「威尼斯水城」的居民发布一条紧急通知（需确认）');
    await secretary.onPage('通知进度');
    const building = secretary.find('.pg-row', '2号楼');
    expect(await building.locator('.pg-row-read').textContent()).toBe('已读 0/1 人（0%）');
    await secretary.shot('progress-unread');

    await resident.tap('.home-tile', '通知');
    await resident.onPage('通知');
    await resident.see('#unread-count', '1');
    await resident.shot('inbox-unread');
    await resident.tap('.nt-item', '明日停水通知');
    await resident.onPage('通知详情');
    await resident.see('#needs-ack', '需确认');
    await resident.see('#body', '全小区停水');
    await resident.tap('#ack');
    await resident.allowSubscription(); // acknowledging asks for the next notice's push
    await resident.see('#acked');
    await resident.shot('notice-acked');

    await secretary.pullDown();
    await building.locator('.pg-row-read', { hasText: '已读 1/1 人（100%）' }).waitFor();
    expect(await building.locator('.pg-row-ack').textContent()).toBe('已确认 1/1 人（100%）');
    await secretary.shot('progress-read-acked');
    await building.click();
    await secretary.see('#unread-none', '本楼住户已全部阅读');
    await secretary.shot('progress-building');
  }));
