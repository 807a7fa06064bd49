/**
 * A rota pattern for `duty.generate`: which posts, from which day, for how many days, and the
 * shifts of each day ("00:00–08:00", …). Pure: no wx here. The checks mirror the server's: each
 * shift ends after it starts on the same day (24:00 at the latest) and lasts at most 12 hours;
 * the shifts of a pattern do not overlap; 1–31 days from today on; the server decides.
 */
import type { ActionRequest } from '../../../../typings/api';
import type { ShiftRule } from '../../../../typings/duty';

/** Longest shift, minutes. */
export const MAX_SHIFT_MINUTES = 12 * 60;
export const MAX_DAYS = 31;

/** The clock times a shift may start or end at: every half hour, 00:00 to 24:00. */
export const TIMES = Array.from({ length: 49 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

const minutesOf = (hhmm: string) => TIMES.indexOf(hhmm) * 30;

/** 门岗 24 小时三班: for the gate posts. */
export const GATE_THREE_SHIFTS: ShiftRule[] = [
  { start: '00:00', end: '08:00' },
  { start: '08:00', end: '16:00' },
  { start: '16:00', end: '24:00' },
];

/** A row of the editor. */
export interface RuleRow {
  /** The row's place, for wx:key. */
  key: string;
  start: string;
  end: string;
  /** Indexes into TIMES, for the pickers. */
  startIndex: number;
  endIndex: number;
  error: string;
}

/** The message under each rule ('' when fine). */
export function ruleErrors(rules: readonly ShiftRule[]): string[] {
  const errors = rules.map(({ start, end }): string => {
    const length = minutesOf(end) - minutesOf(start);
    if (length <= 0) return '结束时间应晚于开始时间（跨午夜的班次请拆成两段）';
    return length > MAX_SHIFT_MINUTES ? `每个班次不超过 ${MAX_SHIFT_MINUTES / 60} 小时` : '';
  });
  const order = rules
    .map((_, i) => i)
    .filter((i) => !errors[i])
    .sort((a, b) => minutesOf(rules[a].start) - minutesOf(rules[b].start));
  for (let k = 1; k < order.length; k++) {
    const [before, after] = [rules[order[k - 1]], rules[order[k]]];
    if (minutesOf(after.start) < minutesOf(before.end)) errors[order[k]] = `与 ${before.start}–${before.end} 的班次时间重叠`;
  }
  return errors;
}

export function ruleRows(rules: readonly ShiftRule[]): RuleRow[] {
  const errors = ruleErrors(rules);
  return rules.map((r, i) => ({
    key: String(i),
    start: r.start,
    end: r.end,
    startIndex: TIMES.indexOf(r.start),
    endIndex: TIMES.indexOf(r.end),
    error: errors[i],
  }));
}

/** A new row after the last one: from its end, for up to 8 hours (a first row: 08:00–16:00). */
export function nextRule(rules: readonly ShiftRule[]): ShiftRule {
  const last = rules[rules.length - 1];
  if (!last || last.end === '24:00') return { start: '08:00', end: '16:00' };
  const from = TIMES.indexOf(last.end);
  return { start: last.end, end: TIMES[Math.min(from + 16, TIMES.length - 1)] };
}

export interface PatternForm {
  postIds: string[];
  /** "2024-03-06" */
  from: string;
  days: string;
  rules: ShiftRule[];
}

export interface PatternErrors {
  posts: string;
  from: string;
  days: string;
  rules: string;
}

export const NO_PATTERN_ERRORS: PatternErrors = { posts: '', from: '', days: '', rules: '' };

export function daysError(raw: string): string {
  const value = raw.trim();
  if (!/^\d+$/.test(value)) return '请填写天数（整数）';
  const days = Number(value);
  return days >= 1 && days <= MAX_DAYS ? '' : `天数应为 1–${MAX_DAYS} 天`;
}

export function patternErrors(form: PatternForm, today: string): PatternErrors {
  return {
    posts: form.postIds.length ? '' : '请至少选择一个岗位',
    from: !form.from ? '请选择开始日期' : form.from < today ? '开始日期不能早于今天' : '',
    days: daysError(form.days),
    rules: !form.rules.length ? '请至少设置一个班次' : ruleErrors(form.rules).some(Boolean) ? '请先改正班次时间' : '',
  };
}

export function patternRequest(form: PatternForm, compoundId: string): ActionRequest<'duty.generate'> {
  return {
    compoundId,
    postIds: form.postIds,
    from: form.from,
    days: Number(form.days.trim()),
    shifts: [...form.rules].sort((a, b) => minutesOf(a.start) - minutesOf(b.start)).map(({ start, end }) => ({ start, end })),
  };
}

/** "将为 2 个岗位生成 7 天的班次，每天 3 班，共 42 个。" */
export function patternSummary(form: PatternForm): string {
  const days = Number(form.days.trim());
  return `将为 ${form.postIds.length} 个岗位生成 ${days} 天的班次，每天 ${form.rules.length} 班，共 ${form.postIds.length * days * form.rules.length} 个。已有的班次不会重复生成。`;
}

/** What a generation did, in a line. */
export const generatedText = (res: { created: number; existing: number; skipped: number }) =>
  `新建 ${res.created} 个班次${res.existing ? `，${res.existing} 个已存在` : ''}${res.skipped ? `，${res.skipped} 个已跳过` : ''}`;
