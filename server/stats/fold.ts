/**
 * Timer work for the counters: flows a gauges document holds (./held.ts) for days that are over
 * move into their days' own documents, in one transaction per bucket — added there and removed
 * from the gauges document together, so a dashboard counts them exactly once before, during and
 * after. Idempotent: a repeated or overlapping tick finds nothing left to move. Today's held flows
 * stay until tomorrow: the gauges document is written all day anyway.
 */
import { dayOf } from '../core/time';
import type { TickJob } from '../messaging/jobs';
import { queryAll } from '../store/pages';
import type { Store } from '../store/port';
import { partHeld, heldKey } from './held';
import { addToDocument, LIVE, statId, type StatDoc } from './model';

export interface FoldReport {
  buckets: number;
  days: number;
}

/** Moves one gauges document's held flows of days before `today`. Returns the days moved. */
async function foldBucket(store: Store, id: string, today: string): Promise<number> {
  return store.transaction(async (tx) => {
    const doc = await tx.get('stats', id);
    if (!doc?.heldFrom || doc.heldFrom >= today) return 0;
    const byDay = new Map<string, Record<string, Record<string, number>>>();
    const patch: Record<string, unknown> = {};
    let oldest: string | undefined;
    for (const [node, f] of Object.entries(doc.n)) {
      for (const [day, flows] of partHeld(f as Record<string, number>).byDay) {
        if (day >= today) {
          if (!oldest || day < oldest) oldest = day;
          continue;
        }
        byDay.set(day, { ...byDay.get(day), [node]: flows });
        for (const k of Object.keys(flows)) patch[`n.${node}.${heldKey(k, day)}`] = undefined;
      }
    }
    for (const [day, inc] of byDay) await addToDocument(tx, statId(doc.bucket, day), inc);
    // Read in this transaction: the days gain what the gauges document loses, together.
    await tx.update('stats', id, { ...patch, heldFrom: oldest });
    return byDay.size;
  });
}

/** Every bucket's held flows of days that are over, into their days' documents. */
export async function foldHeldFlows(store: Store, now: number): Promise<FoldReport> {
  const today = dayOf(now);
  // The buckets: the districts (what happens at the district itself) and their streets.
  const buckets = await queryAll(store, 'orgs', { where: { depth: { $lte: 1 } }, orderBy: [{ field: 'depth' }, { field: 'order' }] });
  const marks = await store.getMany(
    'stats',
    buckets.map((b) => statId(b._id, LIVE)),
    { fields: ['heldFrom'] },
  );
  const report: FoldReport = { buckets: 0, days: 0 };
  for (const m of marks as Array<Pick<StatDoc, '_id' | 'heldFrom'>>) {
    if (!m.heldFrom || m.heldFrom >= today) continue;
    const days = await foldBucket(store, m._id, today);
    if (days) report.buckets++;
    report.days += days;
  }
  return report;
}

export const STATS_JOBS: readonly TickJob[] = [foldHeldFlows];
