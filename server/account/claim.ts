/**
 * The first admin. Whoever holds the cloud keys runs `npm run bootstrap-admin`, which stores a
 * one-time code for a district (hashed, expiring, single use) and prints it; the person who is
 * to be admin redeems it on their phone (`account.redeem`) and holds admin at that district.
 * A new code replaces the previous one.
 */
import { timingSafeEqual } from 'node:crypto';
import { conflict, precondition } from '../core/errors';
import type { Store, TxStore } from '../store/port';
import { hashOf, newCode } from './codes';
import { audit, upsertGrant } from './grants';
import type { ActionResponse } from '../../typings/api';

export const ADMIN_CLAIM_ID = 'adminClaim';

/** How long a code is good for, by default. */
export const CLAIM_TTL_MS = 24 * 3_600_000;

export type AdminClaimDoc = {
  _id: typeof ADMIN_CLAIM_ID;
  _v?: number;
  /** sha256 of the code as normalised, hex. */
  hash: string;
  districtId: string;
  createdAt: number;
  expiresAt: number;
  usedBy?: string;
  usedAt?: number;
};

/** A fresh code, as printed, and the document that stores its hash. */
export function newAdminClaim(districtId: string, now: number, ttlMs = CLAIM_TTL_MS): { code: string; doc: AdminClaimDoc } {
  const code = newCode();
  return { code, doc: { _id: ADMIN_CLAIM_ID, hash: hashOf(code), districtId, createdAt: now, expiresAt: now + ttlMs } };
}

/** Stores a claim, replacing any earlier one (its code stops working). */
export async function storeAdminClaim(store: Store, doc: AdminClaimDoc): Promise<void> {
  await store.transaction(async (tx) => {
    const old = await tx.get('meta', ADMIN_CLAIM_ID);
    if (!old) return void (await tx.insert('meta', doc));
    const { _id: _omitId, _v: _omitV, ...fields } = doc;
    const unset = { usedBy: undefined, usedAt: undefined };
    if (!(await tx.update('meta', ADMIN_CLAIM_ID, { ...unset, ...fields }, { version: old._v }))) throw conflict('数据已被修改，请重试');
  });
}

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/** Redeems the admin code if `hash` is it: null when it is not. A retry by the same caller answers the same and writes nothing. */
export async function redeemAdminClaim(tx: TxStore, openid: string, hash: string, now: number): Promise<ActionResponse<'account.redeem'> | null> {
  const claim = (await tx.get('meta', ADMIN_CLAIM_ID)) as AdminClaimDoc | null;
  if (!claim || !sameHash(claim.hash, hash)) return null;
  const district = await tx.get('orgs', claim.districtId);
  if (!district || district.level !== 'district') throw precondition('激活码对应的区不存在，请联系部署人员重新生成');
  const result: ActionResponse<'account.redeem'> = { role: 'admin', orgId: district._id, orgName: district.name };
  if (claim.usedBy === openid) return result;
  if (claim.usedBy) throw precondition('该激活码已被使用，请联系部署人员重新生成');
  if (now >= claim.expiresAt) throw precondition('该激活码已过期，请联系部署人员重新生成');

  if (!(await tx.update('meta', ADMIN_CLAIM_ID, { usedBy: openid, usedAt: now }, { version: claim._v }))) throw conflict('数据已被修改，请重试');
  const grant = { role: 'admin' as const, orgId: district._id, path: district.path, grantedBy: openid, at: now };
  const user = await upsertGrant(tx, openid, await tx.get('users', openid), grant, now);
  await audit(tx, user, 'grant', openid, grant, now);
  return result;
}
