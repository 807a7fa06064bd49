/**
 * Subscription consent (订阅消息). WeChat delivers a subscription message only to a user who said
 * yes to its template, one message per yes; the server counts the yeses per user and template
 * (`message.subscribed`) so that no send is wasted. The in-app pages always have the content, so
 * a no (or a failure here) costs the user nothing but the push.
 *
 * ⚠ `wx.requestSubscribeMessage` works only inside the user's tap. Call `askConsent`
 * synchronously in a `bindtap` handler, before the handler's first `await` — after an await the
 * gesture is gone and WeChat refuses ("can only be invoked by user TAP gesture"). Never await it
 * before the real action: the action must not wait for the user's answer nor fail with it.
 *
 *   async onSubmit() {
 *     if (!this.data.canSubmit || this.data.submitting) return;
 *     void askConsent(['passDecision']); // first, synchronously, inside the tap
 *     await call('pass.apply', …);         // the real action, never held up by the answer
 *   }
 *
 * The answers are reported with a phone-made `requestId`, so a report that is sent again (its
 * reply lost, or kept for later when there was no network) counts once.
 */
import type { ActionRequest } from '../../typings/api';
import type { ConsentAnswer, TemplateName } from '../../typings/messages';
import { isPlaceholder, TEMPLATES } from '../shared/templates';
import { call } from './api';
import { buildEnv } from './config';
import { toCallError } from './errors';

/** The WeChat template id of a purpose: the one table the server sends with too (shared/templates.ts). */
export const templateId = (name: TemplateName): string => TEMPLATES[name].id;

/**
 * Whether the phone may ask for this template: a release build never asks for a placeholder id
 * (WeChat knows none and would fail the whole request); develop and trial builds do, so the
 * local runtime counts consent before the real ids are filled in.
 */
export function canAsk(name: TemplateName): boolean {
  const id = templateId(name);
  return Boolean(id.trim()) && !(isPlaceholder(id) && buildEnv() === 'release');
}

/** WeChat takes at most this many template ids in one request. */
export const MAX_TEMPLATES_PER_ASK = 5;

/** Reports that could not be delivered, kept to be sent again with the next ask. */
export const PENDING_KEY = 'lf.consent.pending';
const PENDING_MAX = 20;

export type Answers = Partial<Record<TemplateName, ConsentAnswer>>;

/** What is reported: the answers and the phone-made id that makes a re-sent report count once. */
export type ConsentReport = ActionRequest<'message.subscribed'>;

export interface ConsentOutcome {
  /** What the user answered per template ({} when WeChat did not ask, or failed). */
  answers: Answers;
  /** Whether the server has the answers (false also when there was nothing to report). */
  reported: boolean;
}

const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'] satisfies ConsentAnswer[];

let counter = 0;

/**
 * A uuid-shaped request id, unique on this phone (time, a counter, Math.random): it only has to
 * tell one user's requests apart (consent reports here, notice.publish). Fits the server's
 * `^[A-Za-z0-9_-]{8,64}$`.
 */
export function newRequestId(): string {
  counter = (counter + 1) % 0x10000;
  const hex = (n: number, width: number) => Math.floor(n).toString(16).padStart(width, '0').slice(-width);
  const rand = (width: number) => hex(Math.random() * 16 ** width, width);
  const time = hex(Date.now(), 12);
  return `${time.slice(0, 8)}-${time.slice(8)}-4${rand(3)}-${(8 + Math.floor(Math.random() * 4)).toString(16)}${hex(counter, 3)}-${rand(12)}`;
}

/**
 * The distinct templates this build may ask for (`canAsk`), in the order given, at most five, and
 * all of the first one's kind: WeChat refuses one-time and long-term ids in one request.
 */
export function templatesToAsk(templates: readonly TemplateName[]): TemplateName[] {
  const names = templates.filter((name, i) => canAsk(name) && templates.indexOf(name) === i);
  const longTerm = names.length > 0 && TEMPLATES[names[0]].longTerm;
  return names.filter((name) => TEMPLATES[name].longTerm === longTerm).slice(0, MAX_TEMPLATES_PER_ASK);
}

function readPending(): ConsentReport[] {
  const value: unknown = wx.getStorageSync(PENDING_KEY);
  return Array.isArray(value) ? (value as ConsentReport[]) : [];
}

function writePending(reports: ConsentReport[]): void {
  try {
    wx.setStorageSync(PENDING_KEY, reports.slice(-PENDING_MAX));
  } catch {
    // Storage full: the answers are lost, nothing else is.
  }
}

/** Whether a failed report may succeed later as it is (no signal, a busy server). */
const worthRetrying = (err: unknown) => ['NETWORK', 'INTERNAL', 'RATE_LIMITED'].includes(toCallError(err).code);

async function send(report: ConsentReport): Promise<'sent' | 'retry' | 'drop'> {
  try {
    await call('message.subscribed', report);
    return 'sent';
  } catch (err) {
    return worthRetrying(err) ? 'retry' : 'drop';
  }
}

/** Sends the new report (if any) and the ones kept from before; keeps what may still go through. */
async function report(fresh: ConsentReport | null): Promise<boolean> {
  const pending = readPending();
  const kept: ConsentReport[] = [];
  let freshSent = false;
  for (const item of fresh ? [...pending, fresh] : pending) {
    const outcome = await send(item);
    if (outcome === 'retry') kept.push(item);
    if (item === fresh) freshSent = outcome === 'sent';
  }
  if (pending.length || kept.length) writePending(kept);
  return freshSent;
}

function answersOf(names: readonly TemplateName[], result: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const name of names) {
    const answer = result[templateId(name)];
    if (typeof answer === 'string' && ANSWERS.includes(answer)) answers[name] = answer as ConsentAnswer;
  }
  return answers;
}

/** Shows WeChat's consent dialog; resolves with the answers, {} if it failed. Synchronous up to the wx call. */
function request(names: readonly TemplateName[]): Promise<Answers> {
  return new Promise((resolve) => {
    try {
      wx.requestSubscribeMessage({
        tmplIds: names.map(templateId),
        success: (result) => resolve(answersOf(names, result)),
        // 20004: the user turned subscription messages off; 20001…: misconfigured templates. Nothing to report.
        fail: () => resolve({}),
      });
    } catch {
      resolve({});
    }
  });
}

type ConsentListener = (outcome: ConsentOutcome) => void;
const listeners = new Set<ConsentListener>();

/**
 * Hears every answered consent request once its report is settled (what shows the pushes left
 * follows any page's ask). Returns the way to stop listening.
 */
export function onConsent(listener: ConsentListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function tell(outcome: ConsentOutcome): ConsentOutcome {
  for (const listener of [...listeners]) {
    try {
      listener(outcome);
    } catch {
      // A listener's failure is its own.
    }
  }
  return outcome;
}

/**
 * Asks the user to allow these templates (first five distinct ones) and reports the answers.
 * Call it inside a tap, before any await (see the top of this file). Never rejects.
 */
export function askConsent(templates: readonly TemplateName[]): Promise<ConsentOutcome> {
  const names = templatesToAsk(templates);
  if (!names.length || typeof wx.requestSubscribeMessage !== 'function') return Promise.resolve({ answers: {}, reported: false });
  return request(names).then(async (answers) => {
    const fresh = Object.keys(answers).length ? { answers, requestId: newRequestId() } : null;
    try {
      return tell({ answers, reported: await report(fresh) });
    } catch {
      return tell({ answers, reported: false });
    }
  });
}
