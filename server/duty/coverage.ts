/**
 * duty.coverage: for every post under a node, the heads its shifts need against the heads
 * checked in — now, and over a day — with the gaps first; above a compound, rolled up per
 * child node. Reads: the posts under the node, that day's shifts under it (and today's, when the
 * day is another), and the node's children: a handful of queries, whatever the number of posts.
 */
import * as z from 'zod/mini';
import type { CoverageDay, CoverageNow, CoverageReport, CoverageTotals, PostCoverage } from '../../typings/duty';
import { invalid } from '../core/errors';
import { dayOf } from '../core/time';
import { id } from '../core/validate';
import type { OrgDoc } from '../auth/nodes';
import { OVERSEERS } from '../auth/roles';
import { COMPOUND_OR_ABOVE } from '../auth/rules';
import { action } from '../runtime/action';
import type { Store } from '../store/port';
import { queryAll } from '../store/pages';
import type { PostDoc, ShiftDoc } from './model';
import { daySchema } from './time';

/** At most this many posts are listed above a compound (those with gaps). */
const MAX_LISTED = 200;

const emptyNow = (): CoverageNow => ({ required: 0, present: 0, gap: 0 });
const emptyDay = (): CoverageDay => ({ shifts: 0, required: 0, assigned: 0, checkedIn: 0, gap: 0 });
const emptyTotals = (): CoverageTotals => ({ posts: 0, postsWithGap: 0, now: emptyNow(), day: emptyDay() });

const checkedIn = (s: ShiftDoc) => s.crew.filter((c) => c.checkInAt !== undefined).length;
const present = (s: ShiftDoc) => s.crew.filter((c) => c.status === 'on').length;

/** Adds one shift's figures for the day. */
function addDay(d: CoverageDay, s: ShiftDoc, now: number) {
  const inn = checkedIn(s);
  d.shifts++;
  d.required += s.minHeads;
  d.assigned += s.crew.length;
  d.checkedIn += inn;
  d.gap += Math.max(0, s.minHeads - (now >= s.start ? inn : s.crew.length));
}

/** A post's figures now, from the shifts running now (an always-on post with none running is a gap). */
function nowOf(post: PostDoc, running: ShiftDoc[]): CoverageNow {
  if (!running.length) return post.alwaysOn && post.active ? { required: post.minHeads, present: 0, gap: post.minHeads } : emptyNow();
  const n = emptyNow();
  for (const s of running) {
    const here = present(s);
    n.required += s.minHeads;
    n.present += here;
    n.gap += Math.max(0, s.minHeads - here);
  }
  return n;
}

function addTotals(t: CoverageTotals, p: PostCoverage) {
  t.posts++;
  if (p.now.gap > 0) t.postsWithGap++;
  for (const k of ['required', 'present', 'gap'] as const) t.now[k] += p.now[k];
  for (const k of ['shifts', 'required', 'assigned', 'checkedIn', 'gap'] as const) t.day[k] += p.day[k];
}

const byGap = (a: { now: CoverageNow; day: CoverageDay }, b: { now: CoverageNow; day: CoverageDay }) => b.now.gap - a.now.gap || b.day.gap - a.day.gap;

/** Shifts of a day under a node, grouped by post. */
async function shiftsByPost(store: Store, node: OrgDoc, day: string): Promise<Map<string, ShiftDoc[]>> {
  const shifts = await queryAll(store, 'shifts', { where: { path: { $has: node._id }, day }, orderBy: [{ field: 'start' }] });
  const out = new Map<string, ShiftDoc[]>();
  for (const s of shifts) out.set(s.postId, [...(out.get(s.postId) ?? []), s]);
  return out;
}

export async function coverage(store: Store, node: OrgDoc, day: string, now: number): Promise<CoverageReport> {
  const today = dayOf(now);
  const childLevel = node.level !== 'compound';
  const [posts, ofDay, ofToday, children] = await Promise.all([
    queryAll(store, 'posts', { where: { path: { $has: node._id } }, orderBy: [{ field: 'compoundId' }, { field: 'order' }] }),
    shiftsByPost(store, node, day),
    day === today ? undefined : shiftsByPost(store, node, today),
    childLevel ? queryAll(store, 'orgs', { where: { parentId: node._id }, orderBy: [{ field: 'order' }] }) : Promise.resolve([] as OrgDoc[]),
  ]);
  const todays = ofToday ?? ofDay;
  const rows: Array<PostCoverage & { lineage: string[] }> = [];
  for (const post of posts) {
    const dayShifts = ofDay.get(post._id) ?? [];
    if (!post.active && !dayShifts.length) continue;
    const d = emptyDay();
    for (const s of dayShifts) addDay(d, s, now);
    const running = (todays.get(post._id) ?? []).filter((s) => s.start <= now && now < s.end);
    rows.push({
      postId: post._id,
      name: post.name,
      kind: post.kind,
      compoundId: post.compoundId,
      compoundName: post.compoundName,
      now: nowOf(post, running),
      day: d,
      lineage: post.path,
    });
  }
  rows.sort(byGap);

  const total = emptyTotals();
  const perChild = new Map(children.map((c) => [c._id, { orgId: c._id, name: c.name, level: c.level, ...emptyTotals() }]));
  const depth = node.path.length + 1; // where a child sits in a post's lineage
  for (const r of rows) {
    addTotals(total, r);
    const child = perChild.get(r.lineage[depth]);
    if (child) addTotals(child, r);
  }
  const shown = childLevel ? rows.filter((r) => r.now.gap > 0 || r.day.gap > 0).slice(0, MAX_LISTED) : rows;
  return {
    orgId: node._id,
    orgName: node.name,
    level: node.level,
    day,
    at: now,
    total,
    posts: shown.map(({ lineage: _lineage, ...r }) => r),
    children: [...perChild.values()].sort(byGap),
  };
}

export const coverageActions = [
  action('duty.coverage', {
    roles: OVERSEERS,
    scope: 'subtree',
    target: { field: 'orgId', ...COMPOUND_OR_ABOVE },
    schema: z.strictObject({ orgId: id(), day: z.optional(daySchema()) }),
    labels: { orgId: '组织', day: '日期' },
    handle: async (req, ctx) => {
      const node = ctx.target;
      if (node.level === 'building') throw invalid('data.orgId', '请选择小区或以上的组织');
      const now = ctx.clock.now();
      return coverage(ctx.store, node, req.day ?? dayOf(now), now);
    },
  }),
];
