/** 每日健康上报 and 我的家庭: one tap for the whole household, readings moved by − / +, symptoms, the cutoff, adding a member. */
import type { HealthReportView, HouseholdView, MemberView } from '../../typings/census';
import { failure, installFakeWx } from './support/fake-wx';
import { isShown, openPage, settle, tap, textOf, textsOf, typeInto } from './support/mp';

const HEALTH = 'resident/pages/health/health';
const HOUSEHOLD = 'resident/pages/household/household';
const member = (id: number, name: string): MemberView => ({
  id,
  name,
  relation: id === 1 ? 'head' : 'child',
  phone: null,
  birthYear: 1980 + id,
  flags: [],
  partyMember: false,
});
const HH: HouseholdView = {
  id: 'b1:1-202',
  buildingId: 'b1',
  unit: '1',
  room: '202',
  status: 'occupied',
  members: [member(1, '张伟'), member(2, '张小宝')],
  updatedAt: 1,
  history: [],
  canEdit: true,
};
const report = (memberId: number, temperature: number, symptoms: string[] = []): HealthReportView =>
  ({
    personId: `b1:1-202:${memberId}`,
    memberId,
    day: '2026-11-28',
    temperature,
    symptoms,
    abnormal: temperature >= 37.3 || symptoms.length > 0,
    reportedAt: 1,
    by: 'household',
  }) as HealthReportView;

function serve(today: { reports?: HealthReportView[]; open?: boolean; household?: HouseholdView } = {}) {
  return installFakeWx({
    handlers: {
      'health.today': () => ({ day: '2026-11-28', cutoff: '20:00', open: today.open ?? true, household: today.household ?? HH, reports: today.reports ?? [] }),
      'health.report': (data) => ({
        day: '2026-11-28',
        cutoff: '20:00',
        alerts: 0,
        reports: data.entries.map((e) => report(e.memberId, e.temperature, e.symptoms)),
      }),
      'census.household': () => HH,
      'census.save': (data) => ({
        ...HH,
        members: data.members.map((m, i) => ({ ...member(m.id ?? 3, m.name ?? HH.members[i].name), flags: m.flags, birthYear: m.birthYear })),
      }),
    },
  });
}

describe('每日健康上报', () => {
  it('shows every member at 36.5 ℃ not yet reported; one tap reports the whole household as normal', async () => {
    const server = serve();
    const page = await openPage(HEALTH);
    await settle();
    expect(textOf(page, '#cutoff')).toContain('20:00 前上报');
    expect(textsOf(page, '.hr-name')).toEqual(['张伟', '张小宝']);
    expect(textsOf(page, '.hr-temp-value')).toEqual(['36.5 ℃', '36.5 ℃']);
    expect(textsOf(page, '.hr-status')).toEqual(['未上报', '未上报']);
    await tap(page, '#all-normal');
    await settle();
    expect(server.callsOf('health.report')).toEqual([
      {
        entries: [
          { memberId: 1, temperature: 36.5, symptoms: [] },
          { memberId: 2, temperature: 36.5, symptoms: [] },
        ],
      },
    ]);
    expect(textOf(page, '#done')).toBe('已上报 2 人，全家正常');
    expect(textsOf(page, '.hr-status')).toEqual(['已上报', '已上报']);
  });

  it('a reading moved up to 37.6 and a ticked symptom are sent as shown, and the page says the secretary is told', async () => {
    const server = serve();
    const page = await openPage(HEALTH);
    await settle();
    for (let i = 0; i < 11; i++) await tap(page, '#plus-2');
    expect(textOf(page, '#temp-2')).toBe('37.6 ℃');
    await tap(page, '#sym-1-cough');
    await tap(page, '#submit');
    await settle();
    expect(server.callsOf('health.report')[0].entries).toEqual([
      { memberId: 1, temperature: 36.5, symptoms: ['cough'] },
      { memberId: 2, temperature: 37.6, symptoms: [] },
    ]);
    expect(textOf(page, '#done')).toContain('2 人异常，已通知小区书记');
  });

  it("today's reports show as sent; after the cutoff the page says changes are closed; a refusal is shown", async () => {
    const server = serve({ reports: [report(1, 36.8)], open: false });
    server.handlers['health.report'] = () => {
      throw failure('FAILED_PRECONDITION', '今天的上报已过截止时间，不能再修改；如有不适请直接联系楼栋长', { field: 'data.entries' });
    };
    const page = await openPage(HEALTH);
    await settle();
    expect(textsOf(page, '.hr-temp-value')).toEqual(['36.8 ℃', '36.5 ℃']);
    expect(textOf(page, '#cutoff')).toContain('已过 20:00');
    await tap(page, '#all-normal');
    await settle();
    expect(textOf(page, '#send-error')).toContain('已过截止时间');
  });

  it('a household with nobody recorded is sent to 我的家庭', async () => {
    const server = serve({ household: { ...HH, members: [] } });
    const page = await openPage(HEALTH);
    await settle();
    expect(isShown(page, '#nohousehold')).toBe(true);
    await tap(page, '#go-household');
    expect(server.wx.navigateTo).toHaveBeenCalledWith({ url: '/resident/pages/household/household' });
  });
});

describe('我的家庭', () => {
  it('lists members and adds one with flags; names of those kept are not resent', async () => {
    const server = serve();
    const page = await openPage(HOUSEHOLD);
    await settle();
    expect(textOf(page, '#place')).toBe('1单元 202室');
    expect(textsOf(page, '.hh-name')).toEqual(['张伟', '张小宝']);
    await tap(page, '#add');
    await typeInto(page, '#name', '李秀英');
    await typeInto(page, '#year', '1948');
    await tap(page, '#flag-elderlyAlone');
    await tap(page, '#flag-medicine');
    await tap(page, '#save');
    await settle();
    const sent = server.callsOf('census.save')[0];
    expect(sent.members.slice(0, 2).map((m) => [m.id, m.name])).toEqual([
      [1, undefined],
      [2, undefined],
    ]);
    expect(sent.members[2]).toEqual({ name: '李秀英', relation: 'child', birthYear: 1948, flags: ['elderlyAlone', 'medicine'], partyMember: false });
    expect(isShown(page, '#form')).toBe(false);
  });

  it('checks the form before sending', async () => {
    const server = serve();
    const page = await openPage(HOUSEHOLD);
    await settle();
    await tap(page, '#add');
    await typeInto(page, '#name', '李');
    await tap(page, '#save');
    expect(textOf(page, '#form-error')).toContain('姓名');
    await typeInto(page, '#name', '李秀英');
    await typeInto(page, '#year', '3000');
    await tap(page, '#save');
    expect(textOf(page, '#form-error')).toContain('出生年份');
    expect(server.callsOf('census.save')).toEqual([]);
  });
});
