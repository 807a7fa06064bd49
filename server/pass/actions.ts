/** pass.*: apply, review, revoke, list, and the signed credential phones show offline. */
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { ActionResponse } from '../../typings/api';
import type { PassCredential, PassRelation } from '../../typings/pass';
import { asciiBytes, b64urlDecode, b64urlEncode } from '../../miniprogram/shared/pass/bytes';
import { encodeCredential } from '../../miniprogram/shared/pass/codec';
import { isSafeDeviceKey } from '../../miniprogram/shared/pass/device';
import { maskName } from '../core/mask';
import { AppError, conflict, invalid, precondition } from '../core/errors';
import { DAY } from '../core/time';
import { id, intRange, listOf, matching, paging, personName, text } from '../core/validate';
import { bumpCompoundGate, loadTrustBundle } from '../gate/compound-gate';
import type { OrgDoc } from '../auth/nodes';
import { OVERSEERS } from '../auth/roles';
import { AT_COMPOUND } from '../auth/rules';
import { action, type ActionContext } from '../runtime/action';
import { found } from '../runtime/found';
import { pageResult } from '../store/pages';
import type { Store, TxStore } from '../store/port';
import { enqueue, type Push } from '../messaging/outbox';
import type { TemplateFill } from '../messaging/templates';
import { activeSigner, ensureActiveKey, rotateKey } from './keys';
import { PASS_ID, credentialFields, loadPass, statusText } from './load';
import { bumpPassGauges } from './gauge';
import { isLive, passNode, statusAt, toPassView, type PassDoc } from './model';
import { paperAction } from './paper';

const RELATIONS = ['self', 'family', 'tenant', 'caregiver'] as const;
const LABELS = {
  passId: '出入证',
  reason: '原因',
  name: '姓名',
  relation: '关系',
  compoundId: '小区',
  validDays: '有效天数',
  limit: '每页条数',
  cursor: '分页游标',
};
const DEFAULT_VALID_DAYS = 30;
/** Passes approved by one pass.approveMany. */
export const MAX_APPROVE = 50;

/** Pass ids are short (they sit inside a QR that must stay ≤ 450 chars): 10 base-36 characters. */
function newPassId(): string {
  const bytes = randomBytes(10);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

/** Tells the resident about a decision: a subscription message through the outbox. */
async function recordDecision(tx: TxStore, pass: PassDoc, status: string, now: number) {
  const push: Push = {
    key: `pass.decision:${pass._id}:${status}`,
    kind: 'pass.decision',
    template: 'passDecision',
    to: pass.holder,
    page: '/resident/pages/pass/pass',
    values: {
      status: statusText(status),
      name: maskName(pass.name),
      compound: pass.compoundName,
      reason: pass.statusReason ?? '',
      time: String(now),
    } satisfies TemplateFill<'passDecision'>,
  };
  await enqueue(tx, [push], now);
}

/**
 * Approves or rejects a pending pass in one transaction, telling the resident. The same decision
 * again is a retry, answered as stored; a pass no longer pending is a CONFLICT.
 */
async function review(ctx: ActionContext, passId: string, target: 'approved' | 'rejected', opts: { reason?: string; validDays?: number }, now: number) {
  return ctx.store.transaction(async (tx) => {
    const current = (await tx.get('passes', passId))!;
    if (current.status === target) return current; // a retry
    if (current.status !== 'pending') throw conflict(`该申请${statusText(statusAt(current, now))}，不能再审核`);
    const by = { reviewedAt: now, reviewedBy: ctx.caller.openid };
    const patch: Partial<PassDoc> =
      target === 'approved'
        ? { status: target, validFrom: now, validUntil: now + (opts.validDays ?? DEFAULT_VALID_DAYS) * DAY, ...by }
        : { status: target, statusReason: opts.reason, ...by };
    if (!(await tx.update('passes', passId, patch, { version: current._v }))) throw conflict('数据已被修改，请重试');
    const next = { ...current, ...patch };
    await bumpPassGauges(tx, current, next);
    await recordDecision(tx, next, target, now);
    return next;
  });
}

export const passActions = [
  action('pass.apply', {
    roles: ['resident'],
    scope: 'none',
    limit: { per: 'hour', max: 20 },
    schema: z.strictObject({ relation: z.enum(RELATIONS), name: z.optional(personName()), reason: text(2, 100) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const user = ctx.caller.user;
      const hh = user?.household;
      if (!user || !hh) throw precondition('请先登记住户信息');
      const name = req.relation === 'self' ? user.name! : req.name;
      if (!name) throw invalid('data.name', '请填写出入证使用人的姓名');
      const now = ctx.clock.now();
      const [building, compound] = await getBoth(ctx.store, hh.buildingId, hh.compoundId);
      const lockId = createHash('sha256').update(`${hh.compoundId}|${user._id}|${name}`).digest('base64url').slice(0, 24);

      const pass = await ctx.store.transaction(async (tx) => {
        const lock = await tx.get('passLocks', lockId);
        if (lock) {
          const live = await tx.get('passes', lock.passId);
          if (live && isLive(live, now)) {
            // The same application again (a retry) gets the same pass; anything else is a conflict.
            if (live.relation === req.relation && live.reason === req.reason) return live;
            throw conflict(`${maskName(name)} 已有${live.status === 'pending' ? '待审核的申请' : '有效的出入证'}`);
          }
        }
        const doc: PassDoc = {
          _id: newPassId(),
          compoundId: compound._id,
          compoundName: compound.name,
          compoundPath: compound.path,
          buildingId: building._id,
          holder: user._id,
          name,
          relation: req.relation as PassRelation,
          household: `${building.name}${hh.unit}单元${hh.room}`,
          reason: req.reason,
          status: 'pending',
          lockId,
          createdAt: now,
        };
        await tx.insert('passes', doc);
        await bumpPassGauges(tx, null, doc);
        if (lock) await tx.update('passLocks', lockId, { passId: doc._id });
        else await tx.insert('passLocks', { _id: lockId, passId: doc._id });
        return doc;
      });
      return toPassView(pass, now);
    },
  }),

  action('pass.mine', {
    roles: ['resident'],
    scope: 'none',
    schema: z.strictObject({}),
    handle: async (_req, ctx) => {
      const now = ctx.clock.now();
      const page = await ctx.store.query('passes', {
        where: { holder: ctx.caller.openid },
        orderBy: [{ field: 'createdAt', dir: 'desc' }],
        limit: 50,
      });
      return { items: page.items.map((p) => toPassView(p, now)) };
    },
  }),

  action('pass.pending', {
    roles: OVERSEERS,
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({ compoundId: id(), ...paging() }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const now = ctx.clock.now();
      const page = await ctx.store.query('passes', {
        where: { compoundId: req.compoundId, status: 'pending' },
        orderBy: [{ field: 'createdAt' }],
        limit: req.limit ?? 50,
        cursor: req.cursor,
      });
      return pageResult(page, (p) => toPassView(p, now));
    },
  }),

  action('pass.list', {
    roles: OVERSEERS,
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({
      compoundId: id(),
      status: z.optional(z.enum(['pending', 'approved', 'rejected', 'revoked', 'expired'])),
      buildingId: z.optional(id()),
      ...paging(),
    }),
    labels: { ...LABELS, status: '状态', buildingId: '楼栋' },
    handle: async (req, ctx) => {
      const now = ctx.clock.now();
      const where: Record<string, string | { $lt: number } | { $gte: number }> = { compoundId: req.compoundId };
      if (req.buildingId) where.buildingId = req.buildingId;
      if (req.status === 'expired') Object.assign(where, { status: 'approved', validUntil: { $lt: now } });
      else if (req.status === 'approved') Object.assign(where, { status: 'approved', validUntil: { $gte: now } });
      else if (req.status) where.status = req.status;
      const page = await ctx.store.query('passes', {
        where,
        orderBy: [{ field: 'createdAt', dir: 'desc' }],
        limit: req.limit ?? 50,
        cursor: req.cursor,
      });
      return pageResult(page, (p) => toPassView(p, now));
    },
  }),

  action('pass.review', {
    roles: ['secretary'],
    scope: 'subtree',
    schema: z.strictObject({
      passId: PASS_ID,
      decision: z.enum(['approve', 'reject']),
      reason: z.optional(text(2, 100)),
      validDays: z.optional(intRange(1, 90)),
    }),
    labels: { ...LABELS, decision: '审核结果' },
    handle: async (req, ctx) => {
      if (req.decision === 'reject' && !req.reason) throw invalid('data.reason', '拒绝时请填写原因');
      const pass = await loadPass(ctx, req.passId);
      const now = ctx.clock.now();
      const reviewed = await review(ctx, pass._id, req.decision === 'approve' ? 'approved' : 'rejected', req, now);
      return toPassView(reviewed, now);
    },
  }),

  action('pass.approveMany', {
    roles: ['secretary'],
    scope: 'subtree',
    limit: { per: 'minute', max: 10 },
    schema: z.strictObject({ passIds: listOf(PASS_ID, 1, MAX_APPROVE), validDays: z.optional(intRange(1, 90)) }),
    labels: { ...LABELS, passIds: '出入证' },
    handle: async (req, ctx) => {
      req.passIds.forEach((passId, i) => {
        if (req.passIds.indexOf(passId) !== i) throw invalid(`data.passIds.${i}`, '同一出入证选了两次');
      });
      // Every pass must be the caller's to see before anything is written (scope before existence).
      const docs = new Map((await ctx.store.getMany('passes', req.passIds)).map((p) => [p._id, p]));
      req.passIds.forEach((passId, i) => found(docs.get(passId), (p) => ctx.reaches(passNode(p)), '出入证', `data.passIds.${i}`));
      const now = ctx.clock.now();
      const results: ActionResponse<'pass.approveMany'>['results'] = [];
      // One transaction per pass, each idempotent: a retried batch approves what is left, once.
      for (const passId of req.passIds) {
        try {
          results.push({ passId, ok: true, pass: toPassView(await review(ctx, passId, 'approved', req, now), now) });
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
          results.push({ passId, ok: false, message: err.message });
        }
      }
      return { approved: results.filter((r) => r.ok).length, results };
    },
  }),

  action('pass.revoke', {
    roles: ['secretary'],
    scope: 'subtree',
    schema: z.strictObject({ passId: PASS_ID, reason: text(2, 100) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const pass = await loadPass(ctx, req.passId);
      const now = ctx.clock.now();
      const revoked = await ctx.store.transaction(async (tx) => {
        const current = (await tx.get('passes', pass._id))!;
        if (current.status === 'revoked') return current; // a retry
        if (statusAt(current, now) !== 'approved') throw precondition(`只能注销有效的出入证（当前：${statusText(statusAt(current, now))}）`);
        const patch = { status: 'revoked' as const, statusReason: req.reason, reviewedAt: now, reviewedBy: ctx.caller.openid };
        if (!(await tx.update('passes', pass._id, patch, { version: current._v }))) throw conflict('数据已被修改，请重试');
        await bumpCompoundGate(tx, current.compoundId);
        const next = { ...current, ...patch };
        await bumpPassGauges(tx, current, next);
        await recordDecision(tx, next, 'revoked', now);
        return next;
      });
      return toPassView(revoked, now);
    },
  }),

  action('pass.credential', {
    roles: ['resident'],
    scope: 'none',
    limit: { per: 'minute', max: 20 },
    schema: z.strictObject({ passId: PASS_ID, devicePublicKey: matching(/^[A-Za-z0-9_-]{43}$/, '设备公钥格式不正确') }),
    labels: { ...LABELS, devicePublicKey: '设备公钥' },
    handle: async (req, ctx) => {
      const pass = await loadPass(ctx, req.passId, true);
      const now = ctx.clock.now();
      const status = statusAt(pass, now);
      if (status !== 'approved') throw precondition(`出入证${statusText(status)}，不能出示`);
      const raw = b64urlDecode(req.devicePublicKey);
      if (!raw || !isSafeDeviceKey(raw)) throw invalid('data.devicePublicKey', '设备公钥无效，请重新打开出入证页面');
      const key = await activeSigner(ctx.store, now, ctx.config.passKeks);
      const credential: PassCredential = { ...credentialFields(pass, key.kid, pass.validFrom!, pass.validUntil!), dpk: req.devicePublicKey };
      const credText = encodeCredential(credential);
      const signed = `${credText}.${b64urlEncode(key.sign(asciiBytes(credText)))}`;
      if (pass.dpk !== req.devicePublicKey) await ctx.store.update('passes', pass._id, { dpk: req.devicePublicKey, credentialAt: now });
      return { credential, signed };
    },
  }),

  paperAction,

  action('pass.trust', {
    roles: ['volunteer', ...OVERSEERS],
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({ compoundId: id() }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const now = ctx.clock.now();
      const bundle = await loadTrustBundle(ctx.store, req.compoundId, now);
      if (bundle.keys.length) return bundle;
      // The district's very first bundle: make the key now, so phones never cache an empty key list.
      await ensureActiveKey(ctx.store, now, ctx.config.passKeks);
      return loadTrustBundle(ctx.store, req.compoundId, now);
    },
  }),

  action('pass.rotateKey', {
    roles: ['admin'],
    scope: 'none',
    limit: { per: 'hour', max: 5 },
    schema: z.strictObject({}),
    handle: async (_req, ctx) => {
      const key = await rotateKey(ctx.store, ctx.clock.now(), ctx.config.passKeks);
      return { kid: key._id };
    },
  }),
];

async function getBoth(store: Store, buildingId: string, compoundId: string): Promise<[OrgDoc, OrgDoc]> {
  const docs = await store.getMany('orgs', [buildingId, compoundId]);
  const building = docs.find((d) => d._id === buildingId);
  const compound = docs.find((d) => d._id === compoundId);
  if (!building || !compound) throw precondition('您登记的楼栋已不存在，请重新登记');
  return [building, compound];
}
