/**
 * Cases in the counters (server/stats): open cases by kind (the total is their sum: one key less
 * per building in the bucket documents every dashboard reads) at the case's building and above
 * (moved by the report and the close), and report → first action in buckets on the day of the
 * action (the dashboard answers the median as the bucket it falls in over 14 days). Moved in the
 * transaction of each step, gathered with the alert gauges the step moves (one write).
 */
import { MINUTE, dayOf } from '../core/time';
import { CASE_RESPONSE, bumpDaily, moveLive } from '../stats/model';
import { CASE_KIND_METRIC } from '../stats/sections';
import type { TxStore } from '../store/port';
import type { CaseDoc } from './model';

type Gauged = Pick<CaseDoc, 'kind' | 'state' | 'path'>;

/** Moves the open gauges from what `before` counted to what `after` counts (null: no case). */
export function bumpCaseGauges(tx: TxStore, before: Gauged | null, after: Gauged | null): Promise<void> {
  const open = (c: Gauged | null) => (c && c.state !== 'closed' ? { [CASE_KIND_METRIC[c.kind]]: 1 } : {});
  return moveLive(tx, (after ?? before)!.path, open(before), open(after));
}

/** The response-time bucket of report → first action. */
export const responseBucket = (ms: number) => CASE_RESPONSE.find((b) => ms <= b.upTo * MINUTE)!.metric;

/** Counts a case's first action, on the Asia/Shanghai day it was taken. */
export function countFirstAction(tx: TxStore, c: Pick<CaseDoc, 'path' | 'reportedAt'>, at: number): Promise<void> {
  return bumpDaily(tx, c.path, dayOf(at), { caseActed: 1, [responseBucket(at - c.reportedAt)]: 1 });
}
