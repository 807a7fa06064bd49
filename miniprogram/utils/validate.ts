/**
 * Field checks the forms share. A validator returns the Chinese message to show under the
 * field, or '' when the value is fine. They mirror the server's rules so the problem shows
 * while typing; the server still decides. Pure: no wx here.
 */
import { PHONE_PATTERN } from '../shared/phone';
import { isPlate } from '../shared/plate';

export type Validator = (raw: string) => string;

export const NAME_MIN = 2;
export const NAME_MAX = 20;
/** Chinese characters, Latin letters, the middle dot of transliterated names (阿卜杜·热合曼), spaces. */
const NAME_CHARS = /^[\u4e00-\u9fa5·A-Za-z ]+$/;

/** Phone numbers are often typed or pasted as "138 1234 5678" or "138-1234-5678". */
export function normalizePhone(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

export const validateName: Validator = (raw) => {
  const value = raw.trim();
  if (!value) return '请填写姓名';
  if (!NAME_CHARS.test(value)) return '姓名只能包含汉字、字母和间隔号';
  if (value.length < NAME_MIN || value.length > NAME_MAX) return `姓名应为 ${NAME_MIN}–${NAME_MAX} 个字`;
  return '';
};

export const validatePhone: Validator = (raw) => {
  const value = normalizePhone(raw);
  if (!value) return '请填写手机号';
  if (!/^\d+$/.test(value)) return '手机号只能是数字';
  if (value.length !== 11) return '手机号应为 11 位数字';
  if (!PHONE_PATTERN.test(value)) return '请填写正确的手机号（1 开头）';
  return '';
};

/** "标题" 2–40 → '请填写标题' (or `missing`) / '标题至少 2 个字' / '标题最多 40 个字' / ''. */
export function lengthRule(what: string, min: number, max: number, missing = `请填写${what}`): Validator {
  return (raw) => {
    const value = raw.trim();
    if (!value) return missing;
    if (value.length < min) return `${what}至少 ${min} 个字`;
    return value.length > max ? `${what}最多 ${max} 个字` : '';
  };
}

/** The message under a plate field ('' when it is a plate). */
export function plateError(raw: string): string {
  if (!raw.trim()) return '请填写车牌号';
  return isPlate(raw) ? '' : '车牌号不正确，例如 陕H12345 或 陕HD12345';
}

/** A reason a secretary must give (reject, revoke, visitor policy): the server takes 2–100 characters. */
export const reasonError = (raw: string, missing: string) => lengthRule('原因', 2, 100, missing)(raw);

function addressPart(what: string, pattern: RegExp, rule: string): Validator {
  return (raw) => {
    const value = raw.trim();
    if (!value) return `请填写${what}`;
    return pattern.test(value) ? '' : rule;
  };
}

/** A household's unit and room, as the server checks them (server/core/validate.ts unitNo, roomNo). */
export const validateUnit = addressPart('单元', /^[0-9A-Za-z]{1,6}$/, '单元号应为 1–6 位数字或字母');
export const validateRoom = addressPart('房号', /^[0-9A-Za-z-]{1,8}$/, '房号应为 1–8 位数字或字母');
