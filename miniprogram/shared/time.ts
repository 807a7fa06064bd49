/** Times shown in Asia/Shanghai — UTC+8 all year (no daylight saving), whatever the phone's zone. Shared: no `wx` here. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/**
 * How far a phone's clock may be off the server's before it counts as wrong: the pass page then
 * says so, and the server flags gate events such a phone stamped.
 */
export const CLOCK_TOLERANCE_MS = 2 * MINUTE;
const SHANGHAI = 8 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date whose UTC fields read Shanghai's wall clock at `ms` (use the getUTC… methods). */
export const inShanghai = (ms: number) => new Date(ms + SHANGHAI);

/** Unix ms of 00:00 in Shanghai on a "YYYY-MM-DD" day; NaN for anything else. */
export function shanghaiDayStart(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - SHANGHAI : NaN;
}

/** "07:05" */
export function shanghaiClock(ms: number): string {
  const d = inShanghai(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "2024-03-05" */
export function shanghaiDate(ms: number): string {
  const d = inShanghai(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "2024-03-05 07:05" */
export const shanghaiDateTime = (ms: number) => `${shanghaiDate(ms)} ${shanghaiClock(ms)}`;

/** Midnight in Shanghai of the day `ms` falls in, unix ms. */
export const startOfShanghaiDay = (ms: number) => Math.floor((ms + SHANGHAI) / DAY) * DAY - SHANGHAI;

/** "刚刚", "5 分钟前", "3 小时前", "2 天前" */
export function agoText(ms: number, now: number): string {
  const age = Math.max(0, now - ms);
  if (age < MINUTE) return '刚刚';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} 分钟前`;
  if (age < 2 * DAY) return `${Math.floor(age / HOUR)} 小时前`;
  return `${Math.floor(age / DAY)} 天前`;
}

/** When something was last brought up to date: "07:05（3 分钟前）" today, "2024-03-04 07:05（1 天前）" before. */
export function updatedAtText(ms: number, now: number): string {
  const when = shanghaiDate(ms) === shanghaiDate(now) ? shanghaiClock(ms) : shanghaiDateTime(ms);
  return `${when}（${agoText(ms, now)}）`;
}
