/** Helpers for the messaging tests: an empty embedded store, outbox entries, consent, a scripted messenger. */
import type { TemplateName } from '../../typings/messages';
import { CONSENTS, recordConsent } from '../../server/messaging/consent';
import type { Messenger, SendResult, SubscribeMessage } from '../../server/messaging/messenger';
import { enqueue, type OutboxDoc, type Push } from '../../server/messaging/outbox';
import { templateSpec, type TemplateSet } from '../../server/messaging/templates';
import type { Store } from '../../server/store/port';
import { COLLECTIONS } from '../../server/app';
import { openSqliteStore, type SqliteStore } from '../../server/store/sqlite';

export const T0 = Date.UTC(2026, 10, 28, 0, 0, 0); // 2026-11-28 08:00 Asia/Shanghai

/**
 * Test templates: every template carries the entry's key in `character_string1`, so a messenger
 * can tell which entry a message was. passDecision is one-time, alert long-term. Made straight
 * from entries (templateSpec), not checked against what the contexts fill: the tests' pushes
 * carry `ref` and `title` only.
 */
const testEntry = (id: string, longTerm = false) => ({ title: `测试模板 ${id}`, id, longTerm, fields: { character_string1: 'ref', thing2: 'title' } });
export const TEMPLATES: TemplateSet = {
  passDecision: templateSpec('passDecision', { ...testEntry('tpl-pass'), fields: { character_string1: 'ref', thing2: 'title', time3: 'time' } }),
  alert: templateSpec('alert', testEntry('tpl-alert', true)),
  notice: templateSpec('notice', testEntry('tpl-notice')),
  shiftReminder: templateSpec('shiftReminder', testEntry('tpl-shift')),
  healthReminder: templateSpec('healthReminder', testEntry('tpl-health')),
};

export const emptyStore = (): SqliteStore => openSqliteStore({ file: ':memory:', collections: COLLECTIONS });

/** Enqueues `n` entries `<prefix>-<i>` to `to(i)`, created a millisecond apart starting at `at`. */
export async function enqueueMany(
  store: Store,
  n: number,
  opts: { prefix?: string; to?: (i: number) => string; template?: TemplateName; at?: number } = {},
): Promise<string[]> {
  const { prefix = 'm', to = (i) => `user-${i}`, template = 'passDecision', at = T0 } = opts;
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = `${prefix}-${String(i).padStart(4, '0')}`;
    const push: Push = { key, kind: 'test', template, to: to(i), page: '/resident/pages/pass/pass', values: { ref: key, title: `消息 ${i}` } };
    await store.transaction((tx) => enqueue(tx, [push], at + i));
    keys.push(key);
  }
  return keys;
}

let requestSeq = 0;
/** `count` accepted one-time grants (or one long-term accept) of `template` for `openid`. */
export async function grant(store: Store, openid: string, template: TemplateName, count = 1, templates = TEMPLATES): Promise<void> {
  for (let i = 0; i < count; i++) await recordConsent(store, openid, `req-test-${++requestSeq}`, { [template]: 'accept' }, templates, T0);
}

export const entry = (store: Store, key: string) => store.get('outbox', key) as Promise<OutboxDoc>;
export const consentOf = (store: Store, openid: string) => store.get(CONSENTS, openid);
export const countOf = async (store: Store, openid: string, template: TemplateName) => (await consentOf(store, openid))?.templates[template]?.count ?? 0;

export async function states(store: Store): Promise<Record<string, string>> {
  const all = await store.query('outbox', { limit: 1000 });
  return Object.fromEntries(all.items.map((e) => [e._id, e.state]));
}

type Answer = number | Error | ((msg: SubscribeMessage, n: number) => SendResult | Promise<SendResult>);

/**
 * A messenger with scripted answers (errcodes, thrown errors or functions), in order, then 0.
 * `deliveries` counts the messages WeChat would have shown, per entry key (character_string1).
 */
export class FakeMessenger implements Messenger {
  readonly deliveries = new Map<string, number>();
  readonly calls: SubscribeMessage[] = [];
  constructor(
    private readonly answers: Answer[] = [],
    private readonly pause = false,
  ) {}

  delivered(key: string): number {
    return this.deliveries.get(key) ?? 0;
  }
  total(): number {
    return [...this.deliveries.values()].reduce((a, b) => a + b, 0);
  }
  /** Records that the phone got it. */
  deliver(msg: SubscribeMessage): void {
    const key = msg.data.character_string1?.value ?? msg.touser;
    this.deliveries.set(key, (this.deliveries.get(key) ?? 0) + 1);
  }

  async send(msg: SubscribeMessage): Promise<SendResult> {
    const n = this.calls.push(msg);
    if (this.pause) await new Promise((r) => setImmediate(r)); // let another sender interleave
    const a = this.answers.shift() ?? 0;
    if (a instanceof Error) throw a;
    const r = typeof a === 'function' ? await a(msg, n) : { errcode: a, errmsg: a ? `error ${a}` : 'ok' };
    if (r.errcode === 0) this.deliver(msg);
    return r;
  }
}

/**
 * A store that "dies" like a crashed process: after crash(), every operation rejects and
 * nothing more is written. `crashAfterMarks(k)` dies right after the k-th entry is marked sent.
 */
export function crashable(store: Store): { store: Store; crash(): void; crashAfterMarks(k: number): void } {
  let dead = false;
  let marksLeft = Infinity;
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        if (dead) throw new Error('process crashed');
        const result = await (v as (...a: unknown[]) => unknown).apply(target, args);
        if (prop === 'update' && args[0] === 'outbox' && (args[2] as { state?: string }).state === 'sent' && result && --marksLeft <= 0) dead = true;
        return result;
      };
    },
  });
  return {
    store: proxy,
    crash: () => void (dead = true),
    crashAfterMarks: (k) => void (marksLeft = k),
  };
}
