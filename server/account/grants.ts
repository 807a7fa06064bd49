/** A user's grants as stored, and writing them: shared by account's actions, volunteer and the seed, so none imports another's actions. */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../typings/domain';
import { grantKey, type Grant, type UserDoc } from '../auth/caller';
import { conflict, forbidden, invalid } from '../core/errors';
import type { OrgDoc } from '../auth/nodes';
import * as z from 'zod/mini';
import { LEVEL_LABELS, ROLE_LABELS, ROLE_LEVELS, ROLE_RANK, ROLES } from '../auth/roles';
import { reachOf } from '../notices/audience';
import { bumpAudience } from '../stats/audience';
import type { TxStore } from '../store/port';
import type { AuditDoc } from './model';

/** A role, as requests name it. */
export const roleField = () => z.enum(ROLES as [Role, ...Role[]]);

/** A user's grants and what is derived from them for indexed lookups. */
export function grantFields(grants: Grant[]): Pick<UserDoc, 'grants' | 'grantKeys' | 'reach'> {
  return { grants, grantKeys: grants.map((g) => grantKey(g.role, g.orgId)), reach: reachOf(grants) };
}

/** Adds a grant (and optional fields) to a user, creating the user if new. Version-checked. */
export async function upsertGrant(
  tx: TxStore,
  openid: string,
  existing: UserDoc | null,
  grant: Grant,
  now: number,
  fields: Partial<UserDoc> = {},
): Promise<UserDoc> {
  if (!existing) {
    const user: UserDoc = {
      _id: openid,
      ...grantFields([grant]),
      createdAt: now,
      updatedAt: now,
      ...fields,
    };
    await tx.insert('users', user);
    await bumpAudience(tx, [], user.grants);
    return { ...user, _v: 1 };
  }
  const key = grantKey(grant.role, grant.orgId);
  const grants = existing.grantKeys.includes(key) ? existing.grants : [...existing.grants, grant];
  const patch = { ...fields, ...grantFields(grants), updatedAt: now };
  if (!(await tx.update('users', openid, patch, { version: existing._v }))) throw conflict('数据已被修改，请重试');
  await bumpAudience(tx, existing.grants, grants);
  return { ...existing, ...patch, _v: (existing._v ?? 0) + 1 };
}

/** One audit record per change. A retried grant/revoke finds nothing to change and writes no audit. */
export async function audit(tx: TxStore, user: Pick<UserDoc, '_id'>, kind: AuditDoc['kind'], actor: string, req: { role: Role; orgId: string }, now: number) {
  await tx.insert('audit', { _id: randomUUID(), kind, actor, subject: user._id, role: req.role, orgId: req.orgId, at: now });
}

/** Roles go only where they belong and never above the grantor's own rank over that node. */
export function checkGrantable(self: string, req: { role: Role; openid: string }, node: OrgDoc, callerRank: number) {
  if (!ROLE_LEVELS[req.role].includes(node.level)) {
    throw invalid('data.orgId', `「${ROLE_LABELS[req.role]}」只能授予在${ROLE_LEVELS[req.role].map((l) => LEVEL_LABELS[l]).join('、')}一级`);
  }
  if (ROLE_RANK[req.role] > callerRank) throw forbidden(`不能授予高于自己的角色「${ROLE_LABELS[req.role]}」`);
  if (req.openid === self && ROLE_RANK[req.role] >= callerRank) throw forbidden('不能给自己授予同级或更高的角色');
}
