/**
 * The sender's crash rule as a property (server/messaging/sender.ts): whatever WeChat answers and
 * wherever the process dies — right after a claim, between the claim and the send, or between the
 * send and the mark — and however many senders run afterwards as the clock moves past leases and
 * backoffs, no entry reaches the phone twice, an entry that reached it is 'sent' or 'unknown',
 * a 'sent' one reached it, and nothing is left in flight.
 */
import fc from 'fast-check';
import { ManualClock } from '../../server/core/clock';
import type { Messenger, SendResult, SubscribeMessage } from '../../server/messaging/messenger';
import { LEASE_MS, MAX_ATTEMPTS, RETRY_CAP_MS, sendDue } from '../../server/messaging/sender';
import type { Store } from '../../server/store/port';
import { countOf, crashable, emptyStore, enqueueMany, FakeMessenger, grant, states, T0, TEMPLATES } from './support';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);

type Answer = 0 | 43108 | -1 | 40003 | 43101 | 'throw';
type Phase = 'claim' | 'send' | 'mark';

/** A messenger answering from a script (then 0), counting deliveries per entry key; may kill the process around one send. */
class ScriptedMessenger implements Messenger {
  sends = 0;
  constructor(
    private readonly answers: Answer[],
    readonly phone: FakeMessenger,
    private readonly crash?: { n: number; phase: 'send' | 'mark'; die(): void },
  ) {}

  async send(msg: SubscribeMessage): Promise<SendResult> {
    const n = ++this.sends;
    if (this.crash?.n === n && this.crash.phase === 'send') {
      this.crash.die();
      throw new Error('process crashed');
    }
    const a = this.answers.shift() ?? 0;
    if (a === 'throw') throw new Error('socket hang up');
    if (a === 0) this.phone.deliver(msg);
    if (this.crash?.n === n && this.crash.phase === 'mark') {
      this.crash.die(); // delivered (or answered), the mark never happens
      throw new Error('process crashed');
    }
    return { errcode: a, errmsg: a ? `error ${a}` : 'ok' };
  }
}

/** The store as a process sees it that dies right after its n-th claim. */
function dyingAfterClaim(store: Store, n: number, die: () => void): Store {
  let claims = 0;
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (prop !== 'update') return v;
      return async (...args: Parameters<Store['update']>) => {
        const ok = await target.update(...args);
        if (args[0] === 'outbox' && args[2].state === 'sending' && ok && ++claims === n) {
          die();
          throw new Error('process crashed');
        }
        return ok;
      };
    },
  });
}

const scenario = fc.record({
  entries: fc.integer({ min: 1, max: 8 }),
  recipients: fc.integer({ min: 1, max: 4 }),
  grants: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
  answers: fc.array(fc.constantFrom<Answer>(0, 0, 0, 43108, -1, 40003, 43101, 'throw'), { maxLength: 30 }),
  // Each crash: a run that dies right after its n-th claim, or around its n-th send.
  crashes: fc.array(fc.record({ n: fc.integer({ min: 1, max: 4 }), phase: fc.constantFrom<Phase>('claim', 'send', 'mark') }), { maxLength: 2 }),
  concurrency: fc.integer({ min: 1, max: 3 }),
});

test('killed anywhere inside a send, then run again past the lease: never delivered twice unless marked unknown, nothing left in flight', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      const store = emptyStore();
      try {
        const keys = await enqueueMany(store, s.entries, { to: (i) => `crash-${i % s.recipients}` });
        for (let r = 0; r < s.recipients; r++) if (s.grants[r]) await grant(store, `crash-${r}`, 'passDecision', s.grants[r]);
        const phone = new FakeMessenger();
        const clock = new ManualClock(T0 + 1000);
        const answers = [...s.answers];
        const opts = { templates: TEMPLATES, concurrency: s.concurrency };

        // Runs that die where the scenario says, each followed by the next run after the lease.
        for (const crash of s.crashes) {
          const c = crashable(store);
          const view = crash.phase === 'claim' ? dyingAfterClaim(c.store, crash.n, c.crash) : c.store;
          const m = new ScriptedMessenger(answers, phone, crash.phase === 'claim' ? undefined : { n: crash.n, phase: crash.phase, die: c.crash });
          await sendDue(view, m, clock.now(), opts).catch((err: Error) => expect(err.message).toBe('process crashed'));
          clock.advance(LEASE_MS + 1);
        }
        // Then healthy senders until nothing is due (each retry waits at most the backoff cap).
        for (let run = 0; run <= MAX_ATTEMPTS + 1; run++) {
          await sendDue(store, new ScriptedMessenger(answers, phone), clock.now(), opts);
          clock.advance(Math.max(LEASE_MS, RETRY_CAP_MS) + 1);
        }

        const st = await states(store);
        for (const key of keys) {
          const got = phone.delivered(key);
          expect({ key, twice: got > 1 }).toEqual({ key, twice: false });
          if (st[key] === 'sent') expect({ key, delivered: got }).toEqual({ key, delivered: 1 });
          if (got === 1) expect(['sent', 'unknown']).toContain(st[key]);
          expect(['sending', 'pending']).not.toContain(st[key]);
        }
        // Only what was in flight when a process died can be unknown.
        expect(Object.values(st).filter((x) => x === 'unknown').length).toBeLessThanOrEqual(s.crashes.length * s.concurrency);
        for (let r = 0; r < s.recipients; r++) expect(await countOf(store, `crash-${r}`, 'passDecision')).toBeGreaterThanOrEqual(0);
      } finally {
        store.close();
      }
    }),
    { seed: SEED, numRuns: 60 },
  );
});
