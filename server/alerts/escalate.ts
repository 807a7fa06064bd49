/**
 * Escalation, run by a timer: every open alert whose ack deadline has passed climbs one level
 * (compound → community → street → district), gets a fresh deadline for its severity from now,
 * records the step and tells the new assignees. At the district it stays: the overrun is
 * recorded and pushed once, and the alert leaves the timer's query. Each step moves the alert
 * from one level's gauge to the next (server/stats) in its transaction.
 *
 * One step per alert per run, however late the run: each level gets its push and its full
 * deadline. Safe under retried or overlapping runs: a step is a conditional update on the
 * version the run read, so of two runs that read the same alert exactly one takes the step
 * (and its pushes are keyed by step, so they are written once too).
 */
import { LEVEL_LABELS, LEVELS } from '../auth/roles';
import type { TickJob } from '../messaging/jobs';
import type { Store } from '../store/port';
import { bumpAlertGauges } from './gauge';
import { holdersCache, nextAssignee, type Assignee } from './chain';
import { ACK_WITHIN, assigneeOf, notifyStep, withNobodyNote, type AckTable, type AlertDoc, type AlertStepDoc } from './model';

export interface EscalationResult {
  /** Alerts moved one level up. */
  escalated: number;
  /** Alerts that overran their deadline at the district (recorded once). */
  topped: number;
  /** Alerts another run (or an ack) changed after this run read them. */
  skipped: number;
}

export interface EscalationOptions {
  ackWithin?: AckTable;
  /** Alerts read per query. */
  batch?: number;
  /** At most this many alerts per run; the rest wait for the next. */
  max?: number;
}

const levelLabel = (a: Assignee) => LEVEL_LABELS[LEVELS[a.depth]];

/** The patch for one step from `from` to `to` (null: nowhere left), telling `notify`. */
function climb(doc: AlertDoc, from: Assignee, to: Assignee | null, notify: readonly string[], now: number, ackWithin: AckTable): Partial<AlertDoc> {
  const at = to ?? from;
  const note = to ? `${levelLabel(from)}未在时限内确认，上报${levelLabel(to)}` : '区级仍未确认，已无上级可报，请立即处置';
  const step: AlertStepDoc = { at: now, kind: 'escalated', orgId: at.orgId, role: at.role, note: withNobodyNote(note, notify) };
  if (!to) return { atTop: true, steps: [...doc.steps, step] };
  return { role: to.role, assigneeOrgId: to.orgId, assigneeDepth: to.depth, ackDeadline: now + ackWithin[doc.severity], steps: [...doc.steps, step] };
}

/**
 * Moves every open alert past its deadline one level up (at most `max` per run, oldest deadline
 * first). One indexed query, (status, ackDeadline); alerts already stuck at the district lie in
 * that range too and are filtered out by `atTop`, so they cost index entries, not reads.
 */
export async function escalateDue(store: Store, now: number, opts: EscalationOptions = {}): Promise<EscalationResult> {
  const ackWithin = opts.ackWithin ?? ACK_WITHIN;
  const max = opts.max ?? 1000;
  const holders = holdersCache(store);
  const result: EscalationResult = { escalated: 0, topped: 0, skipped: 0 };
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await store.query('alerts', {
      where: { status: 'open', ackDeadline: { $lte: now }, atTop: { $ne: true } },
      orderBy: [{ field: 'ackDeadline' }],
      limit: Math.min(opts.batch ?? 100, max - seen),
      cursor,
    });
    seen += page.items.length;
    for (const doc of page.items) {
      const from = assigneeOf(doc);
      const to = nextAssignee(doc.path, from);
      const notify = await holders(to ?? from);
      const patch = climb(doc, from, to, notify, now, ackWithin);
      const took = await store.transaction(async (tx) => {
        // Only from the version this run read: of overlapping runs, one takes the step.
        if (!(await tx.update('alerts', doc._id, patch, { version: doc._v, fields: { status: 'open' } }))) return false;
        await notifyStep(tx, { ...doc, ...patch }, notify, now);
        await bumpAlertGauges(tx, doc, { ...doc, ...patch });
        return true;
      });
      if (!took) result.skipped++;
      else if (patch.atTop) result.topped++;
      else result.escalated++;
    }
    cursor = page.next;
  } while (cursor && seen < max);
  return result;
}

const escalateJob: TickJob = (store, now) => escalateDue(store, now);

export const ALERT_JOBS: readonly TickJob[] = [escalateJob];
