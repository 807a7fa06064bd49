/**
 * Timer work for disinfection (TickJob-shaped, idempotent): when an area's window closes
 * (`checkAt`), an area done fewer times than required that day raises an alert for the compound's
 * secretary (server/alerts: pushed, climbing if unacknowledged), keyed per area and day. The look
 * moves `checkAt` to the next window's end in the same transaction as the alert, so a repeated or
 * overlapping tick raises nothing twice. A check more than a day overdue (the timer was off) moves
 * on without an alert: nobody can act on a day long gone.
 */
import { planAlerts, raiseAlert, type AlertInput } from '../alerts/model';
import { DAY, dayOf } from '../core/time';
import type { TickJob } from '../messaging/jobs';
import type { Store } from '../store/port';
import { dayDocId, nextCheck, type AreaDoc } from './model';

const PAGE = 100;

export function missedAlert(area: AreaDoc, day: string, done: number): AlertInput {
  return {
    key: `disinfect.missed:${area._id}:${day}`,
    kind: 'disinfect.missed',
    severity: 'medium',
    orgId: area.compoundId,
    note: `${area.name} ${day} 应消毒 ${area.required} 次，截至 ${area.to} 完成 ${done} 次`,
    data: { areaId: area._id, areaName: area.name, day, required: area.required, done, from: area.from, to: area.to },
  };
}

export interface MissedReport {
  areas: number;
  alerts: number;
}

async function lookAt(store: Store, area: AreaDoc, now: number, report: MissedReport) {
  const due = area.checkAt!;
  const day = dayOf(due - 1); // a 24:00 end belongs to the day before
  const counts = await store.get('disinfectDays', dayDocId(area.compoundId, day));
  const done = counts?.counts[area._id] ?? 0;
  const short = area.active && done < area.required && now - due < DAY;
  const [plan] = short ? await planAlerts(store, [missedAlert(area, day, done)]) : [];
  const raised = await store.transaction(async (tx) => {
    const a = await tx.get('disinfectAreas', area._id);
    if (!a || a._v !== area._v) return null; // changed meanwhile: its new checkAt stands
    await tx.update('disinfectAreas', a._id, { checkAt: a.active ? nextCheck(now, a.to, dayOf(now)) : undefined }, { version: a._v });
    return plan ? (await raiseAlert(tx, plan, now)).raised : false;
  });
  if (raised === null) return;
  report.areas++;
  if (raised) report.alerts++;
}

/** Looks at every area whose window has closed since its last look. */
export async function checkMissed(store: Store, now: number): Promise<MissedReport> {
  const report: MissedReport = { areas: 0, alerts: 0 };
  for (let round = 0; round < 50; round++) {
    const due = await store.query('disinfectAreas', { where: { checkAt: { $lte: now } }, orderBy: [{ field: 'checkAt' }], limit: PAGE });
    for (const a of due.items) await lookAt(store, a, now, report);
    if (!due.next) break;
  }
  return report;
}

export const DISINFECT_JOBS: readonly TickJob[] = [checkMissed];
