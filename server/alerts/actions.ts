/**
 * alert.*: the alerts a caller acts on, ack (stops the climb) and resolve (closes it with a
 * note). Who may act on an alert is chain.ts's rule; both are idempotent (a retry returns the
 * alert as it is and writes nothing).
 */
import * as z from 'zod/mini';
import type { AlertView } from '../../typings/messages';
import { conflict, forbidden } from '../core/errors';
import { matching, multiline, paging } from '../core/validate';
import { pageResult } from '../store/pages';
import { OVERSEERS } from '../auth/roles';
import { found } from '../runtime/found';
import { action, type ActionContext } from '../runtime/action';
import { actingGrants, assigneeLabel } from './chain';
import { bumpAlertGauges } from './gauge';
import { listAlerts } from './list';
import { assigneeOf, toAlertView, type AlertDoc, type AlertStepDoc } from './model';

const ALERT_ID = matching(/^[A-Za-z0-9._:-]{1,200}$/, '预警编号格式不正确');
const LABELS = { alertId: '预警', note: '处置说明', status: '状态', cursor: '分页游标', limit: '每页条数' };

/** The grant the caller acts on `doc` with, or FORBIDDEN naming who acts now. */
function actingGrant(ctx: ActionContext, doc: AlertDoc) {
  const grant = actingGrants(ctx.caller, doc.path, assigneeOf(doc))[0];
  if (!grant) throw forbidden(`该预警当前由${assigneeLabel(assigneeOf(doc))}处理，您无权操作`);
  return grant;
}

async function loadAlert(ctx: ActionContext, alertId: string): Promise<AlertDoc> {
  // In the caller's area at all (the node it concerns), then theirs to act on now.
  const doc = found(await ctx.store.get('alerts', alertId), (a) => ctx.reaches({ _id: a.orgId, path: a.path.slice(0, -1) }), '预警', 'data.alertId');
  actingGrant(ctx, doc);
  return doc;
}

/**
 * Applies `change` to the alert as stored now, unless `done` says it already happened (a retry:
 * nothing written). The right to act is checked again inside: the alert may have climbed.
 */
async function transition(
  ctx: ActionContext,
  alertId: string,
  done: (doc: AlertDoc) => boolean,
  change: (doc: AlertDoc, step: Pick<AlertStepDoc, 'at' | 'orgId' | 'role' | 'by' | 'byId'>) => Partial<AlertDoc>,
): Promise<AlertView> {
  const loaded = await loadAlert(ctx, alertId);
  let doc = loaded;
  if (!done(loaded)) {
    const now = ctx.clock.now();
    doc = await ctx.store.transaction(async (tx) => {
      const current = (await tx.get('alerts', alertId))!;
      if (done(current)) return current;
      const grant = actingGrant(ctx, current);
      const by = { at: now, orgId: grant.orgId, role: grant.role, byId: ctx.caller.openid, ...(ctx.caller.user?.name ? { by: ctx.caller.user.name } : {}) };
      const patch = change(current, by);
      if (!(await tx.update('alerts', alertId, patch, { version: current._v }))) throw conflict('预警已被他人更新，请刷新后重试');
      const next = { ...current, ...patch };
      await bumpAlertGauges(tx, current, next);
      return next;
    });
  }
  return toAlertView(doc);
}

export const alertActions = [
  action('alert.list', {
    roles: OVERSEERS,
    scope: 'none',
    schema: z.strictObject({
      status: z.optional(z.enum(['open', 'acked', 'resolved'])),
      ...paging(200, 1024),
    }),
    labels: LABELS,
    handle: async (req, ctx) => {
      return pageResult(await listAlerts(ctx.store, ctx.caller.grants, req), toAlertView);
    },
  }),

  action('alert.ack', {
    roles: OVERSEERS,
    scope: 'subtree',
    schema: z.strictObject({ alertId: ALERT_ID }),
    labels: LABELS,
    handle: (req, ctx) =>
      transition(
        ctx,
        req.alertId,
        (doc) => doc.status !== 'open',
        (doc, by) => ({ status: 'acked', ackedAt: by.at, steps: [...doc.steps, { ...by, kind: 'acked' }] }),
      ),
  }),

  action('alert.resolve', {
    roles: OVERSEERS,
    scope: 'subtree',
    schema: z.strictObject({ alertId: ALERT_ID, note: multiline(2, 200) }),
    labels: LABELS,
    handle: (req, ctx) =>
      transition(
        ctx,
        req.alertId,
        (doc) => doc.status === 'resolved',
        (doc, by) => ({ status: 'resolved', resolvedAt: by.at, steps: [...doc.steps, { ...by, kind: 'resolved', note: req.note }] }),
      ),
  }),
];
