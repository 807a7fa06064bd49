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

/**
 * "2026-11-28 08:30" for an instant, in Asia/Shanghai — the phone's formatter, by the fixed UTC+8
 * offset: dayjs's timezone plugin builds a formatter per call (a 100,000-row ledger spent most of
 * its time there).
 */
export { shanghaiDateTime as minuteOf } from '../../miniprogram/shared/time';
