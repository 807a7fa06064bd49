/**
 * Duty figures: duty.coverage for a community of ten compounds (reads against 10 + posts,
 * p99 in process), generating a week's rota for a compound, and the sign-up conflict check at
 * 100 and at 10,000 shifts in the compound (reads per sign-up must not grow; time reported).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grantFields } from '../server/account/grants';
import type { Grant } from '../server/auth/caller';
import { ManualClock } from '../server/core/clock';
import type { PostDoc } from '../server/duty/model';
import { volunteerId, type VolunteerDoc } from '../server/volunteer/model';
import { expandPattern } from '../server/duty/rota';
import { dayStart } from '../server/duty/time';
import { COLLECTIONS, FUNCTIONS } from '../server/app';
import type { OrgDoc } from '../server/auth/nodes';
import { createApp, type App } from '../server/runtime/dispatch';
import { seedDistrict } from '../server/seed/seed';
import type { Meter } from '../server/store/metered';
import type { Store } from '../server/store/port';
import { queryAll } from '../server/store/pages';
import { openSqliteStore } from '../server/store/sqlite';
import { HOUR, MINUTE } from '../server/core/time';
import { startRuntime } from '../tests/support/runtime-process';
import { percentile, type Figure } from './figures';

/** A community of exactly ten compounds (the first five of 城关街道 have eleven). */
const COMMUNITY = 'sz-s1-c06';
const TODAY = '2026-11-28';
const THREE_SHIFTS = [
  { start: '00:00', end: '08:00' },
  { start: '08:00', end: '16:00' },
  { start: '16:00', end: '24:00' },
];
const DAY_SHIFTS = [
  { start: '07:00', end: '09:00' },
  { start: '09:00', end: '12:00' },
  { start: '14:00', end: '17:00' },
];
const OTHER_KINDS = ['publicity', 'disinfection', 'emergency', 'supplies', 'census', 'care'] as const;

const elapsedMs = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

async function call(app: App, openid: string, action: string, data: unknown, meter?: Meter) {
  const r = await app.call(action.split('.')[0], { action, data }, openid, { meter });
  if (!r.ok) throw new Error(`${action}: ${r.error.code} ${r.error.message}`);
  return r.data as never;
}

/** Someone holding `role` at a compound (straight to the store). */
async function grant(store: Store, openid: string, role: Grant['role'], compound: OrgDoc) {
  const g: Grant = { role, orgId: compound._id, path: compound.path, grantedBy: 'bench', at: 0 };
  await store.insert('users', { _id: openid, ...grantFields([g]), createdAt: 0, updatedAt: 0 });
}

/** Approved volunteers of a compound, with skills enough for any demo post. */
async function volunteers(store: Store, compound: OrgDoc, n: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const openid = `${prefix}-${compound._id}-${i}`;
    await grant(store, openid, 'volunteer', compound);
    const doc: VolunteerDoc = {
      _id: volunteerId(compound._id, openid),
      openid,
      compoundId: compound._id,
      compoundPath: compound.path,
      name: `志愿者${i}`,
      phone: `139${String(i).padStart(8, '0')}`,
      skills: ['medical', 'disinfection', 'security'],
      partyMember: i % 2 === 0,
      status: 'approved',
      appliedAt: 0,
    };
    await store.insert('volunteers', doc);
    ids.push(openid);
  }
  return ids;
}

/** The seven kinds of post in a compound: a gate post per gate, one of every other kind. */
async function savePosts(app: App, secretary: string, compoundId: string, gateIds: string[]): Promise<{ gates: string[]; others: string[] }> {
  const gates: string[] = [];
  for (const [i, gateId] of gateIds.entries()) {
    gates.push(
      (
        (await call(app, secretary, 'duty.savePost', { compoundId, kind: 'gate', name: `${i + 1}号门执勤岗`, gateId, minHeads: 2, maxHeads: 3 })) as {
          id: string;
        }
      ).id,
    );
  }
  const others: string[] = [];
  for (const kind of OTHER_KINDS) {
    const required = kind === 'emergency' ? ['medical'] : kind === 'disinfection' ? ['disinfection'] : [];
    others.push(
      (
        (await call(app, secretary, 'duty.savePost', { compoundId, kind, name: `${kind}岗`, minHeads: 1, maxHeads: 3, requiredSkills: required })) as {
          id: string;
        }
      ).id,
    );
  }
  return { gates, others };
}

async function coverageFigures(store: Store, app: App, clock: ManualClock): Promise<Figure[]> {
  const compounds = (await store.query('orgs', { where: { parentId: COMMUNITY }, orderBy: [{ field: 'order' }] })).items;
  if (compounds.length !== 10) throw new Error(`${COMMUNITY} has ${compounds.length} compounds, not 10`);
  clock.set(dayStart(TODAY) - 12 * HOUR); // the evening before: rotas are made ahead
  let posts = 0;
  const crews: Array<{ shiftId: string; postId: string; secretary: string; start: number; openids: string[] }> = [];
  for (const c of compounds) {
    const secretary = `bench-sec-${c._id}`;
    await grant(store, secretary, 'secretary', c);
    const gateIds = (await store.query('gates', { where: { compoundId: c._id } })).items.map((g) => g._id);
    const { gates, others } = await savePosts(app, secretary, c._id, gateIds);
    posts += gates.length + others.length;
    await call(app, secretary, 'duty.generate', { compoundId: c._id, postIds: gates, from: TODAY, days: 1, shifts: THREE_SHIFTS });
    await call(app, secretary, 'duty.generate', { compoundId: c._id, postIds: others, from: TODAY, days: 1, shifts: DAY_SHIFTS });
    const people = await volunteers(store, c, 16, 'bench-cov');
    const { items } = (await call(app, secretary, 'duty.shifts', { compoundId: c._id, day: TODAY })) as {
      items: Array<{ id: string; postId: string; start: number; maxHeads: number }>;
    };
    let k = 0;
    for (const s of items) {
      const openids: string[] = [];
      for (let j = 0; j < Math.min(2, s.maxHeads); j++) {
        const who = people[k++ % people.length];
        if ((await app.call('duty', { action: 'duty.signup', data: { shiftId: s.id } }, who)).ok) openids.push(who);
      }
      crews.push({ shiftId: s.id, postId: s.postId, secretary, start: s.start, openids });
    }
  }
  // 09:30: on the shifts running now, one of each crew has checked in with the post's code.
  const now = dayStart(TODAY) + 9 * HOUR + 30 * MINUTE;
  clock.set(now);
  const codes = new Map<string, string>();
  for (const { shiftId, postId, secretary, start, openids } of crews) {
    if (start > now || !openids.length) continue;
    if (!codes.has(postId)) codes.set(postId, ((await call(app, secretary, 'duty.postCode', { postId })) as { code: string }).code);
    await app.call('duty', { action: 'duty.checkIn', data: { shiftId, code: codes.get(postId) } }, openids[0]);
  }
  const staff = 'bench-community-staff';
  const community = (await store.get('orgs', COMMUNITY))!;
  await store.insert('users', {
    _id: staff,
    ...grantFields([{ role: 'staff', orgId: community._id, path: community.path, grantedBy: 'bench', at: 0 }]),
    createdAt: 0,
    updatedAt: 0,
  });
  const reads: Meter = { reads: 0, writes: 0 };
  const report = (await call(app, staff, 'duty.coverage', { orgId: COMMUNITY }, reads)) as { total: { posts: number; now: { gap: number; present: number } } };
  if (report.total.posts !== posts) throw new Error(`coverage saw ${report.total.posts} posts, expected ${posts}`);
  for (let i = 0; i < 30; i++) await call(app, staff, 'duty.coverage', { orgId: COMMUNITY });
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = process.hrtime.bigint();
    await call(app, staff, 'duty.coverage', { orgId: COMMUNITY });
    times.push(elapsedMs(t));
  }
  times.sort((a, b) => a - b);
  return [
    { name: `duty.coverage, community of 10 compounds (${posts} posts): reads`, measured: reads.reads, unit: 'reads', budget: { op: '<=', value: 10 + posts } },
    { name: 'duty.coverage, community of 10 compounds: median (in process)', measured: percentile(times, 50), unit: 'ms' },
    { name: 'duty.coverage, community of 10 compounds: p99 (in process)', measured: percentile(times, 99), unit: 'ms' },
  ];
}

async function rotaFigures(store: Store, app: App, clock: ManualClock): Promise<Figure[]> {
  const compound = (await store.get('orgs', 'sz-s2-c01-x01'))!;
  const secretary = 'bench-sec-rota';
  await grant(store, secretary, 'secretary', compound);
  clock.set(dayStart(TODAY) - 12 * HOUR);
  const gateIds = (await store.query('gates', { where: { compoundId: compound._id } })).items.map((g) => g._id);
  // The dashboard's hour slots: one write per day of each generate (server/duty/gauge.ts).
  const counterWrites = async () =>
    (await queryAll(store, 'stats', { where: { bucket: compound.path[1] }, orderBy: [{ field: '_id' }] })).reduce((n, d) => n + (d._v ?? 0), 0);
  const t = process.hrtime.bigint();
  const meter: Meter = { reads: 0, writes: 0 };
  const { gates, others } = await savePosts(app, secretary, compound._id, gateIds);
  const countersBefore = await counterWrites();
  const a = (await call(app, secretary, 'duty.generate', { compoundId: compound._id, postIds: gates, from: TODAY, days: 7, shifts: THREE_SHIFTS }, meter)) as {
    created: number;
  };
  const b = (await call(app, secretary, 'duty.generate', { compoundId: compound._id, postIds: others, from: TODAY, days: 7, shifts: DAY_SHIFTS }, meter)) as {
    created: number;
  };
  const ms = elapsedMs(t);
  const counters = (await counterWrites()) - countersBefore;
  const again: Meter = { reads: 0, writes: 0 };
  await call(app, secretary, 'duty.generate', { compoundId: compound._id, postIds: gates, from: TODAY, days: 7, shifts: THREE_SHIFTS }, again);
  return [
    {
      name: `week's rota for a compound (${gates.length + others.length} posts, ${a.created + b.created} shifts): time`,
      measured: ms,
      unit: 'ms',
      budget: { op: '<=', value: 1000 },
    },
    {
      name: "week's rota: writes per shift, besides the dashboard's",
      measured: (meter.writes - counters) / (a.created + b.created),
      unit: 'writes',
      budget: { op: '<=', value: 1 },
    },
    { name: "week's rota (2 × 7 days): the dashboard's counter writes", measured: counters, unit: 'writes', budget: { op: '<=', value: 14 } },
    { name: "week's rota regenerated: writes", measured: again.writes, unit: 'writes', budget: { op: '<=', value: 0 } },
  ];
}

async function signupFigures(store: Store, app: App, clock: ManualClock): Promise<Figure[]> {
  const compound = (await store.get('orgs', 'sz-s3-c01-x01'))!;
  clock.set(dayStart(TODAY) - 12 * HOUR);
  const base: PostDoc = {
    _id: `${compound._id}-bench`,
    compoundId: compound._id,
    compoundName: compound.name,
    path: [...compound.path, compound._id],
    kind: 'census',
    name: '压测岗',
    requiredSkills: [],
    preferredSkills: [],
    minHeads: 1,
    maxHeads: 20,
    checkInBy: 'either',
    alwaysOn: false,
    active: true,
    order: 0,
    createdAt: 0,
    updatedAt: 0,
  };
  await store.insert('posts', base);
  const people = await volunteers(store, compound, 200, 'bench-signup');
  const inCompound = () => store.count('shifts', { compoundId: compound._id });
  let batch = 0;
  /** Fills the compound's rota up to `total` shifts, then times 100 sign-ups, each to its own shift. */
  const measure = async (total: number) => {
    batch++;
    // The shifts signed up for: one a day at 08:00 (first batch) or 12:00, for 100 days.
    const targets = expandPattern(
      [base],
      { from: TODAY, days: 100, shifts: [{ start: batch === 1 ? '08:00' : '12:00', end: batch === 1 ? '09:00' : '13:00' }] },
      'bench',
      0,
    );
    const fillers = total - (await inCompound()) - targets.length;
    // One-hour shifts of other posts over 30 days, straight to the store.
    const posts = Array.from({ length: Math.ceil(fillers / 30) }, (_, i) => ({ ...base, _id: `${base._id}-${batch}-${i}` }));
    const docs = [
      ...expandPattern(posts, { from: TODAY, days: 30, shifts: [{ start: '02:00', end: '03:00' }] }, 'bench', 0).slice(0, Math.max(0, fillers)),
      ...targets,
    ];
    for (let i = 0; i < docs.length; i += 1000) await store.insertMany('shifts', docs.slice(i, i + 1000));
    const times: number[] = [];
    const reads: number[] = [];
    for (let i = 0; i < targets.length; i++) {
      const meter: Meter = { reads: 0, writes: 0 };
      const t = process.hrtime.bigint();
      await call(app, people[(batch - 1) * 100 + i], 'duty.signup', { shiftId: targets[i]._id }, meter);
      times.push(elapsedMs(t));
      reads.push(meter.reads);
    }
    times.sort((a, b) => a - b);
    return { reads: Math.max(...reads), minReads: Math.min(...reads), median: percentile(times, 50), count: await inCompound() };
  };
  const small = await measure(100);
  const large = await measure(10_000);
  if (small.reads !== small.minReads || large.reads !== large.minReads) throw new Error('sign-up reads varied within a batch');
  return [
    { name: `sign-up at ${small.count} shifts in the compound: reads`, measured: small.reads, unit: 'reads' },
    { name: `sign-up at ${large.count} shifts in the compound: reads`, measured: large.reads, unit: 'reads' },
    { name: 'sign-up reads, 10,000 vs 100 shifts: difference', measured: large.reads - small.reads, unit: 'reads', budget: { op: '<=', value: 0 } },
    { name: `sign-up at ${small.count} shifts: median (in process)`, measured: small.median, unit: 'ms' },
    { name: `sign-up at ${large.count} shifts: median (in process)`, measured: large.median, unit: 'ms' },
  ];
}

export async function duty(): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianfang-bench-duty-'));
  const store = openSqliteStore({ file: join(dataDir, 'lianfang.db'), collections: COLLECTIONS });
  try {
    await seedDistrict(store);
    const clock = new ManualClock(dayStart(TODAY));
    const app = createApp({ store, clock, functions: FUNCTIONS });
    const figures = [...(await coverageFigures(store, app, clock)), ...(await rotaFigures(store, app, clock)), ...(await signupFigures(store, app, clock))];
    store.close();
    return [...figures, ...(await coverageOverHttp(dataDir))];
  } finally {
    try {
      store.close();
    } catch {
      // already closed
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same community's coverage through the local runtime (a separate process), as a street staff member asks for it. */
async function coverageOverHttp(dataDir: string): Promise<Figure[]> {
  const rt = await startRuntime(dataDir, { TICK_MS: '0' });
  try {
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = process.hrtime.bigint();
      const res = await fetch(`${rt.url}/api/fn/duty`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': 'demo-street-staff' },
        body: JSON.stringify({ action: 'duty.coverage', data: { orgId: COMMUNITY, day: TODAY } }),
      });
      const body = (await res.json()) as { ok: boolean; error?: { message: string } };
      if (!body.ok) throw new Error(`duty.coverage: ${body.error?.message}`);
      if (i >= 30) times.push(elapsedMs(t));
    }
    times.sort((a, b) => a - b);
    return [
      { name: 'duty.coverage via local runtime: median', measured: percentile(times, 50), unit: 'ms' },
      { name: 'duty.coverage via local runtime: p99', measured: percentile(times, 99), unit: 'ms' },
    ];
  } finally {
    await rt.stop();
  }
}

/** `npx tsx bench/duty.ts` runs these figures alone. */
if (require.main === module) {
  void import('./figures').then(async ({ formatTable }) => console.log(formatTable(await duty())));
}
