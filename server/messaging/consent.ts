/**
 * Subscription consent: what `wx.requestSubscribeMessage` answered, per (user, template).
 *
 * One document per user in `consents` (id = openid), so the sender reads a whole batch's
 * consent in one getMany and `message.subscribed` is one read and one write:
 *
 *   { _id: openid, templates: { passDecision: { count, longTerm?, last, answeredAt, acceptedAt } },
 *     requests: [the last KEEP_REQUESTS request ids], updatedAt }
 *
 * - A one-time template: each 'accept' adds one grant (`count`); each send consumes one.
 * - A long-term template (the template file's flag): 'accept' sets `longTerm`, nothing is counted;
 *   a refusal clears it.
 * - 'reject' / 'ban' / 'filter' are recorded (`last`); grants already given stay usable (WeChat
 *   itself answers 43101 when they are not, and the sender then drops them).
 * - Idempotent by the client-made request id: a retried call finds its id in `requests` and
 *   changes nothing.
 */
import type { ConsentAnswer, ConsentSummary, TemplateName } from '../../typings/messages';
import { conflict } from '../core/errors';
import { StoreConflictError, type Doc, type Store } from '../store/port';
import { TEMPLATE_NAMES } from '../core/config';
import type { LongTermFlags, TemplateSpec } from './templates';

export const CONSENTS = 'consents';
/** How many recent request ids a user's document remembers for idempotency. */
export const KEEP_REQUESTS = 32;

export interface TemplateConsent {
  /** One-time grants left. */
  count: number;
  /** A long-term template the user has accepted. */
  longTerm?: boolean;
  last?: ConsentAnswer;
  answeredAt?: number;
  acceptedAt?: number;
  /** When a 43101 answer dropped the grants. */
  droppedAt?: number;
}

export interface ConsentDoc extends Doc {
  templates: Partial<Record<TemplateName, TemplateConsent>>;
  requests: string[];
  updatedAt: number;
}

declare module '../store/port' {
  interface Collections {
    consents: ConsentDoc;
  }
}

/** What `message.subscribed` and `message.quota` answer. */
export function summarize(doc: ConsentDoc | null | undefined, templates: LongTermFlags): ConsentSummary {
  const granted = {} as Record<TemplateName, number>;
  const longTerm: TemplateName[] = [];
  for (const name of TEMPLATE_NAMES) {
    const st = doc?.templates?.[name];
    granted[name] = st?.count ?? 0;
    if (templates[name].longTerm && st?.longTerm) longTerm.push(name);
  }
  return { granted, longTerm };
}

/** Whether a message of this template may go to the user now (long-term on, or a one-time grant left). */
export function canSend(doc: ConsentDoc | null | undefined, spec: Pick<TemplateSpec, 'name' | 'longTerm'>): boolean {
  const st = doc?.templates?.[spec.name];
  return (spec.longTerm && !!st?.longTerm) || (st?.count ?? 0) > 0;
}

function applyAnswers(
  doc: ConsentDoc | null,
  answers: Partial<Record<TemplateName, ConsentAnswer>>,
  templates: LongTermFlags,
  requestId: string,
  now: number,
): Pick<ConsentDoc, 'templates' | 'requests' | 'updatedAt'> {
  const next: ConsentDoc['templates'] = { ...(doc?.templates ?? {}) };
  for (const name of TEMPLATE_NAMES) {
    const answer = answers[name];
    if (!answer) continue;
    const cur: TemplateConsent = next[name] ?? { count: 0 };
    const longTermTemplate = templates[name].longTerm;
    next[name] =
      answer === 'accept'
        ? {
            ...cur,
            count: longTermTemplate ? cur.count : cur.count + 1,
            ...(longTermTemplate ? { longTerm: true } : {}),
            last: answer,
            answeredAt: now,
            acceptedAt: now,
          }
        : { ...cur, ...(longTermTemplate ? { longTerm: false } : {}), last: answer, answeredAt: now };
  }
  const requests = [...(doc?.requests ?? []), requestId].slice(-KEEP_REQUESTS);
  return { templates: next, requests, updatedAt: now };
}

/**
 * Records one `wx.requestSubscribeMessage` result. One read and one write in a transaction;
 * a replayed request id writes nothing and answers the current state.
 */
export async function recordConsent(
  store: Store,
  openid: string,
  requestId: string,
  answers: Partial<Record<TemplateName, ConsentAnswer>>,
  templates: LongTermFlags,
  now: number,
): Promise<ConsentSummary> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // `null` asks for another try (the version moved); otherwise the document as it now is.
      const done = await store.transaction(async (tx): Promise<{ doc: ConsentDoc | null } | null> => {
        const cur = await tx.get(CONSENTS, openid);
        if (cur?.requests?.includes(requestId)) return { doc: cur }; // a retry: already counted
        if (!Object.values(answers).some(Boolean)) return { doc: cur }; // nothing answered: a read
        const next = applyAnswers(cur, answers, templates, requestId, now);
        if (!cur) {
          await tx.insert(CONSENTS, { _id: openid, ...next });
          return { doc: { _id: openid, ...next } };
        }
        // The sender consumes grants concurrently (by field condition, which bumps the version).
        return (await tx.update(CONSENTS, openid, next, { version: cur._v })) ? { doc: { ...cur, ...next } } : null;
      });
      if (done) return summarize(done.doc, templates);
    } catch (err) {
      if (!(err instanceof StoreConflictError)) throw err; // two first calls at once: read again
    }
  }
  throw conflict('订阅状态正在更新，请稍后重试');
}

export type Consumed = 'longTerm' | 'consumed' | 'none';

/**
 * Takes one grant for a send, atomically: a compare-and-set of the count, so two senders never
 * spend the same grant. `cache` holds the batch's consent documents and is kept current.
 */
export async function consumeGrant(store: Store, cache: Map<string, ConsentDoc | null>, openid: string, spec: TemplateSpec): Promise<Consumed> {
  const field = `templates.${spec.name}.count`;
  for (let attempt = 0; attempt < 20; attempt++) {
    const doc = cache.get(openid) ?? null;
    const st = doc?.templates?.[spec.name];
    if (spec.longTerm && st?.longTerm) return 'longTerm';
    const n = st?.count ?? 0;
    if (n <= 0) return 'none';
    if (await store.update(CONSENTS, openid, { [field]: n - 1 }, { fields: { [field]: n } })) {
      cache.set(openid, { ...doc!, templates: { ...doc!.templates, [spec.name]: { ...st!, count: n - 1 } } });
      return 'consumed';
    }
    cache.set(openid, await store.get(CONSENTS, openid)); // someone else changed it: look again
  }
  throw new Error(`consent of ${openid}/${spec.name}: too much contention`);
}

/** Gives back a one-time grant taken for a send that WeChat did not deliver (an error other than 43101). */
export async function refundGrant(store: Store, cache: Map<string, ConsentDoc | null>, openid: string, name: TemplateName): Promise<void> {
  await store.increment(CONSENTS, openid, { [`templates.${name}.count`]: 1 });
  const doc = cache.get(openid);
  const st = doc?.templates?.[name];
  if (doc && st) cache.set(openid, { ...doc, templates: { ...doc.templates, [name]: { ...st, count: st.count + 1 } } });
}

/**
 * WeChat answered 43101 (no subscription): the user's grants for this template are gone. Dropped
 * only if no new 'accept' came in since `seen` was read, so a fresh consent is never wiped.
 */
export async function dropGrants(store: Store, openid: string, name: TemplateName, seen: ConsentDoc | null | undefined, now: number): Promise<boolean> {
  const acceptedAt = seen?.templates?.[name]?.acceptedAt ?? null;
  const patch = { [`templates.${name}.count`]: 0, [`templates.${name}.longTerm`]: false, [`templates.${name}.droppedAt`]: now };
  return store.update(CONSENTS, openid, patch, { fields: { [`templates.${name}.acceptedAt`]: acceptedAt } });
}
