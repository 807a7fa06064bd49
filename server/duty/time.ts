/**
 * Days, clock times and weeks for rotas, in Asia/Shanghai (no daylight saving: a day is
 * always 24 h, so "HH:mm" on a day is the day's start plus minutes).
 */
import dayjs from 'dayjs';
import * as z from 'zod/mini';
import { DAY, dayOf, MINUTE, TZ } from '../core/time';
import { matching } from '../core/validate';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** A real calendar day written "YYYY-MM-DD". */
export const isDay = (s: string) => DAY_RE.test(s) && dayjs.tz(s, TZ).format('YYYY-MM-DD') === s;

/** Unix ms of 00:00 of `day` in Asia/Shanghai. */
export const dayStart = (day: string) => dayjs.tz(day, TZ).valueOf();

export const addDays = (day: string, n: number) => dayOf(dayStart(day) + n * DAY);

/** ISO weekday of a day: 1 Monday … 7 Sunday. */
export const weekdayOf = (day: string) => ((dayjs.tz(day, TZ).day() + 6) % 7) + 1;

/** A week is named by its Monday. */
export function weekOf(ms: number): string {
  const today = dayOf(ms);
  return addDays(today, 1 - weekdayOf(today));
}

/** Minutes after midnight of "HH:mm" ("24:00" = 1440); NaN if malformed. */
export function clockMinutes(hhmm: string): number {
  const m = CLOCK_RE.exec(hhmm);
  if (!m) return NaN;
  return m[1] === undefined ? 24 * 60 : Number(m[1]) * 60 + Number(m[2]);
}

/** "11-28 08:00" for messages. */
export const shortTime = (ms: number) => dayjs(ms).tz(TZ).format('MM-DD HH:mm');
const hm = (ms: number) => dayjs(ms).tz(TZ).format('HH:mm');
/** "16:00–24:00" for messages (shifts never cross midnight, so an end at 00:00 is the day's end). */
export const span = (start: number, end: number) => `${hm(start)}–${hm(end) === '00:00' ? '24:00' : hm(end)}`;

/** "202611280800", for ids. */
export const stamp = (ms: number) => dayjs(ms).tz(TZ).format('YYYYMMDDHHmm');

export const minutesBetween = (a: number, b: number) => Math.round((b - a) / MINUTE);

export const daySchema = () => z.string().check(z.refine(isDay, { error: '日期格式应为 YYYY-MM-DD' }));
export const clockSchema = () => matching(CLOCK_RE, '时间格式应为 HH:mm（00:00–24:00）');
