/** The outbox sender: every WeChat answer, consent, races between senders and crashes. */
import type { TemplateName } from '../../typings/messages';
import { recordConsent } from '../../server/messaging/consent';
import { backoff, LEASE_MS, MAX_ATTEMPTS, recoverStale, sendDue } from '../../server/messaging/sender';
import type { SqliteStore } from '../../server/store/sqlite';
import { consentOf, countOf, crashable, emptyStore, enqueueMany, entry, FakeMessenger, grant, states, T0, TEMPLATES } from './support';

let store: SqliteStore;
beforeEach(() => {
  store = emptyStore();
});
afterEach(() => store.close());

const run = (messenger: FakeMessenger, now = T0 + 1000, opts = {}) => sendDue(store, messenger, now, { templates: TEMPLATES, ...opts });

test('errcode 0: sent once with the configured template id, page and cut data; one grant spent', async () => {
  const [key] = await enqueueMany(store, 1);
  await grant(store, 'user-0', 'passDecision', 2);
  const m = new FakeMessenger();
  const report = await run(m);
  expect(report).toMatchObject({ due: 1, sent: 1, skipped: 0 });
  expect(m.calls).toEqual([
    {
      touser: 'user-0',
      templateId: 'tpl-pass',
      page: '/resident/pages/pass/pass',
      data: { character_string1: { value: key }, thing2: { value: '消息 0' }, time3: { value: '2026-11-28 08:00' } },
    },
  ]);
  expect(await entry(store, key)).toMatchObject({ state: 'sent', attempts: 1, sentAt: T0 + 1000 });
  expect((await entry(store, key)).leaseUntil).toBeUndefined();
  expect(await countOf(store, 'user-0', 'passDecision')).toBe(1);
  // Nothing is due any more: a second run sends nothing.
  expect(await run(m, T0 + 60_000)).toMatchObject({ due: 0, sent: 0 });
  expect(m.delivered(key)).toBe(1);
});

test('no grant left → skipped (inbox only), never sent; a grant for another template does not count', async () => {
  const [a, b] = await enqueueMany(store, 2, { to: () => 'user-x' });
  await grant(store, 'user-x', 'notice', 3);
  const m = new FakeMessenger();
  expect(await run(m)).toMatchObject({ due: 2, skipped: 2, sent: 0 });
  expect(m.calls).toHaveLength(0);
  expect(await entry(store, a)).toMatchObject({ state: 'skipped', attempts: 0, lastError: 'no consent' });
  expect(await entry(store, b)).toMatchObject({ state: 'skipped' });
  expect(await countOf(store, 'user-x', 'notice')).toBe(3);
});

test('one grant, two messages: the first is sent, the second skipped', async () => {
  const [a, b] = await enqueueMany(store, 2, { to: () => 'user-1g' });
  await grant(store, 'user-1g', 'passDecision', 1);
  const m = new FakeMessenger();
  expect(await run(m)).toMatchObject({ sent: 1, skipped: 1 });
  expect(await states(store)).toEqual({ [a]: 'sent', [b]: 'skipped' });
  expect(await countOf(store, 'user-1g', 'passDecision')).toBe(0);
});

test('long-term template: sent without counting; a refusal turns it off', async () => {
  const [a] = await enqueueMany(store, 1, { template: 'alert', to: () => 'user-lt' });
  await grant(store, 'user-lt', 'alert');
  expect(await consentOf(store, 'user-lt')).toMatchObject({ templates: { alert: { count: 0, longTerm: true } } });
  const m = new FakeMessenger();
  expect(await run(m)).toMatchObject({ sent: 1 });
  expect(m.calls[0].templateId).toBe('tpl-alert');
  expect(await entry(store, a)).toMatchObject({ state: 'sent' });

  await recordConsent(store, 'user-lt', 'req-lt-reject', { alert: 'reject' }, TEMPLATES, T0 + 2000);
  const [b] = await enqueueMany(store, 1, { template: 'alert', to: () => 'user-lt', prefix: 'later', at: T0 + 3000 });
  expect(await run(m, T0 + 4000)).toMatchObject({ skipped: 1, sent: 0 });
  expect(await entry(store, b)).toMatchObject({ state: 'skipped' });
});

test('43101: skipped, not retried, and the user’s grants for that template drop to 0', async () => {
  const [a, b] = await enqueueMany(store, 2, { to: () => 'user-r' });
  await grant(store, 'user-r', 'passDecision', 3);
  await grant(store, 'user-r', 'notice', 2);
  const m = new FakeMessenger([43101]);
  expect(await run(m)).toMatchObject({ skipped: 2, sent: 0, retried: 0 });
  expect(m.calls).toHaveLength(1); // the second message is not even tried
  expect(await entry(store, a)).toMatchObject({ state: 'skipped', attempts: 1, lastError: expect.stringContaining('43101') });
  expect(await entry(store, b)).toMatchObject({ state: 'skipped', attempts: 0 });
  expect(await consentOf(store, 'user-r')).toMatchObject({ templates: { passDecision: { count: 0, droppedAt: T0 + 1000 }, notice: { count: 2 } } });
  expect(await run(m, T0 + 3_600_000)).toMatchObject({ due: 0 });
});

test('43101 does not wipe an accept that came in while the message was being sent', async () => {
  const [a] = await enqueueMany(store, 1, { to: () => 'user-new' });
  await grant(store, 'user-new', 'passDecision', 1);
  const m = new FakeMessenger([
    async () => {
      await recordConsent(store, 'user-new', 'req-fresh-accept', { passDecision: 'accept' }, TEMPLATES, T0 + 1500);
      return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
    },
  ]);
  await run(m);
  expect(await entry(store, a)).toMatchObject({ state: 'skipped' });
  expect(await countOf(store, 'user-new', 'passDecision')).toBe(1);
});

test.each([40003, 40037, 41030, 45168, 47003])('%i: failed for good with the reason; not retried; grant given back', async (code) => {
  const [a] = await enqueueMany(store, 1);
  await grant(store, 'user-0', 'passDecision', 1);
  const m = new FakeMessenger([code]);
  expect(await run(m)).toMatchObject({ failed: 1 });
  expect(await entry(store, a)).toMatchObject({ state: 'failed', attempts: 1, lastError: `${code} error ${code}` });
  expect(await countOf(store, 'user-0', 'passDecision')).toBe(1);
  expect(await run(m, T0 + 86_400_000)).toMatchObject({ due: 0 });
  expect(m.calls).toHaveLength(1);
});

test.each([
  ['43108 (too frequent)', 43108],
  ['-1 (system busy)', -1],
  ['45009 (quota)', 45009],
  ['a thrown network error', new Error('socket hang up')],
])('%s: retried with exponential backoff, then a dead letter after MAX_ATTEMPTS', async (_name, answer) => {
  const [a] = await enqueueMany(store, 1);
  await grant(store, 'user-0', 'passDecision', 1);
  const m = new FakeMessenger(Array.from({ length: MAX_ATTEMPTS }, () => answer));
  let now = T0 + 1000;
  const waits: number[] = [];
  for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
    expect(await run(m, now)).toMatchObject({ retried: 1 });
    const e = await entry(store, a);
    expect(e).toMatchObject({ state: 'pending', attempts: attempt, nextAt: now + backoff(attempt) });
    expect(e.lastError).toMatch(answer instanceof Error ? /no answer: socket hang up/ : new RegExp(`^${answer as number}`));
    waits.push(e.nextAt - now);
    // Not due before its time.
    expect(await run(m, e.nextAt - 1)).toMatchObject({ due: 0 });
    now = e.nextAt;
  }
  expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  expect(await run(m, now)).toMatchObject({ dead: 1 });
  expect(await entry(store, a)).toMatchObject({ state: 'dead', attempts: MAX_ATTEMPTS });
  expect(await run(m, now + 86_400_000)).toMatchObject({ due: 0 });
  expect(m.calls).toHaveLength(MAX_ATTEMPTS);
  // Every failed attempt gave its grant back: the user still has the one they granted.
  expect(await countOf(store, 'user-0', 'passDecision')).toBe(1);
});

test('a retry that then succeeds is sent exactly once', async () => {
  const [a] = await enqueueMany(store, 1);
  await grant(store, 'user-0', 'passDecision', 1);
  const m = new FakeMessenger([43108]);
  await run(m);
  await run(m, T0 + 1000 + backoff(1));
  expect(await entry(store, a)).toMatchObject({ state: 'sent', attempts: 2 });
  expect(m.delivered(a)).toBe(1);
  expect(await countOf(store, 'user-0', 'passDecision')).toBe(0);
});

test('backoff is capped at an hour', () => {
  expect(backoff(1)).toBe(30_000);
  expect(backoff(20)).toBe(3_600_000);
});

test('oldest due first, in batches; entries not yet due wait', async () => {
  const keys = await enqueueMany(store, 5, { to: () => 'user-b' });
  await grant(store, 'user-b', 'passDecision', 5);
  const m = new FakeMessenger();
  expect(await run(m, T0 + 2, { batch: 2 })).toMatchObject({ due: 2, sent: 2 }); // entries 0,1 (2 is due at T0+2 but batch is 2)
  expect(await run(m, T0 + 2, { batch: 10 })).toMatchObject({ due: 1, sent: 1 }); // entry 2; 3 and 4 are not due yet
  expect(await run(m, T0 + 10, { batch: 10 })).toMatchObject({ due: 2, sent: 2 });
  expect(m.calls.map((c) => c.data.character_string1.value)).toEqual(keys);
});

test('two senders racing over the same entries never send one twice', async () => {
  const keys = await enqueueMany(store, 60, { to: (i) => `racer-${i % 7}` });
  for (let u = 0; u < 7; u++) await grant(store, `racer-${u}`, 'passDecision', 20);
  const m = new FakeMessenger([], true);
  const [r1, r2] = await Promise.all([run(m, T0 + 1000, { batch: 100 }), run(m, T0 + 1000, { batch: 100 })]);
  expect(r1.sent + r2.sent).toBe(60);
  expect(r1.taken + r2.taken).toBe(60); // each lost every entry the other got
  for (const k of keys) expect(m.delivered(k)).toBe(1);
  expect(m.calls).toHaveLength(60);
  // Grants: exactly one spent per message.
  let left = 0;
  for (let u = 0; u < 7; u++) left += await countOf(store, `racer-${u}`, 'passDecision');
  expect(left).toBe(7 * 20 - 60);
});

test('two senders racing for the last grant: exactly one message goes out', async () => {
  await enqueueMany(store, 2, { to: () => 'last-grant' });
  await grant(store, 'last-grant', 'passDecision', 1);
  const m = new FakeMessenger([], true);
  // Each sender takes a different entry (batch 1 each, the second skips the first's claim).
  const [r1, r2] = await Promise.all([run(m, T0 + 1000, { batch: 2 }), run(m, T0 + 1000, { batch: 2, concurrency: 2 })]);
  expect(r1.sent + r2.sent).toBe(1);
  expect(m.calls).toHaveLength(1);
  expect(Object.values(await states(store)).sort()).toEqual(['sent', 'skipped']);
  expect(await countOf(store, 'last-grant', 'passDecision')).toBe(0);
});

test('concurrency: many sends in flight, each entry once', async () => {
  const keys = await enqueueMany(store, 40, { to: (i) => `c-${i % 3}` });
  for (let u = 0; u < 3; u++) await grant(store, `c-${u}`, 'passDecision', 14);
  const m = new FakeMessenger([], true);
  expect(await run(m, T0 + 1000, { concurrency: 8 })).toMatchObject({ sent: 40 });
  for (const k of keys) expect(m.delivered(k)).toBe(1);
  expect(await countOf(store, 'c-0', 'passDecision')).toBe(0);
});

describe('crashes', () => {
  /** Every entry has consent; 10 entries. */
  async function tenEntries() {
    const keys = await enqueueMany(store, 10, { to: (i) => `crash-${i}` });
    for (let i = 0; i < 10; i++) await grant(store, `crash-${i}`, 'passDecision', 1);
    return keys;
  }

  test('the process dies inside a send (WeChat got the message, the mark never happened): delivered exactly once, the in-flight entry ends unknown', async () => {
    const keys = await tenEntries();
    const k = 3;
    const c = crashable(store);
    const m = new FakeMessenger(
      Array.from({ length: k + 1 }, (_, i) =>
        i < k
          ? 0
          : (msg) => {
              m.deliver(msg); // it reached the phone …
              c.crash(); // … and then the process died
              throw new Error('process crashed');
            },
      ),
    );
    await expect(sendDue(c.store, m, T0 + 1000, { templates: TEMPLATES })).rejects.toThrow('process crashed');
    expect(m.total()).toBe(k + 1);
    const inFlight = keys[k];
    expect(await entry(store, inFlight)).toMatchObject({ state: 'sending', leaseUntil: T0 + 1000 + LEASE_MS });

    // A new sender before the lease runs out: sends the rest, leaves the in-flight one alone.
    const again = new FakeMessenger();
    expect(await sendDue(store, again, T0 + 2000, { templates: TEMPLATES })).toMatchObject({ sent: 10 - k - 1, unknown: 0 });
    expect(await entry(store, inFlight)).toMatchObject({ state: 'sending' });
    // After the lease: marked unknown, never resent.
    expect(await sendDue(store, again, T0 + 1000 + LEASE_MS + 1, { templates: TEMPLATES })).toMatchObject({ unknown: 1, sent: 0 });
    expect(await entry(store, inFlight)).toMatchObject({ state: 'unknown', lastError: expect.stringContaining('lease expired') });
    expect(await sendDue(store, again, T0 + 86_400_000, { templates: TEMPLATES })).toMatchObject({ due: 0, unknown: 0 });

    // Across both runs, each entry reached the phone exactly once.
    for (const key of keys) expect(m.delivered(key) + again.delivered(key)).toBe(1);
    const s = await states(store);
    expect(Object.values(s).filter((x) => x === 'sent')).toHaveLength(9);
    expect(s[inFlight]).toBe('unknown');
  });

  test('the process dies after a claim, before the send: not resent either (unknown), by the same rule', async () => {
    const keys = await tenEntries();
    const c = crashable(store);
    const m = new FakeMessenger([
      0,
      () => {
        c.crash();
        throw new Error('process crashed');
      },
    ]);
    await expect(sendDue(c.store, m, T0 + 1000, { templates: TEMPLATES })).rejects.toThrow('process crashed');
    const again = new FakeMessenger();
    await sendDue(store, again, T0 + 1000 + LEASE_MS + 1, { templates: TEMPLATES });
    expect(await entry(store, keys[1])).toMatchObject({ state: 'unknown' });
    for (const key of keys) expect(m.delivered(key) + again.delivered(key)).toBe(key === keys[1] ? 0 : 1);
  });

  test.each([1, 4, 9])('the process dies BETWEEN entries (after %i marked): nothing lost, nothing doubled, nothing unknown', async (k) => {
    const keys = await tenEntries();
    const c = crashable(store);
    c.crashAfterMarks(k);
    const m = new FakeMessenger();
    await expect(sendDue(c.store, m, T0 + 1000, { templates: TEMPLATES })).rejects.toThrow('process crashed');
    expect(m.total()).toBe(k);
    expect(Object.values(await states(store)).filter((s) => s === 'sending')).toHaveLength(0);

    const again = new FakeMessenger();
    expect(await sendDue(store, again, T0 + 2000, { templates: TEMPLATES })).toMatchObject({ sent: 10 - k, unknown: 0 });
    for (const key of keys) expect(m.delivered(key) + again.delivered(key)).toBe(1);
    expect(Object.values(await states(store)).every((s) => s === 'sent')).toBe(true);
  });

  test('a sender slower than its lease: marked unknown meanwhile, its real outcome still recorded', async () => {
    const [a] = await enqueueMany(store, 1);
    await grant(store, 'user-0', 'passDecision', 1);
    const m = new FakeMessenger([
      async () => {
        // While this send hangs past the lease, another run recovers the entry.
        expect(await recoverStale(store, T0 + 1000 + LEASE_MS + 1)).toBe(1);
        expect(await entry(store, a)).toMatchObject({ state: 'unknown' });
        return { errcode: 0, errmsg: 'ok' };
      },
    ]);
    await run(m);
    expect(await entry(store, a)).toMatchObject({ state: 'sent' });
    expect(m.delivered(a)).toBe(1);
  });
});

test('an entry with a template nobody configured fails instead of blocking the queue', async () => {
  await store.insert('outbox', {
    _id: 'odd',
    kind: 'x',
    template: 'nope' as TemplateName,
    to: 'u',
    values: {},
    state: 'pending',
    attempts: 0,
    nextAt: T0,
    createdAt: T0,
  });
  expect(await run(new FakeMessenger())).toMatchObject({ failed: 1 });
  expect(await entry(store, 'odd')).toMatchObject({ state: 'failed', lastError: 'unknown template nope' });
});

test('budget: nothing new is claimed once the time is up', async () => {
  await enqueueMany(store, 3);
  for (let i = 0; i < 3; i++) await grant(store, `user-${i}`, 'passDecision');
  expect(await run(new FakeMessenger(), T0 + 1000, { budgetMs: -1 })).toMatchObject({ due: 3, sent: 0 });
  expect(Object.values(await states(store))).toEqual(['pending', 'pending', 'pending']);
});
