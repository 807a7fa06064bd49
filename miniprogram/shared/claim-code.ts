/**
 * A one-time code that claims a role — the first admin's or an invitation (server/account/codes.ts
 * makes them, account.redeem redeems them; the claim page checks one while it is typed): 20
 * characters of Crockford's base32, printed in groups of five; case, spaces and dashes do not count.
 */

/** Crockford's base32: no I, L, O or U to misread. */
export const CLAIM_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CLAIM_CODE_LENGTH = 20;

/** Upper case, without the dashes and spaces the code is printed or typed with. */
export const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/** Whether `code` (as typed) is 20 characters of the alphabet. */
export function isClaimCode(code: string): boolean {
  const chars = [...normaliseCode(code)];
  return chars.length === CLAIM_CODE_LENGTH && chars.every((c) => CLAIM_ALPHABET.includes(c));
}
