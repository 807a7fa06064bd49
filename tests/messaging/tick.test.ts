/** runTick: jobs first, then the sender in rounds; the local runtime's ticker loop. */
import type { TickJob } from '../../server/messaging/jobs';
import { enqueue } from '../../server/messaging/outbox';
import { runTick, startTicker } from '../../server/messaging/tick';
import type { SqliteStore } from '../../server/store/sqlite';
import { emptyStore, enqueueMany, entry, FakeMessenger, grant, T0, TEMPLATES } from './support';

let store: SqliteStore;
beforeEach(() => {
  store = emptyStore();
});
afterEach(() => store.close());

test('jobs run in order before the sender, so what they enqueue goes out in the same tick', async () => {
  await grant(store, 'escalated-to', 'alert');
  const order: string[] = [];
  const jobs: TickJob[] = [
    async () => void order.push('first'),
    async (s, now) => {
      order.push('escalate');
      await s.transaction((tx) =>
        enqueue(
          tx,
          [{ key: 'alert:1:escalated', kind: 'alert', template: 'alert', to: 'escalated-to', values: { ref: 'alert:1:escalated', title: '发热预警升级' } }],
          now,
        ),
      );
    },
  ];
  const m = new FakeMessenger();
  const r = await runTick({ store, messenger: m, now: T0, jobs, templates: TEMPLATES });
  expect(order).toEqual(['first', 'escalate']);
  expect(r).toMatchObject({ jobs: 2, jobErrors: 0, rounds: 1, send: { due: 1, sent: 1 } });
  expect(m.calls[0]).toMatchObject({ touser: 'escalated-to', templateId: 'tpl-alert' });
});

test('a failing job is reported and the tick goes on: later jobs and the sender still run', async () => {
  const [key] = await enqueueMany(store, 1);
  await grant(store, 'user-0', 'passDecision');
  const errors: string[] = [];
  let ran = false;
  async function brokenReminder(): Promise<void> {
    throw new Error('boom');
  }
  const r = await runTick({
    store,
    messenger: new FakeMessenger(),
    now: T0 + 1,
    jobs: [brokenReminder, async () => void (ran = true)],
    templates: TEMPLATES,
    onError: (err, job) => errors.push(`${job}: ${(err as Error).message}`),
  });
  expect(errors).toEqual(['brokenReminder: boom']);
  expect(ran).toBe(true);
  expect(r).toMatchObject({ jobErrors: 1, send: { sent: 1 } });
  expect(await entry(store, key)).toMatchObject({ state: 'sent' });
});

test('the sender runs in rounds of `batch` until nothing more is due, at most `rounds`', async () => {
  await enqueueMany(store, 250, { to: (i) => `r-${i % 10}` });
  for (let u = 0; u < 10; u++) await grant(store, `r-${u}`, 'passDecision', 25);
  const m = new FakeMessenger();
  expect(await runTick({ store, messenger: m, now: T0 + 1000, jobs: [], templates: TEMPLATES, batch: 100, rounds: 2 })).toMatchObject({
    rounds: 2,
    send: { sent: 200 },
  });
  expect(await runTick({ store, messenger: m, now: T0 + 1000, jobs: [], templates: TEMPLATES, batch: 100 })).toMatchObject({
    rounds: 1,
    send: { due: 50, sent: 50 },
  });
  expect(m.calls).toHaveLength(250);
});

test('startTicker: ticks again and again, never two at once; stop() waits for the tick in flight', async () => {
  let running = 0;
  let maxRunning = 0;
  let ticks = 0;
  let finished = 0;
  const ticker = startTicker(5, async () => {
    ticks++;
    running++;
    maxRunning = Math.max(maxRunning, running);
    await new Promise((r) => setTimeout(r, 15));
    running--;
    finished++;
  });
  await new Promise((r) => setTimeout(r, 120));
  await ticker.stop();
  expect(ticks).toBeGreaterThanOrEqual(3);
  expect(maxRunning).toBe(1);
  expect(finished).toBe(ticks); // nothing left half-done
  const after = ticks;
  await new Promise((r) => setTimeout(r, 40));
  expect(ticks).toBe(after);
});

test('startTicker: a failing tick is reported and the loop goes on', async () => {
  const errors: unknown[] = [];
  let n = 0;
  const ticker = startTicker(
    2,
    async () => {
      if (++n === 1) throw new Error('store busy');
    },
    (err) => errors.push(err),
  );
  await new Promise((r) => setTimeout(r, 50));
  await ticker.stop();
  expect(errors).toHaveLength(1);
  expect(n).toBeGreaterThan(1);
});

test('startTicker: runNow ticks at once, waits for a tick in flight and never runs two at once', async () => {
  let running = 0;
  let maxRunning = 0;
  let ticks = 0;
  const ticker = startTicker(3_600_000, async () => {
    ticks++;
    running++;
    maxRunning = Math.max(maxRunning, running);
    await new Promise((r) => setTimeout(r, 10));
    running--;
  });
  await Promise.all([ticker.runNow(), ticker.runNow(), ticker.runNow()]);
  expect(ticks).toBe(3);
  expect(maxRunning).toBe(1);
  await ticker.stop();
  await ticker.runNow();
  expect(ticks).toBe(3); // stopped: nothing more runs
});
