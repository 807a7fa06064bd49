/**
 * Client-side checks for the resident registration form. They mirror the server's rules
 * (server/account/actions.ts) so a resident sees the problem while typing; the server still
 * decides. Pure: no wx here.
 */
import { isPlate } from '../shared/plate';

/** A validator returns the Chinese message to show under the field, or '' when the value is fine. */
export type Validator = (raw: string) => string;

/** Mainland mobile number. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

export const NAME_MIN = 2;
export const NAME_MAX = 20;
/** Chinese characters, Latin letters, the middle dot of transliterated names (阿卜杜·热合曼), spaces. */
const NAME_CHARS = /^[\u4e00-\u9fa5·A-Za-z ]+$/;
const UNIT_PATTERN = /^[0-9A-Za-z]{1,6}$/;
const ROOM_PATTERN = /^[0-9A-Za-z-]{1,8}$/;

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

function addressPart(what: string, pattern: RegExp, rule: string): Validator {
  return (raw) => {
    const value = raw.trim();
    if (!value) return `请填写${what}`;
    return pattern.test(value) ? '' : rule;
  };
}

export const validateUnit = addressPart('单元', UNIT_PATTERN, '单元号应为 1–6 位数字或字母');
export const validateRoom = addressPart('房号', ROOM_PATTERN, '房号应为 1–8 位数字或字母');

export const validateBuilding: Validator = (buildingId) => (buildingId ? '' : '请选择所住楼栋');

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

/** The registration form as the resident filled it in. */
export interface RegisterForm {
  name: string;
  phone: string;
  buildingId: string;
  unit: string;
  room: string;
}

export type RegisterField = keyof RegisterForm;

export const REGISTER_VALIDATORS: Record<RegisterField, Validator> = {
  name: validateName,
  phone: validatePhone,
  buildingId: validateBuilding,
  unit: validateUnit,
  room: validateRoom,
};

export const REGISTER_FIELDS = Object.keys(REGISTER_VALIDATORS) as RegisterField[];

/** Every field's message ('' when fine). */
export function registerErrors(form: RegisterForm): Record<RegisterField, string> {
  const errors = {} as Record<RegisterField, string>;
  for (const field of REGISTER_FIELDS) errors[field] = REGISTER_VALIDATORS[field](form[field]);
  return errors;
}

export function isRegisterValid(form: RegisterForm): boolean {
  return REGISTER_FIELDS.every((field) => !REGISTER_VALIDATORS[field](form[field]));
}

/** What is sent: text trimmed, phone without spaces or dashes. */
export function normalizeRegister(form: RegisterForm): RegisterForm {
  return {
    name: form.name.trim(),
    phone: normalizePhone(form.phone),
    buildingId: form.buildingId,
    unit: form.unit.trim(),
    room: form.room.trim(),
  };
}

/** The form field a server error points at ("data.phone" → "phone"), if it is one of ours. */
export function registerFieldOf(serverField: string | undefined): RegisterField | null {
  const key = serverField?.replace(/^data\./, '');
  return key && Object.prototype.hasOwnProperty.call(REGISTER_VALIDATORS, key) ? (key as RegisterField) : null;
}
