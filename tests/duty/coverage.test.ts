/**
 * duty.coverage against a brute-force count: a community with rotas in three compounds, random
 * sign-ups, check-ins and check-outs, compared at the compound, the community and the street,
 * now and for a day.
 */
import type { CoverageReport, PostCoverage, ShiftView } from '../../typings/duty';
import type { StatDashboard, StatTile } from '../../typings/stats';
import { grantFields } from '../../server/account/grants';
import type { ShiftDoc } from '../../server/duty/model';
import { at, enlist, T0, TODAY, useDutyHarness } from './support';

const h = useDutyHarness();

const COMMUNITY = 'sz-s1-c01';
const COMPOUNDS = ['sz-s1-c01-x01', 'sz-s1-c01-x02', 'sz-s1-c01-x03'];
const PATH = ['sz', 'sz-s1', COMMUNITY];
const TOMORROW = '2026-11-29';

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function secretaryOf(compoundId: string) {
  const openid = `wx-sec-${compoundId}`;
  if (!(await h.store.get('users', openid))) {
    await h.store.insert('users', {
      _id: openid,
      ...grantFields([{ role: 'secretary', orgId: compoundId, path: PATH, grantedBy: 'test', at: T0 }]),
      createdAt: T0,
      updatedAt: T0,
    });
  }
  return openid;
}

/** Rotas in three compounds, filled at random, then a morning of check-ins and check-outs. */
async function buildCommunity(seed: number) {
  const random = rng(seed);
  h.clock.set(at('2026-11-27', '12:00'));
  const volunteers = new Map<string, string[]>();
  for (const compoundId of COMPOUNDS) {
    const sec = await secretaryOf(compoundId);
    if (compoundId !== 'sz-s1-c01-x01') {
      await h.ok(sec, 'duty.savePost', { compoundId, kind: 'gate', name: '东门执勤岗', gateId: `${compoundId}-g1`, minHeads: 2, maxHeads: 3 });
      await h.ok(sec, 'duty.savePost', { compoundId, kind: 'disinfection', name: '环境消毒岗', minHeads: 1, maxHeads: 2 });
      await h.ok(sec, 'duty.savePost', { compoundId, kind: 'care', name: '服务关爱岗', minHeads: 2, maxHeads: 4, alwaysOn: true });
      await h.ok(sec, 'duty.savePost', { compoundId, kind: 'census', name: '停用的岗', minHeads: 1, maxHeads: 1, active: false });
    }
    const posts = (await h.ok(sec, 'duty.posts', { compoundId })).items.filter((p) => p.active);
    const gates = posts.filter((p) => p.kind === 'gate').map((p) => p.id);
    const others = posts.filter((p) => p.kind !== 'gate' && p.requiredSkills.length === 0).map((p) => p.id);
    await h.ok(sec, 'duty.generate', {
      compoundId,
      postIds: gates,
      from: TODAY,
      days: 2,
      shifts: [
        { start: '00:00', end: '08:00' },
        { start: '08:00', end: '16:00' },
        { start: '16:00', end: '24:00' },
      ],
    });
    await h.ok(sec, 'duty.generate', {
      compoundId,
      postIds: others,
      from: TODAY,
      days: 2,
      shifts: [
        { start: '07:00', end: '09:00' },
        { start: '09:30', end: '11:00', minHeads: 2 },
      ],
    });
    const people: string[] = [];
    for (let i = 0; i < 12; i++) people.push(await enlist(h.store, { compoundId, compoundPath: PATH }));
    volunteers.set(compoundId, people);
    const shifts = (await h.ok(sec, 'duty.shifts', { compoundId, day: TODAY, days: 2 })).items;
    for (const s of shifts) for (const v of people) if (random() < 0.25) await h.call(v, 'duty.signup', { shiftId: s.id }); // some refused by the rules: fine
  }
  // 08:40 today: some of those due checked in, some of them already left.
  h.clock.set(at(TODAY, '07:00'));
  const codes = new Map<string, string>();
  for (const compoundId of COMPOUNDS) {
    const sec = await secretaryOf(compoundId);
    for (const p of (await h.ok(sec, 'duty.posts', { compoundId })).items) codes.set(p.id, (await h.ok(sec, 'duty.postCode', { postId: p.id })).code);
  }
  for (const minute of ['07:00', '07:50', '08:20', '08:40']) {
    h.clock.set(at(TODAY, minute));
    for (const compoundId of COMPOUNDS) {
      const shifts: ShiftView[] = (await h.ok(await secretaryOf(compoundId), 'duty.shifts', { compoundId, day: TODAY })).items;
      for (const s of shifts) {
        for (const c of s.crew) {
          if (c.status === 'assigned' && random() < 0.5) await h.call(c.openid, 'duty.checkIn', { shiftId: s.id, code: codes.get(s.postId)! });
          else if (c.status === 'on' && random() < 0.2) await h.call(c.openid, 'duty.checkOut', { shiftId: s.id });
        }
      }
    }
  }
}

/** The brute-force count, written from the definitions in typings/duty.ts. */
async function bruteForce(nodeId: string, day: string, now: number) {
  const posts = (await h.store.query('posts', { limit: 1000 })).items.filter((p) => p.path.includes(nodeId));
  const shifts = (await h.store.query('shifts', { limit: 1000 })).items.filter((s) => s.path.includes(nodeId));
  const rows = new Map<string, PostCoverage>();
  for (const p of posts) {
    const mine = shifts.filter((s) => s.postId === p._id);
    const ofDay = mine.filter((s) => s.day === day);
    if (!p.active && ofDay.length === 0) continue;
    const running = mine.filter((s) => s.start <= now && now < s.end);
    const onDuty = (s: ShiftDoc) => s.crew.filter((c) => c.status === 'on').length;
    const came = (s: ShiftDoc) => s.crew.filter((c) => c.checkInAt !== undefined).length;
    let nowRow = { required: 0, present: 0, gap: 0 };
    if (running.length === 0 && p.alwaysOn && p.active) nowRow = { required: p.minHeads, present: 0, gap: p.minHeads };
    for (const s of running)
      nowRow = { required: nowRow.required + s.minHeads, present: nowRow.present + onDuty(s), gap: nowRow.gap + Math.max(0, s.minHeads - onDuty(s)) };
    let dayRow = { shifts: 0, required: 0, assigned: 0, checkedIn: 0, gap: 0 };
    for (const s of ofDay) {
      dayRow = {
        shifts: dayRow.shifts + 1,
        required: dayRow.required + s.minHeads,
        assigned: dayRow.assigned + s.crew.length,
        checkedIn: dayRow.checkedIn + came(s),
        gap: dayRow.gap + Math.max(0, s.minHeads - (now >= s.start ? came(s) : s.crew.length)),
      };
    }
    rows.set(p._id, { postId: p._id, name: p.name, kind: p.kind, compoundId: p.compoundId, compoundName: p.compoundName, now: nowRow, day: dayRow });
  }
  const totals = (list: PostCoverage[]) => ({
    posts: list.length,
    postsWithGap: list.filter((r) => r.now.gap > 0).length,
    now: { required: sum(list, (r) => r.now.required), present: sum(list, (r) => r.now.present), gap: sum(list, (r) => r.now.gap) },
    day: {
      shifts: sum(list, (r) => r.day.shifts),
      required: sum(list, (r) => r.day.required),
      assigned: sum(list, (r) => r.day.assigned),
      checkedIn: sum(list, (r) => r.day.checkedIn),
      gap: sum(list, (r) => r.day.gap),
    },
  });
  const node = (await h.store.get('orgs', nodeId))!;
  // Rolled up per child node above a compound; a compound lists its posts only.
  const children = node.level === 'compound' ? [] : (await h.store.query('orgs', { where: { parentId: nodeId }, limit: 1000 })).items;
  const depthOf = node.path.length + 1;
  const childTotals = new Map(
    children.map((c) => [c._id, totals([...rows.values()].filter((r) => posts.find((p) => p._id === r.postId)!.path[depthOf] === c._id))]),
  );
  return { rows, total: totals([...rows.values()]), childTotals };
}

const sum = <T>(list: T[], f: (x: T) => number) => list.reduce((n, x) => n + f(x), 0);
const gapsFirst = (list: Array<{ now: { gap: number }; day: { gap: number } }>) =>
  list.every((r, i) => i === 0 || list[i - 1].now.gap > r.now.gap || (list[i - 1].now.gap === r.now.gap && list[i - 1].day.gap >= r.day.gap));

async function compare(who: string, orgId: string, day?: string) {
  const r = await h.call(who, 'duty.coverage', { orgId, ...(day ? { day } : {}) });
  if (!r.ok) throw new Error(r.error.message);
  const report: CoverageReport = r.data;
  const expected = await bruteForce(orgId, day ?? TODAY, h.clock.now());
  expect(report.total).toEqual(expected.total);
  expect(gapsFirst(report.posts)).toBe(true);
  const shown = new Map(report.posts.map((p) => [p.postId, p]));
  for (const [id, row] of expected.rows) {
    if (shown.has(id)) expect(shown.get(id)).toEqual(row);
    else expect(row.now.gap + row.day.gap).toBe(0); // above a compound only posts with gaps are listed
  }
  expect(report.children.map((c) => c.orgId).sort()).toEqual([...expected.childTotals.keys()].sort());
  for (const c of report.children) {
    const { orgId: _o, name: _n, level: _l, ...totals } = c;
    expect(totals).toEqual(expected.childTotals.get(c.orgId));
  }
  expect(gapsFirst(report.children)).toBe(true);
  return { report, meter: r.meter };
}

test.each([1, 2, 3])('coverage matches a brute-force count (seed %i)', async (seed) => {
  await buildCommunity(seed);
  const compound = await compare('demo-secretary', 'sz-s1-c01-x01');
  expect(compound.report.children).toEqual([]);
  expect(compound.report.posts.length).toBe(8);
  const community = await compare('demo-community-staff', COMMUNITY);
  expect(community.report.children).toHaveLength(11);
  expect(community.report.total.posts).toBe(8 + 3 + 3);
  // The random morning left a mix: people on duty, people gone home, places unfilled.
  const { now, day } = community.report.total;
  expect(now.present).toBeGreaterThan(0);
  expect(now.gap).toBeGreaterThan(0);
  expect(day.checkedIn).toBeGreaterThan(now.present);
  expect(day.assigned).toBeGreaterThan(day.checkedIn);
  // Reads: the caller, the node, posts, shifts, children — not one per post.
  expect(community.meter.reads).toBeLessThanOrEqual(10 + community.report.total.posts);
  expect(community.meter.reads).toBeLessThanOrEqual(6);
  await compare('demo-street-staff', 'sz-s1');
  await compare('demo-community-staff', COMMUNITY, TOMORROW);
  // Later in the day the "now" figures move with the clock.
  await dashboardAgrees(['sz-s1-c01-x01', COMMUNITY, 'sz-s1']);
  h.clock.set(at(TODAY, '10:00'));
  await compare('demo-community-staff', COMMUNITY);
  await dashboardAgrees(['sz-s1-c01-x01', 'sz-s1-c01-x02', COMMUNITY, 'sz-s1', 'sz']);
});

/**
 * The dashboard's 值守在岗, kept on write in hour slots, says what coverage says now, for the node
 * and each child — at moments when the running shifts are those of the hour (08:40, 10:00 here).
 */
async function dashboardAgrees(orgIds: string[]) {
  for (const orgId of orgIds) {
    const coverage = await h.ok('demo-admin', 'duty.coverage', { orgId });
    const r = await h.raw('demo-admin', 'stats.dashboard', { orgId });
    if (!r.ok) throw new Error(r.error.message);
    const duty = (r.data as StatDashboard).sections.find((s) => s.id === 'duty')!;
    const now = (tiles: StatTile[]) => Object.fromEntries(['required', 'present', 'gap'].map((k) => [k, tiles.find((t) => t.key === k)!.value]));
    expect({ orgId, now: now(duty.tiles) }).toEqual({ orgId, now: coverage.total.now });
    for (const c of coverage.children)
      expect({ orgId: c.orgId, now: now(duty.children.find((x) => x.orgId === c.orgId)!.tiles) }).toEqual({ orgId: c.orgId, now: c.now });
    expect(coverage.total.now.required).toBeGreaterThan(0);
  }
}

test('gaps first: an uncovered gate is the first row; an inactive post without shifts is left out', async () => {
  await buildCommunity(7);
  const { report } = await compare('demo-community-staff', COMMUNITY);
  expect(report.posts[0].now.gap).toBeGreaterThan(0);
  expect(report.posts.some((p) => p.name === '停用的岗')).toBe(false);
});

test('who may look: overseers of the node, not volunteers; not a building; not outside one’s subtree', async () => {
  const r1 = await h.raw('demo-volunteer-1', 'duty.coverage', { orgId: 'sz-s1-c01-x01' });
  expect(r1).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const r2 = await h.raw('demo-secretary', 'duty.coverage', { orgId: COMMUNITY });
  expect(r2).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const r3 = await h.raw('demo-secretary', 'duty.coverage', { orgId: 'sz-s1-c01-x01-b01' });
  expect(r3).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.orgId' } } });
  const r4 = await h.raw('demo-secretary', 'duty.coverage', { orgId: 'sz-s1-c01-x01', day: '2026-13-01' });
  expect(r4).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.day' } } });
  // With no rota at all, the always-on gate posts are the gap.
  const empty = await h.ok('demo-secretary', 'duty.coverage', { orgId: 'sz-s1-c01-x01' });
  expect(empty.total.now).toEqual({ required: 3, present: 0, gap: 3 });
  expect(empty.posts.slice(0, 2).map((p) => p.kind)).toEqual(['gate', 'gate']);
});
