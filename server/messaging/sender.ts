/**
 * The outbox sender: delivers due entries as subscription messages, at most once each.
 *
 * For each pending entry with nextAt ≤ now, oldest due first, one at a time (or `concurrency`
 * at a time):
 *
 *   1. no consent (no one-time grant left, long-term not on)  → 'skipped'; never sent
 *   2. CLAIM   pending → sending, leaseUntil = nextAt = now + lease, attempts + 1   (by version:
 *              of two senders only one wins; the loser moves on)
 *   3. GRANT   take one one-time grant by compare-and-set of the count (none left → 'skipped');
 *              given back when WeChat answers an error other than 43101 (it was not used)
 *   4. SEND    messenger.send
 *   5. MARK    by version of the claim:
 *                0                               → 'sent'
 *                43101 (no / withdrawn consent)  → 'skipped', the user's grants for it dropped to 0
 *                40003 40037 41030 45168 47003   → 'failed' (permanent: bad openid, template, page,
 *                                                   sensitive words, field values), with the reason
 *                43108, any other code, a throw  → 'pending' again after 30 s × 2^(attempts−1)
 *                                                   (capped at 1 h); after MAX_ATTEMPTS → 'dead'
 *
 * Crash rule. Every write is a single conditional update and an entry is claimed only right
 * before it is sent, so a sender that dies BETWEEN entries leaves every entry either finished or
 * still pending: nothing lost, nothing doubled. A sender that dies INSIDE an entry (after the
 * claim, before the mark) leaves it in 'sending'; once its lease has run out the next run marks
 * it 'unknown' and never sends it again. WeChat's send has no idempotency key, so a resend could
 * reach the phone twice, and the grant for it is already spent; the content is in the app's
 * inbox either way, so "possibly not pushed" is the safe side of "possibly pushed twice". At most
 * `concurrency` entries (1 by default) can be caught like this by one crash. Should a slow sender
 * still finish after its entry was marked 'unknown', its real outcome replaces 'unknown'.
 */
import type { Store } from '../store/port';
import { canSend, consumeGrant, dropGrants, refundGrant, CONSENTS, type ConsentDoc } from './consent';
import type { Messenger, SendResult, SubscribeMessage } from './messenger';
import type { OutboxDoc, OutboxState } from './outbox';
import { renderData, type TemplateSet, type TemplateSpec } from './templates';

export const OUTBOX = 'outbox';
export const DEFAULT_BATCH = 100;
/** How long a claim holds: longer than any send can take. */
export const LEASE_MS = 2 * 60_000;
export const MAX_ATTEMPTS = 6;
export const RETRY_BASE_MS = 30_000;
export const RETRY_CAP_MS = 60 * 60_000;

/** WeChat errcodes that no retry will fix. */
export const PERMANENT_ERRORS: ReadonlySet<number> = new Set([40003, 40037, 41030, 45168, 47003]);
/** The user has no (or withdrew the) subscription. */
export const NO_CONSENT = 43101;

export type Outcome = 'sent' | 'refused' | 'failed' | 'retry';

export function classify(errcode: number): Outcome {
  if (errcode === 0) return 'sent';
  if (errcode === NO_CONSENT) return 'refused';
  if (PERMANENT_ERRORS.has(errcode)) return 'failed';
  return 'retry'; // 43108 (too many at once to one user), -1 system busy, platform and network errors
}

/** Delay before attempt `attempts + 1`, after `attempts` tries. */
export const backoff = (attempts: number) => Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));

export interface SendOptions {
  /** Entries taken per run (default 100, at most 1000). */
  batch?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Sends in flight at once (default 1). */
  concurrency?: number;
  templates: TemplateSet;
  /** Claim nothing new after this much wall time (so a cloud function never times out mid-send). */
  budgetMs?: number;
}

export interface SendReport {
  /** Pending entries that were due. */
  due: number;
  sent: number;
  skipped: number;
  failed: number;
  retried: number;
  dead: number;
  /** Entries found in 'sending' with an expired lease and marked 'unknown'. */
  unknown: number;
  /** Entries another sender got to first. */
  taken: number;
}

const emptyReport = (): SendReport => ({ due: 0, sent: 0, skipped: 0, failed: 0, retried: 0, dead: 0, unknown: 0, taken: 0 });

const describe = (r: SendResult) => `${r.errcode} ${r.errmsg}`.trim().slice(0, 300);

/** The message an entry becomes. */
export function messageOf(entry: OutboxDoc, spec: TemplateSpec): SubscribeMessage {
  return { touser: entry.to, templateId: spec.id, ...(entry.page ? { page: entry.page } : {}), data: renderData(spec, entry.values ?? {}, entry.createdAt) };
}

/** Entries a crashed sender left in 'sending' past their lease → 'unknown' (not resent; see the crash rule). */
export async function recoverStale(store: Store, now: number, limit = DEFAULT_BATCH): Promise<number> {
  const stale = await store.query(OUTBOX, { where: { state: 'sending', nextAt: { $lt: now } }, orderBy: [{ field: 'nextAt' }], limit });
  let n = 0;
  for (const e of stale.items) {
    const patch = { state: 'unknown' satisfies OutboxState, lastError: 'lease expired: the sender stopped mid-send; outcome unknown, not resent' };
    if (await store.update(OUTBOX, e._id, patch, { version: e._v })) n++;
  }
  return n;
}

/** One run of the sender over the entries due at `now`. */
export async function sendDue(store: Store, messenger: Messenger, now: number, opts: SendOptions): Promise<SendReport> {
  const batch = Math.min(1000, Math.max(1, opts.batch ?? DEFAULT_BATCH));
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
  const templates = opts.templates;
  const started = Date.now();
  const report = emptyReport();

  report.unknown = await recoverStale(store, now, batch);
  const due = (await store.query(OUTBOX, { where: { state: 'pending', nextAt: { $lte: now } }, orderBy: [{ field: 'nextAt' }], limit: batch })).items;
  report.due = due.length;
  if (!due.length) return report;

  const recipients = [...new Set(due.map((e) => e.to))];
  const consents = new Map<string, ConsentDoc | null>(recipients.map((to) => [to, null]));
  for (const doc of await store.getMany(CONSENTS, recipients)) consents.set(doc._id, doc);

  /** Moves a claimed entry on; a slow sender whose entry was marked 'unknown' meanwhile still records what happened. */
  async function finish(entry: OutboxDoc, claimedV: number, leaseUntil: number, patch: Record<string, unknown>): Promise<boolean> {
    const done = { ...patch, leaseUntil: undefined };
    if (await store.update(OUTBOX, entry._id, done, { version: claimedV })) return true;
    const cur = await store.get(OUTBOX, entry._id);
    if (cur?.state !== 'unknown' || cur.leaseUntil !== leaseUntil) return false;
    return store.update(OUTBOX, entry._id, done, { version: cur._v });
  }

  async function deliver(entry: OutboxDoc): Promise<keyof SendReport> {
    const spec = templates[entry.template];
    if (!spec) {
      const ok = await store.update(
        OUTBOX,
        entry._id,
        { state: 'failed', lastError: `unknown template ${String(entry.template)}` },
        { version: entry._v, fields: { state: 'pending' } },
      );
      return ok ? 'failed' : 'taken';
    }
    const seen = consents.get(entry.to);
    if (!canSend(seen, spec)) {
      const ok = await store.update(OUTBOX, entry._id, { state: 'skipped', lastError: 'no consent' }, { version: entry._v, fields: { state: 'pending' } });
      return ok ? 'skipped' : 'taken';
    }

    // 2. claim
    const leaseUntil = now + leaseMs;
    const attempts = entry.attempts + 1;
    const claim = { state: 'sending', leaseUntil, nextAt: leaseUntil, attempts };
    if (!(await store.update(OUTBOX, entry._id, claim, { version: entry._v, fields: { state: 'pending' } }))) return 'taken';
    const claimedV = (entry._v ?? 0) + 1;

    // 3. grant
    const grant = await consumeGrant(store, consents, entry.to, spec);
    if (grant === 'none') {
      await finish(entry, claimedV, leaseUntil, { state: 'skipped', nextAt: now, lastError: 'no consent' });
      return 'skipped';
    }

    // 4. send
    let result: SendResult;
    try {
      result = await messenger.send(messageOf(entry, spec));
    } catch (err) {
      result = { errcode: -1, errmsg: `no answer: ${err instanceof Error ? err.message : String(err)}` };
    }

    // 5. mark
    const outcome = classify(result.errcode);
    if (outcome === 'sent') {
      await finish(entry, claimedV, leaseUntil, { state: 'sent', sentAt: now, nextAt: now, lastError: undefined });
      return 'sent';
    }
    if (outcome === 'refused') {
      await finish(entry, claimedV, leaseUntil, { state: 'skipped', nextAt: now, lastError: describe(result) });
      await dropGrants(store, entry.to, spec.name, seen, now);
      const doc = consents.get(entry.to);
      if (doc) consents.set(entry.to, { ...doc, templates: { ...doc.templates, [spec.name]: { ...doc.templates[spec.name], count: 0, longTerm: false } } });
      return 'skipped';
    }
    // Not delivered: the one-time grant was not used up (a retry takes one again).
    if (grant === 'consumed') await refundGrant(store, consents, entry.to, spec.name);
    if (outcome === 'failed') {
      await finish(entry, claimedV, leaseUntil, { state: 'failed', nextAt: now, lastError: describe(result) });
      return 'failed';
    }
    if (attempts >= maxAttempts) {
      await finish(entry, claimedV, leaseUntil, { state: 'dead', nextAt: now, lastError: describe(result) });
      return 'dead';
    }
    await finish(entry, claimedV, leaseUntil, { state: 'pending', nextAt: now + backoff(attempts), lastError: describe(result) });
    return 'retried';
  }

  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      if (opts.budgetMs !== undefined && Date.now() - started > opts.budgetMs) return;
      const entry = due[next++];
      report[await deliver(entry)]++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 1, due.length)) }, worker));
  return report;
}
