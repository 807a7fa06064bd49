/** What the alerts page shows. Pure: no wx here. */
import type { AlertSeverity, AlertStatus, AlertStep, AlertView } from '../../../../typings/messages';
import { agoText, shanghaiDateTime } from '../../../shared/time';
import { ROLE_LABELS } from '../../../utils/roles';
import { lengthRule } from '../../../utils/validate';

export const TABS: Array<{ key: AlertStatus; label: string }> = [
  { key: 'open', label: '待处理' },
  { key: 'acked', label: '已确认' },
  { key: 'resolved', label: '已处理' },
];

export const EMPTY_TEXT: Record<AlertStatus, string> = { open: '没有待处理的预警', acked: '没有已确认、待处理完毕的预警', resolved: '还没有处理完毕的预警' };

export const SEVERITY_LABELS: Record<AlertSeverity, string> = { critical: '特急', high: '紧急', medium: '较急', low: '一般' };

const MINUTE = 60_000;
/** How often the countdowns move. */
export const TICK_MS = 30_000;

/** "45 分钟", "2 小时 5 分钟" — rounded up: 30 s left is still "1 分钟". */
export function minutesText(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / MINUTE));
  if (minutes < 60) return `${minutes} 分钟`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} 小时${rest ? ` ${rest} 分钟` : ''}`;
}

/** Who a step or the alert's assignee is: "幸福小区 小区书记" at the alert's own node, "上级工作人员" above it. */
function whoAt(alert: AlertView, orgId: string, role: AlertStep['role']): string {
  const roleText = ROLE_LABELS[role] ?? role;
  return orgId === alert.orgId ? `${alert.orgName} ${roleText}` : `上级${roleText}`;
}

/** "发生，交由幸福小区 小区书记处理", "超时未确认，上报至上级工作人员", "幸福小区 小区书记 周书记 已确认" */
function stepText(alert: AlertView, step: AlertStep): string {
  const who = whoAt(alert, step.orgId, step.role);
  const by = step.by ? `${who} ${step.by}` : who;
  switch (step.kind) {
    case 'raised':
      return `发生，交由${who}处理`;
    case 'escalated':
      return `超时未确认，上报至${who}`;
    case 'acked':
      return `${by} 已确认`;
    default:
      return `${by} 处理完毕`;
  }
}

/**
 * The line under an open alert: "12 分钟内需确认", or past the deadline "已超时，已上报至上级工作人员"
 * (the server moves an unacknowledged alert one level up; until it has, "正在上报上级").
 */
export function deadlineText(alert: AlertView, now: number): string {
  if (alert.status !== 'open') return '';
  const left = alert.ackDeadline - now;
  if (left > 0) return `${minutesText(left)}内需确认`;
  const escalated = alert.steps.some((s) => s.kind === 'escalated');
  return escalated ? `已超时，已上报至${whoAt(alert, alert.assigneeOrgId, alert.assigneeRole)}` : '已超时，正在上报上级';
}

export interface StepRow {
  key: string;
  time: string;
  /** "超时未确认，上报至上级工作人员" */
  text: string;
  note: string;
}

export interface AlertRow {
  id: string;
  title: string;
  severity: AlertSeverity;
  severityText: string;
  where: string;
  /** "2024-03-05 07:00（5 分钟前）" */
  since: string;
  deadline: string;
  overdue: boolean;
  /** The last step's note on a resolved alert: how it was handled. */
  resolution: string;
  steps: StepRow[];
  canAck: boolean;
  canResolve: boolean;
}

export function alertRow(alert: AlertView, now: number): AlertRow {
  const steps = alert.steps.map((s, i) => ({
    key: String(i),
    time: shanghaiDateTime(s.at),
    text: stepText(alert, s),
    note: s.note ?? '',
  }));
  const resolved = [...alert.steps].reverse().find((s) => s.kind === 'resolved');
  return {
    id: alert.id,
    title: alert.title,
    severity: alert.severity,
    severityText: SEVERITY_LABELS[alert.severity] ?? alert.severity,
    where: alert.orgName,
    since: `${shanghaiDateTime(alert.createdAt)}（${agoText(alert.createdAt, now)}）`,
    deadline: deadlineText(alert, now),
    overdue: alert.status === 'open' && alert.ackDeadline <= now,
    resolution: resolved?.note ?? '',
    steps,
    canAck: alert.status === 'open',
    canResolve: alert.status !== 'resolved',
  };
}

export const NOTE_MAX = 200;
/** What was done about it: the server takes 2–200 characters. */
export const noteError = lengthRule('处理情况', 2, NOTE_MAX);

/** The inline form under one alert for 处理完毕. */
export interface ResolvePanel {
  id: string;
  note: string;
  error: string;
  busy: boolean;
}

export const CLOSED_PANEL: ResolvePanel = { id: '', note: '', error: '', busy: false };
