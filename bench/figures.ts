/** A bench figure: what was measured against its budget. */
export interface Figure {
  name: string;
  measured: number;
  unit: string;
  /** '<=' — at most the budget; '>=' — at least. Absent: reported only. */
  budget?: { op: '<=' | '>='; value: number };
}

export const withinBudget = (f: Figure) => !f.budget || (f.budget.op === '<=' ? f.measured <= f.budget.value : f.measured >= f.budget.value);

export function formatTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${round(f.measured)} ${f.unit}`,
    f.budget ? `${f.budget.op} ${f.budget.value} ${f.unit}` : '—',
    f.budget ? (withinBudget(f) ? 'ok' : 'OVER') : '',
  ]);
  const head = ['figure', 'measured', 'budget', 'ok'];
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const round = (n: number) => (Number.isInteger(n) ? String(n) : n >= 100 ? n.toFixed(0) : n.toFixed(2));
/** Display width: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
