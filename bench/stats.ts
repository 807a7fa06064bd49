/**
 * Dashboard figures at 100k residents: reads of stats.dashboard for the district, a street, a
 * community and a compound; its median and p99 through the local runtime; and the writes the
 * counters add to each recording action (the sum of the counter documents' versions before and
 * after the action: every insert or update of one adds one), cases', 吹哨's and 督导's steps and
 * the timer jobs that move their gauges included.
 *
 * The counters are filled for every compound and building of the district over 14 days (their
 * documents have the size a real district gives them), then real actions run on top.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../server/core/clock';
import { COLLECTIONS, FUNCTIONS } from '../server/app';
import { createApp, type App } from '../server/runtime/dispatch';
import { localServices } from '../server/runtime/services';
import { DEMO } from '../server/seed/district';
import { seedDistrict } from '../server/seed/seed';
import { foldHeldFlows } from '../server/stats/fold';
import { bumpDaily, bumpLive, daysEnding } from '../server/stats/model';
import { MeteredStore, type Meter } from '../server/store/metered';
import { queryAll } from '../server/store/pages';
import type { Store } from '../server/store/port';
import { openSqliteStore } from '../server/store/sqlite';
import { DAY, dayOf, HOUR } from '../server/core/time';
import { dayStart } from '../server/duty/time';
import { escalateDue } from '../server/alerts/escalate';
import { markOverdueFindings } from '../server/inspect/jobs';
import { DEMO_UNIT_CONTACT } from '../server/seed/whistle';
import { flagOverdueWhistles } from '../server/whistle/jobs';
import { startRuntime } from '../tests/support/runtime-process';
import { ALL_STORED } from './disinfect';
import { percentile, type Figure } from './figures';

const RESIDENTS = 100_000;
const GATE = `${DEMO.compound}-g1`;

async function call(app: App, openid: string, action: string, data: unknown): Promise<{ data: never; meter: Meter }> {
  const meter: Meter = { reads: 0, writes: 0 };
  const r = await app.call(action.split('.')[0], { action, data }, openid, { meter });
  if (!r.ok) throw new Error(`${action}: ${r.error.code} ${r.error.message}`);
  return { data: r.data as never, meter };
}

/** Writes to the counter documents so far: inserts and updates each add one to a version. */
async function counterWrites(store: Store): Promise<number> {
  const docs = await queryAll(store, 'stats', { orderBy: [{ field: '_id' }] }, 1000);
  return docs.reduce((s, d) => s + (d._v ?? 0), 0);
}

/** A compound's first actions on cases on a day, by response bucket. */
const caseDay = (i: number, d: number) => ({ caseActed: 3, caseRt15: 1, caseRt60: (i + d) % 2, caseRt240: 1 - ((i + d) % 2), caseRt1440: 1 });

/**
 * A building's gauges of what waits on someone, where a district in an outbreak would have had
 * them: cases (two kinds seen) and alerts at two levels in one building in three, a finding in
 * one in ten (requests are raised at compounds and communities, never at a building).
 */
const waitingLive = (i: number) => ({
  ...(i % 3 ? {} : { caseReturnee: 1, [i % 2 ? 'caseGathering' : 'caseContact']: 1, alertAtCompound: i % 2, alertAtCommunity: 1 - (i % 2) }),
  ...(i % 10 ? {} : { inspectOpen: 1, inspectOverdue: i % 20 ? 0 : 1 }),
});

/** A compound's open requests and findings. */
const compoundLive = (i: number) => ({ whistleOpen: i % 2, whistleOverdue: i % 4 ? 0 : 1, inspectOpen: 1 + (i % 3), inspectOverdue: i % 3 ? 0 : 1 });

/** Every compound's gate and case figures for 14 days and every building's gauges. */
async function fillCounters(store: Store, now: number) {
  const orgs = await queryAll(store, 'orgs', { orderBy: [{ field: '_id' }] }, 1000);
  const days = daysEnding(dayOf(now), 14);
  for (const [i, o] of orgs.entries()) {
    const lineage = [...o.path, o._id];
    if (o.level === 'compound') {
      for (const [d, day] of days.entries()) {
        await store.transaction((tx) =>
          bumpDaily(tx, lineage, day, {
            gateIn: 200 + ((i * 7 + d) % 90),
            gateDenied: (i + d) % 9,
            gateFever: (i * d) % 3 === 0 ? 1 : 0,
            ...caseDay(i, d),
          }),
        );
      }
      await store.transaction((tx) => bumpLive(tx, lineage, compoundLive(i)));
    }
    if (o.level === 'building') await store.transaction((tx) => bumpLive(tx, lineage, { passActive: 30 + (i % 20), passPending: i % 4, ...waitingLive(i) }));
  }
}

/** The timer job that moves held flows into their days' documents: after midnight, and on a tick with nothing to move. */
async function foldFigures(store: Store, clock: ManualClock): Promise<Figure[]> {
  const metered = (meter: Meter) => new MeteredStore(store, meter);
  const midnight: Meter = { reads: 0, writes: 0 };
  const { buckets, days } = await foldHeldFlows(metered(midnight), clock.now() + DAY);
  const idle: Meter = { reads: 0, writes: 0 };
  await foldHeldFlows(metered(idle), clock.now() + DAY);
  return [
    { name: `counter fold job after midnight (buckets ${buckets}, days held ${days}): reads`, measured: midnight.reads, unit: 'reads' },
    { name: `counter fold job after midnight (buckets ${buckets}, days held ${days}): writes`, measured: midnight.writes, unit: 'writes' },
    { name: 'counter fold job, a tick with nothing held: reads / writes', measured: idle.reads + idle.writes, unit: 'ops', budget: { op: '<=', value: 2 } },
  ];
}

type Added = (name: string, run: () => Promise<unknown>) => Promise<void>;

/** The daily-health, census and disinfection writers. */
async function sourceWrites(app: App, clock: ManualClock, added: Added) {
  const own = (await call(app, 'demo-resident-1', 'census.household', {})).data as { members: Array<{ id: number }> };
  const entries = own.members.map((m) => ({ memberId: m.id, temperature: 36.5, symptoms: [] }));
  await added('health.report (a household)', () => call(app, 'demo-resident-1', 'health.report', { entries }));
  // A fever also raises an alert: its gauges and the day's reports are one write (./server/stats/held.ts).
  await added('health.report (a replacement, now a fever, raising an alert)', () =>
    call(app, 'demo-resident-1', 'health.report', { entries: [{ ...entries[0], temperature: 38.2 }] }),
  );
  const room = { buildingId: DEMO.building, unit: '1', room: '202' };
  const hh = (await call(app, 'demo-leader', 'census.household', room)).data as {
    members: Array<{ id: number; relation: string; birthYear: number; flags: string[]; partyMember: boolean }>;
  };
  const members = hh.members.map(({ id, relation, birthYear, flags, partyMember }) => ({ id, relation, birthYear, flags, partyMember }));
  await added('census.save (a member added)', () =>
    call(app, 'demo-leader', 'census.save', {
      ...room,
      status: 'occupied',
      members: [...members, { name: '新成员', relation: 'child', birthYear: 2015, flags: [], partyMember: false }],
    }),
  );
  const area = { compoundId: DEMO.compound, name: '快递柜', kind: 'other', required: 2, from: '06:00', to: '20:00' };
  let areaId = '';
  await added('disinfect.saveArea (a new area)', async () => (areaId = (await call(app, 'demo-secretary', 'disinfect.saveArea', area)).data['id']));
  await added('disinfect.saveArea (its count changed)', () => call(app, 'demo-secretary', 'disinfect.saveArea', { ...area, areaId, required: 3 }));
  const photos = (key: string) => [`local://media/disinfect/demo-secretary/${key}/1.jpg`];
  const log = (key: string) => call(app, 'demo-secretary', 'disinfect.log', { requestId: key, areaId, agent: '84 消毒液 1:100', photos: photos(key) });
  await added('disinfect.log', () => log('bench-stats-dis-1'));

  // Duty: tomorrow 07:50, a shift 08:00–12:00 on the first gate's post, then back to the bench's clock.
  const saved = clock.now();
  const tomorrow = dayOf(saved + 24 * 3_600_000);
  clock.set(dayStart(tomorrow) + (7 * 60 + 50) * 60_000);
  const post = `${DEMO.compound}-g1-duty`;
  await added('duty.savePost (an always-on post)', () =>
    call(app, 'demo-secretary', 'duty.savePost', {
      compoundId: DEMO.compound,
      kind: 'care',
      name: '服务关爱岗（测）',
      minHeads: 2,
      maxHeads: 3,
      alwaysOn: true,
    }),
  );
  await added('duty.generate (one day)', () =>
    call(app, 'demo-secretary', 'duty.generate', {
      compoundId: DEMO.compound,
      postIds: [post],
      from: tomorrow,
      days: 1,
      shifts: [{ start: '08:00', end: '12:00' }],
    }),
  );
  const shifts = (await call(app, 'demo-secretary', 'duty.shifts', { compoundId: DEMO.compound, day: tomorrow })).data['items'] as Array<{
    id: string;
    postId: string;
  }>;
  const shiftId = shifts.find((x) => x.postId === post)!.id;
  await call(app, 'demo-volunteer-1', 'duty.signup', { shiftId });
  const { code } = (await call(app, 'demo-secretary', 'duty.postCode', { postId: post })).data as { code: string };
  await added('duty.checkIn', () => call(app, 'demo-volunteer-1', 'duty.checkIn', { shiftId, code }));
  await added('duty.checkOut', () => call(app, 'demo-volunteer-1', 'duty.checkOut', { shiftId }));
  clock.set(saved);
}

/** Cases, 吹哨, 督导 and the escalation: the counter writes each step adds. */
async function waitingWrites(app: App, clock: ManualClock, store: Store, added: Added, figures: Figure[]) {
  let seq = 0;
  const building = DEMO.building;
  const report = async () =>
    (
      await call(app, 'demo-resident-1', 'case.report', {
        kind: 'gathering',
        compoundId: DEMO.compound,
        buildingId: building,
        place: '小区广场',
        requestId: `bench-case-${++seq}`,
      })
    ).data['id'] as string;
  const step = (caseId: string, req: Record<string, unknown>) =>
    call(app, 'demo-secretary', 'case.update', { caseId, ...req, requestId: `bench-step-${++seq}` });
  let caseId = '';
  await added('case.report', async () => (caseId = await report()));
  await added('case.update (acknowledge)', () => step(caseId, { step: 'acknowledge' }));
  await added('case.update (first action, acknowledged before)', () => step(caseId, { step: 'action', action: 'dissuaded' }));
  await added('case.update (close)', () => step(caseId, { step: 'close', outcome: 'resolved' }));
  const direct = await report();
  await added('case.update (first action on a case not acknowledged)', () => step(direct, { step: 'action', action: 'dissuaded' }));

  const raise = async (deadline: number) =>
    (
      await call(app, 'demo-community-staff', 'whistle.raise', {
        orgId: DEMO.community,
        requestId: `bench-whistle-${++seq}`,
        need: 'supplies',
        quantity: 100,
        detail: '急需医用口罩',
        place: '社区居委会',
        urgency: 'urgent',
        deadline,
        unitIds: ['u-demo-agency-zj'],
      })
    ).data['id'] as string;
  let whistleId = '';
  await added('whistle.raise', async () => (whistleId = await raise(clock.now() + HOUR)));
  clock.advance(2 * HOUR);
  await added('whistle overdue job (one request)', () => flagOverdueWhistles(store, clock.now()));
  await call(app, DEMO_UNIT_CONTACT, 'whistle.claim', { whistleId });
  await call(app, DEMO_UNIT_CONTACT, 'whistle.report', { whistleId, people: 2, hours: 1, photos: [] });
  await added('whistle.close (confirm)', () => call(app, 'demo-community-staff', 'whistle.close', { whistleId, decision: 'confirm' }));

  const record = async (deadline: number) =>
    (
      await call(app, 'demo-street-staff', 'inspect.record', {
        orgId: DEMO.compound,
        requestId: `bench-finding-${++seq}`,
        category: 'disinfect',
        item: 'disinfect-log',
        description: '消毒记录缺失',
        photos: [],
        deadline,
      })
    ).data['id'] as string;
  let findingId = '';
  await added('inspect.record', async () => (findingId = await record(clock.now() + 2 * HOUR)));
  clock.advance(3 * HOUR);
  await added('inspect overdue job (one finding)', () => markOverdueFindings(store, clock.now()));
  await added('inspect.rectify', () => call(app, 'demo-secretary', 'inspect.rectify', { findingId, note: '已整改完毕', photos: [] }));
  await added('inspect.verify (reopen)', () =>
    call(app, 'demo-admin', 'inspect.verify', { findingId, decision: 'reopen', note: '记录仍不完整', deadline: clock.now() + DAY }),
  );
  clock.advance(HOUR);
  // The alerts left open climb a level each: the counter writes per step.
  const before = await counterWrites(store);
  const { escalated, topped } = await escalateDue(store, clock.now());
  figures.push({
    name: `escalation (${escalated + topped} steps): counter writes per step`,
    measured: ((await counterWrites(store)) - before) / Math.max(1, escalated + topped),
    unit: 'writes',
    budget: { op: '<=', value: 1 },
  });
}

export async function stats(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'lianfang-bench-stats-'));
  const store = openSqliteStore({ file: join(dir, 'lianfang.db'), collections: COLLECTIONS });
  try {
    await seedDistrict(store, { residents: RESIDENTS });
    const clock = new ManualClock(Date.now());
    const app = createApp({ store, clock, functions: FUNCTIONS, services: { ...localServices, media: ALL_STORED } });
    await fillCounters(store, clock.now());

    // Recording actions: the counter writes each adds.
    const added: Added = async (name, run) => {
      const before = await counterWrites(store);
      await run();
      figures.push({ name: `${name}: counter writes added`, measured: (await counterWrites(store)) - before, unit: 'writes', budget: { op: '<=', value: 1 } });
    };
    let passId = '';
    await added('pass.apply', async () => (passId = (await call(app, 'demo-resident-1', 'pass.apply', { relation: 'self', reason: '居家生活' })).data['id']));
    await added('pass.review', () => call(app, 'demo-secretary', 'pass.review', { passId, decision: 'approve' }));
    const visitor = (n: number) => ({
      id: `bench-stats-${n}`,
      at: clock.now(),
      kind: 'visitor',
      direction: 'in',
      temperature: 36.5,
      verdict: 'deny',
      reason: 'VISITOR_NOT_ALLOWED',
    });
    const { verdict: _verdict, reason: _reason, ...online } = visitor(0);
    await added('gate.check (one event)', () => call(app, 'demo-volunteer-1', 'gate.check', { gateId: GATE, event: online }));
    await added('gate.sync (200 events, one day)', () =>
      call(app, 'demo-volunteer-1', 'gate.sync', { gateId: GATE, events: Array.from({ length: 200 }, (_, i) => visitor(i + 1)) }),
    );
    const before = await counterWrites(store);
    await call(app, 'demo-volunteer-1', 'gate.sync', { gateId: GATE, events: Array.from({ length: 200 }, (_, i) => visitor(i + 1)) });
    figures.push({
      name: 'gate.sync replayed: counter writes',
      measured: (await counterWrites(store)) - before,
      unit: 'writes',
      budget: { op: '<=', value: 0 },
    });
    const fever = { id: 'bench-stats-fever', at: clock.now(), kind: 'visitor', direction: 'in', temperature: 38.1, verdict: 'deny', reason: 'FEVER' };
    await call(app, 'demo-secretary', 'gate.policy', { compoundId: DEMO.compound, visitorsAllowed: true, reason: '测温后放行' });
    await call(app, 'demo-volunteer-1', 'gate.sync', { gateId: GATE, events: [fever] });
    const alert = (await call(app, 'demo-secretary', 'alert.list', { status: 'open' })).data['items'][0] as { id: string };
    await added('alert.ack', () => call(app, 'demo-secretary', 'alert.ack', { alertId: alert.id }));
    let noticeId = '';
    await added('notice.publish (urgent)', async () => {
      noticeId = (
        await call(app, 'demo-admin', 'notice.publish', {
          scopeOrgId: DEMO.district,
          title: '全区紧急通知',
          body: '请配合核酸检测。',
          level: 'urgent',
          audience: 'residents',
          requireAck: true,
        })
      ).data['id'];
    });
    await sourceWrites(app, clock, added);
    for (let i = 1; i <= 1000; i++) await call(app, `res-${String(i * 97).padStart(6, '0')}`, 'notice.read', { noticeId });

    await waitingWrites(app, clock, store, added, figures);
    figures.push(...(await foldFigures(store, clock)));

    // Reads per dashboard, by level.
    for (const [level, orgId] of [
      ['district', DEMO.district],
      ['street', DEMO.street],
      ['community', DEMO.community],
      ['compound', DEMO.compound],
    ] as const) {
      const r = await call(app, 'demo-admin', 'stats.dashboard', { orgId });
      figures.push({
        name: `stats.dashboard, ${level}: reads (100k)`,
        measured: r.meter.reads,
        unit: 'reads',
        ...(level === 'district' ? { budget: { op: '<=', value: 10 } } : {}),
      });
    }
    // In process (the handler and the store, without HTTP): where the time goes.
    const inProcess: number[] = [];
    for (let i = 0; i < 130; i++) {
      const t = process.hrtime.bigint();
      await call(app, 'demo-admin', 'stats.dashboard', { orgId: DEMO.district });
      if (i >= 30) inProcess.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    inProcess.sort((a, b) => a - b);
    figures.push({ name: 'stats.dashboard, district, in process: median', measured: percentile(inProcess, 50), unit: 'ms' });
    store.close();

    // Through the local runtime, as the phone calls it.
    const rt = await startRuntime(dir);
    try {
      const post = async (orgId: string) => {
        const res = await fetch(`${rt.url}/api/fn/stats`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-openid': 'demo-admin' },
          body: JSON.stringify({ action: 'stats.dashboard', data: { orgId } }),
        });
        const body = (await res.json()) as { ok: boolean; error?: { message: string } };
        if (!body.ok) throw new Error(`stats.dashboard: ${body.error?.message}`);
      };
      const times: number[] = [];
      for (let i = 0; i < 330; i++) {
        const t = process.hrtime.bigint();
        await post(DEMO.district);
        if (i >= 30) times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      times.sort((a, b) => a - b);
      figures.push({ name: 'stats.dashboard, district, via local runtime: median', measured: percentile(times, 50), unit: 'ms' });
      figures.push({ name: 'stats.dashboard, district, via local runtime: p99', measured: percentile(times, 99), unit: 'ms', budget: { op: '<=', value: 50 } });
    } finally {
      await rt.stop();
    }
  } finally {
    try {
      store.close();
    } catch {
      // closed before the runtime opened the file
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
