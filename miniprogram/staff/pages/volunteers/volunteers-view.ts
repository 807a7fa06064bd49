/** What the secretary's volunteer page shows. Pure: no wx here. */
import type { PartyUnitKind, PartyUnitView, VolunteerView } from '../../../../typings/duty';
import { UNIT_KIND_LABELS, skillText } from '../../../services/duty-labels';
import { shanghaiDateTime } from '../../../shared/time';
import { lengthRule } from '../../../utils/validate';

export const TABS = [
  { key: 'pending', label: '待审核' },
  { key: 'approved', label: '志愿者' },
  { key: 'units', label: '党组织' },
] as const;
export type Tab = (typeof TABS)[number]['key'];

export interface VolunteerRow {
  openid: string;
  name: string;
  phone: string;
  party: boolean;
  /** "医疗、驾驶" or '未填写特长'. */
  skills: string;
  /** "楼栋党小组 · 3号楼党小组" or ''. */
  unit: string;
  /** "申请于 2024-03-04 06:00" */
  date: string;
}

export function volunteerRow(v: VolunteerView): VolunteerRow {
  return {
    openid: v.openid,
    name: v.name,
    phone: v.phoneMasked,
    party: v.partyMember,
    skills: v.skills.length ? skillText(v.skills) : '未填写特长',
    unit: v.unitName ? `${v.unitKind ? `${UNIT_KIND_LABELS[v.unitKind]} · ` : ''}${v.unitName}` : '',
    date: `申请于 ${shanghaiDateTime(v.appliedAt)}`,
  };
}

/** The inline decision under one application. */
export interface Panel {
  openid: string;
  action: 'approve' | 'reject' | '';
  reason: string;
  error: string;
  busy: boolean;
}

export const CLOSED_PANEL: Panel = { openid: '', action: '', reason: '', error: '', busy: false };

/* ───────────── party units ───────────── */

/** The kinds a secretary creates here (the branch is one per compound, agencies report in from above). */
export const NEW_UNIT_KINDS: Array<{ key: Extract<PartyUnitKind, 'group' | 'zone'>; label: string; hint: string }> = [
  { key: 'group', label: UNIT_KIND_LABELS.group, hint: '按楼栋编组的党员' },
  { key: 'zone', label: UNIT_KIND_LABELS.zone, hint: '党员包干负责的楼栋' },
];

export interface UnitRow {
  id: string;
  kind: string;
  name: string;
  /** "3号楼、5号楼", "商州区 报到" … */
  scope: string;
}

export function unitRow(u: PartyUnitView, buildingNames: ReadonlyMap<string, string>): UnitRow {
  const building = (id: string) => buildingNames.get(id) ?? id;
  let scope = '';
  if (u.buildingIds?.length) scope = u.buildingIds.map(building).join('、');
  else if (u.areas?.length) scope = u.areas.map((a) => `${building(a.buildingId)}${a.unit ? `${a.unit}单元` : ''}`).join('、');
  else if (u.kind === 'agency') scope = `${u.orgName}报到`;
  return { id: u.id, kind: UNIT_KIND_LABELS[u.kind] ?? u.kind, name: u.name, scope };
}

export const unitNameError = lengthRule('名称', 2, 30);
export const buildingsError = (ids: readonly string[]) => (ids.length ? '' : '请至少选择一栋楼');
