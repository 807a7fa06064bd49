/**
 * Passes in the counters (server/stats): `passPending` and `passActive` of the pass's building
 * and everything above it, moved in the transaction of each status change. Expiry happens by
 * time, with no write: the timer's `countExpiredPasses` marks each expired pass
 * (`expiryCounted`) and takes it off `passActive` in one transaction, so an active count lags
 * an expiry by at most one tick.
 */
import type { TickJob } from '../messaging/jobs';
import { moveLive } from '../stats/model';
import type { Store, TxStore } from '../store/port';
import type { PassDoc } from './model';

type Gauged = Pick<PassDoc, 'status' | 'compoundId' | 'compoundPath' | 'buildingId'> & { expiryCounted?: boolean };

/** The node chain a pass counts under: its compound's lineage, then its building. */
export const passLineage = (p: Gauged) => [...p.compoundPath, p.compoundId, p.buildingId];

const gauges = (p: Gauged | null) => ({
  passPending: p?.status === 'pending' ? 1 : 0,
  passActive: p?.status === 'approved' && !p.expiryCounted ? 1 : 0,
});

/** Moves the gauges from what `before` counted to what `after` counts (null: no pass). */
export function bumpPassGauges(tx: TxStore, before: Gauged | null, after: Gauged): Promise<void> {
  return moveLive(tx, passLineage(after), gauges(before), gauges(after));
}

const BATCH = 200;

/** Takes passes past their end off `passActive`, a batch per tick; each step is conditional, so overlapping ticks count it once. */
export const countExpiredPasses: TickJob = async (store: Store, now: number) => {
  const page = await store.query('passes', {
    where: { status: 'approved', validUntil: { $lt: now }, expiryCounted: { $ne: true } },
    orderBy: [{ field: 'validUntil' }],
    limit: BATCH,
  });
  let counted = 0;
  for (const p of page.items) {
    const done = await store.transaction(async (tx) => {
      if (!(await tx.update('passes', p._id, { expiryCounted: true }, { version: p._v }))) return false;
      await bumpPassGauges(tx, p, { ...p, expiryCounted: true });
      return true;
    });
    if (done) counted++;
  }
  return { counted };
};

export const PASS_JOBS: readonly TickJob[] = [countExpiredPasses];
