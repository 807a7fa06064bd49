/** volunteer.*: apply to volunteer at a compound, the secretary's decision, the lists. */
import { recordAccess } from '../account/access';
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import type { VolunteerStatus } from '../../typings/duty';
import { grantFields } from '../account/grants';
import { bumpAudience } from '../stats/audience';
import { grantKey, type Grant } from '../auth/caller';
import { conflict, invalid, notFound } from '../core/errors';
import { id, openid, paging, personName, phone, text } from '../core/validate';
import { lineage, type OrgDoc } from '../auth/nodes';
import { UNIT_KIND_LABELS, unitServes } from '../party/model';
import { OVERSEERS } from '../auth/roles';
import { AT_COMPOUND } from '../auth/rules';
import { action, type ActionContext } from '../runtime/action';
import { pageResult } from '../store/pages';
import type { TxStore } from '../store/port';
import { canonicalSkills, skillList, toVolunteerView, volunteerId, type UnitRef, type VolunteerDoc } from './model';

const LABELS = {
  compoundId: '小区',
  name: '姓名',
  phone: '手机号',
  skills: '技能',
  partyMember: '是否党员',
  unitId: '所属党组织',
  openid: '志愿者',
  decision: '审核结果',
  reason: '原因',
  status: '状态',
  limit: '每页条数',
};

const STATUS_TEXT = { pending: '待审核', approved: '已通过', rejected: '已被拒绝' } as const;

/** The unit a volunteer names must serve the compound; only party members join party units. */
async function unitFor(ctx: ActionContext, compound: OrgDoc, unitId: string, partyMember: boolean): Promise<UnitRef> {
  const unit = await ctx.store.get('partyUnits', unitId);
  if (!unit || !unitServes(unit, lineage(compound))) throw invalid('data.unitId', '所选党组织不属于本小区及其所在街道、区');
  if (unit.kind !== 'agency' && !partyMember) throw invalid('data.unitId', `${UNIT_KIND_LABELS[unit.kind]}只编入党员`);
  return { id: unit._id, name: unit.name, kind: unit.kind, path: [...unit.path, unit.orgId] };
}

const sameApplication = (a: VolunteerDoc, b: VolunteerDoc) =>
  JSON.stringify([a.name, a.phone, a.skills, a.partyMember, a.unitId ?? null]) === JSON.stringify([b.name, b.phone, b.skills, b.partyMember, b.unitId ?? null]);

/** Gives the user the volunteer role at the compound (creating the user if new), with an audit record. */
async function grantVolunteer(tx: TxStore, openid: string, compound: Pick<OrgDoc, '_id' | 'path'>, by: string, now: number) {
  const user = await tx.get('users', openid);
  const key = grantKey('volunteer', compound._id);
  if (user?.grantKeys.includes(key)) return;
  const grant: Grant = { role: 'volunteer', orgId: compound._id, path: compound.path, grantedBy: by, at: now };
  if (!user) {
    await tx.insert('users', { _id: openid, ...grantFields([grant]), createdAt: now, updatedAt: now });
  } else if (!(await tx.update('users', openid, { ...grantFields([...user.grants, grant]), updatedAt: now }, { version: user._v }))) {
    throw conflict('数据已被修改，请重试');
  }
  await bumpAudience(tx, user?.grants ?? [], [...(user?.grants ?? []), grant]);
  await tx.insert('audit', { _id: randomUUID(), kind: 'grant', actor: by, subject: openid, role: 'volunteer', orgId: compound._id, at: now });
}

export const volunteerActions = [
  action('volunteer.join', {
    roles: 'anyone',
    scope: 'none',
    limit: { per: 'hour', max: 10 },
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({
      compoundId: id(),
      name: personName(),
      phone: phone(),
      skills: skillList(),
      partyMember: z.boolean(),
      unitId: z.optional(id()),
    }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const compound = ctx.target;
      const unit = req.unitId ? await unitFor(ctx, compound, req.unitId, req.partyMember) : undefined;
      const now = ctx.clock.now();
      const openid = ctx.caller.openid;
      const draft: VolunteerDoc = {
        _id: volunteerId(compound._id, openid),
        openid,
        compoundId: compound._id,
        compoundPath: compound.path,
        name: req.name,
        phone: req.phone,
        skills: canonicalSkills(req.skills),
        partyMember: req.partyMember,
        ...(unit ? { unitId: unit.id, unit } : {}),
        status: 'pending',
        appliedAt: now,
      };
      const doc = await ctx.store.transaction(async (tx) => {
        const current = await tx.get('volunteers', draft._id);
        if (current && (current.status === 'approved' || current.status === 'pending') && sameApplication(current, draft)) return current; // a retry
        if (current?.status === 'approved') throw conflict('您已是本小区的志愿者，如需修改资料请联系小区书记');
        if (!current) {
          await tx.insert('volunteers', draft);
          return draft;
        }
        // Re-applying (pending, or after a refusal) replaces the application.
        const { _id, ...fields } = draft;
        const patch = { ...fields, unitId: draft.unitId, unit: draft.unit, reason: undefined, decidedAt: undefined, decidedBy: undefined };
        if (!(await tx.update('volunteers', _id, patch, { version: current._v }))) throw conflict('数据已被修改，请重试');
        return draft;
      });
      return toVolunteerView(doc);
    },
  }),

  action('volunteer.mine', {
    roles: 'anyone',
    scope: 'none',
    schema: z.strictObject({}),
    handle: async (_req, ctx) => {
      const page = await ctx.store.query('volunteers', { where: { openid: ctx.caller.openid }, orderBy: [{ field: 'appliedAt', dir: 'desc' }], limit: 50 });
      return { items: page.items.map(toVolunteerView) };
    },
  }),

  action('volunteer.list', {
    roles: OVERSEERS,
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({ compoundId: id(), status: z.optional(z.enum(['pending', 'approved', 'rejected'])), ...paging() }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const page = await ctx.store.query('volunteers', {
        where: { compoundId: req.compoundId, ...(req.status ? { status: req.status } : {}) },
        orderBy: [{ field: 'appliedAt' }],
        limit: req.limit ?? 50,
        cursor: req.cursor,
      });
      await recordAccess(
        ctx,
        'volunteer.list',
        ctx.target,
        page.items.map((v) => v.openid),
      );
      return pageResult(page, toVolunteerView);
    },
  }),

  action('volunteer.approve', {
    roles: ['secretary'],
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({ compoundId: id(), openid: openid(), decision: z.enum(['approve', 'reject']), reason: z.optional(text(2, 100)) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const compound = ctx.target;
      if (req.decision === 'reject' && !req.reason) throw invalid('data.reason', '拒绝时请填写原因');
      const now = ctx.clock.now();
      const target: VolunteerStatus = req.decision === 'approve' ? 'approved' : 'rejected';
      const doc = await ctx.store.transaction(async (tx) => {
        const current = await tx.get('volunteers', volunteerId(compound._id, req.openid));
        if (!current) throw notFound('没有该用户的志愿者申请', { field: 'data.openid' });
        if (current.status === target) return current; // a retry
        if (current.status !== 'pending') throw conflict(`该申请${STATUS_TEXT[current.status]}，不能再审核`);
        const patch = { status: target, decidedAt: now, decidedBy: ctx.caller.openid, ...(target === 'rejected' ? { reason: req.reason } : {}) };
        if (!(await tx.update('volunteers', current._id, patch, { version: current._v }))) throw conflict('数据已被修改，请重试');
        if (target === 'approved') await grantVolunteer(tx, current.openid, compound, ctx.caller.openid, now);
        return { ...current, ...patch };
      });
      return toVolunteerView(doc);
    },
  }),
];
