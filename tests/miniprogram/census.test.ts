/** 本楼居民 (a building's leader) and 健康与摸底 (secretaries, staff, admins) with the drill-down between them. */
import type { ActionResponse } from '../../typings/api';
import type { CensusFlag, CensusRow, CensusTotals, HealthRow } from '../../typings/census';
import type { GrantView } from '../../typings/domain';
import type { Handlers } from './support/fake-wx';
import { failure, installFakeWx } from './support/fake-wx';
import { RESIDENT_GRANT, RESIDENT_ME, STAFF_ME } from './support/fixtures';
import { findAll, isShown, openPage, tap, textOf, textsOf } from './support/mp';

const PAGE = 'staff/pages/building/building';
const SUMMARY = 'staff/pages/census/census';
const HOME = 'pages/home/home';

const LEADER_ME = { ...RESIDENT_ME, grants: [RESIDENT_GRANT, { ...RESIDENT_GRANT, role: 'leader' as const }] };
const SECRETARY_GRANT: GrantView = {
  role: 'secretary',
  orgId: 'p-xingfu',
  orgName: '幸福小区',
  orgLevel: 'compound',
  orgPath: RESIDENT_GRANT.orgPath.slice(0, 4),
};
const SECRETARY_ME = { ...STAFF_ME, grants: [SECRETARY_GRANT] };
// 2026-11-28 09:30 in Shanghai.
const REMINDED_AT = Date.UTC(2026, 10, 28, 1, 30);

const flags = (over: Partial<Record<CensusFlag, number>> = {}): Record<CensusFlag, number> => ({
  elderlyAlone: 0,
  disabled: 0,
  chronic: 0,
  pregnant: 0,
  infant: 0,
  medicine: 0,
  ...over,
});
const totals = (over: Partial<CensusTotals> = {}): CensusTotals => ({
  households: 2,
  people: 5,
  flags: flags({ elderlyAlone: 1, medicine: 1 }),
  partyMembers: 1,
  rooms: 4,
  settled: 3,
  completeness: 75,
  ...over,
});

const building = (): ActionResponse<'census.building'> => ({
  buildingId: 'b-xingfu-3',
  name: '3号楼',
  totals: totals(),
  rooms: [
    { unit: '1', room: '101', state: 'known', people: 3, flags: [] },
    { unit: '1', room: '102', state: 'vacant', people: 0, flags: [] },
    { unit: '2', room: '501', state: 'unknown', people: 0, flags: [] },
    { unit: '2', room: '502', state: 'known', people: 2, flags: ['elderlyAlone', 'medicine'] },
  ],
});

const missing = (remindedAt: number | null = null): ActionResponse<'health.missing'> => ({
  day: '2026-11-28',
  expected: 5,
  reported: 3,
  missing: [
    { personId: 'b-xingfu-3:1-101:2', name: '张*', unit: '1', room: '101' },
    { personId: 'b-xingfu-3:2-502:1', name: '王*兰', unit: '2', room: '502' },
  ],
  remindedAt,
});

function serve(me: typeof LEADER_ME | typeof SECRETARY_ME, handlers: Handlers = {}) {
  return installFakeWx({
    handlers: {
      'account.me': () => me,
      'census.building': () => building(),
      'health.missing': () => missing(),
      'health.remind': () => ({ day: '2026-11-28', queued: 2, alreadySent: false }),
      ...handlers,
    },
  });
}

describe('本楼居民', () => {
  it('shows the leader’s building: completeness, each room’s state, today’s missing people as the server masked them', async () => {
    const fake = serve(LEADER_ME);
    const page = await openPage(PAGE);
    expect(fake.callsOf('census.building')).toEqual([{ buildingId: 'b-xingfu-3' }]);
    expect(fake.callsOf('health.missing')).toEqual([{ buildingId: 'b-xingfu-3' }]);
    expect(textOf(page, '#name')).toBe('3号楼');
    expect(textOf(page, '#census')).toBe('摸底完成 75%（3/4 户），未摸底 1 户');
    expect(textOf(page, '#people')).toBe('共 2 户 5 人 · 独居老人 1 · 需送药 1 · 党员 1');
    expect(textsOf(page, '.bd-row-state')).toEqual(['已摸底', '空置', '未摸底', '已摸底']);
    expect(textOf(page, '#room-2-502')).toContain('2 人 · 独居老人 · 需送药');
    expect(findAll(page, '.bd-unknown')).toHaveLength(1);
    expect(textOf(page, '#report')).toBe('今日已上报 3/5 人，2 人未上报');
    expect(textsOf(page, '#health .bd-row-name')).toEqual(['张*', '王*兰']);
    expect(textOf(page, '#missing-b-xingfu-3:2-502:1')).toContain('2单元 502');
  });

  it('提醒未上报 sends the reminder once and then says it was sent today', async () => {
    const fake = serve(LEADER_ME);
    const page = await openPage(PAGE);
    expect(await tap(page, '#remind')).toBe(true);
    expect(fake.callsOf('health.remind')).toEqual([{ buildingId: 'b-xingfu-3' }]);
    expect(fake.wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提醒 2 人' }));
    expect(isShown(page, '#remind')).toBe(false);
    expect(textOf(page, '#reminded')).toBe('今天已提醒过，每天只能提醒一次');
  });

  it('a reminder already sent today shows its time and no button', async () => {
    serve(LEADER_ME, { 'health.missing': () => missing(REMINDED_AT) });
    const page = await openPage(PAGE);
    expect(isShown(page, '#remind')).toBe(false);
    expect(textOf(page, '#reminded')).toBe('今天 09:30 已提醒过，每天只能提醒一次');
  });

  it('when someone else sent it meanwhile, the server’s answer is shown with the time it was sent', async () => {
    let sent: number | null = null;
    const fake = serve(LEADER_ME, {
      'health.missing': () => missing(sent),
      'health.remind': () => {
        sent = REMINDED_AT;
        return { day: '2026-11-28', queued: 0, alreadySent: true };
      },
    });
    const page = await openPage(PAGE);
    await tap(page, '#remind');
    expect(textOf(page, '#reminded')).toBe('今天 09:30 已提醒过，每天只能提醒一次');
    expect(fake.wx.showToast).not.toHaveBeenCalled();
  });

  it('a refused reminder says why and keeps the button', async () => {
    serve(LEADER_ME, { 'health.remind': () => Promise.reject(failure('RATE_LIMITED', '操作太频繁，请稍后再试')) });
    const page = await openPage(PAGE);
    await tap(page, '#remind');
    expect(textOf(page, '#remind-error')).toBe('操作太频繁，请稍后再试');
    expect(isShown(page, '#remind')).toBe(true);
  });

  it('本楼线索 opens the cases list', async () => {
    const fake = serve(LEADER_ME);
    const page = await openPage(PAGE);
    await tap(page, '#cases');
    expect(fake.wx.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/cases/cases' });
  });

  it('a caller who leads no building is told so and asks nothing more', async () => {
    const fake = serve(RESIDENT_ME);
    const page = await openPage(PAGE);
    expect(textOf(page, '#none')).toBe('您不是楼栋长，没有要照看的楼栋');
    expect(fake.callsOf('census.building')).toEqual([]);
  });

  it('a failed load says why; 重试 asks again', async () => {
    let fail = true;
    const fake = serve(LEADER_ME, {
      'census.building': () => (fail ? Promise.reject(failure('INTERNAL', '服务暂时不可用，请稍后再试')) : building()),
    });
    const page = await openPage(PAGE);
    expect(textOf(page, '#load-error')).toBe('服务暂时不可用，请稍后再试');
    fail = false;
    await tap(page, '#retry');
    expect(textOf(page, '#name')).toBe('3号楼');
    expect(fake.callsOf('census.building')).toHaveLength(2);
  });

  it('the leader’s home tile is live and opens the page', async () => {
    const fake = serve(LEADER_ME);
    const home = await openPage(HOME);
    const titles = textsOf(home, '#section-leader .home-tile-title');
    findAll(home, '#section-leader .home-tile')[titles.indexOf('本楼居民')].dispatchEvent('tap');
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.wx.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/building/building' });
  });
});

const row = (orgId: string, name: string, level: CensusRow['level'], over: Partial<CensusTotals> = {}): CensusRow => ({ orgId, name, level, ...totals(over) });
const hrow = (orgId: string, name: string, level: HealthRow['level'], reported: number, expected: number, abnormal = 0): HealthRow => ({
  orgId,
  name,
  level,
  reported,
  expected,
  abnormal,
});

function serveSummary(me: typeof SECRETARY_ME) {
  return serve(me, {
    'census.summary': ({ orgId }) =>
      orgId === 's-chengguan'
        ? {
            total: row('s-chengguan', '城关街道', 'street', { households: 300, people: 800, completeness: 62 }),
            children: [
              row('c-dongguan', '东关社区', 'community', { households: 200, people: 500, completeness: 80 }),
              row('c-xiguan', '西关社区', 'community', { households: 100, people: 300, completeness: 30 }),
            ],
          }
        : { total: row('p-xingfu', '幸福小区', 'compound'), children: [row('b-xingfu-3', '3号楼', 'building')] },
    'health.summary': ({ orgId }) =>
      orgId === 's-chengguan'
        ? {
            day: '2026-11-28',
            total: hrow('s-chengguan', '城关街道', 'street', 600, 800, 1),
            children: [hrow('c-dongguan', '东关社区', 'community', 450, 500, 1), hrow('c-xiguan', '西关社区', 'community', 150, 300)],
          }
        : { day: '2026-11-28', total: hrow('p-xingfu', '幸福小区', 'compound', 3, 5), children: [hrow('b-xingfu-3', '3号楼', 'building', 3, 5)] },
  });
}

describe('健康与摸底', () => {
  it('staff see their street’s totals and each community with its completeness, today’s reports and abnormal count', async () => {
    const fake = serveSummary(STAFF_ME);
    const page = await openPage(SUMMARY);
    expect(fake.callsOf('census.summary')).toEqual([{ orgId: 's-chengguan' }]);
    expect(fake.callsOf('health.summary')).toEqual([{ orgId: 's-chengguan' }]);
    expect(textOf(page, '#name')).toBe('城关街道 · 2026-11-28');
    expect(textOf(page, '#total-census')).toBe('摸底 62% · 300 户 800 人');
    expect(textOf(page, '#total-health')).toBe('今日上报 600/800');
    expect(textOf(page, '#total-abnormal')).toBe('异常 1 人');
    expect(textOf(page, '#node-c-dongguan')).toContain('摸底 80% · 200 户 500 人');
    expect(textOf(page, '#node-c-dongguan')).toContain('今日上报 450/500异常 1 人');
    expect(textOf(page, '#node-c-xiguan')).not.toContain('异常');
  });

  it('a tap on a community drills down to it; on a building, to 本楼居民 for that building', async () => {
    const fake = serveSummary(STAFF_ME);
    const page = await openPage(SUMMARY);
    await tap(page, '#node-c-dongguan');
    expect(fake.wx.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/pages/census/census?orgId=c-dongguan' });

    const compound = await openPage(SUMMARY, { orgId: 'p-xingfu' });
    expect(fake.callsOf('census.summary').at(-1)).toEqual({ orgId: 'p-xingfu' });
    await tap(compound, '#node-b-xingfu-3');
    expect(fake.wx.navigateTo).toHaveBeenLastCalledWith({ url: '/staff/pages/building/building?buildingId=b-xingfu-3' });
  });

  it('a building opened from the summary is that building: the secretary may remind, staff only read', async () => {
    const fake = serve(SECRETARY_ME);
    const page = await openPage(PAGE, { buildingId: 'b-xingfu-3' });
    expect(fake.callsOf('census.building')).toEqual([{ buildingId: 'b-xingfu-3' }]);
    expect(isShown(page, '#remind')).toBe(true);

    serve(STAFF_ME);
    const read = await openPage(PAGE, { buildingId: 'b-xingfu-3' });
    expect(textOf(read, '#report')).toBe('今日已上报 3/5 人，2 人未上报');
    expect(isShown(read, '#remind')).toBe(false);
  });

  it('the home tile opens it for secretaries; a resident opening it is told who may', async () => {
    const fake = serve(SECRETARY_ME);
    const home = await openPage(HOME);
    const titles = textsOf(home, '#section-secretary .home-tile-title');
    findAll(home, '#section-secretary .home-tile')[titles.indexOf('健康与摸底')].dispatchEvent('tap');
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.wx.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/census/census' });

    serve(RESIDENT_ME);
    const page = await openPage(SUMMARY);
    expect(textOf(page, '#none')).toBe('只有书记和工作人员可以查看健康与摸底');
  });
});
