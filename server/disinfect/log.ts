/** disinfect.today / disinfect.log / disinfect.logs: the day's areas, logging one disinfection with photos, the logs. */
import * as z from 'zod/mini';
import { mediaRoot, MEDIA_KEY_RE } from '../../miniprogram/shared/photos';
import { recordAccess } from '../account/access';
import { OVERSEERS } from '../auth/roles';
import { AT_COMPOUND } from '../auth/rules';
import { conflict, forbidden, precondition } from '../core/errors';
import { maskName } from '../core/mask';
import { dayOf } from '../core/time';
import { id, matching, paging, text, upTo } from '../core/validate';
import { daySchema } from '../duty/time';
import { checkPhotos, photos, photoUrls } from '../media/photos';
import { found } from '../runtime/found';
import { action, type ActionContext } from '../runtime/action';
import { bumpDaily } from '../stats/model';
import { pageResult } from '../store/pages';
import { logRight } from './access';
import { compoundAreas } from './areas';
import { LABELS } from './fields';
import { AGENTS, areaDay, dayDocId, logId, toLogView, windowEnd, type DisinfectDayDoc, type DisinfectLogDoc } from './model';

const compoundOf = (d: { path: string[] }) => ({ _id: d.path[d.path.length - 1], path: d.path.slice(0, -1) });

const logSchema = z.strictObject({
  requestId: matching(MEDIA_KEY_RE, '请求编号应为 8–64 位字母、数字、- 或 _'),
  areaId: id(),
  agent: text(2, 30),
  photos: photos().check(z.minLength(1, { error: '请至少拍一张消毒现场照片' })),
  note: z.optional(upTo(100)),
});

/** A stored log as the caller sees it: names masked unless they run or oversee the compound. */
async function logViews(ctx: ActionContext, logs: DisinfectLogDoc[], fullNames: boolean) {
  const urls = await photoUrls(
    ctx.services.media,
    logs.flatMap((l) => l.photos),
    ctx.caller.openid,
  );
  let i = 0;
  return logs.map((l) => {
    const mine = urls.slice(i, (i += l.photos.length));
    return toLogView(l, fullNames || l.openid === ctx.caller.openid ? l.name : maskName(l.name), mine);
  });
}

export const logActions = [
  action('disinfect.today', {
    roles: ['volunteer', 'secretary'],
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({ compoundId: id() }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const now = ctx.clock.now();
      const date = dayOf(now);
      const [areas, day, right] = await Promise.all([
        compoundAreas(ctx.store, req.compoundId),
        ctx.store.get('disinfectDays', dayDocId(req.compoundId, date)),
        logRight(ctx, ctx.target, now),
      ]);
      return {
        date,
        compoundId: req.compoundId,
        compoundName: ctx.target.name,
        canLog: right.ok,
        ...(right.ok ? {} : { reason: right.reason }),
        uploadDir: mediaRoot('disinfect', ctx.caller.openid),
        agents: AGENTS,
        items: areas.filter((a) => a.active).map((a) => areaDay(a, day, date, now)),
      };
    },
  }),

  action('disinfect.log', {
    roles: ['volunteer', 'secretary'],
    scope: 'subtree',
    limit: { per: 'minute', max: 30 },
    schema: logSchema,
    labels: LABELS,
    handle: async (req, ctx) => {
      const area = found(await ctx.store.get('disinfectAreas', req.areaId), (a) => ctx.reaches(compoundOf(a)), '消毒区域', 'data.areaId');
      const openid = ctx.caller.openid;
      const _id = logId(openid, req.requestId);
      const sameLog = (l: DisinfectLogDoc) => l.areaId === req.areaId && l.agent === req.agent && JSON.stringify(l.photos) === JSON.stringify(req.photos);
      const view = async (l: DisinfectLogDoc) => (await logViews(ctx, [l], true))[0];
      const earlier = await ctx.store.get('disinfectLogs', _id);
      if (earlier) {
        if (sameLog(earlier)) return view(earlier); // a retry
        throw conflict('这条消毒记录已提交过，内容不同，请刷新后重新登记', { field: 'data.requestId' });
      }
      if (!area.active) throw precondition('该消毒区域已停用', { field: 'data.areaId' });
      const now = ctx.clock.now();
      const right = await logRight(ctx, compoundOf(area), now);
      if (!right.ok) throw forbidden(right.reason);
      await checkPhotos(ctx.services.media, { kind: 'disinfect', openid, key: req.requestId, fileIds: req.photos, field: 'data.photos' });
      const day = dayOf(now);
      const doc: DisinfectLogDoc = {
        _id,
        requestId: req.requestId,
        openid,
        name: ctx.caller.user?.name ?? '未登记姓名',
        role: right.role,
        compoundId: area.compoundId,
        path: area.path,
        areaId: area._id,
        areaName: area.name,
        day,
        doneAt: now,
        agent: req.agent,
        photos: req.photos,
        ...(req.note ? { note: req.note } : {}),
        late: now > windowEnd(day, area.to),
      };
      const stored = await ctx.store.transaction(async (tx) => {
        const again = await tx.get('disinfectLogs', _id);
        if (again) return again;
        await tx.insert('disinfectLogs', doc);
        const dayId = dayDocId(area.compoundId, day);
        // The dashboard counts a log only up to the area's required count for the day.
        const before = (await tx.get('disinfectDays', dayId))?.counts[area._id] ?? 0;
        if (before < area.required) await bumpDaily(tx, area.path, day, { disinfectDone: 1 });
        const counted = await tx.update('disinfectDays', dayId, { [`last.${area._id}`]: now }, undefined, { [`counts.${area._id}`]: 1 });
        if (!counted) {
          const fresh: DisinfectDayDoc = {
            _id: dayId,
            compoundId: area.compoundId,
            path: area.path,
            day,
            counts: { [area._id]: 1 },
            last: { [area._id]: now },
          };
          await tx.insert('disinfectDays', fresh);
        }
        return doc;
      });
      if (!sameLog(stored)) throw conflict('这条消毒记录已提交过，内容不同，请刷新后重新登记', { field: 'data.requestId' });
      return view(stored);
    },
  }),

  action('disinfect.logs', {
    roles: ['volunteer', ...OVERSEERS],
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({ compoundId: id(), date: z.optional(daySchema()), areaId: z.optional(id()), ...paging(100) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const day = req.date ?? dayOf(ctx.clock.now());
      const page = await ctx.store.query('disinfectLogs', {
        where: { compoundId: req.compoundId, day, ...(req.areaId ? { areaId: req.areaId } : {}) },
        orderBy: [{ field: 'doneAt', dir: 'desc' }],
        limit: req.limit ?? 20,
        cursor: req.cursor,
      });
      const fullNames = ctx.caller.seesFullNames(ctx.target);
      if (fullNames)
        await recordAccess(
          ctx,
          'disinfect.logs',
          ctx.target,
          page.items.map((l) => l.openid),
        );
      const views = await logViews(ctx, page.items, fullNames);
      let i = 0;
      return pageResult(page, () => views[i++]);
    },
  }),
];
