/**
 * The volunteer application: where (a compound), name, phone, skills, party member or not, and
 * the party unit one belongs to. Pure: no wx here. The checks mirror the server's (name and
 * phone as at registration; 临时党支部、楼栋党小组、党员责任区 take party members only); the
 * server decides.
 */
import type { ActionRequest } from '../../../../typings/api';
import type { GrantView } from '../../../../typings/domain';
import type { PartyUnitView, Skill, VolunteerStatus, VolunteerView } from '../../../../typings/duty';
import { UNIT_KIND_LABELS, skillText } from '../../../services/duty-labels';
import { SKILLS } from '../../../shared/skills';
import { shanghaiDate } from '../../../shared/time';
import { serverFieldOf } from '../../../utils/form';
import type { CompoundChoice } from '../../../utils/roles';
import { normalizePhone, validateName, validatePhone } from '../../../utils/validate';

export interface JoinForm {
  name: string;
  phone: string;
  skills: Skill[];
  partyMember: boolean;
  /** '' for none. */
  unitId: string;
}

export const EMPTY_FORM: JoinForm = { name: '', phone: '', skills: [], partyMember: false, unitId: '' };

export type TextField = 'name' | 'phone';
export const TEXT_VALIDATORS: Record<TextField, (raw: string) => string> = { name: validateName, phone: validatePhone };

export type JoinField = 'compound' | TextField | 'skills' | 'unit';
export type JoinErrors = Record<JoinField, string>;
export const NO_ERRORS: JoinErrors = { compound: '', name: '', phone: '', skills: '', unit: '' };

/** The compounds the caller already belongs to (a household's, a role's), first grant first. */
export function compoundCandidates(grants: readonly GrantView[]): CompoundChoice[] {
  const seen = new Set<string>();
  const out: CompoundChoice[] = [];
  for (const g of grants) {
    const node = g.orgPath.find((n) => n.level === 'compound') ?? (g.orgLevel === 'compound' ? { id: g.orgId, name: g.orgName } : undefined);
    if (!node || seen.has(node.id)) continue;
    seen.add(node.id);
    out.push({ id: node.id, name: node.name });
  }
  return out;
}

/** "楼栋党小组 · 3号楼党小组", an agency with where it reports in from. */
export const unitLabel = (u: PartyUnitView) => `${UNIT_KIND_LABELS[u.kind] ?? u.kind} · ${u.name}${u.kind === 'agency' ? `（${u.orgName}）` : ''}`;

/** The message under 所属党组织: party units of a compound take party members only. */
export function unitError(form: JoinForm, units: readonly PartyUnitView[]): string {
  const unit = units.find((u) => u.id === form.unitId);
  if (!unit || unit.kind === 'agency' || form.partyMember) return '';
  return `${UNIT_KIND_LABELS[unit.kind]}只编入党员：如是党员请打开上面的开关，否则请不选`;
}

export function joinErrors(form: JoinForm, compoundId: string, units: readonly PartyUnitView[]): JoinErrors {
  return {
    compound: compoundId ? '' : '请选择要服务的小区',
    name: validateName(form.name),
    phone: validatePhone(form.phone),
    skills: '',
    unit: unitError(form, units),
  };
}

/** What is sent: text trimmed, the phone without spaces, skills in the list's order, no empty unit. */
export function joinRequest(form: JoinForm, compoundId: string): ActionRequest<'volunteer.join'> {
  const req: ActionRequest<'volunteer.join'> = {
    compoundId,
    name: form.name.trim(),
    phone: normalizePhone(form.phone),
    skills: SKILLS.filter((s) => form.skills.includes(s)),
    partyMember: form.partyMember,
  };
  if (form.unitId) req.unitId = form.unitId;
  return req;
}

/** The form field a server error points at, if the form shows it. */
export const joinFieldOf = serverFieldOf<JoinField>({
  'data.compoundId': 'compound',
  'data.name': 'name',
  'data.phone': 'phone',
  'data.skills': 'skills',
  'data.unitId': 'unit',
  'data.partyMember': 'unit',
});

/** The form as an earlier application left it (the phone is masked in it: typed again). */
export const formOf = (v: VolunteerView): JoinForm => ({ name: v.name, phone: '', skills: v.skills, partyMember: v.partyMember, unitId: v.unitId ?? '' });

const STATUS_TEXT: Record<VolunteerStatus, string> = { pending: '待书记审核', approved: '已通过', rejected: '未通过' };

/** One of the caller's applications. */
export interface ApplicationRow {
  compoundId: string;
  compound: string;
  status: VolunteerStatus;
  statusText: string;
  /** "申请于 2024-03-04 · 医疗、驾驶", and why it was turned down. */
  line: string;
  reason: string;
}

export function applicationRow(v: VolunteerView, compoundName: string): ApplicationRow {
  const skills = v.skills.length ? ` · ${skillText(v.skills)}` : '';
  return {
    compoundId: v.compoundId,
    compound: compoundName,
    status: v.status,
    statusText: STATUS_TEXT[v.status] ?? v.status,
    line: `申请于 ${shanghaiDate(v.appliedAt)}${v.partyMember ? ' · 党员' : ''}${skills}`,
    reason: v.status === 'rejected' && v.reason ? `原因：${v.reason}` : '',
  };
}
