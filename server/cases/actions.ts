/** case.*: reading cases — a node's (leaders their building, secretaries and staff their area), one by id, the caller's own. */
import * as z from 'zod/mini';
import { OVERSEERS } from '../auth/roles';
import { invalid } from '../core/errors';
import { DAY } from '../core/time';
import { paging } from '../core/validate';
import { mediaRoot } from '../../miniprogram/shared/photos';
import { photoUrls } from '../media/photos';
import { action } from '../runtime/action';
import { found } from '../runtime/found';
import { pageResult } from '../store/pages';
import type { Filter } from '../store/port';
import { caseNode, recordCaseAccess } from './access';
import { caseIdField, day, KINDS, LABELS, STATES } from './fields';
import { toCaseView } from './model';
import { dayStart } from './observation';
import { reportAction } from './report';
import { updateAction } from './update';

/** Those who see a node's cases: its building leaders (names masked) and those who run or oversee it. */
const READERS = ['leader', ...OVERSEERS] as const;

export const caseActions = [
  reportAction,

  action('case.list', {
    roles: READERS,
    scope: 'subtree',
    target: { field: 'orgId' },
    schema: z.strictObject({
      orgId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '编号格式不正确' })),
      kind: z.optional(z.enum(KINDS)),
      state: z.optional(z.enum(STATES)),
      from: z.optional(day()),
      to: z.optional(day()),
      ...paging(100),
    }),
    labels: LABELS,
    handle: async (req, ctx) => {
      if (req.from && req.to && req.from > req.to) throw invalid('data.to', '「结束日期」不能早于「开始日期」');
      const where: Filter = { path: { $has: ctx.target._id } };
      if (req.kind) where.kind = req.kind;
      if (req.state) where.state = req.state;
      if (req.from || req.to) where.reportedAt = { ...(req.from ? { $gte: dayStart(req.from) } : {}), ...(req.to ? { $lt: dayStart(req.to) + DAY } : {}) };
      const page = await ctx.store.query('cases', { where, orderBy: [{ field: 'reportedAt', dir: 'desc' }], limit: req.limit ?? 20, cursor: req.cursor });
      const fullNames = ctx.caller.seesFullNames(ctx.target);
      if (fullNames) await recordCaseAccess(ctx, 'case.list', ctx.target, page.items);
      return pageResult(page, (c) => toCaseView(c, fullNames));
    },
  }),

  action('case.get', {
    roles: READERS,
    scope: 'subtree',
    schema: z.strictObject({ caseId: caseIdField() }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const c = found(await ctx.store.get('cases', req.caseId), (d) => ctx.reaches(caseNode(d)), '线索', 'data.caseId');
      const fullNames = ctx.caller.seesFullNames(caseNode(c));
      if (fullNames) await recordCaseAccess(ctx, 'case.get', caseNode(c), [c]);
      const view = toCaseView(c, fullNames);
      // Photos only here, to those who may see the case: URLs made for this viewer.
      if (c.photos?.length) view.photos = await photoUrls(ctx.services.media, c.photos, ctx.caller.openid);
      return view;
    },
  }),

  action('case.mine', {
    roles: 'anyone',
    scope: 'none',
    schema: z.strictObject({ ...paging(100) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const page = await ctx.store.query('cases', {
        where: { reporter: ctx.caller.openid },
        orderBy: [{ field: 'reportedAt', dir: 'desc' }],
        limit: req.limit ?? 20,
        cursor: req.cursor,
      });
      // The person reported is someone else: masked, as for any resident.
      return { ...pageResult(page, (c) => toCaseView(c, false)), uploadDir: mediaRoot('case', ctx.caller.openid) };
    },
  }),

  updateAction,
];
