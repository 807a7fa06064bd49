/**
 * One-time codes people type to claim a role: the first admin's (bootstrap-admin) and
 * invitations. The alphabet, length and normalising are shared with the phone, which checks a
 * code as it is typed (miniprogram/shared/claim-code.ts); ~100 random bits, so not guessable.
 * Only a code's sha256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { conflict, forbidden, invalid, precondition } from '../core/errors';
import type { Collections, TxStore } from '../store/port';
import { CLAIM_ALPHABET, CLAIM_CODE_LENGTH, isClaimCode, normaliseCode } from '../../miniprogram/shared/claim-code';

export { normaliseCode };

/** sha256 of the normalised code, hex: what is stored. */
export const hashOf = (code: string) => createHash('sha256').update(normaliseCode(code)).digest('hex');

/** A fresh code as printed: XXXXX-XXXXX-XXXXX-XXXXX (32 letters divide 256, so every byte maps evenly). */
export function newCode(): string {
  const code = [...randomBytes(CLAIM_CODE_LENGTH)].map((b) => CLAIM_ALPHABET[b % CLAIM_ALPHABET.length]).join('');
  return code.match(/.{5}/g)!.join('-');
}

/** The request field. */
export const codeSchema = z.string().check(z.refine(isClaimCode, { error: '激活码应为 20 位字母和数字' }));

/** The collections of one-time invitations: roles in the grid, and a unit's contacts. */
type InviteCollection = 'invites' | 'unitInvites';

/**
 * Stores an invitation under its id (inviter + request id), in the caller's transaction: a retried
 * request replaces the code of one not yet used, so only the newest code works. `sameTarget` says
 * whether a stored invitation is for what this one is for; a request id reused for another is refused.
 */
export async function storeInvite<C extends InviteCollection>(
  tx: TxStore,
  collection: C,
  invite: Collections[C],
  sameTarget: (old: Collections[C]) => boolean = () => true,
): Promise<void> {
  const old = await tx.get(collection, invite._id);
  if (!old) return tx.insert(collection, invite);
  if (old.usedBy) throw precondition('这份邀请已被使用，请重新生成一份');
  if (!sameTarget(old)) throw invalid('data.requestId', '请求编号已用于其他邀请');
  const { _id: _omitId, ...fields } = invite;
  if (!(await tx.update(collection, invite._id, fields, { version: old._v }))) throw conflict('数据已被修改，请重试');
}

/**
 * Marks an invitation used by `openid`, in the caller's transaction: 'retry' when they already
 * used it (nothing written), else 'taken'. Refuses one used by someone else, expired, or — where
 * `notOwn` — made by the caller themselves.
 */
export async function takeInvite<C extends InviteCollection>(
  tx: TxStore,
  collection: C,
  invite: Collections[C],
  openid: string,
  now: number,
  opts: { notOwn?: boolean } = {},
): Promise<'taken' | 'retry'> {
  if (invite.usedBy === openid) return 'retry';
  if (invite.usedBy) throw precondition('该邀请码已被使用，请联系邀请人重新生成');
  if (now >= invite.expiresAt) throw precondition('该邀请码已过期，请联系邀请人重新生成');
  if (opts.notOwn && invite.createdBy === openid) throw forbidden('不能使用自己生成的邀请码');
  if (!(await tx.update(collection, invite._id, { usedBy: openid, usedAt: now }, { version: invite._v }))) throw conflict('数据已被修改，请重试');
  return 'taken';
}
