/**
 * Days, weekdays and shift spans of the rota, in Asia/Shanghai ("YYYY-MM-DD" days), and when
 * check-in opens. Pure. Main package: the volunteer and the staff subpackages both use it.
 */
import { DAY, MINUTE, shanghaiClock } from '../shared/time';

/** Check-in opens this long before a shift starts (the server's rule). */
export const CHECK_IN_EARLY = 15 * MINUTE;

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

const utcOf = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};

/** "2024-03-05" plus `n` days. */
export const addDays = (day: string, n: number) => new Date(utcOf(day) + n * DAY).toISOString().slice(0, 10);

/** "3月5日" */
export const monthDay = (day: string) => {
  const date = new Date(utcOf(day));
  return `${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
};

/** "周二" */
export const weekdayText = (day: string) => WEEKDAYS[new Date(utcOf(day)).getUTCDay()];

/** "3月5日 周二", with 今天 / 明天 in front when it is. */
export function dayLabel(day: string, today: string): string {
  const plain = `${monthDay(day)} ${weekdayText(day)}`;
  if (day === today) return `今天 · ${plain}`;
  return day === addDays(today, 1) ? `明天 · ${plain}` : plain;
}

/** "08:00–16:00"; a shift ending at midnight ends at 24:00. */
export function spanText(start: number, end: number): string {
  const to = shanghaiClock(end);
  return `${shanghaiClock(start)}–${to === '00:00' && end > start ? '24:00' : to}`;
}

/** "45 分钟", "3 小时", "3 小时 20 分". */
export function minutesText(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} 分钟`;
  return m % 60 ? `${Math.floor(m / 60)} 小时 ${m % 60} 分` : `${m / 60} 小时`;
}

/** Items of one day, with the day's label. */
export interface DayGroup<T> {
  day: string;
  label: string;
  items: T[];
}

/** Items grouped by their day, in the order first met. */
export function byDay<T extends { day: string }>(items: readonly T[], today: string): Array<DayGroup<T>> {
  const groups: Array<DayGroup<T>> = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last?.day === item.day) last.items.push(item);
    else groups.push({ day: item.day, label: dayLabel(item.day, today), items: [item] });
  }
  return groups;
}
