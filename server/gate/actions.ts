/** gate.*: the gates of a compound, decisions online and synced from phones, the log, the visitor policy. */
import * as z from 'zod/mini';
import type { GateDenyReason } from '../../typings/pass';
import { TEMPERATURE_MAX, TEMPERATURE_MIN } from '../../miniprogram/shared/gate/decide';
import { isPlate } from '../../miniprogram/shared/plate';
import { invalid } from '../core/errors';
import { DAY, dayOf } from '../core/time';
import { id, isPhone, matching, numberIn, paging, text, upTo } from '../core/validate';
import { pageResult } from '../store/pages';
import { GATEKEEPERS, OVERSEERS } from '../auth/roles';
import { AT_COMPOUND } from '../auth/rules';
import { found } from '../runtime/found';
import { action, type ActionContext } from '../runtime/action';
import { checkedTime, syncedTime, type EventTime } from './clock';
import { bumpCompoundGate, loadTrustBundle } from './compound-gate';
import { toGateEventView, type GateDoc } from './model';
import { decisionContext, storeEvents, toEventDoc } from './record';

export const MAX_BATCH = 200;
const MAX_EVENT_AGE = 7 * DAY;
const REASONS: [GateDenyReason, ...GateDenyReason[]] = [
  'BAD_FORMAT',
  'UNKNOWN_KEY',
  'BAD_SIGNATURE',
  'EXPIRED',
  'OTHER_COMPOUND',
  'REVOKED',
  'REPLACED',
  'STALE_CODE',
  'BAD_DEVICE_SIGNATURE',
  'ID_NOT_CHECKED',
  'ID_MISMATCH',
  'FEVER',
  'COURIER',
  'VISITOR_NOT_ALLOWED',
  'VEHICLE_NOT_REGISTERED',
];

const KINDS = z.enum(['resident', 'visitor', 'courier', 'vehicle']);
const DIRECTIONS = z.enum(['in', 'out']);
const VERDICTS = z.enum(['allow', 'deny']);

const eventFields = {
  id: matching(/^[A-Za-z0-9-]{8,64}$/, '事件编号格式不正确'),
  at: z.int().check(z.positive()),
  kind: KINDS,
  direction: DIRECTIONS,
  qr: z.optional(upTo(600, '二维码内容过长，不是有效的出入证')),
  temperature: z.optional(
    numberIn(TEMPERATURE_MIN, TEMPERATURE_MAX, `体温应在 ${TEMPERATURE_MIN}–${TEMPERATURE_MAX} ℃ 之间`).check(
      z.refine((t) => Math.abs(Math.round(t * 10) - t * 10) < 1e-6, { error: '体温保留一位小数' }),
    ),
  ),
  plate: z.optional(upTo(16)),
  idCheck: z.optional(z.enum(['confirmed', 'mismatch'])),
  person: z.optional(
    z.strictObject({
      name: z.optional(text(1, 20)),
      phone: z.optional(z.string().check(isPhone())),
      company: z.optional(text(1, 20)),
      courierKind: z.optional(z.enum(['courier', 'delivery'])),
    }),
  ),
};

type EventShape = {
  kind: string;
  direction: string;
  qr?: string;
  plate?: string;
  temperature?: number;
  person?: { company?: string; courierKind?: string };
  verdict?: string;
};

/** Rules across fields: what each kind of event must carry. */
function checkEvent(e: EventShape, add: (path: string, message: string) => void) {
  if (e.kind === 'resident' && !e.qr) add('qr', '居民通行须扫描出入证');
  if (e.kind === 'vehicle' && !(e.plate && isPlate(e.plate))) add('plate', '车牌号格式不正确');
  if (e.kind === 'courier' && !(e.person?.courierKind && e.person.company)) add('person', '请填写快递/外卖类型和公司');
  const entering = e.direction === 'in' && (e.kind === 'resident' || e.kind === 'visitor');
  if (entering && e.verdict !== 'deny' && e.temperature === undefined) add('temperature', '进入小区须测量体温');
}

const refineEvent = z.superRefine((e: EventShape, ctx) => checkEvent(e, (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })));

// Online the server's clock decides: the phone's `at` is optional and only kept.
const checkSchema = z.strictObject({ ...eventFields, at: z.optional(eventFields.at) }).check(refineEvent);
const syncSchema = z.strictObject({ ...eventFields, verdict: VERDICTS, reason: z.optional(z.enum(REASONS)) }).check(refineEvent);

const GATE_LABELS = {
  gateId: '门岗',
  events: '事件',
  sentAt: '发送时间',
  'events.id': '事件编号',
  'events.at': '时间',
  'events.kind': '类型',
  'events.direction': '方向',
  'events.verdict': '判定',
  'events.reason': '原因',
  'events.idCheck': '身份证核对',
  'event.idCheck': '身份证核对',
  'event.id': '事件编号',
  'event.at': '时间',
  'event.kind': '类型',
  'event.direction': '方向',
};

async function loadGate(ctx: ActionContext, gateId: string): Promise<GateDoc> {
  const gate = await ctx.store.get('gates', gateId);
  return found(gate, (g) => ctx.reaches({ _id: g.compoundId, path: g.compoundPath }), '门岗', 'data.gateId');
}

/** Phones may sync late, but not what happened (as the server places it) more than a week ago. */
function checkAge(times: EventTime[], now: number) {
  times.forEach((t, i) => {
    if (t.at < now - MAX_EVENT_AGE) throw invalid(`data.events.${i}.at`, '事件时间不合理，请检查手机时间');
  });
}

/** No key yet means no credential was ever signed: every code is UNKNOWN_KEY, nothing to create here. */
async function gateTrust(ctx: ActionContext, compoundId: string, now: number) {
  return decisionContext(await loadTrustBundle(ctx.store, compoundId, now));
}

export const gateActions = [
  action('gate.list', {
    roles: ['volunteer', ...OVERSEERS],
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({ compoundId: id() }),
    labels: { compoundId: '小区' },
    handle: async (req, ctx) => {
      const page = await ctx.store.query('gates', { where: { compoundId: req.compoundId }, orderBy: [{ field: 'order' }], limit: 50 });
      return { items: page.items.map((g) => ({ id: g._id, compoundId: g.compoundId, name: g.name })) };
    },
  }),

  action('gate.check', {
    roles: GATEKEEPERS,
    scope: 'subtree',
    limit: { per: 'minute', max: 120 },
    schema: z.strictObject({ gateId: id(), event: checkSchema }),
    labels: GATE_LABELS,
    handle: async (req, ctx) => {
      const now = ctx.clock.now();
      const gate = await loadGate(ctx, req.gateId);
      const trust = await gateTrust(ctx, gate.compoundId, now);
      // Online, the server decides, by its own clock; record its verdict as the phone's too.
      const draft = toEventDoc(gate, { ...req.event, verdict: 'allow' }, checkedTime(now, req.event.at), trust, ctx.caller.openid, now);
      const doc = { ...draft, phoneVerdict: draft.verdict, mismatch: false, ...(draft.reason ? { phoneReason: draft.reason } : {}) };
      const { results } = await storeEvents(ctx.store, gate, [doc], now);
      return results[0];
    },
  }),

  action('gate.sync', {
    roles: GATEKEEPERS,
    scope: 'subtree',
    limit: { per: 'minute', max: 30 },
    schema: z.strictObject({
      gateId: id(),
      events: z.array(syncSchema).check(z.minLength(1), z.maxLength(MAX_BATCH, { error: `每批最多 ${MAX_BATCH} 条事件` })),
      sentAt: z.optional(z.int().check(z.positive())),
    }),
    labels: GATE_LABELS,
    handle: async (req, ctx) => {
      const seen = new Set<string>();
      req.events.forEach((e, i) => {
        if (seen.has(e.id)) throw invalid(`data.events.${i}.id`, '同一批次中事件编号重复');
        seen.add(e.id);
      });
      const now = ctx.clock.now();
      const times = req.events.map((e) => syncedTime(e.at, req.sentAt, now));
      checkAge(times, now);
      const gate = await loadGate(ctx, req.gateId);
      const trust = await gateTrust(ctx, gate.compoundId, now);
      const docs = req.events.map((e, i) => toEventDoc(gate, e, times[i], trust, ctx.caller.openid, now));
      return storeEvents(ctx.store, gate, docs, now);
    },
  }),

  action('gate.log', {
    roles: OVERSEERS,
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({
      compoundId: id(),
      gateId: z.optional(id()),
      from: z.optional(z.int().check(z.nonnegative())),
      to: z.optional(z.int().check(z.nonnegative())),
      kind: z.optional(KINDS),
      verdict: z.optional(VERDICTS),
      direction: z.optional(DIRECTIONS),
      ...paging(),
    }),
    labels: { compoundId: '小区', gateId: '门岗', from: '开始时间', to: '结束时间', kind: '类型', verdict: '判定', direction: '方向', limit: '每页条数' },
    handle: async (req, ctx) => {
      if (req.from !== undefined && req.to !== undefined && req.from > req.to) throw invalid('data.from', '开始时间不能晚于结束时间');
      const where: Record<string, string | { $gte?: number; $lte?: number }> = { compoundId: req.compoundId };
      for (const k of ['gateId', 'kind', 'verdict', 'direction'] as const) if (req[k]) where[k] = req[k]!;
      if (req.from !== undefined || req.to !== undefined) {
        where.at = { ...(req.from !== undefined ? { $gte: req.from } : {}), ...(req.to !== undefined ? { $lte: req.to } : {}) };
      }
      const today = dayOf(ctx.clock.now());
      const [page, allow, deny] = await Promise.all([
        ctx.store.query('gateEvents', { where, orderBy: [{ field: 'at', dir: 'desc' }], limit: req.limit ?? 50, cursor: req.cursor }),
        ctx.store.count('gateEvents', { compoundId: req.compoundId, day: today, verdict: 'allow' }),
        ctx.store.count('gateEvents', { compoundId: req.compoundId, day: today, verdict: 'deny' }),
      ]);
      return { ...pageResult(page, toGateEventView), today: { allow, deny } };
    },
  }),

  action('gate.policy', {
    roles: ['secretary'],
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({ compoundId: id(), visitorsAllowed: z.boolean(), reason: text(2, 100) }),
    labels: { compoundId: '小区', visitorsAllowed: '是否允许访客', reason: '原因' },
    handle: async (req, ctx) => {
      const now = ctx.clock.now();
      const current = await ctx.store.get('compoundGate', req.compoundId);
      const unchanged = current && current.visitorsAllowed === req.visitorsAllowed && current.policyReason === req.reason;
      if (!unchanged) {
        const patch = { visitorsAllowed: req.visitorsAllowed, policyReason: req.reason, policyUpdatedAt: now, policyBy: ctx.caller.openid };
        await ctx.store.transaction((tx) => bumpCompoundGate(tx, req.compoundId, patch));
      }
      const doc = unchanged ? current : (await ctx.store.get('compoundGate', req.compoundId))!;
      return { compoundId: req.compoundId, visitorsAllowed: doc.visitorsAllowed, reason: doc.policyReason ?? '', updatedAt: doc.policyUpdatedAt ?? now };
    },
  }),
];
