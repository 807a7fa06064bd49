/**
 * The pass application form: who the pass is for, their name (unless it is the resident
 * themself) and why they need to go in and out. Pure: no wx here. The server decides; these
 * checks only show the problem while the resident types.
 */
import type { ActionRequest } from '../../../../typings/api';
import type { PassRelation } from '../../../../typings/pass';
import { validateName } from '../../../utils/validate';

export const RELATION_LABELS: Record<PassRelation, string> = {
  self: '本人',
  family: '家属',
  tenant: '租户',
  caregiver: '照护人',
};

export const RELATIONS = (Object.keys(RELATION_LABELS) as PassRelation[]).map((key) => ({ key, label: RELATION_LABELS[key] }));

/** Tapping one fills in the reason. */
export const REASON_SUGGESTIONS = ['居家生活', '上班', '就医', '照护家人'];

export const REASON_MIN = 2;
export const REASON_MAX = 100;

export interface ApplyForm {
  relation: PassRelation;
  name: string;
  reason: string;
}

export type ApplyField = keyof ApplyForm;
export const APPLY_FIELDS: ApplyField[] = ['relation', 'name', 'reason'];

export type ApplyMessages = Record<ApplyField, string>;
export const NO_MESSAGES: ApplyMessages = { relation: '', name: '', reason: '' };

/** Whether the form asks for a name: the resident's own name is already on file. */
export const needsName = (relation: PassRelation) => relation !== 'self';

function validateReason(raw: string): string {
  const value = raw.trim();
  if (!value) return '请填写申请事由';
  if (value.length < REASON_MIN || value.length > REASON_MAX) return `申请事由应为 ${REASON_MIN}–${REASON_MAX} 个字`;
  return '';
}

/** Every field's message ('' when fine). */
export function applyErrors(form: ApplyForm): ApplyMessages {
  return {
    relation: Object.prototype.hasOwnProperty.call(RELATION_LABELS, form.relation) ? '' : '请选择申请人与您的关系',
    name: needsName(form.relation) ? validateName(form.name) : '',
    reason: validateReason(form.reason),
  };
}

/**
 * What the form shows: a field's own problem once the resident has left it, or what the server
 * said about it until it is edited; and whether it may be sent.
 */
export function applyView(form: ApplyForm, touched: Record<ApplyField, boolean>, server: ApplyMessages) {
  const own = applyErrors(form);
  const errors = { ...NO_MESSAGES };
  for (const f of APPLY_FIELDS) errors[f] = server[f] || (touched[f] ? own[f] : '');
  return { errors, canSubmit: APPLY_FIELDS.every((f) => !own[f] && !server[f]) };
}

/** What is sent: trimmed, and no name for oneself. */
export function applyRequest(form: ApplyForm): ActionRequest<'pass.apply'> {
  const req: ActionRequest<'pass.apply'> = { relation: form.relation, reason: form.reason.trim() };
  if (needsName(form.relation)) req.name = form.name.trim();
  return req;
}

/** The form field a server error points at ("data.name" → "name"), if the form shows it. */
export function applyFieldOf(serverField: string | undefined, form: ApplyForm): ApplyField | null {
  const key = serverField?.replace(/^data\./, '');
  if (!key || !(APPLY_FIELDS as string[]).includes(key)) return null;
  return key === 'name' && !needsName(form.relation) ? null : (key as ApplyField);
}
