/** What the secretary's pass page shows. Pure: no wx here. */
import type { PassStatus, PassView, VehicleView } from '../../../../typings/pass';
import { RELATION_LABELS } from '../../../shared/labels';
import { shanghaiDate, shanghaiDateTime } from '../../../shared/time';
import { plateError, validateName, validatePhone } from '../../../utils/validate';

export { RELATION_LABELS };
export const STATUS_LABELS: Record<PassStatus, string> = { pending: '待审核', approved: '有效', rejected: '已拒绝', revoked: '已注销', expired: '已过期' };

export const TABS = [
  { key: 'pending', label: '待审核' },
  { key: 'all', label: '全部' },
  { key: 'vehicles', label: '车辆' },
  { key: 'policy', label: '访客' },
] as const;
export type Tab = (typeof TABS)[number]['key'];

export const STATUS_FILTERS: Array<{ key: PassStatus | ''; label: string }> = [
  { key: '', label: '全部' },
  ...(Object.keys(STATUS_LABELS) as PassStatus[]).map((key) => ({ key, label: STATUS_LABELS[key] })),
];

export interface PassRow {
  id: string;
  name: string;
  household: string;
  relation: string;
  reason: string;
  /** When applied, "2024-03-05 07:05". */
  date: string;
  status: PassStatus;
  statusText: string;
  /** "有效期至 2024-04-04", or why it was rejected/revoked. */
  statusLine: string;
  canReview: boolean;
  canRevoke: boolean;
  /** The paper code's serial (0: none printed), for 打印离线码. */
  paperSerial: number;
}

export function passRow(p: PassView): PassRow {
  const statusLine = p.status === 'approved' && p.validUntil ? `有效期至 ${shanghaiDate(p.validUntil)}` : p.statusReason ? `原因：${p.statusReason}` : '';
  return {
    id: p.id,
    name: p.nameMasked,
    household: p.household,
    relation: RELATION_LABELS[p.relation] ?? p.relation,
    reason: p.reason,
    date: shanghaiDateTime(p.createdAt),
    status: p.status,
    statusText: STATUS_LABELS[p.status] ?? p.status,
    statusLine,
    canReview: p.status === 'pending',
    canRevoke: p.status === 'approved',
    paperSerial: p.paper?.serial ?? 0,
  };
}

export type PanelAction = 'approve' | 'reject' | 'revoke';

/** The inline form under one pass: approve (days), reject or revoke (reason). */
export interface Panel {
  id: string;
  action: PanelAction | '';
  days: string;
  reason: string;
  error: string;
  busy: boolean;
}

export const DEFAULT_VALID_DAYS = 30;
export const MAX_VALID_DAYS = 90;
export const CLOSED_PANEL: Panel = { id: '', action: '', days: String(DEFAULT_VALID_DAYS), reason: '', error: '', busy: false };

export const PANEL_TEXT: Record<PanelAction, { confirm: string; missing: string; done: string }> = {
  approve: { confirm: '确认批准', missing: '', done: '已批准' },
  reject: { confirm: '确认拒绝', missing: '请填写拒绝原因', done: '已拒绝' },
  revoke: { confirm: '确认注销', missing: '请填写注销原因', done: '已注销' },
};

export function validDaysError(raw: string): string {
  const value = raw.trim();
  if (!/^\d+$/.test(value)) return '请填写有效天数（整数）';
  const days = Number(value);
  return days >= 1 && days <= MAX_VALID_DAYS ? '' : `有效天数应为 1–${MAX_VALID_DAYS} 天`;
}

/* ───────────── vehicles ───────────── */

export interface VehicleForm {
  plate: string;
  ownerName: string;
  ownerPhone: string;
}

export type VehicleField = keyof VehicleForm;

export const EMPTY_VEHICLE: VehicleForm = { plate: '', ownerName: '', ownerPhone: '' };

export const VEHICLE_VALIDATORS: Record<VehicleField, (raw: string) => string> = {
  plate: plateError,
  ownerName: validateName,
  ownerPhone: validatePhone,
};

export interface VehicleRow {
  plate: string;
  owner: string;
  household: string;
  date: string;
}

export const vehicleRow = (v: VehicleView): VehicleRow => ({
  plate: v.plate,
  owner: `${v.ownerName} · ${v.ownerPhoneMasked}`,
  household: v.household ?? '',
  date: shanghaiDate(v.createdAt),
});
