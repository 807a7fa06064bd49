/** 每日健康上报: the household's members as rows to report, and the entries a submit sends. Pure. */
import { SYMPTOM_LABELS, choicesOf } from '../../../shared/labels';
import type { HealthEntry, HealthReportView, HealthSymptom, MemberView } from '../../../../typings/census';

export const SYMPTOM_CHOICES = choicesOf(SYMPTOM_LABELS);

/** Where a thermometer reading starts when nothing is reported yet today. */
export const DEFAULT_TEMPERATURE = 36.5;
export const FEVER_AT = 37.3;

export interface Row {
  memberId: number;
  name: string;
  /** One decimal, as shown. */
  temperature: string;
  symptoms: Array<{ key: HealthSymptom; label: string; on: boolean }>;
  /** Today's report as stored: 已上报 / 异常. */
  status: string;
  abnormal: boolean;
}

const fixed = (t: number) => (Math.round(t * 10) / 10).toFixed(1);

export function toRows(members: readonly MemberView[], reports: readonly HealthReportView[]): Row[] {
  const byMember = new Map(reports.map((r) => [r.memberId, r]));
  return members.map((m) => {
    const r = byMember.get(m.id);
    const picked = new Set(r?.symptoms ?? []);
    return {
      memberId: m.id,
      name: m.name,
      temperature: fixed(r?.temperature ?? DEFAULT_TEMPERATURE),
      symptoms: SYMPTOM_CHOICES.map((s) => ({ ...s, on: picked.has(s.key) })),
      status: r ? (r.abnormal ? '已上报（异常）' : '已上报') : '未上报',
      abnormal: !!r?.abnormal,
    };
  });
}

/** The reading moved by `delta` (±0.1), kept within 35.0–42.0. */
export const stepTemperature = (t: string, delta: number) => fixed(Math.min(42, Math.max(35, Number(t) + delta)));

/** Every row as an entry; `allNormal` sends no symptoms (the one-tap 全家正常). */
export const entriesOf = (rows: readonly Row[], allNormal: boolean): HealthEntry[] =>
  rows.map((r) => ({ memberId: r.memberId, temperature: Number(r.temperature), symptoms: allNormal ? [] : r.symptoms.filter((s) => s.on).map((s) => s.key) }));

/** What a row's reading means, for the colour and the words beside it. */
export const isFever = (t: string) => Number(t) >= FEVER_AT;
