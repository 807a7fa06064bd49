/**
 * health.report: today's temperature and symptoms of household members, sent by the household or
 * by the building leader who measured them. One document per person per day, and the building's
 * day document (who reported, counts) and the dashboard's day counters in the same transaction: two
 * writes per person and one for the counters. A fever
 * (≥ 37.3 °C) or any symptom raises an alert for the compound's secretary in that transaction,
 * keyed per person and day, so a resend raises nothing twice.
 */
import type { HealthReportView } from '../../typings/census';
import type { OrgDoc } from '../auth/nodes';
import { planAlerts, raiseAlert, type AlertInput, type AlertPlan } from '../alerts/model';
import { precondition } from '../core/errors';
import { maskName } from '../core/mask';
import type { MemberDoc, HouseholdDoc } from '../census/model';
import { personId } from '../census/model';
import { bumpDaily } from '../stats/model';
import type { Store, TxStore } from '../store/port';
import { FEVER_AT, healthDayId, isAbnormal, reportId, SYMPTOM_LABELS, toReportView, whoKey, type HealthDayDoc, type HealthReportDoc } from './model';

export interface Entry {
  member: MemberDoc;
  temperature: number;
  symptoms: HealthReportDoc['symptoms'];
}

export function feverAlert(building: Pick<OrgDoc, '_id' | 'name'>, hh: HouseholdDoc, e: Entry, day: string, by: string): AlertInput {
  const pid = personId(hh._id, e.member.id);
  const what = [e.temperature >= FEVER_AT ? `${e.temperature}℃` : '', ...e.symptoms.map((s) => SYMPTOM_LABELS[s])].filter(Boolean).join('、');
  return {
    key: `health.fever:${pid}:${day}`,
    kind: 'health.fever',
    severity: 'high',
    orgId: building._id,
    by: { openid: by },
    note: `${building.name}${hh.unit}单元${hh.room} ${maskName(e.member.name)}：${what}`,
    data: { personId: pid, household: `${hh.unit}单元${hh.room}`, who: maskName(e.member.name), temperature: e.temperature, symptoms: e.symptoms, day },
  };
}

/** The plans of the alerts these entries would raise (reads outside the transaction, which cannot query). */
export async function planFevers(
  store: Store,
  building: OrgDoc,
  hh: HouseholdDoc,
  entries: readonly Entry[],
  day: string,
  by: string,
): Promise<Map<number, AlertPlan>> {
  const abnormal = entries.filter((e) => isAbnormal(e.temperature, e.symptoms));
  if (!abnormal.length) return new Map();
  const plans = await planAlerts(
    store,
    abnormal.map((e) => feverAlert(building, hh, e, day, by)),
  );
  return new Map(plans.map((p, i) => [abnormal[i].member.id, p]));
}

export interface ReportWrite {
  building: OrgDoc;
  household: HouseholdDoc;
  entries: readonly Entry[];
  day: string;
  by: HealthReportView['by'];
  byId: string;
  now: number;
  /** After it, a stored report is no longer changed. */
  cutoffAt: number;
  plans: Map<number, AlertPlan>;
}

/** Stores the reports and the building's day document; returns the stored reports and how many alerts were raised. */
export async function writeReports(tx: TxStore, w: ReportWrite): Promise<{ reports: HealthReportDoc[]; alerts: number }> {
  const { building, household: hh, day, now } = w;
  const dayId = healthDayId(building._id, day);
  const patch: Record<string, number> = {};
  const inc = { reported: 0, abnormal: 0 };
  const reports: HealthReportDoc[] = [];
  let alerts = 0;
  for (const e of w.entries) {
    const pid = personId(hh._id, e.member.id);
    const id = reportId(pid, day);
    const prev = await tx.get('healthReports', id);
    const abnormal = isAbnormal(e.temperature, e.symptoms);
    const same = prev && prev.temperature === e.temperature && prev.symptoms.join() === e.symptoms.join();
    if (same) {
      reports.push(prev);
      continue;
    }
    if (prev && now > w.cutoffAt) throw precondition('今天的上报已过截止时间，不能再修改；如有不适请直接联系楼栋长', { field: 'data.entries' });
    const doc: HealthReportDoc = {
      _id: id,
      personId: pid,
      householdId: hh._id,
      buildingId: building._id,
      memberId: e.member.id,
      day,
      temperature: e.temperature,
      symptoms: e.symptoms,
      abnormal,
      by: w.by,
      byId: w.byId,
      ...((prev ? prev.late : now > w.cutoffAt) ? { late: true } : {}),
      reportedAt: now,
      createdAt: prev?.createdAt ?? now,
    };
    if (prev) {
      const { _id: _, ...fields } = doc;
      await tx.update('healthReports', id, fields);
    } else await tx.insert('healthReports', doc);
    reports.push(doc);
    patch[`who.${whoKey(hh.unit, hh.room, e.member.id)}`] = abnormal ? 1 : 0;
    if (!prev) inc.reported++;
    inc.abnormal += Number(abnormal) - Number(prev?.abnormal ?? false);
    const plan = w.plans.get(e.member.id);
    if (abnormal && plan && (await raiseAlert(tx, plan, now)).raised) alerts++;
  }
  if (Object.keys(patch).length) {
    const counts = Object.fromEntries(Object.entries(inc).filter(([, v]) => v));
    if (!(await tx.update('healthDays', dayId, patch, undefined, counts))) {
      const who: Record<string, number> = {};
      for (const [k, v] of Object.entries(patch)) who[k.slice(4)] = v;
      const doc: HealthDayDoc = { _id: dayId, buildingId: building._id, path: [...building.path, building._id], day, ...inc, who, createdAt: now };
      await tx.insert('healthDays', doc);
    }
    // The dashboard's counters: a person once a day, abnormal as the latest report says.
    await bumpDaily(tx, [...building.path, building._id], day, { healthReported: inc.reported, healthAbnormal: inc.abnormal });
  }
  return { reports, alerts };
}

export const viewReports = (reports: HealthReportDoc[]) => reports.map(toReportView);
