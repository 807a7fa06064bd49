/**
 * The dashboard's counters for the demo's cases, 吹哨 request and finding: the seed inserts
 * those records directly, so their gauges (and the acted case's response time) are added here,
 * through the writers' own gauge code, into the counters the seed gathers (`collectBumps`).
 */
import type { OrgDoc } from '../auth/nodes';
import { bumpCaseGauges, countFirstAction } from '../cases/gauge';
import { bumpLive } from '../stats/model';
import type { TxStore } from '../store/port';
import { buildDemoCases } from './cases';
import { buildWhistleDemo } from './whistle';

export async function countDemoRecords(tx: TxStore, orgs: Map<string, OrgDoc>): Promise<void> {
  const { whistles, findings } = buildWhistleDemo(orgs);
  for (const c of buildDemoCases(orgs)) {
    await bumpCaseGauges(tx, null, c);
    if (c.firstActionAt !== undefined) await countFirstAction(tx, c, c.firstActionAt);
  }
  for (const w of whistles) await bumpLive(tx, w.lineage, { whistleOpen: w.status === 'closed' ? 0 : 1 });
  for (const f of findings) await bumpLive(tx, f.lineage, { inspectOpen: f.status === 'open' ? 1 : 0, inspectOverdue: f.overdue ? 1 : 0 });
}
