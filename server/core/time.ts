/** Times are stored as UTC instants (ms); days are bucketed in Asia/Shanghai. */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const TZ = 'Asia/Shanghai';
/** Durations in ms: one definition, shared with the phone. */
export { CLOCK_TOLERANCE_MS, DAY, HOUR, MINUTE } from '../../miniprogram/shared/time';

/** "2026-11-28" for an instant, in Asia/Shanghai. */
export const dayOf = (ms: number) => dayjs(ms).tz(TZ).format('YYYY-MM-DD');
