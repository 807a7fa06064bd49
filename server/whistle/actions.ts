/** whistle.*: raising a request, the two sides' lists, claim, report, and the requester's close. */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { WhistleStatus } from '../../typings/whistle';
import { AGENCY_KINDS } from '../party/model';
import { STAFF } from '../auth/roles';
import { DAY, MINUTE } from '../core/time';
import { conflict, invalid, precondition } from '../core/errors';
import { id, intRange, listOf, matching, numberIn, paging, text } from '../core/validate';
import { checkPhotos, photos, showPhotos } from '../media/photos';
import { action, type ActionContext } from '../runtime/action';
import { found } from '../runtime/found';
import { pageResult } from '../store/pages';
import { bumpLive } from '../stats/model';
import type { Filter, TxStore } from '../store/port';
import { mediaRoot } from '../../miniprogram/shared/photos';
import { NEEDS, URGENCIES, WHISTLE_STATUSES } from '../../miniprogram/shared/whistle-labels';
import { creditUnitHours } from './hours';
import { toWhistleView as toView, type UnitContactDoc, type WhistleDoc, type WhistleStatsDoc } from './model';
import { myUnits, unitActions, unitsFor } from './units';

const enumOf = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]]);

const LABELS = {
  orgId: '组织',
  requestId: '请求编号',
  need: '需求类型',
  quantity: '数量',
  detail: '需求说明',
  place: '地点',
  urgency: '紧急程度',
  deadline: '完成时限',
  unitIds: '单位',
  agencyKind: '单位类型',
  status: '状态',
  whistleId: '吹哨需求',
  people: '派出人数',
  hours: '每人时长',
  supplies: '送达物资',
  note: '说明',
  photos: '照片',
  decision: '处理结果',
  limit: '每页条数',
};

/** Requests as the caller sees them: a report's photos as URLs for this caller (who may see the request). */
async function views(ctx: ActionContext, ws: WhistleDoc[], now: number) {
  return showPhotos(
    ctx.services.media,
    ctx.caller.openid,
    ws.map((w) => toView(w, now)),
    (v) => [v.report],
  );
}
const viewOf = async (ctx: ActionContext, w: WhistleDoc, now: number) => (await views(ctx, [w], now))[0];

/** Where a request stands, for scope checks. */
const whistleNode = (w: WhistleDoc) => ({ _id: w.orgId, path: w.lineage.slice(0, -1) });

async function bumpStats(tx: TxStore, unitId: string, inc: Partial<Omit<WhistleStatsDoc, '_id'>>) {
  if (await tx.get('whistleStats', unitId)) await tx.increment('whistleStats', unitId, inc);
  else await tx.insert('whistleStats', { _id: unitId, asked: 0, claimed: 0, closed: 0, responseMinutes: 0, ...inc });
}

/** Writes `patch` if the request is still the version read; a concurrent change is a CONFLICT to retry. */
async function save(tx: TxStore, w: WhistleDoc, patch: Partial<WhistleDoc>) {
  if (!(await tx.update('whistles', w._id, patch, { version: w._v }))) throw conflict('数据已被修改，请重试');
  return { ...w, ...patch };
}

/** The request named, if it was sent to one of the contact's units (else NOT_FOUND, as if missing). */
async function forContact(ctx: ActionContext, whistleId: string): Promise<{ w: WhistleDoc; mine: UnitContactDoc[] }> {
  const units = await myUnits(ctx);
  const w = found(await ctx.store.get('whistles', whistleId), (d) => units.some((u) => d.unitIds.includes(u.unitId)), '吹哨需求', 'data.whistleId');
  return { w, mine: units.filter((u) => w.unitIds.includes(u.unitId)) };
}

/** A page of requests matching `where` (and the status asked), newest first. */
async function listWhistles(ctx: ActionContext, where: Filter, req: { status?: WhistleStatus; limit?: number; cursor?: string }) {
  const page = await ctx.store.query('whistles', {
    where: req.status ? { ...where, status: req.status } : where,
    orderBy: [{ field: 'createdAt', dir: 'desc' }],
    limit: req.limit ?? 20,
    cursor: req.cursor,
  });
  const shown = await views(ctx, page.items, ctx.clock.now());
  let i = 0;
  return pageResult(page, () => shown[i++]);
}

const callerName = (ctx: ActionContext, fallback: string) => ctx.caller.user?.name ?? fallback;

const raiseSchema = z.strictObject({
  orgId: id(),
  requestId: matching(/^[A-Za-z0-9-]{8,64}$/, '请求编号格式不正确'),
  need: enumOf(NEEDS),
  quantity: intRange(1, 10000),
  detail: text(2, 200),
  place: text(2, 60),
  urgency: enumOf(URGENCIES),
  deadline: z.int(),
  unitIds: z.optional(listOf(id(), 1, 20)),
  agencyKind: z.optional(enumOf(AGENCY_KINDS)),
});

export const whistleActions = [
  ...unitActions,

  action('whistle.raise', {
    roles: STAFF,
    scope: 'subtree',
    limit: { per: 'hour', max: 60 },
    target: { field: 'orgId', levels: ['community', 'compound'], message: '请选择社区或小区' },
    schema: raiseSchema,
    labels: LABELS,
    handle: async (req, ctx) => {
      const node = ctx.target;
      const now = ctx.clock.now();
      const wid = `w${createHash('sha256').update(`${ctx.caller.openid}:${req.requestId}`).digest('hex').slice(0, 24)}`;
      const retried = await ctx.store.get('whistles', wid);
      if (retried) return viewOf(ctx, retried, now);
      if (req.deadline <= now + 10 * MINUTE || req.deadline > now + 30 * DAY) throw invalid('data.deadline', '完成时限应在 10 分钟之后、30 天以内');
      if (!req.unitIds === !req.agencyKind) throw invalid('data.unitIds', '请选择要吹哨的单位，或选择一类单位');
      const lineage = [...node.path, node._id];
      const candidates = await unitsFor(ctx, lineage);
      let units = candidates;
      if (req.unitIds) {
        const known = new Map(candidates.map((u) => [u._id, u]));
        req.unitIds.forEach((uid, i) => {
          if (!known.has(uid)) throw invalid(`data.unitIds.${i}`, '所选单位不是本街道或区的报到单位');
        });
        units = [...new Set(req.unitIds)].map((uid) => known.get(uid)!);
      } else {
        units = candidates.filter((u) => u.agencyKind === req.agencyKind);
        if (!units.length) throw invalid('data.agencyKind', '本街道和区还没有这一类报到单位');
        units = units.slice(0, 20);
      }
      const doc: WhistleDoc = {
        _id: wid,
        orgId: node._id,
        orgName: node.name,
        lineage,
        need: req.need,
        quantity: req.quantity,
        detail: req.detail,
        place: req.place,
        urgency: req.urgency,
        deadline: req.deadline,
        status: 'open',
        unitIds: units.map((u) => u._id),
        units: units.map((u) => ({ id: u._id, name: u.name })),
        ...(req.agencyKind ? { agencyKind: req.agencyKind } : {}),
        raisedBy: ctx.caller.openid,
        raisedByName: callerName(ctx, '工作人员'),
        createdAt: now,
        reopens: 0,
        watchAt: req.deadline,
      };
      const stored = await ctx.store.transaction(async (tx) => {
        const again = await tx.get('whistles', wid);
        if (again) return again;
        await tx.insert('whistles', doc);
        await bumpLive(tx, lineage, { whistleOpen: 1 });
        for (const u of units) await bumpStats(tx, u._id, { asked: 1 });
        return doc;
      });
      return viewOf(ctx, stored, now);
    },
  }),

  action('whistle.list', {
    roles: STAFF,
    scope: 'subtree',
    target: { field: 'orgId' },
    schema: z.strictObject({ orgId: id(), status: z.optional(enumOf(WHISTLE_STATUSES)), ...paging(100) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      return listWhistles(ctx, { lineage: { $has: req.orgId } }, req);
    },
  }),

  action('whistle.inbox', {
    roles: 'anyone',
    scope: 'none',
    schema: z.strictObject({ unitId: z.optional(id()), status: z.optional(enumOf(WHISTLE_STATUSES)), ...paging(100) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const units = await myUnits(ctx);
      // A unit the caller is no contact of answers as a missing one does.
      const unit = found(req.unitId ? units.find((u) => u.unitId === req.unitId) : units[0], () => true, '单位', 'data.unitId');
      const page = await listWhistles(ctx, { unitIds: { $has: unit.unitId } }, req);
      return { ...page, units: units.map((u) => ({ id: u.unitId, name: u.unitName })), uploadDir: mediaRoot('whistle', ctx.caller.openid) };
    },
  }),

  action('whistle.claim', {
    roles: 'anyone',
    scope: 'none',
    limit: { per: 'minute', max: 30 },
    schema: z.strictObject({ whistleId: id() }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const { w, mine } = await forContact(ctx, req.whistleId);
      const now = ctx.clock.now();
      if (w.claimedUnitId && mine.some((u) => u.unitId === w.claimedUnitId)) return viewOf(ctx, w, now); // a retry, or a colleague claimed it
      if (w.status === 'closed') throw precondition('该需求已办结');
      if (w.claimedUnitId) throw conflict(`该需求已由「${w.claimedUnitName}」认领`);
      const unit = mine[0];
      const claimed = await ctx.store.transaction(async (tx) => {
        const next = await save(tx, w, {
          status: 'claimed',
          claimedUnitId: unit.unitId,
          claimedUnitName: unit.unitName,
          claimedBy: ctx.caller.openid,
          claimedByName: callerName(ctx, unit.name),
          claimedAt: now,
        });
        await bumpStats(tx, unit.unitId, { claimed: 1, responseMinutes: Math.round((now - w.createdAt) / MINUTE) });
        return next;
      });
      return viewOf(ctx, claimed, now);
    },
  }),

  action('whistle.report', {
    roles: 'anyone',
    scope: 'none',
    limit: { per: 'minute', max: 30 },
    schema: z.strictObject({
      whistleId: id(),
      people: intRange(0, 500),
      hours: numberIn(0, 24, '每人时长应在 0–24 小时之间'),
      supplies: z.optional(text(1, 200)),
      note: z.optional(text(1, 200)),
      photos: photos(),
    }),
    labels: LABELS,
    handle: async (req, ctx) => {
      if (Math.round(req.hours * 2) !== req.hours * 2) throw invalid('data.hours', '每人时长请按半小时填写，如 1.5');
      if (req.people > 0 && req.hours === 0) throw invalid('data.hours', '请填写派出人员每人服务的时长');
      if (req.people === 0 && req.hours > 0) throw invalid('data.people', '填写了时长，请同时填写派出人数');
      if (req.people === 0 && !req.supplies) throw invalid('data.people', '请填写派出人数或送达的物资');
      const { w, mine } = await forContact(ctx, req.whistleId);
      const now = ctx.clock.now();
      if (!w.claimedUnitId) throw precondition('请先认领该需求');
      if (!mine.some((u) => u.unitId === w.claimedUnitId)) throw precondition(`该需求由「${w.claimedUnitName}」认领，只有认领单位可以报到`);
      if (w.status === 'closed') throw precondition('该需求已办结');
      // A report's photos sit in the reporter's folder under the request's id (kind `whistle`).
      await checkPhotos(ctx.services.media, { kind: 'whistle', openid: ctx.caller.openid, key: w._id, fileIds: req.photos, field: 'data.photos' });
      const report = {
        people: req.people,
        hours: req.hours,
        ...(req.supplies ? { supplies: req.supplies } : {}),
        ...(req.note ? { note: req.note } : {}),
        photos: req.photos,
        at: now,
        by: ctx.caller.openid,
        byName: callerName(ctx, w.claimedUnitName ?? '联络员'),
      };
      // Until confirmed, a report may be corrected (and a retried one changes nothing visible but its time).
      const reported = await ctx.store.transaction((tx) => save(tx, w, { status: 'reported', report, watchAt: undefined }));
      return viewOf(ctx, reported, now);
    },
  }),

  action('whistle.close', {
    roles: STAFF,
    scope: 'subtree',
    limit: { per: 'minute', max: 30 },
    schema: z.strictObject({ whistleId: id(), decision: z.enum(['confirm', 'reopen']), note: z.optional(text(2, 200)) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const w = found(await ctx.store.get('whistles', req.whistleId), (d) => ctx.reaches(whistleNode(d)), '吹哨需求', 'data.whistleId');
      const now = ctx.clock.now();
      if (req.decision === 'confirm') {
        if (w.status === 'closed') return viewOf(ctx, w, now); // a retry
        if (w.status !== 'reported') throw precondition('单位尚未报到，不能确认办结');
        const closed = await ctx.store.transaction(async (tx) => {
          const next = await save(tx, w, { status: 'closed', closedAt: now, closedBy: ctx.caller.openid, watchAt: undefined });
          await bumpStats(tx, w.claimedUnitId!, { closed: 1 });
          await bumpLive(tx, w.lineage, { whistleOpen: -1, whistleOverdue: w.alertedFor !== undefined ? -1 : 0 });
          await creditUnitHours(tx, w.claimedUnitId!, w.report!, now);
          return next;
        });
        return viewOf(ctx, closed, now);
      }
      if (!req.note) throw invalid('data.note', '请说明退回重办的原因');
      if (w.status === 'claimed' && w.reopenNote === req.note && w.reopens > 0) return viewOf(ctx, w, now); // a retry
      if (w.status !== 'reported') throw precondition(w.status === 'closed' ? '该需求已办结，不能退回' : '单位尚未报到，无需退回');
      const reopened = await ctx.store.transaction((tx) =>
        save(tx, w, { status: 'claimed', reopens: w.reopens + 1, reopenNote: req.note, report: undefined, watchAt: Math.max(w.deadline, now) }),
      );
      return viewOf(ctx, reopened, now);
    },
  }),
];
