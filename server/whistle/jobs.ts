/**
 * Timer work for 吹哨 (idempotent): a request not reported by its deadline raises one alert
 * (`whistle.overdue`, keyed per request and deadline) at the node it was raised for, through
 * the alert model, which pushes it and lets it climb the chain while unacknowledged. A request
 * is looked at when its `watchAt` is due; the look clears it in the same transaction, and counts
 * the request overdue (`whistleOverdue`, server/stats) at its node and above until it is closed.
 */
import type { AlertSeverity } from '../../typings/messages';
import { planAlerts, raiseAlert, type AlertInput } from '../alerts/model';
import type { TickJob } from '../messaging/jobs';
import { bumpLive } from '../stats/model';
import type { Store } from '../store/port';
import { NEED_LABELS, URGENCY_LABELS } from '../../miniprogram/shared/whistle-labels';
import type { WhistleDoc } from './model';

const PAGE = 100;
const SEVERITY: Record<WhistleDoc['urgency'], AlertSeverity> = { normal: 'medium', urgent: 'high', critical: 'critical' };

export function overdueAlert(w: WhistleDoc): AlertInput {
  const who = w.claimedUnitName ? `已由「${w.claimedUnitName}」认领，尚未报到` : '尚无单位认领';
  return {
    key: `whistle.overdue:${w._id}:${w.deadline}`,
    kind: 'whistle.overdue',
    severity: SEVERITY[w.urgency],
    orgId: w.orgId,
    note: `${NEED_LABELS[w.need]}（${URGENCY_LABELS[w.urgency]}）${w.detail}：${who}`,
    data: { whistleId: w._id, need: w.need, deadline: w.deadline, units: w.units.map((u) => u.name), claimedUnitName: w.claimedUnitName ?? null },
  };
}

/** Raises an alert for every request past its deadline and not yet reported. Returns how many were raised. */
export async function flagOverdueWhistles(store: Store, now: number): Promise<number> {
  let raised = 0;
  for (let round = 0; round < 20; round++) {
    const due = await store.query('whistles', { where: { watchAt: { $lte: now } }, orderBy: [{ field: 'watchAt' }], limit: PAGE });
    for (const w of due.items) {
      const late = (w.status === 'open' || w.status === 'claimed') && w.deadline < now;
      const [plan] = late ? await planAlerts(store, [overdueAlert(w)]) : [];
      const done = await store.transaction(async (tx) => {
        const cur = await tx.get('whistles', w._id);
        if (!cur || cur._v !== w._v) return 0; // changed meanwhile: the next run looks again
        await tx.update('whistles', w._id, { watchAt: undefined, ...(plan ? { alertedFor: w.deadline } : {}) }, { version: cur._v });
        if (!plan) return 0;
        // Counted overdue once (the deadline never moves); with the alert's gauges, one counter write.
        if (cur.alertedFor === undefined) await bumpLive(tx, w.lineage, { whistleOverdue: 1 });
        return (await raiseAlert(tx, plan, now)).raised ? 1 : 0;
      });
      raised += done;
    }
    if (!due.next) break;
  }
  return raised;
}

export const WHISTLE_JOBS: readonly TickJob[] = [flagOverdueWhistles];
