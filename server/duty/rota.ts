/**
 * Rotas as data (after engelsystem's shift types): a pattern is a list of daily shift rules
 * ("00:00–08:00", "08:00–16:00", "16:00–24:00") applied to some posts over some days, on some
 * weekdays. A shift's id is made of its post and times, so regenerating a pattern finds every
 * shift already there and creates nothing; a shift that would overlap a different existing
 * shift of the same post is refused.
 */
import { recordAccess } from '../account/access';
import * as z from 'zod/mini';
import { OVERSEERS } from '../auth/roles';
import { AT_COMPOUND } from '../auth/rules';
import type { ShiftRule } from '../../typings/duty';
import { conflict, invalid } from '../core/errors';
import { dayOf, MINUTE } from '../core/time';
import { id, intRange, listOf, paging } from '../core/validate';
import { action } from '../runtime/action';
import type { Store } from '../store/port';
import { pageResult, queryAll } from '../store/pages';
import { heads } from './fields';
import { countNewShifts } from './gauge';
import { MAX_SHIFT_MINUTES, NO_SHOW_AFTER, placeOf, toShiftView, type PostDoc, type ShiftDoc } from './model';
import { addDays, clockMinutes, clockSchema, daySchema, dayStart, minutesBetween, shortTime, span, stamp, weekdayOf } from './time';

/** Most shifts one duty.generate may create. */
export const MAX_GENERATE = 2000;

export interface Pattern {
  from: string;
  days: number;
  shifts: ShiftRule[];
  /** ISO weekdays (1 Monday … 7 Sunday) the pattern applies on; all when absent. */
  weekdays?: number[];
}

const ruleSchema = z.strictObject({ start: clockSchema(), end: clockSchema(), minHeads: z.optional(heads()), maxHeads: z.optional(heads()) });

/** Rules across a pattern's shift rules: each ends after it starts, lasts ≤ 12 h, and none overlap. */
export function checkRules(rules: ShiftRule[], add: (path: Array<string | number>, message: string) => void) {
  const spans = rules.map((r, i) => ({ i, s: clockMinutes(r.start), e: clockMinutes(r.end) }));
  for (const { i, s, e } of spans) {
    const r = rules[i];
    if (e <= s) add([i, 'end'], '班次的结束时间应晚于开始时间（跨午夜的班次请拆成两段）');
    else if (e - s > MAX_SHIFT_MINUTES) add([i, 'end'], `每个班次不超过 ${MAX_SHIFT_MINUTES / 60} 小时`);
    if (r.minHeads && r.maxHeads && r.maxHeads < r.minHeads) add([i, 'maxHeads'], '最多人数不能少于最少人数');
  }
  const sorted = spans.filter((x) => x.e > x.s).sort((a, b) => a.s - b.s);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k].s < sorted[k - 1].e) add([sorted[k].i, 'start'], '同一模板中的班次时间不能重叠');
  }
}

export const generateSchema = z
  .strictObject({
    compoundId: id(),
    postIds: listOf(id(), 1, 20),
    from: daySchema(),
    days: intRange(1, 31),
    shifts: listOf(ruleSchema, 1, 12),
    weekdays: z.optional(listOf(intRange(1, 7), 1, 7)),
  })
  .check(z.superRefine((p, ctx) => checkRules(p.shifts, (path, message) => ctx.addIssue({ code: 'custom', path: ['shifts', ...path], message }))));

const LABELS = {
  compoundId: '小区',
  postIds: '岗位',
  postId: '岗位',
  from: '开始日期',
  day: '日期',
  days: '天数',
  shifts: '班次',
  'shifts.start': '开始时间',
  'shifts.end': '结束时间',
  'shifts.minHeads': '最少人数',
  'shifts.maxHeads': '最多人数',
  weekdays: '星期',
  limit: '每页条数',
};

export const shiftId = (postId: string, start: number, end: number) => `${postId}-${stamp(start)}-${minutesBetween(start, end)}`;

/** Every shift a pattern describes for these posts (started or not), in time order. */
export function expandPattern(posts: PostDoc[], p: Pattern, createdBy: string, now: number): ShiftDoc[] {
  const out: ShiftDoc[] = [];
  for (let d = 0; d < p.days; d++) {
    const day = addDays(p.from, d);
    if (p.weekdays && !p.weekdays.includes(weekdayOf(day))) continue;
    const base = dayStart(day);
    for (const rule of p.shifts) {
      const start = base + clockMinutes(rule.start) * MINUTE;
      const end = base + clockMinutes(rule.end) * MINUTE;
      for (const post of posts) {
        const maxHeads = rule.maxHeads ?? Math.max(post.maxHeads, rule.minHeads ?? 1);
        const minHeads = rule.minHeads ?? Math.min(post.minHeads, maxHeads);
        out.push({
          _id: shiftId(post._id, start, end),
          ...placeOf({ ...post, postId: post._id, postName: post.name, day, start, end }),
          minHeads,
          maxHeads,
          requiredSkills: post.requiredSkills,
          preferredSkills: post.preferredSkills,
          crew: [],
          watchAt: start + NO_SHOW_AFTER,
          createdAt: now,
          createdBy,
        });
      }
    }
  }
  return out;
}

/** Existing shifts of these posts that may overlap [from, to): shifts last ≤ 12 h. */
function nearbyShifts(store: Store, postIds: string[], from: number, to: number) {
  return queryAll(store, 'shifts', {
    where: { postId: { $in: postIds }, start: { $gte: from - MAX_SHIFT_MINUTES * MINUTE, $lt: to } },
    orderBy: [{ field: 'start' }],
  });
}

export const rotaActions = [
  action('duty.generate', {
    roles: ['secretary'],
    scope: 'subtree',
    limit: { per: 'minute', max: 10 },
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: generateSchema,
    labels: LABELS,
    handle: async (req, ctx) => {
      const compound = ctx.target;
      const now = ctx.clock.now();
      const today = dayOf(now);
      if (req.from < today) throw invalid('data.from', '不能为已经过去的日期排班');
      if (req.from > addDays(today, 90)) throw invalid('data.from', '最多提前 90 天排班');
      const ids = [...new Set(req.postIds)];
      const found = new Map((await ctx.store.getMany('posts', ids)).map((p) => [p._id, p]));
      const posts = req.postIds.map((pid, i) => {
        const post = found.get(pid);
        if (!post || post.compoundId !== compound._id) throw invalid(`data.postIds.${i}`, '所选岗位不属于该小区');
        if (!post.active) throw invalid(`data.postIds.${i}`, `岗位「${post.name}」已停用`);
        return post;
      });
      const all = expandPattern([...new Map(posts.map((p) => [p._id, p])).values()], req, ctx.caller.openid, now);
      if (all.length > MAX_GENERATE) throw invalid('data.days', `一次最多生成 ${MAX_GENERATE} 个班次，请缩短天数或减少岗位`);
      // A shift already under way is not created (nobody could sign up for it any more).
      const wanted = all.filter((s) => s.start > now);
      if (!wanted.length) return { created: 0, existing: 0, skipped: all.length };
      const nearby = await nearbyShifts(ctx.store, ids, Math.min(...wanted.map((s) => s.start)), Math.max(...wanted.map((s) => s.end)));
      const have = new Set(nearby.map((s) => s._id));
      const fresh = wanted.filter((s) => !have.has(s._id));
      for (const s of fresh) {
        const clash = nearby.find((x) => x.postId === s.postId && x.start < s.end && s.start < x.end);
        if (clash) {
          throw conflict(`与已有班次重叠：${clash.postName} ${shortTime(clash.start)}（${span(clash.start, clash.end)}）`, {
            field: 'data.shifts',
            shiftId: clash._id,
          });
        }
      }
      // A day's new shifts with their hours on the dashboard, one transaction per day.
      const byDay = new Map<string, ShiftDoc[]>();
      for (const s of fresh) byDay.set(s.day, [...(byDay.get(s.day) ?? []), s]);
      const postsById = new Map(posts.map((p) => [p._id, p]));
      let created = 0;
      for (const shifts of byDay.values()) {
        created += await ctx.store.transaction(async (tx) => {
          const added: ShiftDoc[] = [];
          for (const s of shifts) {
            if (await tx.get('shifts', s._id)) continue;
            await tx.insert('shifts', s);
            added.push(s);
          }
          await countNewShifts(tx, added, postsById);
          return added.length;
        });
      }
      return { created, existing: wanted.length - created, skipped: all.length - wanted.length };
    },
  }),

  action('duty.shifts', {
    roles: ['volunteer', ...OVERSEERS],
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({
      compoundId: id(),
      day: z.optional(daySchema()),
      days: z.optional(intRange(1, 7)),
      postId: z.optional(id()),
      ...paging(500),
    }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const compound = ctx.target;
      const now = ctx.clock.now();
      const from = req.day ?? dayOf(now);
      const to = addDays(from, (req.days ?? 1) - 1);
      const page = await ctx.store.query('shifts', {
        where: { compoundId: compound._id, day: { $gte: from, $lte: to }, ...(req.postId ? { postId: req.postId } : {}) },
        orderBy: [{ field: 'start' }],
        limit: req.limit ?? 200,
        cursor: req.cursor,
      });
      const fullNames = ctx.caller.seesFullNames(compound);
      if (fullNames)
        await recordAccess(
          ctx,
          'duty.shifts',
          compound,
          page.items.flatMap((s) => s.crew.map((c) => c.openid)),
        );
      return pageResult(page, (s) => toShiftView(s, now, fullNames));
    },
  }),
];
