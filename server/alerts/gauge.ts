/**
 * Alerts in the counters (server/stats): unresolved alerts by severity, and those not yet
 * acknowledged, at the node an alert concerns and above, moved in the transaction of each
 * change (raise, ack, resolve, and the purge of old gate alerts).
 */
import type { AlertSeverity, AlertView } from '../../typings/messages';
import { bumpLive, type LiveMetric } from '../stats/model';
import type { TxStore } from '../store/port';

export const SEVERITY_METRIC: Record<AlertSeverity, LiveMetric> = {
  critical: 'alertCritical',
  high: 'alertHigh',
  medium: 'alertMedium',
  low: 'alertLow',
};

/** What the gauges read of an alert (its node's lineage as `path`). */
type Gauged = Pick<AlertView, 'status' | 'severity'> & { path: string[] };

function gauges(a: Gauged | null): Partial<Record<LiveMetric, number>> {
  if (!a) return {};
  return { [SEVERITY_METRIC[a.severity]]: a.status === 'resolved' ? 0 : 1, alertUnacked: a.status === 'open' ? 1 : 0 };
}

/** Moves the gauges from what `before` counted to what `after` counts (null: no alert). */
export async function bumpAlertGauges(tx: TxStore, before: Gauged | null, after: Gauged | null): Promise<void> {
  const was = gauges(before);
  const is = gauges(after);
  const deltas: Partial<Record<LiveMetric, number>> = {};
  for (const k of new Set([...Object.keys(was), ...Object.keys(is)]) as Set<LiveMetric>) deltas[k] = (is[k] ?? 0) - (was[k] ?? 0);
  const path = (after ?? before)!.path;
  await bumpLive(tx, path, deltas);
}
