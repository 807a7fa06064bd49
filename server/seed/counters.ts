/**
 * The dashboard's counters for the demo's cases, 吹哨 request and finding: the seed inserts
 * those records directly, so their gauges (and the acted case's response time) are added here,
 * through the writers' own gauge code, to the counter documents the seed inserts.
 */
import type { OrgDoc } from '../auth/nodes';
import { bumpCaseGauges, countFirstAction } from '../cases/gauge';
import { bumpLive, collectBumps, type Figures, type StatDoc } from '../stats/model';
import { buildDemoCases } from './cases';
import { buildWhistleDemo } from './whistle';

/** `docs` (the audiences' live documents) with the demo records' figures added, and the day documents those need. */
export async function withDemoCounters(docs: readonly StatDoc[], orgs: Map<string, OrgDoc>): Promise<StatDoc[]> {
  const { whistles, findings } = buildWhistleDemo(orgs);
  const bumps = await collectBumps(async (tx) => {
    for (const c of buildDemoCases(orgs)) {
      await bumpCaseGauges(tx, null, c);
      if (c.firstActionAt !== undefined) await countFirstAction(tx, c, c.firstActionAt);
    }
    for (const w of whistles) await bumpLive(tx, w.lineage, { whistleOpen: w.status === 'closed' ? 0 : 1 });
    for (const f of findings) await bumpLive(tx, f.lineage, { inspectOpen: f.status === 'open' ? 1 : 0, inspectOverdue: f.overdue ? 1 : 0 });
  });
  const byId = new Map(docs.map((d) => [d._id, { ...d, n: { ...d.n } }]));
  for (const b of bumps) {
    const into = byId.get(b._id) ?? { ...b, n: {} };
    byId.set(b._id, into);
    for (const [node, f] of Object.entries(b.n)) {
      const sum: Figures = { ...into.n[node] };
      for (const [k, v] of Object.entries(f) as Array<[keyof Figures, number]>) sum[k] = (sum[k] ?? 0) + v;
      into.n[node] = sum;
    }
  }
  return [...byId.values()];
}
