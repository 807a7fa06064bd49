/**
 * Invitations to a role, and redeeming a code. Staff choose a role and a node of their subtree
 * (the same rule as account.grant: the role fits the node's level, never above their own) and get
 * a one-time code to hand over; whoever types it on their phone (`account.redeem`) holds that role
 * there — nobody needs to know anyone's openid. The same action redeems the first admin's code.
 *
 * An invitation's id is its inviter and request id, so a retried `account.invite` is the same
 * invitation: it gets a fresh code and the one shown before stops working (only hashes are kept,
 * so a lost code cannot be shown again). Codes last 7 days and work once.
 */
import * as z from 'zod/mini';
import type { Role } from '../../typings/domain';
import { STAFF } from '../auth/roles';
import { DAY } from '../core/time';
import { invalid, precondition } from '../core/errors';
import { id, matching } from '../core/validate';
import { action } from '../runtime/action';
import type { TxStore } from '../store/port';
import { redeemAdminClaim } from './claim';
import { codeSchema, hashOf, newCode, storeInvite, takeInvite } from './codes';
import { audit, checkGrantable, roleField, upsertGrant } from './grants';
import type { ActionResponse } from '../../typings/api';

export const INVITE_TTL_MS = 7 * DAY;

export type InviteDoc = {
  /** `<inviter openid>:<requestId>` */
  _id: string;
  _v?: number;
  /** sha256 of the current code, hex (unique). */
  hash: string;
  role: Role;
  orgId: string;
  path: string[];
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedBy?: string;
  usedAt?: number;
};

declare module '../store/port' {
  interface Collections {
    invites: InviteDoc;
  }
}

const WRONG_CODE = '激活码不正确，请核对后重新输入';

async function redeemInvite(tx: TxStore, inviteId: string, openid: string, hash: string, now: number): Promise<ActionResponse<'account.redeem'> | null> {
  const invite = await tx.get('invites', inviteId);
  if (!invite || invite.hash !== hash) return null; // replaced by a retried invite meanwhile
  const node = await tx.get('orgs', invite.orgId);
  if (!node) throw precondition('邀请对应的组织已不存在，请联系邀请人');
  const result: ActionResponse<'account.redeem'> = { role: invite.role, orgId: node._id, orgName: node.name };
  if ((await takeInvite(tx, 'invites', invite, openid, now, { notOwn: true })) === 'retry') return result;
  const grant = { role: invite.role, orgId: node._id, path: node.path, grantedBy: invite.createdBy, at: now };
  const user = await upsertGrant(tx, openid, await tx.get('users', openid), grant, now);
  await audit(tx, user, 'grant', invite.createdBy, grant, now);
  return result;
}

export const inviteActions = [
  action('account.invite', {
    roles: STAFF,
    scope: 'subtree',
    limit: { per: 'hour', max: 60 },
    target: { field: 'orgId' },
    schema: z.strictObject({ role: roleField(), orgId: id(), requestId: matching(/^[A-Za-z0-9-]{8,64}$/, '请求编号格式不正确') }),
    labels: { role: '角色', orgId: '组织', requestId: '请求编号' },
    async handle(req, ctx) {
      const node = ctx.target;
      checkGrantable(ctx.caller.openid, { role: req.role, openid: '' }, node, ctx.caller.rankOver(node));
      const now = ctx.clock.now();
      const code = newCode();
      const invite: InviteDoc = {
        _id: `${ctx.caller.openid}:${req.requestId}`,
        hash: hashOf(code),
        role: req.role,
        orgId: node._id,
        path: node.path,
        createdBy: ctx.caller.openid,
        createdAt: now,
        expiresAt: now + INVITE_TTL_MS,
      };
      await ctx.store.transaction((tx) => storeInvite(tx, 'invites', invite));
      return { code, role: req.role, orgId: node._id, orgName: node.name, expiresAt: invite.expiresAt };
    },
  }),

  action('account.redeem', {
    roles: 'anyone',
    scope: 'none',
    limit: { per: 'hour', max: 10 },
    schema: z.strictObject({ code: codeSchema }),
    labels: { code: '激活码' },
    async handle(req, ctx) {
      const openid = ctx.caller.openid;
      const now = ctx.clock.now();
      const hash = hashOf(req.code);
      // Queries cannot run inside a CloudBase transaction: find the invitation first, then re-read it inside.
      const [found] = (await ctx.store.query('invites', { where: { hash }, limit: 1 })).items;
      const redeemed = await ctx.store.transaction(async (tx) =>
        found ? redeemInvite(tx, found._id, openid, hash, now) : redeemAdminClaim(tx, openid, hash, now),
      );
      if (!redeemed) throw invalid('data.code', WRONG_CODE);
      return redeemed;
    },
  }),
];
