/**
 * The resident registration form: name, phone, building, unit, room. Pure: no wx here. The
 * checks mirror the server's (server/account/actions.ts) so a resident sees the problem while
 * typing; the server still decides.
 */
import type { Validator } from '../../../utils/validate';
import { normalizePhone, validateName, validatePhone, validateRoom, validateUnit } from '../../../utils/validate';

export { validateRoom, validateUnit };

export const validateBuilding: Validator = (buildingId) => (buildingId ? '' : '请选择所住楼栋');

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

/** What a poster's code brought (`scene`, URL-encoded by WeChat): the building to choose, or why not. */
export function sceneBuilding(scene: string | undefined): { buildingId: string; error: string } {
  if (!scene) return { buildingId: '', error: '' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(scene).trim();
  } catch {
    decoded = '';
  }
  // Org ids: lower-case letters and digits in dash-joined steps (server/org/tree.ts), within WeChat's 32.
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(decoded) || decoded.length > 32) {
    return { buildingId: '', error: '没能识别海报上的小程序码，请在下面自己选择所住楼栋' };
  }
  return { buildingId: decoded, error: '' };
}

/** The poster named a building that is not (or no longer) in the list. */
export const SCENE_MISSING = '海报码上的楼栋没有找到（可能已调整），请在下面自己选择所住楼栋';
