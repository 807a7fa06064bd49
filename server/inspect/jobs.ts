/**
 * Timer work for inspections (idempotent): an open finding past its deadline is marked overdue,
 * counted as overdue on its lineage's counters, and raises one alert (`inspect.overdue`, keyed per
 * finding and deadline) at its node through the alert model, which climbs the chain while it
 * is unacknowledged. A finding is looked at when its `watchAt` is due; the look clears it.
 */
import { planAlerts, raiseAlert, type AlertInput } from '../alerts/model';
import type { TickJob } from '../messaging/jobs';
import type { Store } from '../store/port';
import { moveCounts, type FindingDoc } from './model';

const PAGE = 100;

export function overdueAlert(f: FindingDoc): AlertInput {
  return {
    key: `inspect.overdue:${f._id}:${f.deadline}`,
    kind: 'inspect.overdue',
    severity: 'medium',
    orgId: f.orgId,
    note: `${f.categoryName}·${f.itemName}：${f.description}（${f.inspectorOrgName}督导）`,
    data: { findingId: f._id, category: f.category, item: f.item, deadline: f.deadline, inspectorOrgId: f.inspectorOrgId },
  };
}

/** Marks every open finding past its deadline overdue. Returns how many were marked. */
export async function markOverdueFindings(store: Store, now: number): Promise<number> {
  let marked = 0;
  for (let round = 0; round < 20; round++) {
    const due = await store.query('findings', { where: { watchAt: { $lte: now } }, orderBy: [{ field: 'watchAt' }], limit: PAGE });
    for (const f of due.items) {
      const late = f.status === 'open' && !f.overdue && f.deadline < now;
      const [plan] = late ? await planAlerts(store, [overdueAlert(f)]) : [];
      const orgs = late ? new Map((await store.getMany('orgs', f.lineage)).map((o) => [o._id, o])) : new Map();
      marked += await store.transaction(async (tx) => {
        const cur = await tx.get('findings', f._id);
        if (!cur || cur._v !== f._v) return 0; // changed meanwhile: the next run looks again
        await tx.update('findings', f._id, { watchAt: undefined, ...(late ? { overdue: true } : {}) }, { version: cur._v });
        if (!plan) return 0;
        const nodes = f.lineage.map((oid) => ({ _id: oid, name: orgs.get(oid)?.name ?? oid, parentId: orgs.get(oid)?.parentId ?? null }));
        // The dashboard's overdue gauge and the alert's: one counter write, gathered at the commit.
        await moveCounts(tx, nodes, f, { overdue: 1 });
        await raiseAlert(tx, plan, now);
        return 1;
      });
    }
    if (!due.next) break;
  }
  return marked;
}

export const INSPECT_JOBS: readonly TickJob[] = [markOverdueFindings];
