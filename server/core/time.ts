/** Times are stored as UTC instants (ms); days are bucketed in Asia/Shanghai. */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const TZ = 'Asia/Shanghai';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** "2026-11-28" for an instant, in Asia/Shanghai. */
export const dayOf = (ms: number) => dayjs(ms).tz(TZ).format('YYYY-MM-DD');
