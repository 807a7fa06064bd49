/** export.create / export.list: writing a ledger to a file in storage, and the caller's own exports. */
import { randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod/mini';
import type { ExportKind } from '../../typings/export';
import type { OrgDoc } from '../auth/nodes';
import { LEVEL_LABELS, OVERSEERS, ROLE_RANK } from '../auth/roles';
import { conflict, forbidden, invalid } from '../core/errors';
import { DAY } from '../core/time';
import { id, matching } from '../core/validate';
import { addDays, daySchema, dayStart, weekOf } from '../duty/time';
import { action, type ActionContext } from '../runtime/action';
import { StoreConflictError } from '../store/port';
import { EXPORT_KINDS, KINDS, type Range } from './kinds';
import { exportId, fileNameOf, KEEP_DAYS, MAX_DAYS, MAX_ROWS, toExportView, URL_SECONDS, type ExportDoc } from './model';
import { ledgerFilter, writeLedger } from './write';

const LABELS = { requestId: '请求编号', kind: '台账类型', orgId: '组织', from: '开始日期', to: '结束日期' };

/** The range of days asked for; the end not before the start, at most MAX_DAYS days. */
function rangeOf(from: string, to: string): Range {
  if (to < from) throw invalid('data.to', '结束日期不能早于开始日期');
  const start = dayStart(from);
  const end = dayStart(addDays(to, 1));
  if (Math.round((end - start) / DAY) > MAX_DAYS) throw invalid('data.to', `导出范围不能超过 ${MAX_DAYS} 天`);
  return { fromDay: from, toDay: to, start, end, fromWeek: weekOf(start), toWeek: weekOf(end - 1) };
}

/** The kinds the caller may export at `node`: their role covers it and the kind is kept at its level. */
const kindsAt = (ctx: ActionContext, node: OrgDoc) =>
  EXPORT_KINDS.filter((k) => KINDS[k].levels.includes(node.level) && ctx.caller.covering(node, KINDS[k].roles).length > 0);

async function withUrl(ctx: ActionContext, doc: ExportDoc) {
  const url = doc.expiresAt > ctx.clock.now() ? await ctx.services.exportFiles.url(doc.fileId, ctx.caller.openid, URL_SECONDS, doc.fileName) : null;
  return toExportView(doc, url);
}

export const exportActions = [
  action('export.create', {
    // Leaders too: a building's health ledger is theirs to keep (each kind says who may export it).
    roles: ['leader', ...OVERSEERS],
    scope: 'subtree',
    target: { field: 'orgId' },
    limit: { per: 'hour', max: 10 },
    schema: z.strictObject({
      requestId: matching(/^[A-Za-z0-9_-]{8,64}$/, '请求编号应为 8–64 位字母、数字、- 或 _'),
      kind: z.enum(EXPORT_KINDS as [ExportKind, ...ExportKind[]]),
      orgId: id(),
      from: daySchema(),
      to: daySchema(),
    }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const node = ctx.target;
      const kind = KINDS[req.kind];
      const range = rangeOf(req.from, req.to);
      if (!kind.levels.includes(node.level)) {
        throw invalid(
          'data.orgId',
          `「${kind.title}」按${kind.levels.map((l) => LEVEL_LABELS[l]).join('或')}导出，请选择一个${LEVEL_LABELS[kind.levels[kind.levels.length - 1]]}`,
        );
      }
      const grants = ctx.caller.covering(node, kind.roles);
      if (!grants.length) throw forbidden(`您不能导出${node.name}的「${kind.title}」`);

      const docId = exportId(ctx.caller.openid, req.requestId);
      const same = (d: ExportDoc) => d.kind === req.kind && d.orgId === req.orgId && d.from === req.from && d.to === req.to;
      const before = await ctx.store.get('exports', docId);
      if (before) {
        if (!same(before)) throw conflict('这个请求编号已用于另一次导出', { field: 'data.requestId' });
        return withUrl(ctx, before);
      }

      const where = await ledgerFilter(ctx.store, kind, node, range);
      const count = await ctx.store.count(kind.collection, where);
      if (count > MAX_ROWS) throw invalid('data.to', `该范围内有 ${count} 条记录，一次最多导出 ${MAX_ROWS} 条，请缩短日期范围`);

      const fullNames = ctx.caller.seesFullNames(node);
      const tmp = join(tmpdir(), `lf-export-${docId}-${randomBytes(4).toString('hex')}.xlsx`);
      let written: { rows: number; bytes: number };
      let fileId: string;
      try {
        written = await writeLedger(ctx.store, kind, where, fullNames, tmp);
        // One path per export: a retry after a crash here overwrites the same file, never adds one.
        fileId = await ctx.services.exportFiles.put(tmp, `exports/${ctx.caller.openid}/${docId}.xlsx`);
      } finally {
        await unlink(tmp).catch(() => undefined);
      }
      const now = ctx.clock.now();
      const doc: ExportDoc = {
        _id: docId,
        openid: ctx.caller.openid,
        role: grants.map((g) => g.role).sort((a, b) => ROLE_RANK[b] - ROLE_RANK[a])[0],
        kind: req.kind,
        title: kind.title,
        orgId: node._id,
        orgName: node.name,
        from: req.from,
        to: req.to,
        rows: written.rows,
        bytes: written.bytes,
        fullNames,
        fileId,
        fileName: fileNameOf(kind.title, node.name, req.from, req.to),
        createdAt: now,
        expiresAt: now + KEEP_DAYS * DAY,
      };
      try {
        await ctx.store.insert('exports', doc);
      } catch (err) {
        // A concurrent retry stored it first (at the same path): answer that one.
        if (!(err instanceof StoreConflictError)) throw err;
        const won = await ctx.store.get('exports', docId);
        if (!won) throw err;
        return withUrl(ctx, won);
      }
      return withUrl(ctx, doc);
    },
  }),

  action('export.list', {
    roles: ['leader', ...OVERSEERS],
    scope: 'subtree',
    target: { field: 'orgId' },
    schema: z.strictObject({ orgId: z.optional(id()) }),
    labels: LABELS,
    handle: async (_req, ctx) => {
      const now = ctx.clock.now();
      const page = await ctx.store.query('exports', {
        where: { openid: ctx.caller.openid, expiresAt: { $gt: now } },
        orderBy: [{ field: 'createdAt', dir: 'desc' }],
        limit: 20,
      });
      const items = await Promise.all(page.items.map((d) => withUrl(ctx, d)));
      const kinds = ctx.target ? kindsAt(ctx, ctx.target).map((kind) => ({ kind, title: KINDS[kind].title })) : [];
      return ctx.target ? { items, kinds, org: { id: ctx.target._id, name: ctx.target.name } } : { items, kinds };
    },
  }),
];
