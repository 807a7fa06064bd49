/**
 * The first admin. Whoever holds the cloud keys runs `npm run bootstrap-admin`, which stores a
 * one-time code for a district (hashed, expiring, single use) and prints it; the person who is
 * to be admin redeems it on their phone (`account.claimAdmin`) and holds admin at that district.
 * A new code replaces the previous one. The code carries ~100 random bits, so it cannot be guessed.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { CLAIM_ALPHABET as ALPHABET, CLAIM_CODE_LENGTH as CODE_LENGTH, isClaimCode, normaliseCode } from '../../miniprogram/shared/claim-code';
import { conflict, invalid, precondition } from '../core/errors';
import { action } from '../runtime/action';
import type { Store } from '../store/port';
import { audit, upsertGrant } from './grants';

export const ADMIN_CLAIM_ID = 'adminClaim';

/** How long a code is good for, by default. */
export const CLAIM_TTL_MS = 24 * 3_600_000;

export type AdminClaimDoc = {
  _id: typeof ADMIN_CLAIM_ID;
  _v?: number;
  /** sha256 of the code as normalised (normaliseCode), hex. */
  hash: string;
  districtId: string;
  createdAt: number;
  expiresAt: number;
  usedBy?: string;
  usedAt?: number;
};

/** Kept here too: the claim's makers (tests, scripts) read it beside newAdminClaim. */
export { normaliseCode };

const hashOf = (code: string) => createHash('sha256').update(normaliseCode(code)).digest('hex');

/** A fresh code, printed in groups of five (XXXXX-XXXXX-XXXXX-XXXXX), and the document that stores its hash. */
export function newAdminClaim(districtId: string, now: number, ttlMs = CLAIM_TTL_MS): { code: string; doc: AdminClaimDoc } {
  const bytes = randomBytes(CODE_LENGTH);
  const code = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return {
    code: code.match(/.{5}/g)!.join('-'),
    doc: { _id: ADMIN_CLAIM_ID, hash: hashOf(code), districtId, createdAt: now, expiresAt: now + ttlMs },
  };
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

export const claimActions = [
  action('account.claimAdmin', {
    roles: 'anyone',
    scope: 'none',
    schema: z.strictObject({
      code: z.string().check(z.refine(isClaimCode, { error: '激活码应为 20 位字母和数字' })),
    }),
    labels: { code: '激活码' },
    async handle(req, ctx) {
      const openid = ctx.caller.openid;
      const now = ctx.clock.now();
      return ctx.store.transaction(async (tx) => {
        const claim = (await tx.get('meta', ADMIN_CLAIM_ID)) as AdminClaimDoc | null;
        if (!claim || !sameHash(claim.hash, hashOf(req.code))) throw invalid('data.code', '激活码不正确，请核对后重新输入');
        const district = await tx.get('orgs', claim.districtId);
        if (!district || district.level !== 'district') throw precondition('激活码对应的区不存在，请联系部署人员重新生成');
        const result = { orgId: district._id, orgName: district.name };
        if (claim.usedBy === openid) return result; // a retry: already done
        if (claim.usedBy) throw precondition('该激活码已被使用，请联系部署人员重新生成');
        if (now >= claim.expiresAt) throw precondition('该激活码已过期，请联系部署人员重新生成');

        if (!(await tx.update('meta', ADMIN_CLAIM_ID, { usedBy: openid, usedAt: now }, { version: claim._v }))) throw conflict('数据已被修改，请重试');
        const grant = { role: 'admin' as const, orgId: district._id, path: district.path, grantedBy: openid, at: now };
        const user = await upsertGrant(tx, openid, await tx.get('users', openid), grant, now);
        await audit(tx, user, 'grant', openid, grant, now);
        return result;
      });
    },
  }),
];
