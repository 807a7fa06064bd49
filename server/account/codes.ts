/**
 * One-time codes people type to claim a role: the first admin's (bootstrap-admin) and
 * invitations. The alphabet, length and normalising are shared with the phone, which checks a
 * code as it is typed (miniprogram/shared/claim-code.ts); ~100 random bits, so not guessable.
 * Only a code's sha256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
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
