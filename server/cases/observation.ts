/**
 * Home observation: N days (default 14) during which the person must send a daily health report;
 * each day that passes without one raises `case.observation.missed`, keyed per case per day, so a
 * rerun, an overlapping tick or a crash midway raises it once.
 *
 * The check is pure (`missedDays`: the observation, the days already checked, the days the person
 * reported, today). The job is built around `reportedOn(store, personId, day)`, the daily-health
 * side's answer to "did this person report on that day?" — passed in, because that collection
 * belongs to another context: `observationJob(reportedOn)` is what the timer registers.
 */
import dayjs from 'dayjs';
import type { CaseObservation } from '../../typings/cases';
import { DAY, dayOf, TZ } from '../core/time';
import type { TickJob } from '../messaging/jobs';
import { planAlerts, raiseAlert, type AlertInput } from '../alerts/model';
import { eachPage } from '../store/pages';
import type { Store } from '../store/port';
import { locationOf, type CaseDoc } from './model';

export type ReportedOn = (store: Store, personId: string, day: string) => Promise<boolean>;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day written "YYYY-MM-DD". */
export const isDay = (s: string) => DAY_RE.test(s) && dayjs.tz(s, TZ).format('YYYY-MM-DD') === s;
export const dayStart = (day: string) => dayjs.tz(day, TZ).valueOf();
export const addDays = (day: string, n: number) => dayOf(dayStart(day) + n * DAY + DAY / 2);

/** The observation starting on `start` for `days` days (both ends inclusive). */
export const observationOf = (personId: string, start: string, days: number): CaseObservation => ({ personId, start, days, end: addDays(start, days - 1) });

/** The days of the observation that are over by `today` and not yet checked (after `checkedThrough`), in order. */
export function dueDays(obs: CaseObservation, today: string, checkedThrough?: string): string[] {
  const out: string[] = [];
  let day = checkedThrough && checkedThrough >= obs.start ? addDays(checkedThrough, 1) : obs.start;
  while (day <= obs.end && day < today) {
    out.push(day);
    day = addDays(day, 1);
  }
  return out;
}

/** Which of the due days have no report: each raises one alert. */
export function missedDays(obs: CaseObservation, reported: ReadonlySet<string>, today: string, checkedThrough?: string): string[] {
  return dueDays(obs, today, checkedThrough).filter((d) => !reported.has(d));
}

export const missedKey = (caseId: string, day: string) => `case.observation.missed:${caseId}:${day}`;

export function missedAlert(c: CaseDoc, day: string): AlertInput {
  return {
    key: missedKey(c._id, day),
    kind: 'case.observation.missed',
    severity: 'medium',
    orgId: c.buildingId,
    note: `${locationOf(c)} 居家观察人员 ${day} 未报健康情况`,
    data: { caseId: c._id, day, location: locationOf(c), observationEnd: c.observation?.end ?? null },
  };
}

export interface ObservationReport {
  cases: number;
  alerts: number;
}

/** Checks one case: due days read through `reportedOn`, alerts and the new checkpoint in one transaction. */
async function checkCase(store: Store, c: CaseDoc, today: string, now: number, reportedOn: ReportedOn, report: ObservationReport) {
  const obs = c.observation;
  if (!obs) return;
  const due = dueDays(obs, today, c.checkedThrough);
  if (!due.length) return;
  const reported = new Set<string>();
  for (const day of due) if (await reportedOn(store, obs.personId, day)) reported.add(day);
  const missed = missedDays(obs, reported, today, c.checkedThrough);
  const plans = await planAlerts(
    store,
    missed.map((d) => missedAlert(c, d)),
  );
  const checkedThrough = due[due.length - 1];
  const raised = await store.transaction(async (tx) => {
    const now2 = await tx.get('cases', c._id);
    if (!now2 || now2._v !== c._v) return 0; // changed meanwhile: the next tick looks again
    let n = 0;
    for (const plan of plans) if ((await raiseAlert(tx, plan, now)).raised) n++;
    await tx.update('cases', c._id, { checkedThrough, observing: checkedThrough < obs.end && now2.state !== 'closed' ? true : undefined }, { version: c._v });
    return n;
  });
  report.cases++;
  report.alerts += raised;
}

/** The timer's daily check over every case under observation, given the daily-health side's `reportedOn`. */
export function observationJob(reportedOn: ReportedOn): TickJob {
  return async (store, now) => {
    const today = dayOf(now);
    const report: ObservationReport = { cases: 0, alerts: 0 };
    const todo: CaseDoc[] = [];
    await eachPage(store, 'cases', { where: { observing: true }, orderBy: [{ field: 'reportedAt' }], limit: 200 }, (items) => void todo.push(...items));
    for (const c of todo) await checkCase(store, c, today, now, reportedOn, report);
    return report;
  };
}
