/**
 * Alerts in the counters (server/stats): unresolved alerts by severity, and those not yet
 * acknowledged, and unresolved ones by the chain level they wait at, at the node an alert
 * concerns and above, moved in the transaction of each change (raise, ack, resolve, a step up
 * the chain, and the purge of old gate alerts).
 */
import type { AlertSeverity, AlertView } from '../../typings/messages';
import { moveLive, type LiveMetric } from '../stats/model';
import type { TxStore } from '../store/port';

export const SEVERITY_METRIC: Record<AlertSeverity, LiveMetric> = {
  critical: 'alertCritical',
  high: 'alertHigh',
  medium: 'alertMedium',
  low: 'alertLow',
};

/** The gauge of open alerts waiting at each level of the chain (`assigneeDepth`: 0 the district … 3 a compound). */
export const LEVEL_METRIC: readonly LiveMetric[] = ['alertAtDistrict', 'alertAtStreet', 'alertAtCommunity', 'alertAtCompound'];

/** What the gauges read of an alert (its node's lineage as `path`). */
type Gauged = Pick<AlertView, 'status' | 'severity'> & { path: string[]; assigneeDepth: number };

function gauges(a: Gauged | null): Partial<Record<LiveMetric, number>> {
  if (!a) return {};
  const unresolved = a.status === 'resolved' ? 0 : 1;
  return { [SEVERITY_METRIC[a.severity]]: unresolved, alertUnacked: a.status === 'open' ? 1 : 0, [LEVEL_METRIC[a.assigneeDepth]]: unresolved };
}

/** Moves the gauges from what `before` counted to what `after` counts (null: no alert). */
export function bumpAlertGauges(tx: TxStore, before: Gauged | null, after: Gauged | null): Promise<void> {
  return moveLive(tx, (after ?? before)!.path, gauges(before), gauges(after));
}
