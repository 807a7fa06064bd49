/** inspect.*: the checklist, recording a finding, rectifying, verifying, the lists. */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { Grant } from '../auth/caller';
import { OVERSEERS, STAFF } from '../auth/roles';
import { DAY, HOUR } from '../core/time';
import { conflict, forbidden, invalid, precondition } from '../core/errors';
import { id, matching, paging, text } from '../core/validate';
import { checkPhotos, photos, showPhotos } from '../media/photos';
import { mediaRoot } from '../../miniprogram/shared/photos';
import { action, type ActionContext } from '../runtime/action';
import { found } from '../runtime/found';
import { pageResult } from '../store/pages';
import type { TxStore } from '../store/port';
import { FINDING_STATUSES } from '../../miniprogram/shared/whistle-labels';
import { DEFAULT_CHECKLIST, moveCounts, toFindingView as toView, type CounterNode, type FindingDoc } from './model';
import { saveChecklistAction } from './checklist';
import { reportAction } from './report';

/** Who answers for a node and may rectify there: its building leader, compound secretary, staff above. */
export const RECTIFIERS = ['leader', ...OVERSEERS] as const;

const LABELS = {
  orgId: '组织',
  requestId: '请求编号',
  category: '问题类别',
  item: '问题条目',
  description: '问题描述',
  photos: '照片',
  deadline: '整改时限',
  status: '状态',
  findingId: '督导问题',
  note: '说明',
  decision: '核查结果',
  limit: '每页条数',
};

const findingNode = (f: FindingDoc) => ({ _id: f.orgId, path: f.lineage.slice(0, -1) });

/** The checklist of the node's district (seeded; the default until the district keeps its own). */
export async function checklistOf(ctx: ActionContext, districtId: string) {
  return (await ctx.store.get('inspectChecklists', districtId))?.categories ?? DEFAULT_CHECKLIST;
}

/** The counters' nodes of a lineage, root first. */
async function counterNodes(ctx: ActionContext, lineage: readonly string[]): Promise<CounterNode[]> {
  const orgs = new Map((await ctx.store.getMany('orgs', [...lineage])).map((o) => [o._id, o]));
  return lineage.map((oid) => ({ _id: oid, name: orgs.get(oid)?.name ?? oid, parentId: orgs.get(oid)?.parentId ?? null }));
}

/** The grant the caller inspects with: staff at a street or the district, nearest the node first. */
function inspectingGrant(ctx: ActionContext, node: { _id: string; path: string[] }): Grant {
  const g = ctx.caller
    .covering(node, STAFF)
    .filter((c) => c.path.length <= 1)
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!g) throw forbidden('只有街道或区的工作人员可以督导检查');
  return g;
}

async function save(tx: TxStore, f: FindingDoc, patch: Partial<FindingDoc>) {
  if (!(await tx.update('findings', f._id, patch, { version: f._v }))) throw conflict('数据已被修改，请重试');
  return { ...f, ...patch };
}

const deadlineIn = (deadline: number, now: number, field: string) => {
  if (deadline <= now + HOUR || deadline > now + 60 * DAY) throw invalid(field, '整改时限应在 1 小时之后、60 天以内');
};

/** Findings as the caller sees them (callers who may see them): photos as URLs for this caller. */
async function views(ctx: ActionContext, fs: FindingDoc[]) {
  return showPhotos(ctx.services.media, ctx.caller.openid, fs.map(toView), (v) => [v, v.rectification]);
}
const viewOf = async (ctx: ActionContext, f: FindingDoc) => (await views(ctx, [f]))[0];

const callerName = (ctx: ActionContext) => ctx.caller.user?.name ?? '工作人员';

export const inspectActions = [
  action('inspect.checklist', {
    roles: RECTIFIERS,
    scope: 'lineage',
    target: { field: 'orgId' },
    schema: z.strictObject({ orgId: id() }),
    labels: LABELS,
    handle: async (_req, ctx) => {
      const districtId = ctx.target.path[0] ?? ctx.target._id;
      return { districtId, categories: await checklistOf(ctx, districtId), uploadDir: mediaRoot('inspect', ctx.caller.openid) };
    },
  }),

  action('inspect.record', {
    roles: STAFF,
    scope: 'subtree',
    limit: { per: 'hour', max: 120 },
    target: { field: 'orgId' },
    schema: z.strictObject({
      orgId: id(),
      requestId: matching(/^[A-Za-z0-9-]{8,64}$/, '请求编号格式不正确'),
      category: id(),
      item: id(),
      description: text(2, 300),
      photos: photos(),
      deadline: z.int(),
    }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const node = ctx.target;
      const grant = inspectingGrant(ctx, node);
      const now = ctx.clock.now();
      const fid = `f${createHash('sha256').update(`${ctx.caller.openid}:${req.requestId}`).digest('hex').slice(0, 24)}`;
      const retried = await ctx.store.get('findings', fid);
      if (retried) return viewOf(ctx, retried);
      const categories = await checklistOf(ctx, node.path[0] ?? node._id);
      const cat = categories.find((c) => c.code === req.category);
      if (!cat) throw invalid('data.category', '请从检查清单中选择问题类别');
      const item = cat.items.find((i) => i.code === req.item);
      if (!item) throw invalid('data.item', `「${cat.name}」下没有这一条目，请从清单中选择`);
      deadlineIn(req.deadline, now, 'data.deadline');
      await checkPhotos(ctx.services.media, { kind: 'inspect', openid: ctx.caller.openid, key: req.requestId, fileIds: req.photos, field: 'data.photos' });
      const lineage = [...node.path, node._id];
      const nodes = await counterNodes(ctx, lineage);
      const inspector = nodes.find((n) => n._id === grant.orgId) ?? (await ctx.store.get('orgs', grant.orgId));
      const doc: FindingDoc = {
        _id: fid,
        orgId: node._id,
        orgName: node.name,
        orgLevel: node.level,
        lineage,
        category: cat.code,
        categoryName: cat.name,
        item: item.code,
        itemName: item.name,
        description: req.description,
        photos: req.photos,
        deadline: req.deadline,
        status: 'open',
        overdue: false,
        inspectorOrgId: grant.orgId,
        inspectorOrgName: inspector?.name ?? grant.orgId,
        inspectorPath: grant.path,
        recordedBy: ctx.caller.openid,
        recordedByName: callerName(ctx),
        createdAt: now,
        reopens: 0,
        watchAt: req.deadline,
      };
      const stored = await ctx.store.transaction(async (tx) => {
        const again = await tx.get('findings', fid);
        if (again) return again;
        await tx.insert('findings', doc);
        await moveCounts(tx, nodes, doc, { open: 1 });
        return doc;
      });
      return viewOf(ctx, stored);
    },
  }),

  action('inspect.list', {
    roles: RECTIFIERS,
    scope: 'subtree',
    target: { field: 'orgId' },
    schema: z.strictObject({ orgId: id(), status: z.optional(z.enum(FINDING_STATUSES as [FindingDoc['status'], ...FindingDoc['status'][]])), ...paging(100) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const where: Record<string, unknown> = { lineage: { $has: req.orgId } };
      if (req.status) where.status = req.status;
      const page = await ctx.store.query('findings', {
        where: where as never,
        orderBy: [{ field: 'createdAt', dir: 'desc' }],
        limit: req.limit ?? 20,
        cursor: req.cursor,
      });
      const shown = await views(ctx, page.items);
      let i = 0;
      return pageResult(page, () => shown[i++]);
    },
  }),

  action('inspect.rectify', {
    roles: RECTIFIERS,
    scope: 'subtree',
    limit: { per: 'minute', max: 30 },
    // Evidence is the note, with 0–9 photos the rectifier uploaded under the finding's id.
    schema: z.strictObject({ findingId: id(), note: text(2, 300), photos: photos() }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const f = found(await ctx.store.get('findings', req.findingId), (d) => ctx.reaches(findingNode(d)), '督导问题', 'data.findingId');
      const now = ctx.clock.now();
      if (f.status === 'verified') throw precondition('该问题已核查销号');
      if (f.status === 'rectified' && f.rectification!.by !== ctx.caller.openid) throw conflict(`已由${f.rectification!.byName}提交整改，等待核查`);
      await checkPhotos(ctx.services.media, { kind: 'inspect', openid: ctx.caller.openid, key: f._id, fileIds: req.photos, field: 'data.photos' });
      const rectification = { by: ctx.caller.openid, byName: callerName(ctx), at: now, note: req.note, photos: req.photos };
      if (f.status === 'rectified') {
        // The rectifier corrects their evidence before it is verified (a retry writes the same).
        const again = await ctx.store.transaction((tx) => save(tx, f, { rectification }));
        return viewOf(ctx, again);
      }
      const nodes = await counterNodes(ctx, f.lineage);
      const next = await ctx.store.transaction(async (tx) => {
        const out = await save(tx, f, { status: 'rectified', rectification, overdue: false, watchAt: undefined });
        await moveCounts(tx, nodes, f, { open: -1, rectified: 1, overdue: f.overdue ? -1 : 0 });
        return out;
      });
      return viewOf(ctx, next);
    },
  }),

  action('inspect.verify', {
    roles: STAFF,
    scope: 'subtree',
    limit: { per: 'minute', max: 30 },
    schema: z.strictObject({ findingId: id(), decision: z.enum(['accept', 'reopen']), note: z.optional(text(2, 300)), deadline: z.optional(z.int()) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      // Inspecting levels are streets and the district: nobody else verifies, whichever finding they name.
      if (!ctx.caller.grants.some((g) => STAFF.includes(g.role) && g.path.length <= 1)) throw forbidden('只有街道或区的工作人员可以核查整改');
      const f = found(await ctx.store.get('findings', req.findingId), (d) => ctx.reaches(findingNode(d)), '督导问题', 'data.findingId');
      const now = ctx.clock.now();
      if (!ctx.caller.covering({ _id: f.inspectorOrgId, path: f.inspectorPath }, STAFF).length)
        throw forbidden(`只有${f.inspectorOrgName}或上级的工作人员可以核查这一问题`);
      if (f.status === 'verified' && req.decision === 'accept') return viewOf(ctx, f); // a retry
      if (f.status === 'open' && req.decision === 'reopen' && f.reopens > 0 && f.reopenNote === req.note) return viewOf(ctx, f); // a retry
      if (f.status !== 'rectified') throw precondition(f.status === 'verified' ? '该问题已核查销号' : '该问题尚未提交整改');
      if (f.rectification!.by === ctx.caller.openid) throw precondition('核查人不能是整改人本人，请由督导层级的其他工作人员核查');
      const verification = { by: ctx.caller.openid, byName: callerName(ctx), at: now, ...(req.note ? { note: req.note } : {}) };
      const nodes = await counterNodes(ctx, f.lineage);
      if (req.decision === 'accept') {
        if (req.deadline !== undefined) throw invalid('data.deadline', '通过核查不需要整改时限');
        const hours = Math.round(((f.rectification!.at - f.createdAt) / HOUR) * 100) / 100;
        const next = await ctx.store.transaction(async (tx) => {
          const out = await save(tx, f, { status: 'verified', verification });
          await moveCounts(tx, nodes, f, { rectified: -1, verified: 1 }, { rectifyHours: hours, rectified: 1 });
          return out;
        });
        return viewOf(ctx, next);
      }
      if (!req.note) throw invalid('data.note', '请说明退回整改的原因');
      if (req.deadline === undefined) throw invalid('data.deadline', '请给出新的整改时限');
      deadlineIn(req.deadline, now, 'data.deadline');
      const next = await ctx.store.transaction(async (tx) => {
        const out = await save(tx, f, {
          status: 'open',
          verification,
          reopens: f.reopens + 1,
          reopenNote: req.note,
          deadline: req.deadline!,
          watchAt: req.deadline,
          overdue: false,
        });
        await moveCounts(tx, nodes, f, { rectified: -1, open: 1 });
        return out;
      });
      return viewOf(ctx, next);
    },
  }),

  saveChecklistAction,
  reportAction,
];
