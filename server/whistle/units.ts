/**
 * The units a request may go to and their contacts. Units are the party context's agencies
 * (报到单位 of a street or the district); a contact is bound by a one-time code that staff of the
 * unit's street or district hand over (only its hash is kept; 7 days; single use), the way
 * account.invite binds a role. A contact sees and acts on their units' requests only.
 */
import * as z from 'zod/mini';
import { codeSchema, hashOf, newCode, storeInvite, takeInvite } from '../account/codes';
import { STAFF } from '../auth/roles';
import { forbidden, invalid, precondition } from '../core/errors';
import { DAY } from '../core/time';
import { id, matching } from '../core/validate';
import { unitNode, type PartyUnitDoc } from '../party/model';
import { action, type ActionContext } from '../runtime/action';
import { found } from '../runtime/found';
import type { WhistleUnitView } from '../../typings/whistle';
import { contactId, type UnitContactDoc, type UnitInviteDoc } from './model';

/** Agencies of the node's street and district (and the node itself, were it one): who may be asked. */
export async function unitsFor(ctx: ActionContext, lineage: readonly string[]): Promise<PartyUnitDoc[]> {
  const page = await ctx.store.query('partyUnits', { where: { kind: 'agency', orgId: { $in: [...lineage] } }, orderBy: [{ field: 'name' }], limit: 200 });
  return page.items;
}

/** The caller's units as a contact; FORBIDDEN when they are nobody's contact. */
export async function myUnits(ctx: ActionContext): Promise<UnitContactDoc[]> {
  const page = await ctx.store.query('unitContacts', { where: { openid: ctx.caller.openid }, orderBy: [{ field: 'joinedAt' }], limit: 20 });
  if (!page.items.length) throw forbidden('您还不是任何单位的联络员，请向街道或区工作人员索取联络员邀请码');
  return page.items;
}

/** Units are kept by street and district staff: anyone else is refused before a unit is looked up. */
function requireUnitKeeper(ctx: ActionContext) {
  if (!ctx.caller.grants.some((g) => STAFF.includes(g.role) && g.path.length <= 1)) throw forbidden('只有街道或区的工作人员可以管理报到单位的联络员');
}

/** A contact code lasts as long as an invitation to a role. */
const UNIT_INVITE_TTL_MS = 7 * DAY;

const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 100) / 100 : null);

export const unitActions = [
  action('whistle.units', {
    roles: STAFF,
    scope: 'subtree',
    target: { field: 'orgId' },
    schema: z.strictObject({ orgId: id() }),
    labels: { orgId: '组织' },
    handle: async (_req, ctx) => {
      const node = ctx.target;
      const units = await unitsFor(ctx, [...node.path, node._id]);
      const ids = units.map((u) => u._id);
      const [stats, contacts] = await Promise.all([
        ctx.store.getMany('whistleStats', ids),
        ids.length ? ctx.store.query('unitContacts', { where: { unitId: { $in: ids } }, limit: 1000 }) : Promise.resolve({ items: [] as UnitContactDoc[] }),
      ]);
      const byId = new Map(stats.map((s) => [s._id, s]));
      const items = units.map((u): WhistleUnitView => {
        const s = byId.get(u._id) ?? { asked: 0, claimed: 0, closed: 0, responseMinutes: 0 };
        const view: WhistleUnitView = {
          id: u._id,
          name: u.name,
          orgId: u.orgId,
          orgName: u.orgName,
          orgLevel: u.orgLevel,
          contacts: contacts.items.filter((c) => c.unitId === u._id).length,
          asked: s.asked,
          claimed: s.claimed,
          closed: s.closed,
          avgResponseMinutes: s.claimed ? Math.round(s.responseMinutes / s.claimed) : null,
          completionRate: ratio(s.closed, s.claimed),
        };
        if (u.agencyKind) view.agencyKind = u.agencyKind;
        return view;
      });
      return { items };
    },
  }),

  action('whistle.invite', {
    roles: STAFF,
    scope: 'subtree',
    limit: { per: 'hour', max: 60 },
    schema: z.strictObject({ unitId: id(), requestId: matching(/^[A-Za-z0-9-]{8,64}$/, '请求编号格式不正确') }),
    labels: { unitId: '单位', requestId: '请求编号' },
    handle: async (req, ctx) => {
      requireUnitKeeper(ctx);
      const unit = found(await ctx.store.get('partyUnits', req.unitId), (u) => u.kind === 'agency' && ctx.reaches(unitNode(u)), '单位', 'data.unitId');
      const now = ctx.clock.now();
      const code = newCode();
      const invite: UnitInviteDoc = {
        _id: `${ctx.caller.openid}:${req.requestId}`,
        hash: hashOf(code),
        unitId: unit._id,
        createdBy: ctx.caller.openid,
        createdAt: now,
        expiresAt: now + UNIT_INVITE_TTL_MS,
      };
      await ctx.store.transaction((tx) => storeInvite(tx, 'unitInvites', invite, (old) => old.unitId === unit._id));
      return { code, unitId: unit._id, unitName: unit.name, expiresAt: invite.expiresAt };
    },
  }),

  action('whistle.join', {
    roles: 'anyone',
    scope: 'none',
    limit: { per: 'hour', max: 10 },
    schema: z.strictObject({ code: codeSchema }),
    labels: { code: '邀请码' },
    handle: async (req, ctx) => {
      const openid = ctx.caller.openid;
      const hash = hashOf(req.code);
      const [invite] = (await ctx.store.query('unitInvites', { where: { hash }, limit: 1 })).items;
      if (!invite) throw invalid('data.code', '邀请码不正确，请核对后重新输入');
      const unit = await ctx.store.get('partyUnits', invite.unitId);
      if (!unit) throw precondition('邀请对应的单位已不存在，请联系邀请人');
      const now = ctx.clock.now();
      const name = ctx.caller.user?.name ?? '联络员';
      await ctx.store.transaction(async (tx) => {
        const cur = await tx.get('unitInvites', invite._id);
        if (!cur || cur.hash !== hash) throw invalid('data.code', '邀请码不正确，请核对后重新输入');
        if ((await takeInvite(tx, 'unitInvites', cur, openid, now)) === 'retry') return;
        const cid = contactId(unit._id, openid);
        if (await tx.get('unitContacts', cid)) return;
        await tx.insert('unitContacts', {
          _id: cid,
          unitId: unit._id,
          unitName: unit.name,
          openid,
          name,
          lineage: [...unit.path, unit.orgId],
          invitedBy: cur.createdBy,
          joinedAt: now,
        });
      });
      return { unitId: unit._id, unitName: unit.name };
    },
  }),
];
