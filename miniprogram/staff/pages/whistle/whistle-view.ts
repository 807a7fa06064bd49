/** Pure view logic of 社区吹哨 (whistle page), the unit's page and the inspection page: rows, choices, checks. */
import type { FindingView, WhistleNeed, WhistleUrgency, WhistleView } from '../../../../typings/whistle';
import { shanghaiDateTime, HOUR, DAY } from '../../../shared/time';
import { FINDING_STATUS_LABELS, NEED_LABELS, NEEDS, URGENCIES, URGENCY_LABELS, WHISTLE_STATUS_LABELS } from '../../../shared/whistle-labels';

export const NEED_CHOICES = NEEDS.map((value) => ({ value, label: NEED_LABELS[value] }));
export const URGENCY_CHOICES = URGENCIES.map((value) => ({ value, label: URGENCY_LABELS[value] }));
/** How long the units have: offered as plain choices rather than a date picker. */
export const WITHIN_CHOICES = [
  { value: 2 * HOUR, label: '2 小时内' },
  { value: 6 * HOUR, label: '6 小时内' },
  { value: DAY, label: '1 天内' },
  { value: 3 * DAY, label: '3 天内' },
];

export interface WhistleRow {
  id: string;
  title: string;
  status: WhistleView['status'];
  statusText: string;
  place: string;
  detail: string;
  deadlineText: string;
  overdue: boolean;
  units: string;
  claimed: string;
  report: string;
  /** URLs of the report's photos (made for this viewer). */
  reportPhotos: string[];
  reopenNote: string;
}

export function whistleRow(w: WhistleView): WhistleRow {
  const r = w.report;
  return {
    id: w.id,
    title: `${NEED_LABELS[w.need]} ×${w.quantity}（${URGENCY_LABELS[w.urgency]}）`,
    status: w.status,
    statusText: WHISTLE_STATUS_LABELS[w.status],
    place: w.place,
    detail: w.detail,
    deadlineText: `${shanghaiDateTime(w.deadline)} 前${w.overdue ? '（已逾期）' : ''}`,
    overdue: w.overdue,
    units: w.units.map((u) => u.name).join('、'),
    claimed: w.claimedUnitName ? `${w.claimedUnitName}${w.claimedByName ? ` · ${w.claimedByName}` : ''}` : '',
    report: r
      ? [r.people ? `派出 ${r.people} 人 × ${r.hours} 小时` : '', r.supplies ? `送达：${r.supplies}` : '', r.note ?? ''].filter(Boolean).join('；')
      : '',
    reportPhotos: r?.photos ?? [],
    reopenNote: w.reopenNote ?? '',
  };
}

export interface RaiseForm {
  need: WhistleNeed | '';
  quantity: string;
  detail: string;
  place: string;
  urgency: WhistleUrgency;
  within: number;
  unitIds: string[];
}

/** The first problem of the form, as { field, message }, or null. */
export function checkRaise(f: RaiseForm): { field: string; message: string } | null {
  if (!f.need) return { field: 'need', message: '请选择需求类型' };
  const q = Number(f.quantity);
  if (!/^\d+$/.test(f.quantity.trim()) || q < 1 || q > 10000) return { field: 'quantity', message: '数量应为 1–10000 的整数' };
  if (f.detail.trim().length < 2) return { field: 'detail', message: '请写明需要什么（至少 2 个字）' };
  if (f.place.trim().length < 2) return { field: 'place', message: '请写明地点' };
  if (!f.unitIds.length) return { field: 'unitIds', message: '请至少选择一个单位' };
  return null;
}

/** Whole hours and half hours only, as the server counts them. */
export function checkReport(people: string, hours: string, supplies: string): { field: string; message: string } | null {
  const p = people.trim() === '' ? 0 : Number(people);
  const h = hours.trim() === '' ? 0 : Number(hours);
  if (!Number.isInteger(p) || p < 0 || p > 500) return { field: 'people', message: '派出人数应为 0–500 的整数' };
  if (!(h >= 0 && h <= 24) || Math.round(h * 2) !== h * 2) return { field: 'hours', message: '每人时长请按半小时填写，如 1.5' };
  if (p > 0 && h === 0) return { field: 'hours', message: '请填写每人服务的时长' };
  if (p === 0 && !supplies.trim()) return { field: 'people', message: '请填写派出人数或送达的物资' };
  return null;
}

export interface FindingRow {
  id: string;
  title: string;
  status: FindingView['status'];
  statusText: string;
  org: string;
  description: string;
  deadlineText: string;
  overdue: boolean;
  rectification: string;
  /** URLs (made for this viewer) of the finding's photos and of the rectification's. */
  photos: string[];
  rectificationPhotos: string[];
  reopenNote: string;
}

export function findingRow(f: FindingView): FindingRow {
  return {
    id: f.id,
    title: `${f.categoryName} · ${f.itemName}`,
    status: f.status,
    statusText: FINDING_STATUS_LABELS[f.status],
    org: `${f.orgName}（${f.inspectorOrgName}督导）`,
    description: f.description,
    deadlineText: `${shanghaiDateTime(f.deadline)} 前整改${f.overdue ? '（已逾期）' : ''}`,
    overdue: f.overdue,
    rectification: f.rectification ? `${f.rectification.byName}：${f.rectification.note}` : '',
    photos: f.photos,
    rectificationPhotos: f.rectification?.photos ?? [],
    reopenNote: f.reopenNote ?? '',
  };
}
