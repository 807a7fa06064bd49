/**
 * The report form's pure logic: the kinds and what each asks, the checks that mirror the server
 * (which still decides), where the reporter stands (compound, default building), and the request.
 */
import type { CaseKind, CaseReportReq, CaseTransport } from '../../../../typings/cases';
import type { GrantView, Household } from '../../../../typings/domain';
import { CASE_KIND_LABELS, TRANSPORT_LABELS } from '../../../shared/cases';
import { lengthRule, normalizePhone, validateName, validatePhone } from '../../../utils/validate';

export interface ReportForm {
  kind: CaseKind;
  buildingId: string;
  unit: string;
  room: string;
  personName: string;
  personPhone: string;
  origin: string;
  arrivalDate: string;
  transport: CaseTransport | '';
  plannedAddress: string;
  contactOf: string;
  contactDate: string;
  place: string;
  temperature: string;
  note: string;
  anonymous: boolean;
}

export type ReportField = Exclude<keyof ReportForm, 'kind' | 'anonymous'>;
export type ReportMessages = Record<ReportField, string>;

export const EMPTY_FORM: ReportForm = {
  kind: 'returnee',
  buildingId: '',
  unit: '',
  room: '',
  personName: '',
  personPhone: '',
  origin: '',
  arrivalDate: '',
  transport: '',
  plannedAddress: '',
  contactOf: '',
  contactDate: '',
  place: '',
  temperature: '',
  note: '',
  anonymous: false,
};

const FIELDS = Object.keys(EMPTY_FORM).filter((k) => k !== 'kind' && k !== 'anonymous') as ReportField[];
export const NO_MESSAGES = Object.fromEntries(FIELDS.map((f) => [f, ''])) as ReportMessages;

export const KINDS = (Object.keys(CASE_KIND_LABELS) as CaseKind[]).map((key) => ({ key, label: CASE_KIND_LABELS[key] }));
export const TRANSPORTS = (Object.keys(TRANSPORT_LABELS) as CaseTransport[]).map((key) => ({ key, label: TRANSPORT_LABELS[key] }));

/** Which detail fields each kind shows; `required` must be filled. */
export const KIND_FIELDS: Record<CaseKind, { shown: ReportField[]; required: ReportField[] }> = {
  returnee: { shown: ['origin', 'arrivalDate', 'transport', 'plannedAddress'], required: ['origin', 'arrivalDate', 'transport', 'plannedAddress'] },
  contact: { shown: ['contactOf', 'contactDate', 'place'], required: ['contactOf', 'contactDate', 'place'] },
  fever: { shown: ['place', 'temperature'], required: [] },
  gathering: { shown: ['place'], required: ['place'] },
  nomask: { shown: ['place'], required: ['place'] },
  other: { shown: [], required: ['note'] },
};

const RULES: Partial<Record<ReportField, (v: string) => string>> = {
  origin: lengthRule('出发地', 2, 40),
  plannedAddress: lengthRule('居住地址', 4, 80),
  contactOf: lengthRule('接触对象', 1, 40),
  place: lengthRule('地点', 2, 60),
  note: lengthRule('说明', 2, 500),
  arrivalDate: (v) => (v ? '' : '请选择抵达日期'),
  contactDate: (v) => (v ? '' : '请选择接触日期'),
  transport: (v) => (v ? '' : '请选择交通方式'),
  buildingId: (v) => (v ? '' : '请选择楼栋'),
};

/** The problem of each field, '' where fine: required ones by kind, optional ones only when filled. */
export function reportProblems(form: ReportForm): ReportMessages {
  const out = { ...NO_MESSAGES };
  const { shown, required } = KIND_FIELDS[form.kind];
  out.buildingId = RULES.buildingId!(form.buildingId);
  for (const f of required) out[f] = RULES[f]?.(String(form[f])) ?? '';
  for (const f of [...shown, 'note' as const]) if (!required.includes(f) && String(form[f]).trim() && RULES[f]) out[f] = RULES[f]!(String(form[f]));
  if (form.personName.trim()) out.personName = validateName(form.personName);
  if (form.personPhone.trim()) out.personPhone = validatePhone(form.personPhone);
  if (form.temperature.trim()) {
    const t = Number(form.temperature);
    out.temperature = Number.isFinite(t) && t >= 37.3 && t <= 43 ? '' : '发热体温应在 37.3–43℃ 之间';
  }
  for (const f of ['unit', 'room'] as const) if (form[f].trim() && !/^[0-9A-Za-z]{1,6}$/.test(form[f].trim())) out[f] = '应为 1–6 位数字或字母';
  return out;
}

/** The messages to show (a field's own once touched, the server's until edited) and whether 提交 is enabled. */
export function reportView(form: ReportForm, touched: Partial<Record<ReportField, boolean>>, server: ReportMessages) {
  const problems = reportProblems(form);
  const errors = Object.fromEntries(FIELDS.map((f) => [f, server[f] || (touched[f] ? problems[f] : '')])) as ReportMessages;
  const shown = Object.fromEntries(KIND_FIELDS[form.kind].shown.map((f) => [f, true]));
  return { errors, shown, noteRequired: form.kind === 'other', canSubmit: FIELDS.every((f) => !problems[f]) };
}

/** The server's field ("data.place") as a field of this form, if it is one. */
export function reportFieldOf(field: string | undefined): ReportField | null {
  const name = field?.replace(/^data\./, '');
  return name && (FIELDS as string[]).includes(name) ? (name as ReportField) : null;
}

export function reportRequest(form: ReportForm, compoundId: string, requestId: string): CaseReportReq {
  const req: CaseReportReq = { kind: form.kind, compoundId, buildingId: form.buildingId, requestId };
  const set = (k: keyof CaseReportReq, v: unknown) => Object.assign(req, { [k]: v });
  const { shown } = KIND_FIELDS[form.kind];
  for (const f of ['unit', 'room', 'personName'] as const) if (form[f].trim()) set(f, form[f].trim());
  if (form.personPhone.trim()) set('personPhone', normalizePhone(form.personPhone));
  for (const f of shown) {
    const v = String(form[f]).trim();
    if (v) set(f, f === 'temperature' ? Number(v) : v);
  }
  if (form.note.trim()) set('note', form.note.trim());
  if (form.anonymous) req.anonymous = true;
  return req;
}

/** Where the caller reports from: the compound they belong to and, for a resident or leader, their building. */
export function whereOf(grants: readonly GrantView[], household: Household | null): { compoundId: string; compoundName: string; buildingId: string } | null {
  if (household) {
    const g = grants.find((x) => x.orgId === household.buildingId);
    const compound = g?.orgPath.find((n) => n.id === household.compoundId);
    return { compoundId: household.compoundId, compoundName: compound?.name ?? '', buildingId: household.buildingId };
  }
  for (const g of grants) {
    if (g.orgLevel === 'compound') return { compoundId: g.orgId, compoundName: g.orgName, buildingId: '' };
    if (g.orgLevel === 'building') {
      const compound = g.orgPath[g.orgPath.length - 2];
      if (compound) return { compoundId: compound.id, compoundName: compound.name, buildingId: g.orgId };
    }
  }
  return null;
}
