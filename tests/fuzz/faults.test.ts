/**
 * Fault injection: every action that writes, run on a copy of the world with its k-th write
 * failing (k = 1..N, N counted by a clean run; inside a transaction or outside one), then
 * retried with the same request. After the failure the data is consistent (the invariants
 * below); the retry succeeds and leaves what one clean run leaves; one more identical call
 * leaves what two clean runs leave — a retry's effects are never doubled. Batches written with
 * insertMany run once more with the failing batch torn (half written, as on CloudBase), which
 * a retry must complete. `FAULTS_TRAIL=1` prints each action's writes.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionName } from '../../typings/api';
import { grantKey } from '../../server/auth/caller';
import { COLLECTIONS, FUNCTIONS, RULES } from '../../server/app';
import { ManualClock } from '../../server/core/clock';
import { reachOf } from '../../server/notices/audience';
import { createApp } from '../../server/runtime/dispatch';
import { localServices } from '../../server/runtime/services';
import { tempExportFiles } from '../support/exports';
import { openSqliteStore, type SqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/port';
import { FaultyStore, InjectedFault } from '../support/faulty-store';
import { T0, type Harness } from '../support/harness';
import { actorFor, CALLER, CASES, makeWorld, type Who } from '../support/world';

let dir: string;
let image: Buffer;
let copies = 0;
const open: SqliteStore[] = [];
/** A fresh copy of the world as makeWorld left it. */
function copy(): SqliteStore {
  const file = join(dir, `w${++copies}.db`);
  writeFileSync(file, image);
  const s = openSqliteStore({ file, collections: COLLECTIONS });
  open.push(s);
  return s;
}

const actors = new Map<ActionName, Who>();
beforeAll(async () => {
  dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'lf-faults-'));
  const h = await makeWorld();
  image = (h.store as SqliteStore).db.serialize();
  h.close();
  // Each probe on its own copy, so no probe's writes decide another's actor.
  for (const action of Object.keys(RULES) as ActionName[]) {
    const { app } = appOn(new FaultyStore(copy()));
    const call = ((openid: string, a: string, data: unknown) => app.call(a.split('.')[0], { action: a, data }, openid)) as unknown as Harness['call'];
    actors.set(action, await actorFor({ call }, action, { succeeding: true }));
  }
});

/** What a request needs done first, by the same caller, on the copy it runs on. */
const BEFORE: Partial<Record<ActionName, ActionName[]>> = { 'duty.checkOut': ['duty.checkIn'] };
async function prepare(store: Store, action: ActionName, who: Who) {
  const { app } = appOn(new FaultyStore(store));
  for (const a of BEFORE[action] ?? []) {
    const r = await app.call(a.split('.')[0], { action: a, data: CASES[a].data(who, true) }, CALLER[who]);
    expect({ a, ok: r.ok }).toEqual({ a, ok: true });
  }
}
afterAll(() => {
  for (const s of open) s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One storage for exported files: a file's path is made from its export's id, so a retry overwrites its own. */
const EXPORT_FILES = tempExportFiles();
function appOn(store: FaultyStore) {
  const internal: unknown[] = [];
  const services = { ...localServices, exportFiles: EXPORT_FILES };
  const app = createApp({ store, clock: new ManualClock(T0), functions: FUNCTIONS, services, onError: (err) => void internal.push(err) });
  return { app, internal };
}

type Dump = Record<string, Record<string, unknown>[]>;
async function dump(store: Store): Promise<Dump> {
  const out: Dump = {};
  for (const name of Object.keys(COLLECTIONS)) {
    // Rate-limit counters count calls, not effects: a failed call and its retry count two.
    if (name === 'rateLimits') continue;
    const all = await store.query(name as never, { limit: 1000 });
    // The version counts writes, not content: a retry may bump it where one clean run did not.
    out[name] = all.items.map(({ _v, ...doc }: Record<string, unknown>) => doc);
  }
  return out;
}

/** Data that must agree with itself whatever failed where. */
async function invariants(store: Store): Promise<string[]> {
  const bad: string[] = [];
  const d = await dump(store);
  for (const u of d.users as Array<{ _id: string; grants: { role: never; orgId: string }[]; grantKeys: string[]; reach?: string[] }>) {
    if (JSON.stringify(u.grantKeys) !== JSON.stringify(u.grants.map((g) => grantKey(g.role, g.orgId))))
      bad.push(`users/${u._id}: grantKeys do not match grants`);
    if (JSON.stringify(u.reach ?? []) !== JSON.stringify(reachOf(u.grants as never))) bad.push(`users/${u._id}: reach does not match grants`);
  }
  for (const n of d.noticeReads as Array<{ _id: string; r: number; a: number; readers: Record<string, { a?: number }> }>) {
    const readers = Object.values(n.readers);
    if (n.r !== readers.length || n.a !== readers.filter((x) => x.a !== undefined).length) bad.push(`noticeReads/${n._id}: tallies differ from the receipts`);
  }
  const duties = new Map((d.duties as Array<{ _id: string; status: string; openid: string; shiftId: string; day: string }>).map((x) => [x._id, x]));
  const days = new Map((d.dutyDays as Array<{ _id: string; items: { shiftId: string }[] }>).map((x) => [x._id, x]));
  // An erased account keeps its place on past crews (anonymised) without duty records or day indexes.
  const erased = new Set((d.users as Array<{ _id: string; erasedAt?: number }>).filter((u) => u.erasedAt !== undefined).map((u) => u._id));
  for (const s of d.shifts as Array<{ _id: string; crew: { openid: string; status: string }[] }>) {
    for (const c of s.crew) {
      if (erased.has(c.openid)) continue;
      const duty = duties.get(`${s._id}:${c.openid}`);
      if (duty?.status !== c.status) bad.push(`shifts/${s._id}: crew ${c.openid} ${c.status}, duty ${duty?.status ?? 'missing'}`);
      if (!days.get(`${c.openid}:${(duty ?? { day: '' }).day}`)?.items.some((i) => i.shiftId === s._id))
        bad.push(`shifts/${s._id}: ${c.openid}'s day does not hold it`);
    }
  }
  const crews = new Map((d.shifts as Array<{ _id: string; crew: { openid: string }[] }>).map((s) => [s._id, s.crew]));
  for (const duty of duties.values()) {
    if (!crews.get(duty.shiftId)?.some((c) => c.openid === duty.openid)) bad.push(`duties/${duty._id}: not in the shift's crew`);
  }
  return bad;
}

type Random = Record<string, Set<string>>;
const json = (x: unknown) => JSON.stringify(x);
/** Documents in `a` not in `b`, as a multiset of their JSON. */
function unmatched(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  return a.filter((x) => {
    const n = left.get(x) ?? 0;
    if (n) left.set(x, n - 1);
    return !n;
  });
}
/** The fields two clean runs from the same world disagree on: random by design (codes, keys, ids made afresh), not compared. */
function randomFields(a: Dump, b: Dump): Random {
  const out: Random = {};
  for (const name of Object.keys(a)) {
    const ra = unmatched(a[name].map(json), b[name].map(json)).sort();
    const rb = unmatched(b[name].map(json), a[name].map(json)).sort();
    const fields = new Set<string>();
    ra.forEach((x, i) => {
      const da = JSON.parse(x) as Record<string, unknown>;
      const db = JSON.parse(rb[i] ?? '{}') as Record<string, unknown>;
      for (const k of new Set([...Object.keys(da), ...Object.keys(db)])) if (json(da[k]) !== json(db[k])) fields.add(k);
    });
    out[name] = fields;
  }
  return out;
}
/** How `x` differs from `y`, per collection: its count of documents, or documents `y` has not (random fields aside). */
function differences(x: Dump, y: Dump, random: Random): string[] {
  const out: string[] = [];
  const masked = (name: string, docs: Record<string, unknown>[]) =>
    docs.map((d) => json(Object.fromEntries(Object.entries(d).map(([k, v]) => [k, random[name]?.has(k) ? '*' : v]))));
  for (const name of Object.keys(x)) {
    if (x[name].length !== y[name].length) out.push(`${name}: ${x[name].length} documents, not ${y[name].length}`);
    else for (const d of unmatched(masked(name, x[name]), masked(name, y[name]))) out.push(`${name}: ${d.slice(0, 200)}`);
  }
  return out;
}

interface Clean {
  writes: number;
  once: Dump;
  twice: Dump;
}
async function cleanRun(action: ActionName, who: Who, data: unknown): Promise<Clean> {
  const store = new FaultyStore(copy());
  await prepare(store.inner, action, who);
  const { app, internal } = appOn(store);
  const fn = action.split('.')[0];
  const first = await app.call(fn, { action, data }, CALLER[who]);
  expect({ action, first: first.ok || `${first.error.code} ${first.error.message}`, internal: internal.map(String) }).toEqual({
    action,
    first: true,
    internal: [],
  });
  const writes = store.writes;
  if (process.env.FAULTS_TRAIL) console.log(action, store.trail.join(', '));
  const once = await dump(store);
  await app.call(fn, { action, data }, CALLER[who]);
  return { writes, once, twice: await dump(store) };
}

const WRITERS = (Object.keys(RULES) as ActionName[]).filter(
  (a) => !/\.(me|get|tree|directory|mine|pending|list|trust|log|inbox|progress|sent|quota|posts|shifts|suggest|coverage|hours|postCode)$/.test(a),
);
/** A request to break: the world's well-formed one for the action, or its own `data`. */
type Run = { action: ActionName; name: string; data?: (who: Who) => Record<string, unknown> };
const event = (i: number) => ({
  id: `evt-faults-${i}`,
  at: T0 + i,
  kind: 'courier',
  direction: 'in',
  person: { courierKind: 'courier', company: '顺丰' },
  verdict: 'deny',
  reason: 'COURIER',
});
const RUNS = [
  ...WRITERS.map((action): Run => ({ action, name: action })),
  // Batches: several documents in one insertMany (atomic on SQLite, torn on CloudBase: see `torn`).
  { action: 'gate.sync', name: 'gate.sync of 5 events', data: () => ({ gateId: 'sz-s1-c01-x01-g1', events: [1, 2, 3, 4, 5].map(event) }) },
  {
    action: 'duty.generate',
    name: 'duty.generate of 3 days × 2 shifts',
    data: () => ({
      compoundId: 'sz-s1-c01-x01',
      postIds: ['sz-s1-c01-x01-p-census'],
      from: '2026-12-01',
      days: 3,
      shifts: [
        { start: '08:00', end: '12:00' },
        { start: '14:00', end: '18:00' },
      ],
    }),
  },
] satisfies Run[];
/** Actions writing with insertMany: run again with the failing batch torn. */
const BATCHED = new Set<ActionName>(['gate.check', 'gate.sync', 'duty.generate']);
const ROWS = RUNS.flatMap((r) => [{ ...r, torn: false }, ...(BATCHED.has(r.action) ? [{ ...r, torn: true }] : [])]);

test.each(ROWS)(
  '$name (torn batch: $torn): the k-th write failing leaves consistent data; a retry completes exactly once',
  async ({ action, data: make, torn }) => {
    const who = actors.get(action)!;
    const data = make ? make(who) : CASES[action].data(who, true);
    const fn = action.split('.')[0];
    const a = await cleanRun(action, who, data);
    const b = await cleanRun(action, who, data);
    const random = { once: randomFields(a.once, b.once), twice: randomFields(a.twice, b.twice) };
    if (a.writes === 0) return;
    for (let k = 1; k <= a.writes; k++) {
      const store = new FaultyStore(copy());
      await prepare(store.inner, action, who);
      store.failAt = k;
      store.torn = torn;
      const { app, internal } = appOn(store);
      const failed = await app.call(fn, { action, data }, CALLER[who]);
      expect({ k, failed: failed.ok ? 'ok' : failed.error.code, cause: internal[0] instanceof InjectedFault }).toEqual({ k, failed: 'INTERNAL', cause: true });
      expect({ k, after: 'failure', bad: await invariants(store) }).toEqual({ k, after: 'failure', bad: [] });

      const retry = await app.call(fn, { action, data }, CALLER[who]);
      expect({ k, retry }).toMatchObject({ k, retry: { ok: true } });
      expect({ k, after: 'retry', bad: await invariants(store), differs: differences(await dump(store), a.once, random.once) }).toEqual({
        k,
        after: 'retry',
        bad: [],
        differs: [],
      });

      await app.call(fn, { action, data }, CALLER[who]);
      expect({ k, after: 'another call', differs: differences(await dump(store), a.twice, random.twice) }).toEqual({ k, after: 'another call', differs: [] });
    }
  },
);
