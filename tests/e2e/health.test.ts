/**
 * Daily health end to end in one building: the leader (楼栋长 周建国) looks at 本楼居民 — the
 * seeded day has some people still missing; 张伟 reports a member with 发热, 陈芳 reports her
 * household normal with one tap; the leader's count moves and 提醒未上报 goes once; the compound's
 * secretary finds the fever among the alerts.
 */
import { journey } from './support/journey';

jest.setTimeout(240_000);

/** Residents with a live pass land on it (the elderly mode), so they open the report page itself. */
const HEALTH = '/resident/pages/health/health';

/** "今日已上报 12/15 人，3 人未上报" → 12 */
const reportedIn = (text: string) => Number(/已上报 (\d+)\//.exec(text)?.[1]);

test('a building reports the day with one fever; the leader reminds the rest; the secretary sees the alert', () =>
  journey('health', async (j) => {
    const leader = await j.open('demo-leader');
    await leader.find('.home-tile', '本楼居民').scrollIntoViewIfNeeded();
    await leader.tap('.home-tile', '本楼居民');
    await leader.onPage('本楼居民');
    await leader.see('#census', /^摸底完成 \d+%/);
    const before = reportedIn(await leader.see('#report', /今日已上报/));
    await leader.see('#health .bd-row-name', /\*/);
    await leader.shot('building-before');

    const zhang = await j.open('demo-resident-1', HEALTH);
    await zhang.onPage('每日健康上报');
    await zhang.tap('#sym-1-fever');
    await zhang.shot('report-fever');
    await zhang.tap('#submit');
    await zhang.see('#done');

    const chen = await j.open('demo-resident-2', HEALTH);
    await chen.onPage('每日健康上报');
    await chen.tap('#all-normal');
    await chen.see('#done');
    await chen.shot('report-normal');

    const back = await j.open('demo-leader');
    await back.tap('.home-tile', '本楼居民');
    await back.onPage('本楼居民');
    const after = reportedIn(await back.see('#report', /今日已上报/));
    expect(after).toBeGreaterThan(before);
    await back.$('#remind').scrollIntoViewIfNeeded();
    await back.tap('#remind');
    await back.see('#reminded', '今天已提醒过，每天只能提醒一次');
    await back.shot('building-reminded');

    const secretary = await j.open('demo-secretary');
    await secretary.find('.home-tile', '预警').scrollIntoViewIfNeeded();
    await secretary.tap('.home-tile', '预警');
    await secretary.onPage('预警处置');
    await secretary.see('.al-card', /1号楼.*居民健康异常/s);
    await secretary.shot('alerts-fever');

    const reminded = await j.outbox();
    expect(reminded.some((m) => m.kind === 'health.remind')).toBe(true);
  }));
