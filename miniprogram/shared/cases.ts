/** Chinese labels and the severity of case kinds: the phone and the server show the same words. */
import type { CaseAction, CaseKind, CaseOutcome, CaseSeverity, CaseState, CaseTransport } from '../../typings/cases';

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  returnee: '外省返乡',
  contact: '密切接触',
  fever: '门外发热',
  gathering: '聚集',
  nomask: '未戴口罩',
  other: '其他',
};

/** Returnees, close contacts and fevers can spread the virus today; gatherings and masks are behaviour; the rest waits. */
export const CASE_SEVERITY: Record<CaseKind, CaseSeverity> = {
  returnee: 'high',
  contact: 'high',
  fever: 'high',
  gathering: 'medium',
  nomask: 'medium',
  other: 'low',
};

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  reported: '待确认',
  acknowledged: '已确认',
  acting: '处置中',
  closed: '已办结',
};

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  dissuaded: '已劝阻',
  observation: '开始居家观察',
  handover: '移交卫生院',
  none: '不采取措施',
};

export const CASE_OUTCOME_LABELS: Record<CaseOutcome, string> = {
  released: '解除观察',
  transferred: '已转运隔离',
  resolved: '已处置完毕',
  unfounded: '经核实不属实',
};

export const TRANSPORT_LABELS: Record<CaseTransport, string> = {
  train: '火车',
  plane: '飞机',
  car: '自驾',
  bus: '客车',
  other: '其他',
};

/** What the reporter shows as for an anonymous report, to everyone. */
export const ANONYMOUS = '匿名';

/** Default length of home observation, days. */
export const OBSERVATION_DAYS = 14;

/** "12 分钟", "1 小时 5 分钟", "2 天 3 小时": the time from report to first action. */
export function durationLabel(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60000));
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} 小时 ${minutes % 60} 分钟` : `${hours} 小时`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} 天 ${hours % 24} 小时` : `${days} 天`;
}
