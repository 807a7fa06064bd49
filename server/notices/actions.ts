/** notice.*: publish once for a whole subtree, read from every ancestor, track who has read. */
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { NoticeProgress, NoticeProgressRow, NoticeView } from '../../typings/messages';
import { OVERSEERS, ROLES, ROLE_LABELS } from '../auth/roles';
import { forbidden, invalid, precondition } from '../core/errors';
import { maskName } from '../core/mask';
import { id, matching, multiline, paging, text } from '../core/validate';
import type { OrgDoc } from '../auth/nodes';
import { found } from '../runtime/found';
import { action, type ActionContext } from '../runtime/action';
import { markUrgent } from '../stats/model';
import { eachPage, listPage, pageResult } from '../store/pages';
import { StoreConflictError } from '../store/port';
import { AUDIENCE_ROLES, AUDIENCES, homeGrant, reachKey } from './audience';
import { toNoticeView, type NoticeDoc } from './model';
import { readerKey, receiptsId, groupOf, recordReceipt } from './receipts';

/** The inbox looks at this many recent notices. */
const INBOX_WINDOW = 200;
const NOTICE_ID = matching(/^n[a-z0-9]{11,15}$/, '通知编号格式不正确');
const LABELS = {
  title: '标题',
  body: '正文',
  level: '级别',
  audience: '对象',
  requireAck: '是否需要确认',
  expiresAt: '截止时间',
  scopeOrgId: '发布范围',
  noticeId: '通知',
  orgId: '组织',
  limit: '每页条数',
};

/** get, read and ack: any role, on one notice; readers are checked against its scope by the handlers. */
const ONE_NOTICE = { roles: ROLES, scope: 'none', schema: z.strictObject({ noticeId: NOTICE_ID }), labels: LABELS } as const;

const scopeNode = (n: NoticeDoc) => ({ _id: n.scopeOrgId, path: n.scopePath });

/**
 * A notice the caller may know of: one that reaches them as a reader, or whose scope they lead or
 * oversee, at it, above it or below it (progress at their own node). Else as if it did not exist.
 */
async function loadNotice(ctx: ActionContext, noticeId: string): Promise<NoticeDoc> {
  const visible = (n: NoticeDoc) =>
    !!homeGrant(ctx.caller.grants, n.audience, n.scopeOrgId) || ctx.caller.reaches(scopeNode(n), { roles: ['leader', ...OVERSEERS], scope: 'lineage' });
  return found(await ctx.store.get('notices', noticeId), visible, '通知', 'data.noticeId');
}

/** The caller's grant a notice reaches them through, or FORBIDDEN. */
function readerHome(ctx: ActionContext, n: NoticeDoc) {
  const home = homeGrant(ctx.caller.grants, n.audience, n.scopeOrgId);
  if (!home) throw forbidden('这条通知不是发给您的');
  return home;
}

export const noticeActions = [
  action('notice.publish', {
    roles: OVERSEERS,
    scope: 'subtree',
    limit: { per: 'minute', max: 10 },
    target: { field: 'scopeOrgId' },
    schema: z.strictObject({
      scopeOrgId: id(),
      title: text(2, 40),
      body: multiline(2, 2000),
      level: z.enum(['normal', 'important', 'urgent']),
      audience: z.enum(['residents', 'volunteers', 'staff', 'all']),
      requireAck: z.boolean(),
      expiresAt: z.optional(z.int().check(z.positive())),
      requestId: z.optional(matching(/^[A-Za-z0-9-]{8,64}$/, '请求编号格式不正确')),
    }),
    labels: { ...LABELS, requestId: '请求编号' },
    handle: async (req, ctx) => {
      const scope = ctx.target;
      const now = ctx.clock.now();
      if (req.expiresAt !== undefined && req.expiresAt <= now) throw invalid('data.expiresAt', '截止时间应晚于现在');
      const verdict = await ctx.services.checkText(`${req.title}\n${req.body}`, ctx.caller.openid);
      if (!verdict.ok) throw invalid('data.body', '内容未通过安全检测，请修改后再发布', { label: verdict.label });
      // A retried publish with the same requestId is the same notice.
      const noticeId = req.requestId
        ? `n${createHash('sha256').update(`${ctx.caller.openid}|${req.requestId}`).digest('hex').slice(0, 15)}`
        : `n${randomBytes(8).toString('hex').slice(0, 15)}`;
      const me = ctx.caller.user!;
      const role = ctx.caller.covering(scope, OVERSEERS).map((g) => g.role)[0];
      const doc: NoticeDoc = {
        _id: noticeId,
        scopeOrgId: scope._id,
        scopeName: scope.name,
        scopeLevel: scope.level,
        scopePath: scope.path,
        scopeChain: [...scope.path, scope._id],
        title: req.title,
        body: req.body,
        level: req.level,
        audience: req.audience,
        requireAck: req.requireAck,
        ...(req.expiresAt !== undefined ? { expiresAt: req.expiresAt } : {}),
        publishedAt: now,
        publishedBy: me._id,
        publisherName: `${scope.name} ${me.name ?? (role ? ROLE_LABELS[role] : '')}`.trim(),
        ...(req.level === 'urgent' && req.requireAck ? { remindAt: now + ctx.config.notices.urgentAckMs } : {}),
        // Normal notices live in the inbox; important and urgent ones are also pushed.
        push: req.level === 'normal' ? 'none' : 'pending',
      };
      try {
        await ctx.store.transaction(async (tx) => {
          await tx.insert('notices', doc);
          // The dashboards' pointer to the last urgent notice at this node (server/stats).
          if (doc.level === 'urgent') {
            const mark = { id: doc._id, at: now, title: doc.title, audience: doc.audience, requireAck: doc.requireAck };
            await markUrgent(tx, doc.scopeChain, mark);
          }
        });
      } catch (err) {
        if (!(err instanceof StoreConflictError)) throw err;
        return toNoticeView((await ctx.store.get('notices', noticeId))!);
      }
      return toNoticeView(doc);
    },
  }),

  action('notice.inbox', {
    roles: ROLES,
    scope: 'none',
    schema: z.strictObject({ unreadOnly: z.optional(z.boolean()), ...paging() }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const grants = ctx.caller.grants;
      const nodes = [...new Set(grants.flatMap((g) => [...g.path, g.orgId]))];
      const audiences = AUDIENCES.filter((a) => grants.some((g) => AUDIENCE_ROLES[a].includes(g.role)));
      const now = ctx.clock.now();
      const recent = await ctx.store.query('notices', {
        where: { scopeOrgId: { $in: nodes }, audience: { $in: audiences } },
        orderBy: [{ field: 'publishedAt', dir: 'desc' }],
        limit: INBOX_WINDOW,
      });
      const mine = recent.items.flatMap((n) => {
        const home = homeGrant(grants, n.audience, n.scopeOrgId);
        return home && !(n.expiresAt !== undefined && n.expiresAt < now) ? [{ n, home }] : [];
      });
      const receiptDocs = await ctx.store.getMany('noticeReads', [...new Set(mine.map(({ n, home }) => receiptsId(n._id, groupOf(home).groupId)))]);
      const byId = new Map(receiptDocs.map((d) => [d._id, d]));
      const key = readerKey(ctx.caller.openid);
      const views: NoticeView[] = mine.map(({ n, home }) => toNoticeView(n, byId.get(receiptsId(n._id, groupOf(home).groupId))?.readers[key]));
      const unread = views.filter((v) => v.readAt === undefined);
      const ordered = req.unreadOnly ? unread : [...unread, ...views.filter((v) => v.readAt !== undefined)];
      return { ...listPage(ordered, req.cursor, req.limit ?? 20), unread: unread.length };
    },
  }),

  action('notice.get', {
    ...ONE_NOTICE,
    handle: async (req, ctx) => {
      const n = await loadNotice(ctx, req.noticeId);
      const home = homeGrant(ctx.caller.grants, n.audience, n.scopeOrgId);
      if (!home) {
        // Not a reader: only those who oversee the scope may look at it.
        if (!ctx.caller.reaches(scopeNode(n), { roles: ['leader', ...OVERSEERS], scope: 'subtree' })) throw forbidden('这条通知不是发给您的');
        return toNoticeView(n);
      }
      const receipts = await ctx.store.get('noticeReads', receiptsId(n._id, groupOf(home).groupId));
      return toNoticeView(n, receipts?.readers[readerKey(ctx.caller.openid)]);
    },
  }),

  action('notice.read', {
    ...ONE_NOTICE,
    handle: async (req, ctx) => {
      const n = await loadNotice(ctx, req.noticeId);
      const receipt = await recordReceipt(ctx.store, n._id, ctx.caller.openid, readerHome(ctx, n), 'read', ctx.clock.now());
      return { readAt: receipt.r };
    },
  }),

  action('notice.ack', {
    ...ONE_NOTICE,
    handle: async (req, ctx) => {
      const n = await loadNotice(ctx, req.noticeId);
      const home = readerHome(ctx, n);
      if (!n.requireAck) throw precondition('这条通知无需确认');
      const receipt = await recordReceipt(ctx.store, n._id, ctx.caller.openid, home, 'ack', ctx.clock.now());
      return { ackedAt: receipt.a! };
    },
  }),

  action('notice.progress', {
    roles: ['leader', ...OVERSEERS],
    scope: 'subtree',
    target: { field: 'orgId' },
    schema: z.strictObject({ noticeId: NOTICE_ID, orgId: z.optional(id()) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const n = await loadNotice(ctx, req.noticeId);
      let node: Pick<OrgDoc, '_id' | 'name' | 'level' | 'path'>;
      if (ctx.target) {
        node = ctx.target;
        if (node._id !== n.scopeOrgId && !node.path.includes(n.scopeOrgId)) throw invalid('data.orgId', '该组织不在这条通知的范围内');
      } else {
        ctx.authorize(scopeNode(n));
        node = { _id: n.scopeOrgId, name: n.scopeName, level: n.scopeLevel, path: n.scopePath };
      }
      return progressAt(ctx, n, node);
    },
  }),

  action('notice.sent', {
    roles: OVERSEERS,
    scope: 'subtree',
    target: { field: 'orgId' },
    schema: z.strictObject({ orgId: z.optional(id()), ...paging() }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const root = req.orgId ?? topOverseerNode(ctx);
      const page = await ctx.store.query('notices', {
        where: { scopeChain: { $has: root } },
        orderBy: [{ field: 'publishedAt', dir: 'desc' }],
        limit: req.limit ?? 20,
        cursor: req.cursor,
      });
      return pageResult(page, (x) => toNoticeView(x));
    },
  }),
];

function topOverseerNode(ctx: ActionContext): string {
  const g = ctx.caller.grants.filter((x) => OVERSEERS.includes(x.role)).sort((a, b) => a.path.length - b.path.length)[0];
  if (!g) throw forbidden();
  return g.orgId;
}

const row = (o: Pick<OrgDoc, '_id' | 'name' | 'level'>, audience: number, read = 0, acked = 0): NoticeProgressRow => ({
  orgId: o._id,
  name: o.name,
  level: o.level,
  audience,
  read,
  acked,
});

/** Audience and tallies for a node and its children: counts and per-group tallies, never reader lists (except a building's). */
async function progressAt(ctx: ActionContext, n: NoticeDoc, node: Pick<OrgDoc, '_id' | 'name' | 'level' | 'path'>): Promise<NoticeProgress> {
  const store = ctx.store;
  const audienceOf = (orgId: string) => store.count('users', { reach: { $has: reachKey(n.audience, orgId) } });
  const depth = node.path.length;

  if (node.level === 'building') {
    const compoundId = node.path[3];
    const [total, receipts, people] = await Promise.all([
      audienceOf(node._id),
      store.get('noticeReads', receiptsId(n._id, compoundId)),
      store.query('users', { where: { reach: { $has: reachKey(n.audience, node._id) } }, orderBy: [{ field: '_id' }], limit: 1000 }),
    ]);
    const tally = receipts?.n[node._id] ?? {};
    const unread = people.items
      .filter((u) => !receipts?.readers[readerKey(u._id)])
      .map((u) => ({
        name: maskName(u.name ?? '住户'),
        household: u.household?.buildingId === node._id ? `${node.name}${u.household.unit}单元${u.household.room}` : node.name,
      }));
    return { noticeId: n._id, orgId: node._id, total: row(node, total, tally.r ?? 0, tally.a ?? 0), children: [], unread };
  }

  const [children, total] = await Promise.all([
    store.query('orgs', { where: { parentId: node._id }, orderBy: [{ field: 'order' }], limit: 1000 }),
    audienceOf(node._id),
  ]);
  const audiences = await Promise.all(children.items.map((c) => audienceOf(c._id)));
  const rows = new Map(children.items.map((c, i) => [c._id, row(c, audiences[i])]));
  const sum = { r: 0, a: 0 };

  if (node.level === 'compound') {
    const receipts = await store.get('noticeReads', receiptsId(n._id, node._id));
    if (receipts) {
      sum.r = receipts.r;
      sum.a = receipts.a;
      for (const [orgId, t] of Object.entries(receipts.n)) {
        const r = rows.get(orgId);
        if (r) Object.assign(r, { read: t.r ?? 0, acked: t.a ?? 0 });
      }
    }
  } else {
    // Groups (compounds, or staff nodes above them) in this subtree, a page of 1,000 at a time.
    await eachPage(store, 'noticeReads', { where: { noticeId: n._id, path: { $has: node._id } }, orderBy: [{ field: '_id' }], limit: 1000 }, (items) => {
      for (const d of items) {
        sum.r += d.r;
        sum.a += d.a;
        const r = rows.get(d.path[depth + 1]);
        if (r) {
          r.read += d.r;
          r.acked += d.a;
        }
      }
    });
  }
  return { noticeId: n._id, orgId: node._id, total: row(node, total, sum.r, sum.a), children: [...rows.values()] };
}
