/**
 * The activation code as it is typed on the claim page. Pure: no wx here. What the server checks
 * (miniprogram/shared/claim-code.ts) is checked here as it is typed; the server still decides.
 */
import { CLAIM_ALPHABET, CLAIM_CODE_LENGTH, normaliseCode } from '../../../shared/claim-code';

/** The input's limit: 20 characters and the three dashes between the groups, and one to spare. */
export const CODE_INPUT_MAXLENGTH = 24;

/**
 * The characters typed, as the code has them: upper case, no spaces or dashes, and the letters
 * Crockford's base32 reads as digits (O → 0, I and L → 1, which the code never contains) turned
 * into them; at most 20.
 */
export function codeChars(typed: string): string {
  return normaliseCode(typed).replace(/O/g, '0').replace(/[IL]/g, '1').slice(0, CLAIM_CODE_LENGTH);
}

/** "7K3QDM9X" → "7K3QD-M9X": what the field shows. */
export function formatCode(chars: string): string {
  return (chars.match(/.{1,5}/g) ?? []).join('-');
}

/** What the page says of the characters so far ('' when nothing is wrong yet). */
export function codeProblem(chars: string): string {
  const bad = [...chars].find((c) => !CLAIM_ALPHABET.includes(c));
  return bad ? `激活码里没有「${bad}」，请核对后重新输入` : '';
}

/** "已输入 12 / 20 位" */
export const countText = (chars: string) => `已输入 ${chars.length} / ${CLAIM_CODE_LENGTH} 位`;
