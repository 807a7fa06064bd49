/** health.*: one report per person per day, the cutoff, fever alerts, who is missing, the reminder, summaries. */
import { reportedOn } from '../../server/health/model';
import { at } from '../duty/support';
import { makeHarness, T0, type Harness } from '../support/harness';

const B = 'sz-s1-c01-x01-b01';
const HH = `${B}:1-202`;
const RES = 'demo-resident-1';
const LEADER = 'demo-leader';
const SEC = 'demo-secretary';
const DAY = '2026-11-28';
const normal = (memberId: number) => ({ memberId, temperature: 36.5, symptoms: [] as never[] });

let h: Harness;
let members: number[];
beforeEach(async () => {
  h = await makeHarness();
  members = (await h.store.get('households', HH))!.members.map((m) => m.id);
});
afterEach(() => h.close());

describe('health.report', () => {
  test('one tap for the whole household: a document per person, the building day and the dashboard’s counters; a resend writes nothing', async () => {
    const one = await h.call(RES, 'health.report', { entries: [normal(members[0])] });
    expect(one).toMatchObject({
      ok: true,
      data: { day: DAY, cutoff: '20:00', alerts: 0, reports: [{ personId: `${HH}:${members[0]}`, abnormal: false, by: 'household' }] },
    });
    // The report, the building's day and the dashboard's counter; the day's first report also tries an update before inserting the day.
    expect(one.meter.writes).toBeLessThanOrEqual(4);
    const all = await h.call(RES, 'health.report', { entries: members.map(normal) });
    expect(all.ok && all.data.reports).toHaveLength(members.length);
    expect(all.meter.writes).toBe(members.length - 1 + 1 + 1);
    expect(await reportedOn(h.store, `${HH}:${members.at(-1)}`, DAY)).toBe(true);
    expect(await reportedOn(h.store, `${HH}:${members[0]}`, '2026-11-27')).toBe(false);
    const day = await h.store.get('healthDays', `${B}:${DAY}`);
    expect(day).toMatchObject({ reported: members.length, abnormal: 0, path: ['sz', 'sz-s1', 'sz-s1-c01', 'sz-s1-c01-x01', B] });
    const again = await h.call(RES, 'health.report', { entries: members.map(normal) });
    expect(again.meter.writes).toBe(0);
  });

  test('a fever raises one alert for the compound secretary (masked); a resend raises none; fixing it before the cutoff moves the counts', async () => {
    const fever = { memberId: members[0], temperature: 38.2, symptoms: ['cough'] as never[] };
    const r = await h.ok(RES, 'health.report', { entries: [fever] });
    expect(r).toMatchObject({ alerts: 1, reports: [{ abnormal: true, temperature: 38.2 }] });
    const alerts = await h.ok(SEC, 'alert.list', {});
    const alert = alerts.items.find((a) => a.kind === 'health.fever')!;
    expect(alert).toMatchObject({
      title: '居民健康异常',
      orgId: B,
      assigneeRole: 'secretary',
      assigneeOrgId: 'sz-s1-c01-x01',
      data: { who: '张*', household: '1单元202', temperature: 38.2 },
    });
    expect(JSON.stringify(alert)).not.toContain('张伟');
    expect(await h.store.count('outbox', { template: 'alert', to: SEC })).toBe(1);
    expect((await h.ok(RES, 'health.report', { entries: [fever] })).alerts).toBe(0);
    expect(await h.store.get('healthDays', `${B}:${DAY}`)).toMatchObject({ abnormal: 1 });
    await h.ok(RES, 'health.report', { entries: [normal(members[0])] });
    expect(await h.store.get('healthDays', `${B}:${DAY}`)).toMatchObject({ abnormal: 0, reported: 1 });
    expect(await h.store.count('alerts', { kind: 'health.fever' })).toBe(1);
  });

  test('37.3 °C alone is abnormal; 37.2 is not', async () => {
    const r = await h.ok(RES, 'health.report', {
      entries: [
        { ...normal(members[0]), temperature: 37.3 },
        { ...normal(members[1]), temperature: 37.2 },
      ],
    });
    expect(r.reports.map((x) => x.abnormal)).toEqual([true, false]);
  });

  test('the leader reports for a household they measured; a resident only for their own', async () => {
    const r = await h.ok(LEADER, 'health.report', { buildingId: B, unit: '1', room: '202', entries: [normal(members[0])] });
    expect(r.reports[0].by).toBe('leader');
    const other = await h.call(RES, 'health.report', { buildingId: B, unit: '1', room: '301', entries: [normal(1)] });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(other.meter.writes).toBe(0);
  });

  test('after the cutoff a report can no longer change; a first report is still taken, marked late; the secretary may move the cutoff', async () => {
    await h.ok(RES, 'health.report', { entries: [normal(members[0])] });
    h.clock.set(at(DAY, '20:01'));
    const change = await h.call(RES, 'health.report', { entries: [{ ...normal(members[0]), temperature: 36.8 }] });
    expect(change).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', details: { field: 'data.entries' } } });
    expect(change.meter.writes).toBe(0);
    await h.ok(RES, 'health.report', { entries: [normal(members[1])] });
    expect(await h.store.get('healthReports', `${HH}:${members[1]}:${DAY}`)).toMatchObject({ late: true });
    expect(await h.call(LEADER, 'health.settings', { compoundId: 'sz-s1-c01-x01', cutoff: '21:00' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.ok(SEC, 'health.settings', { compoundId: 'sz-s1-c01-x01', cutoff: '21:00' })).toEqual({ compoundId: 'sz-s1-c01-x01', cutoff: '21:00' });
    expect((await h.ok(RES, 'health.report', { entries: [{ ...normal(members[0]), temperature: 36.8 }] })).cutoff).toBe('21:00');
    expect(await h.ok(RES, 'health.today', {})).toMatchObject({ open: true, cutoff: '21:00' });
  });

  test.each([
    [{ temperature: 34.9 }, 'data.entries.0.temperature', '35.0–42.0'],
    [{ temperature: 42.1 }, 'data.entries.0.temperature', '35.0–42.0'],
    [{ temperature: 36.55 }, 'data.entries.0.temperature', '一位小数'],
    [{ memberId: 99 }, 'data.entries.0.memberId', '不在本户'],
    [{ symptoms: ['sneeze'] }, 'data.entries.0.symptoms.0', '症状'],
    [{ symptoms: ['cough', 'cough'] }, 'data.entries.0.symptoms', '重复'],
  ])('bad input %j names %s; nothing written', async (over, field, words) => {
    const r = await h.call(RES, 'health.report', { entries: [{ ...normal(members[0]), ...over }] } as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field } } });
    expect(!r.ok && r.error.message).toContain(words);
    expect(r.meter.writes).toBe(0);
  });

  test('a household not recorded yet is told to record it first', async () => {
    await h.store.remove('households', HH);
    expect(await h.call(RES, 'health.report', { entries: [normal(1)] })).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('我的家庭') },
    });
  });
});

describe('health.missing and health.remind', () => {
  test('who has not reported, masked, in at most 3 reads; reporting takes them off', async () => {
    const before = await h.call(LEADER, 'health.missing', { buildingId: B });
    expect(before.meter.reads).toBeLessThanOrEqual(3);
    const d = before.ok ? before.data : null;
    expect(d!.reported).toBe(0);
    expect(d!.missing).toHaveLength(d!.expected);
    expect(d!.missing.every((m) => /\*/.test(m.name))).toBe(true);
    expect(d!.missing.find((m) => m.personId === `${HH}:${members[0]}`)).toMatchObject({ name: '张*', unit: '1', room: '202' });
    await h.ok(RES, 'health.report', { entries: members.map(normal) });
    const after = await h.ok(SEC, 'health.missing', { buildingId: B });
    expect(after.reported).toBe(members.length);
    expect(after.missing.some((m) => m.unit === '1' && m.room === '202')).toBe(false);
    expect(await h.call(LEADER, 'health.missing', { buildingId: B, date: '2026-11-29' })).toMatchObject({
      ok: false,
      error: { details: { field: 'data.date' } },
    });
  });

  test('the reminder goes once per building per day, only to registered residents of rooms still missing', async () => {
    await h.ok(RES, 'health.report', { entries: members.map(normal) });
    const r = await h.ok(LEADER, 'health.remind', { buildingId: B });
    expect(r).toEqual({ day: DAY, queued: 2, alreadySent: false }); // the leader's and 陈芳's rooms; 张伟's is done
    const pushes = (await h.store.query('outbox', { where: { template: 'healthReminder' } })).items;
    expect(pushes.map((p) => p.to).sort()).toEqual(['demo-leader', 'demo-resident-2']);
    expect(pushes[0]).toMatchObject({ page: '/resident/pages/health/health', values: { building: '1号楼', day: String(T0) } });
    const again = await h.call(LEADER, 'health.remind', { buildingId: B });
    expect(again).toMatchObject({ ok: true, data: { queued: 0, alreadySent: true } });
    expect(again.meter.writes).toBe(0);
    expect((await h.ok(LEADER, 'health.missing', { buildingId: B })).remindedAt).toBe(T0);
  });
});

describe('health.summary', () => {
  test('reported / expected / abnormal per child, rolled up; the district in at most 10 reads', async () => {
    await h.ok(RES, 'health.report', { entries: [normal(members[0]), { ...normal(members[1]), temperature: 38 }] });
    await h.store.insert('healthDays', {
      _id: `sz-s1-c01-x01-b02:${DAY}`,
      buildingId: 'sz-s1-c01-x01-b02',
      path: ['sz', 'sz-s1', 'sz-s1-c01', 'sz-s1-c01-x01', 'sz-s1-c01-x01-b02'],
      day: DAY,
      reported: 1,
      abnormal: 0,
      who: { '1-101_1': 0 },
      createdAt: T0,
    });
    await h.store.insert('healthDays', {
      _id: `sz-s1-c01-x01-b02:2026-11-27`,
      buildingId: 'sz-s1-c01-x01-b02',
      path: ['sz', 'sz-s1', 'sz-s1-c01', 'sz-s1-c01-x01', 'sz-s1-c01-x01-b02'],
      day: '2026-11-27',
      reported: 5,
      abnormal: 5,
      who: {},
      createdAt: T0,
    });
    const r = await h.call('demo-admin', 'health.summary', { orgId: 'sz' });
    expect(r.meter.reads).toBeLessThanOrEqual(10);
    const d = r.ok ? r.data : null;
    expect(d!.total).toMatchObject({ reported: 3, abnormal: 1 });
    expect(d!.total.expected).toBe((await h.ok('demo-admin', 'census.summary', { orgId: 'sz' })).total.people);
    expect(d!.children.find((c) => c.orgId === 'sz-s1')).toMatchObject({ reported: 3, abnormal: 1 });
    const compound = await h.ok(SEC, 'health.summary', { orgId: 'sz-s1-c01-x01' });
    expect(compound.children.filter((c) => c.reported).map((c) => [c.orgId, c.reported, c.abnormal])).toEqual([
      [B, 2, 1],
      ['sz-s1-c01-x01-b02', 1, 0],
    ]);
    const building = await h.ok(LEADER, 'health.summary', { orgId: B });
    expect(building).toMatchObject({ total: { reported: 2, abnormal: 1 }, children: [] });
    expect(building.total.expected).toBe((await h.ok(LEADER, 'census.building', { buildingId: B })).totals.people);
  });
});
