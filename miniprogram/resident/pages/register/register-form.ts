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
