/**
 * Brute force for the dashboard's sections of what waits on someone — open alerts by the level
 * they wait at, cases, 吹哨 and 督导 — from the raw records only (the scripted day: ./waiting-day.ts).
 * The response median is computed from the cases' own times (sorted, the lower middle one) and
 * then put in its bucket: it checks that the counters' histogram lands in the same bucket.
 */
import type { SectionOf } from './sources-expect';
import type { StatSection } from '../../typings/stats';
import type { AlertDoc } from '../../server/alerts/model';
import type { OrgDoc } from '../../server/auth/nodes';
import type { CaseDoc } from '../../server/cases/model';
import { dayOf, MINUTE } from '../../server/core/time';
import type { FindingDoc } from '../../server/inspect/model';
import { queryAll } from '../../server/store/pages';
import type { Store } from '../../server/store/port';
import type { WhistleDoc } from '../../server/whistle/model';

export interface WaitingRaw {
  alerts: AlertDoc[];
  cases: CaseDoc[];
  whistles: WhistleDoc[];
  findings: FindingDoc[];
}

export async function loadWaitingRaw(store: Store): Promise<WaitingRaw> {
  const order = { orderBy: [{ field: '_id' }] };
  const [alerts, cases, whistles, findings] = await Promise.all([
    queryAll(store, 'alerts', order, 1000),
    queryAll(store, 'cases', order, 1000),
    queryAll(store, 'whistles', order, 1000),
    queryAll(store, 'findings', order, 1000),
  ]);
  return { alerts, cases, whistles, findings };
}

const KINDS = ['returnee', 'contact', 'fever', 'gathering', 'nomask', 'other'] as const;
const HIGH = ['returnee', 'contact', 'fever'];
/** The buckets' upper bounds in minutes, as the dashboard answers them (past the last: one minute more). */
const BOUNDS = [15, 30, 60, 120, 240, 480, 1440];
const bucketOf = (ms: number) => BOUNDS.find((b) => ms <= b * MINUTE) ?? 1441;

/** The sections, in the dashboard's order, that `node` shows. */
export function waitingExpected(raw: WaitingRaw, node: OrgDoc, children: OrgDoc[], days: string[], section: SectionOf): StatSection[] {
  const out: StatSection[] = [];

  const alerts = (id: string) => raw.alerts.filter((a) => a.path.includes(id) && a.status !== 'resolved');
  if (raw.alerts.some((a) => a.path.includes(node._id))) {
    // assigneeDepth: 3 a compound … 0 the district.
    const tiles = (id: string) => [3, 2, 1, 0].map((d) => alerts(id).filter((a) => a.assigneeDepth === d).length);
    out.push(section('alertLevels', tiles(node._id), children, tiles, (id) => [...tiles(id)].reverse()));
  }

  const cases = (id: string) => raw.cases.filter((c) => c.path.includes(id));
  if (cases(node._id).length) {
    const acted = (id: string, inDays: readonly string[]) => cases(id).filter((c) => c.firstActionAt !== undefined && inDays.includes(dayOf(c.firstActionAt)));
    const tiles = (id: string) => {
      const open = cases(id).filter((c) => c.state !== 'closed');
      const times = acted(id, days)
        .map((c) => c.firstActionAt! - c.reportedAt)
        .sort((a, b) => a - b);
      const median = times.length ? bucketOf(times[Math.ceil(times.length / 2) - 1]) : 0;
      return [open.length, ...KINDS.map((k) => open.filter((c) => c.kind === k).length), median];
    };
    const worst = (id: string) => {
      const open = cases(id).filter((c) => c.state !== 'closed');
      return [open.filter((c) => HIGH.includes(c.kind)).length, open.length];
    };
    out.push(
      section('cases', tiles(node._id), children, tiles, worst, [
        days.map((d) => acted(node._id, [d]).length),
        days.map((d) => acted(node._id, [d]).filter((c) => c.firstActionAt! - c.reportedAt > HOUR_MS).length),
      ]),
    );
  }

  const whistles = (id: string) => raw.whistles.filter((w) => w.lineage.includes(id));
  if (whistles(node._id).length) {
    const tiles = (id: string) => {
      const open = whistles(id).filter((w) => w.status !== 'closed');
      return [open.length, open.filter((w) => w.alertedFor !== undefined).length];
    };
    out.push(section('whistles', tiles(node._id), children, tiles, (id) => [...tiles(id)].reverse()));
  }

  const findings = (id: string) => raw.findings.filter((f) => f.lineage.includes(id));
  if (findings(node._id).length) {
    const tiles = (id: string) => {
      const open = findings(id).filter((f) => f.status === 'open');
      return [open.length, open.filter((f) => f.overdue).length];
    };
    out.push(section('inspect', tiles(node._id), children, tiles, (id) => [...tiles(id)].reverse()));
  }
  return out;
}

const HOUR_MS = 60 * MINUTE;
