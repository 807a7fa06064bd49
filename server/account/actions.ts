/** account.*: who the caller is, resident registration, and handing out roles. */
import * as z from 'zod/mini';
import { grantKey, type Grant } from '../auth/caller';
import { STAFF } from '../auth/roles';
import { conflict, invalid, notFound, precondition } from '../core/errors';
import { id, openid, personName, phone, roomNo, unitNo } from '../core/validate';
import { action } from '../runtime/action';
import { bumpAudience } from '../stats/audience';
import { audit, checkGrantable, grantFields, roleField, upsertGrant } from './grants';
import { buildProfile } from './profile';

const registerSchema = z.strictObject({
  name: personName(),
  phone: phone(),
  buildingId: id(),
  unit: unitNo(),
  room: roomNo(),
});

const grantSchema = z.strictObject({
  openid: openid(),
  role: roleField(),
  orgId: id(),
});
/** grant and revoke: staff, on a node of their subtree, about one user's role there. */
const ON_A_GRANT = {
  roles: STAFF,
  scope: 'subtree',
  target: { field: 'orgId' },
  schema: grantSchema,
  labels: { openid: '用户', role: '角色', orgId: '组织' },
} as const;

export const accountActions = [
  action('account.me', {
    roles: 'anyone',
    scope: 'none',
    schema: z.strictObject({}),
    async handle(_req, ctx) {
      return { registered: !!ctx.caller.user?.household, ...(await buildProfile(ctx.store, ctx.caller.user)) };
    },
  }),

  action('account.register', {
    roles: 'anyone',
    scope: 'none',
    limit: { per: 'hour', max: 10 },
    schema: registerSchema,
    labels: { name: '姓名', phone: '手机号', buildingId: '楼栋', unit: '单元', room: '房号' },
    async handle(req, ctx) {
      const building = await ctx.store.get('orgs', req.buildingId);
      if (!building || building.level !== 'building') throw invalid('data.buildingId', '所选楼栋不存在，请重新选择');
      const household = { buildingId: building._id, compoundId: building.parentId!, unit: req.unit, room: req.room };
      const now = ctx.clock.now();
      const openid = ctx.caller.openid;

      const user = await ctx.store.transaction(async (tx) => {
        const existing = await tx.get('users', openid);
        if (existing?.household) {
          const same = existing.name === req.name && existing.phone === req.phone && JSON.stringify(existing.household) === JSON.stringify(household);
          if (same) return existing; // a retry: nothing to write
          throw conflict('您已登记过住户信息，如需变更请联系楼栋长或小区书记');
        }
        const grant: Grant = { role: 'resident', orgId: building._id, path: building.path, grantedBy: openid, at: now };
        const fields = { name: req.name, phone: req.phone, household, updatedAt: now };
        return upsertGrant(tx, openid, existing, grant, now, fields);
      });
      return buildProfile(ctx.store, user);
    },
  }),

  action('account.grant', {
    ...ON_A_GRANT,
    async handle(req, ctx) {
      const node = ctx.target;
      checkGrantable(ctx.caller.openid, req, node, ctx.caller.rankOver(node));
      const now = ctx.clock.now();
      const granted = await ctx.store.transaction(async (tx) => {
        const existing = await tx.get('users', req.openid);
        if (existing?.grantKeys.includes(grantKey(req.role, node._id))) return false;
        const grant: Grant = { role: req.role, orgId: node._id, path: node.path, grantedBy: ctx.caller.openid, at: now };
        const user = await upsertGrant(tx, req.openid, existing, grant, now);
        await audit(tx, user, 'grant', ctx.caller.openid, req, now);
        return true;
      });
      return { granted };
    },
  }),

  action('account.revoke', {
    ...ON_A_GRANT,
    async handle(req, ctx) {
      const node = ctx.target;
      if (req.openid === ctx.caller.openid) throw precondition('不能撤销自己的授权，请联系上级');
      checkGrantable(ctx.caller.openid, req, node, ctx.caller.rankOver(node));
      const now = ctx.clock.now();
      const revoked = await ctx.store.transaction(async (tx) => {
        const user = await tx.get('users', req.openid);
        const key = grantKey(req.role, node._id);
        if (!user) throw notFound('用户不存在', { field: 'data.openid' });
        if (!user.grantKeys.includes(key)) return false;
        const grants = user.grants.filter((g) => grantKey(g.role, g.orgId) !== key);
        const patch = { ...grantFields(grants), updatedAt: now };
        if (!(await tx.update('users', user._id, patch, { version: user._v }))) throw conflict('数据已被修改，请重试');
        await bumpAudience(tx, user.grants, grants);
        await audit(tx, user, 'revoke', ctx.caller.openid, req, now);
        return true;
      });
      return { revoked };
    },
  }),
];
