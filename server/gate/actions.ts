/** gate.*: the gates of a compound, decisions online and synced from phones, the log, the visitor policy. */
import * as z from 'zod/mini';
import type { GateDenyReason } from '../../typings/pass';
import { TEMPERATURE_MAX, TEMPERATURE_MIN } from '../../miniprogram/shared/gate/decide';
import { isPlate } from '../../miniprogram/shared/plate';
import { invalid } from '../core/errors';
import { DAY, dayOf } from '../core/time';
import { id, isPhone, matching, numberIn, paging, roomNo, text, unitNo, upTo } from '../core/validate';
import { maskName } from '../core/mask';
import { statusAt } from '../pass/model';
import { pageResult } from '../store/pages';
import { GATEKEEPERS, OVERSEERS } from '../auth/roles';
import { AT_COMPOUND } from '../auth/rules';
import { found } from '../runtime/found';
import { action, type ActionContext } from '../runtime/action';
import { checkedTime, syncedTime, type EventTime } from './clock';
import { bumpCompoundGate, loadTrustBundle } from './compound-gate';
import { toGateEventView, type GateDoc } from './model';
import { decisionContext, matchedPasses, storeEvents, toEventDoc } from './record';

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
  'NO_PASS',
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
  temperatureBand: z.optional(z.enum(['normal'])),
  method: z.optional(z.enum(['qr', 'manual'])),
  passId: z.optional(matching(/^[a-z0-9]{10}$/, '出入证编号格式不正确')),
  manualReason: z.optional(text(2, 40)),
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
  temperatureBand?: string;
  method?: string;
  passId?: string;
  manualReason?: string;
  person?: { company?: string; courierKind?: string };
  verdict?: string;
};

/** Rules across fields: what each kind of event must carry. */
function checkEvent(e: EventShape, add: (path: string, message: string) => void) {
  const manual = e.method === 'manual';
  if (e.kind === 'resident' && !manual && !e.qr) add('qr', '居民通行须扫描出入证');
  if (manual) {
    if (e.kind !== 'resident') add('method', '只有居民可以人工登记');
    if (e.qr) add('qr', '人工登记不带二维码');
    if (!e.passId) add('passId', '人工登记须选择住户的出入证');
    if (!e.manualReason) add('manualReason', '人工登记须填写原因');
  } else if (e.passId || e.manualReason) add(e.passId ? 'passId' : 'manualReason', '只有人工登记才填写出入证和原因');
  if (e.temperature !== undefined && e.temperatureBand) add('temperatureBand', '体温读数和“正常”只能填一项');
  if (e.kind === 'vehicle' && !(e.plate && isPlate(e.plate))) add('plate', '车牌号格式不正确');
  if (e.kind === 'courier' && !(e.person?.courierKind && e.person.company)) add('person', '请填写快递/外卖类型和公司');
  const entering = e.direction === 'in' && (e.kind === 'resident' || e.kind === 'visitor');
  if (entering && e.verdict !== 'deny' && e.temperature === undefined && !e.temperatureBand) add('temperature', '进入小区须测量体温');
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
  'events.temperatureBand': '体温',
  'events.method': '核验方式',
  'events.passId': '出入证',
  'events.manualReason': '人工登记原因',
  'event.temperatureBand': '体温',
  'event.method': '核验方式',
  'event.passId': '出入证',
  'event.manualReason': '人工登记原因',
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
      const [trust, passes] = await Promise.all([gateTrust(ctx, gate.compoundId, now), matchedPasses(ctx.store, gate, [req.event])]);
      // Online, the server decides, by its own clock; record its verdict as the phone's too.
      const draft = toEventDoc(gate, { ...req.event, verdict: 'allow' }, checkedTime(now, req.event.at), trust, ctx.caller.openid, now, passes);
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
      const [trust, passes] = await Promise.all([gateTrust(ctx, gate.compoundId, now), matchedPasses(ctx.store, gate, req.events)]);
      const docs = req.events.map((e, i) => toEventDoc(gate, e, times[i], trust, ctx.caller.openid, now, passes));
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
      method: z.optional(z.enum(['manual'])),
      ...paging(),
    }),
    labels: {
      compoundId: '小区',
      gateId: '门岗',
      from: '开始时间',
      to: '结束时间',
      kind: '类型',
      verdict: '判定',
      direction: '方向',
      method: '核验方式',
      limit: '每页条数',
    },
    handle: async (req, ctx) => {
      if (req.from !== undefined && req.to !== undefined && req.from > req.to) throw invalid('data.from', '开始时间不能晚于结束时间');
      const where: Record<string, string | { $gte?: number; $lte?: number }> = { compoundId: req.compoundId };
      for (const k of ['gateId', 'kind', 'verdict', 'direction', 'method'] as const) if (req[k]) where[k] = req[k]!;
      if (req.from !== undefined || req.to !== undefined) {
        where.at = { ...(req.from !== undefined ? { $gte: req.from } : {}), ...(req.to !== undefined ? { $lte: req.to } : {}) };
      }
      const today = dayOf(ctx.clock.now());
      const [page, allow, deny, manual] = await Promise.all([
        ctx.store.query('gateEvents', { where, orderBy: [{ field: 'at', dir: 'desc' }], limit: req.limit ?? 50, cursor: req.cursor }),
        ctx.store.count('gateEvents', { compoundId: req.compoundId, day: today, verdict: 'allow' }),
        ctx.store.count('gateEvents', { compoundId: req.compoundId, day: today, verdict: 'deny' }),
        ctx.store.count('gateEvents', { compoundId: req.compoundId, day: today, method: 'manual' }),
      ]);
      return { ...pageResult(page, toGateEventView), today: { allow, deny, manual } };
    },
  }),

  action('gate.lookup', {
    roles: GATEKEEPERS,
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    limit: { per: 'minute', max: 30 },
    schema: z.strictObject({ compoundId: id(), buildingId: id(), unit: unitNo(), room: roomNo() }),
    labels: { compoundId: '小区', buildingId: '楼栋', unit: '单元', room: '房号' },
    handle: async (req, ctx) => {
      const building = await ctx.store.get('orgs', req.buildingId);
      if (!building || building.level !== 'building' || building.parentId !== req.compoundId) throw invalid('data.buildingId', '这个小区没有该楼栋');
      const household = `${building.name}${req.unit}单元${req.room}`;
      const now = ctx.clock.now();
      // Masked names only, as everywhere at the gate: nothing shown in full, so nothing to log.
      const page = await ctx.store.query('passes', {
        where: { compoundId: req.compoundId, buildingId: req.buildingId, household, status: 'approved' },
        orderBy: [{ field: 'createdAt' }],
        limit: 20,
      });
      const items = page.items
        .filter((p) => statusAt(p, now) === 'approved')
        .map((p) => ({ passId: p._id, nameMasked: maskName(p.name), relation: p.relation, validUntil: p.validUntil ?? now }));
      return { household, items };
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
