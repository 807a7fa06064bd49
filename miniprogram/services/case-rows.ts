/**
 * A case as a row on screen, for the staff/leader list and the reporter's 我的上报: what, where,
 * who (as the server masked it), its state, the report → first action time (or how long it has
 * waited), its details and steps. Pure: the time to measure against is passed in.
 */
import type { CaseStepView, CaseView } from '../../typings/cases';
import { CASE_ACTION_LABELS, CASE_KIND_LABELS, CASE_OUTCOME_LABELS, CASE_STATE_LABELS, TRANSPORT_LABELS, durationLabel } from '../shared/cases';
import { shanghaiDateTime } from '../shared/time';

export interface CaseRow {
  id: string;
  kind: string;
  severity: CaseView['severity'];
  state: CaseView['state'];
  stateText: string;
  location: string;
  person: string;
  reporter: string;
  reportedText: string;
  /** 用时 12 分钟 (report → first action) or 已等待 40 分钟. */
  responseText: string;
  /** Over the alert's first deadline with nothing done: shown in red. */
  late: boolean;
  details: string[];
  steps: string[];
  observation: string;
  hasPerson: boolean;
  /** Where the census picker looks: the building, and the room when the report named one ('' otherwise). */
  buildingId: string;
  unit: string;
  room: string;
}

/** How long a case may wait for its first action before the row turns red, by severity (the alert's ack deadlines). */
const WAIT_WARN = { high: 15 * 60_000, medium: 60 * 60_000, low: 4 * 60 * 60_000 } as const;

function detailLines(c: CaseView): string[] {
  const out: string[] = [];
  if (c.origin) out.push(`从 ${c.origin} 返回`);
  if (c.arrivalDate) out.push(`抵达：${c.arrivalDate}${c.transport ? `（${TRANSPORT_LABELS[c.transport]}）` : ''}`);
  if (c.plannedAddress) out.push(`居住：${c.plannedAddress}`);
  if (c.contactOf) out.push(`接触对象：${c.contactOf}`);
  if (c.contactDate) out.push(`接触日期：${c.contactDate}`);
  if (c.place) out.push(`地点：${c.place}`);
  if (c.temperature !== undefined) out.push(`体温：${c.temperature}℃`);
  if (c.note) out.push(`说明：${c.note}`);
  return out;
}

function stepLine(s: CaseStepView): string {
  const what =
    s.kind === 'reported'
      ? '上报'
      : s.kind === 'acknowledged'
        ? '确认'
        : s.kind === 'action'
          ? CASE_ACTION_LABELS[s.action!]
          : `办结：${CASE_OUTCOME_LABELS[s.outcome!]}`;
  return `${shanghaiDateTime(s.at)} ${s.by} ${what}${s.note ? `（${s.note}）` : ''}`;
}

export function caseRow(c: CaseView, now: number): CaseRow {
  const waited = now - c.reportedAt;
  const responseText =
    c.responseMs !== undefined ? `上报到处置用时 ${durationLabel(c.responseMs)}` : c.state === 'closed' ? '未采取处置措施' : `已等待 ${durationLabel(waited)}`;
  const person = c.person ? [c.person.name, c.person.phoneMasked].filter(Boolean).join(' ') : '';
  return {
    id: c.id,
    kind: CASE_KIND_LABELS[c.kind],
    severity: c.severity,
    state: c.state,
    stateText: CASE_STATE_LABELS[c.state],
    location: c.location,
    person: person || '未提供',
    reporter: c.reporter,
    reportedText: shanghaiDateTime(c.reportedAt),
    responseText,
    late: c.responseMs === undefined && c.state !== 'closed' && waited > WAIT_WARN[c.severity],
    details: detailLines(c),
    steps: c.steps.map(stepLine),
    observation: c.observation ? `居家观察 ${c.observation.start} 至 ${c.observation.end}（${c.observation.days} 天）` : '',
    hasPerson: !!c.person?.personId,
    buildingId: c.buildingId,
    unit: c.unit ?? '',
    room: c.room ?? '',
  };
}
