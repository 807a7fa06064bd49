/**
 * duty.checkIn / duty.checkOut. A volunteer on the crew checks in from 15 minutes before the
 * start until the end, by the post's printed code (LFD1, verified with the shared verifier),
 * by location (gcj02, within the post's radius), or both — as the post asks. Every check runs
 * before the one transaction that writes, so a refused check-in writes nothing.
 */
import * as z from 'zod/mini';
import type { DutyRule, GeoPoint } from '../../typings/duty';
import { conflict, invalid, notFound, precondition } from '../core/errors';
import { id, numberIn, upTo } from '../core/validate';
import { trustedKeys } from '../pass/keys';
import { action, type ActionContext } from '../runtime/action';
import type { TxStore } from '../store/port';
import { countOnPost } from './gauge';
import { MAX_CODE_LENGTH, verifyPostCode, type CodeCheck } from './code';
import { creditHours, creditedMinutes } from './hours';
import { CHECK_IN_EARLY, dutyId, NO_SHOW_AFTER, toDutyView, type CrewEntry, type DutyDoc, type PostDoc, type ShiftDoc } from './model';
import { loadShift, saveShift } from './placement';
import { coordinates } from './posts';

const checkInSchema = z.strictObject({
  shiftId: id(),
  code: z.optional(upTo(MAX_CODE_LENGTH, '签到码内容过长，不是岗位签到码')),
  location: z.optional(z.strictObject({ ...coordinates, accuracy: z.optional(numberIn(0, 10000)) })),
});
type CheckInRequest = z.infer<typeof checkInSchema>;

const LABELS = { shiftId: '班次', code: '签到码', location: '位置', 'location.lat': '纬度', 'location.lng': '经度', 'location.accuracy': '定位精度' };

const CODE_TEXT: Record<Exclude<CodeCheck, { ok: true }>['reason'], string> = {
  BAD_CODE: '不是有效的岗位签到码',
  OTHER_POST: '这是其他岗位的签到码，请扫描本岗位的二维码',
  CODE_EXPIRED: '签到码已过期，请联系小区书记重新打印',
};

const why = (reason: DutyRule, extra: Record<string, unknown> = {}) => ({ reason, ...extra });

/** Great-circle distance in metres (gcj02 against gcj02: fine at a post's scale). */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Checks what the volunteer brought against what the post asks; returns how presence was shown. */
async function prove(ctx: ActionContext, post: PostDoc, req: CheckInRequest, now: number): Promise<DutyDoc['method']> {
  const hasCode = req.code !== undefined;
  const hasLocation = req.location !== undefined;
  if (!hasCode && !hasLocation) throw invalid('data.code', '请扫描岗位二维码，或开启定位后签到');
  const by = post.checkInBy;
  if ((by === 'code' || by === 'both') && !hasCode) throw precondition('该岗位须扫描岗位二维码签到', why('CODE_REQUIRED', { field: 'data.code' }));
  if ((by === 'location' || by === 'both') && !hasLocation)
    throw precondition('该岗位须在岗位附近定位签到', why('LOCATION_REQUIRED', { field: 'data.location' }));
  if (hasCode) {
    const r = verifyPostCode(req.code!, { keys: await trustedKeys(ctx.store, now), postId: post._id, nowMs: now });
    if (!r.ok) {
      throw r.reason === 'BAD_CODE'
        ? invalid('data.code', CODE_TEXT.BAD_CODE, why('BAD_CODE'))
        : precondition(CODE_TEXT[r.reason], why(r.reason, { field: 'data.code' }));
    }
  }
  // A location is checked when it is all there is, or the post has a place to check it against.
  const useLocation = hasLocation && (!hasCode || !!post.location);
  if (useLocation) {
    if (!post.location) throw precondition('该岗位未设置位置，请扫描岗位二维码签到', why('NO_LOCATION', { field: 'data.location' }));
    const d = distanceMeters(post.location, req.location!);
    if (d > post.location.radius) {
      throw precondition(
        `您距离岗位约 ${Math.round(d)} 米，须在 ${post.location.radius} 米内签到`,
        why('OUT_OF_RANGE', { field: 'data.location', distance: Math.round(d) }),
      );
    }
  }
  return hasCode && useLocation ? 'both' : hasCode ? 'code' : 'location';
}

/** The caller's duty on a shift, or NOT_ASSIGNED. */
async function loadDuty(ctx: ActionContext, shift: ShiftDoc): Promise<DutyDoc> {
  const duty = await ctx.store.get('duties', dutyId(shift._id, ctx.caller.openid));
  if (!duty) throw precondition('您没有报名这个班次', why('NOT_ASSIGNED'));
  return duty;
}

const alreadyIn = (d: DutyDoc) => conflict('您已签到，请勿重复签到', why('ALREADY_CHECKED_IN', { checkInAt: d.checkInAt }));

/** Writes a duty's change and the same change to its crew entry on the shift. */
async function record(
  ctx: ActionContext,
  duty: DutyDoc,
  patch: Partial<DutyDoc>,
  guard: (current: DutyDoc) => void,
  after?: (tx: TxStore, d: DutyDoc) => Promise<void>,
) {
  return ctx.store.transaction(async (tx) => {
    const cur = await tx.get('duties', duty._id);
    if (!cur) throw precondition('您没有报名这个班次', why('NOT_ASSIGNED'));
    guard(cur);
    if (!(await tx.update('duties', cur._id, patch, { version: cur._v }))) throw conflict('数据已被修改，请重试');
    const shift = (await tx.get('shifts', cur.shiftId))!;
    const crewPatch: Partial<CrewEntry> = { status: patch.status };
    for (const k of ['checkInAt', 'checkOutAt', 'late'] as const) if (patch[k] !== undefined) Object.assign(crewPatch, { [k]: patch[k] });
    const crew = shift.crew.map((c) => (c.openid === cur.openid ? { ...c, ...crewPatch } : c));
    await saveShift(tx, shift, { crew });
    await countOnPost(tx, shift, { crew }, ctx.clock.now());
    const next = { ...cur, ...patch };
    if (after) await after(tx, next);
    return next;
  });
}

export const checkInActions = [
  action('duty.checkIn', {
    roles: ['volunteer'],
    scope: 'subtree',
    limit: { per: 'minute', max: 20 },
    schema: checkInSchema,
    labels: LABELS,
    handle: async (req, ctx) => {
      const shift = await loadShift(ctx, req.shiftId);
      const duty = await loadDuty(ctx, shift);
      if (duty.checkInAt !== undefined) throw alreadyIn(duty);
      const now = ctx.clock.now();
      if (now < shift.start - CHECK_IN_EARLY) throw precondition(`还未到签到时间（开始前 ${CHECK_IN_EARLY / 60_000} 分钟起可签到）`, why('TOO_EARLY'));
      if (now >= shift.end) throw precondition('班次已结束，不能签到', why('ENDED'));
      const post = await ctx.store.get('posts', shift.postId);
      if (!post) throw notFound('岗位不存在', { field: 'data.shiftId' });
      const method = await prove(ctx, post, req, now);
      const late = now > shift.start + NO_SHOW_AFTER;
      const patch: Partial<DutyDoc> = { status: 'on', checkInAt: now, method, remindAt: undefined, ...(late ? { late } : {}) };
      const done = await record(ctx, duty, patch, (cur) => {
        if (cur.checkInAt !== undefined) throw alreadyIn(cur);
      });
      return toDutyView(done);
    },
  }),

  action('duty.checkOut', {
    roles: ['volunteer'],
    scope: 'subtree',
    limit: { per: 'minute', max: 20 },
    schema: z.strictObject({ shiftId: id() }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const shift = await loadShift(ctx, req.shiftId);
      const duty = await loadDuty(ctx, shift);
      const now = ctx.clock.now();
      const guard = (d: DutyDoc) => {
        if (d.checkOutAt !== undefined) throw conflict('您已签退', why('ALREADY_CHECKED_OUT', { checkOutAt: d.checkOutAt }));
        if (d.checkInAt === undefined) throw precondition('您还没有签到，不能签退', why('NOT_CHECKED_IN'));
      };
      guard(duty);
      const minutes = creditedMinutes(duty, now);
      const done = await record(ctx, duty, { status: 'done', checkOutAt: now, minutes }, guard, (tx, d) => creditHours(tx, d, minutes));
      return toDutyView(done);
    },
  }),
];
