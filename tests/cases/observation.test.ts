/** Home observation: the pure daily check, the job around a daily-health `reportedOn`, and the timer running it. */
import { dueDays, missedDays, observationJob, observationOf, type ReportedOn } from '../../server/cases/observation';
import { readConfig } from '../../server/core/config';
import { templateSet } from '../../server/messaging/templates';
import { runTick } from '../../server/messaging/tick';
import { TIMER } from '../../server/timer';
import { FakeMessenger } from '../messaging/support';
import { DAY } from '../../server/core/time';
import { makeHarness, T0, type Harness } from '../support/harness';

const BUILDING = 'sz-s1-c01-x01-b01';
/** A member of a census household (demo-resident-1's, 1-202: its second member). */
const PERSON = `${BUILDING}:1-202:2`;

describe('the pure check', () => {
  const obs = observationOf(PERSON, '2026-11-28', 14);

  test('an observation of N days ends N-1 days after it starts, across a month', () => {
    expect(obs).toEqual({ personId: PERSON, start: '2026-11-28', end: '2026-12-11', days: 14 });
    expect(observationOf(PERSON, '2026-12-31', 1).end).toBe('2026-12-31');
  });

  test('only days that are over are due; today is not yet', () => {
    expect(dueDays(obs, '2026-11-28')).toEqual([]);
    expect(dueDays(obs, '2026-11-30')).toEqual(['2026-11-28', '2026-11-29']);
    expect(dueDays(obs, '2026-11-30', '2026-11-28')).toEqual(['2026-11-29']);
    expect(dueDays(obs, '2027-01-01', '2026-12-10')).toEqual(['2026-12-11']);
    expect(dueDays(obs, '2027-01-01', '2026-12-11')).toEqual([]);
  });

  test('a missing day is missed; a reported one is not', () => {
    expect(missedDays(obs, new Set(['2026-11-28', '2026-11-30']), '2026-12-01')).toEqual(['2026-11-29']);
  });
});

describe('the job', () => {
  let h: Harness;
  let caseId: string;
  const reported = new Set<string>();
  const asked: string[] = [];
  const reportedOn: ReportedOn = async (_store, personId, day) => {
    asked.push(`${personId}@${day}`);
    return reported.has(day);
  };
  const job = observationJob(reportedOn);
  const config = readConfig({});

  beforeEach(async () => {
    h = await makeHarness();
    reported.clear();
    asked.length = 0;
    const v = await h.ok('demo-resident-1', 'case.report', {
      kind: 'returnee',
      compoundId: 'sz-s1-c01-x01',
      buildingId: BUILDING,
      personName: '王小明',
      personId: PERSON,
      origin: '湖北武汉',
      arrivalDate: '2026-11-27',
      transport: 'train',
      plannedAddress: '1号楼1单元302室',
      requestId: 'req-observe-01',
    });
    caseId = v.id;
    await h.ok('demo-secretary', 'case.update', { caseId, step: 'action', action: 'observation', observationDays: 3, requestId: 'upd-observe-1' });
  });
  afterEach(() => h.close());

  const missedAlerts = async () =>
    (await h.store.query('alerts', { where: { kind: 'case.observation.missed' }, orderBy: [{ field: 'createdAt' }] })).items.map((a) => a._id);

  test('each day without a report raises one alert for the compound’s secretary; a rerun raises nothing and asks nothing', async () => {
    reported.add('2026-11-29');
    expect(await job(h.store, T0 + 2 * DAY, config)).toEqual({ cases: 1, alerts: 1 });
    expect(await missedAlerts()).toEqual([`case.observation.missed:${caseId}:2026-11-28`]);
    const alert = await h.store.get('alerts', `case.observation.missed:${caseId}:2026-11-28`);
    expect(alert).toMatchObject({ role: 'secretary', assigneeOrgId: 'sz-s1-c01-x01', severity: 'medium' });
    expect(JSON.stringify(alert)).not.toContain('王小明');
    asked.length = 0;
    expect(await job(h.store, T0 + 2 * DAY, config)).toEqual({ cases: 0, alerts: 0 });
    expect(asked).toEqual([]);
    // The last day passes unreported: one more alert, and the case leaves the daily check.
    expect(await job(h.store, T0 + 5 * DAY, config)).toEqual({ cases: 1, alerts: 1 });
    expect(asked).toEqual([`${PERSON}@2026-11-30`]);
    expect((await h.store.get('cases', caseId))!.observing).toBeUndefined();
    expect(await job(h.store, T0 + 9 * DAY, config)).toEqual({ cases: 0, alerts: 0 });
  });

  test('a closed case is no longer checked', async () => {
    await h.ok('demo-secretary', 'case.update', { caseId, step: 'close', outcome: 'released', requestId: 'upd-observe-2' });
    expect(await job(h.store, T0 + 5 * DAY, config)).toEqual({ cases: 0, alerts: 0 });
    expect(await missedAlerts()).toEqual([]);
  });
});

describe('through the timer', () => {
  let h: Harness;
  let caseId: string;
  const config = readConfig({});
  const tick = (now: number) =>
    runTick({ store: h.store, messenger: new FakeMessenger(), now, jobs: TIMER.jobs, config, templates: templateSet(config.templates, TIMER.templates) });
  const missed = async () => (await h.store.query('alerts', { where: { kind: 'case.observation.missed' } })).items.map((a) => a._id).sort();

  beforeEach(async () => {
    h = await makeHarness();
    caseId = (
      await h.ok('demo-resident-1', 'case.report', {
        kind: 'returnee',
        compoundId: 'sz-s1-c01-x01',
        buildingId: BUILDING,
        personId: PERSON,
        origin: '湖北武汉',
        arrivalDate: '2026-11-27',
        transport: 'train',
        plannedAddress: '1号楼1单元202室',
        requestId: 'req-timer-01',
      })
    ).id;
    await h.ok('demo-secretary', 'case.update', { caseId, step: 'action', action: 'observation', observationDays: 3, requestId: 'upd-timer-01' });
  });
  afterEach(() => h.close());

  test('a day reported through health.report raises nothing; a missed day raises one alert; the next tick nothing new', async () => {
    // Day one: the household reports for the person under observation.
    await h.ok('demo-resident-1', 'health.report', { entries: [{ memberId: 2, temperature: 36.5, symptoms: [] }] });
    h.clock.set(T0 + DAY);
    expect(await tick(T0 + DAY)).toMatchObject({ jobErrors: 0 });
    expect(await missed()).toEqual([]);
    expect((await h.store.get('cases', caseId))!.checkedThrough).toBe('2026-11-28');
    // Day two passes without a report.
    expect(await tick(T0 + 2 * DAY)).toMatchObject({ jobErrors: 0 });
    expect(await missed()).toEqual([`case.observation.missed:${caseId}:2026-11-29`]);
    const alert = await h.store.get('alerts', `case.observation.missed:${caseId}:2026-11-29`);
    expect(alert).toMatchObject({ role: 'secretary', assigneeOrgId: 'sz-s1-c01-x01' });
    expect(await tick(T0 + 2 * DAY)).toMatchObject({ jobErrors: 0 });
    expect(await missed()).toEqual([`case.observation.missed:${caseId}:2026-11-29`]);
  });
});
