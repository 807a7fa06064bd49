/**
 * Notice audiences in the counters: how many people a notice for each audience reaches through
 * each node — the same set `reach` indexes on the user (server/notices/audience.ts), counted
 * once per person and node — moved in the transaction of every change of someone's grants.
 * A node's figure is its own; the district's is its streets' plus a correction kept in its own
 * bucket (people reached through the district, less those already counted in a street), so
 * someone with grants under two streets still counts once there.
 */
import type { NoticeAudience } from '../../typings/messages';
import { AUDIENCE_ROLES, AUDIENCES } from '../notices/audience';
import type { TxStore } from '../store/port';
import { addToBucket, LIVE, type Figures, type LiveMetric } from './model';

export const AUDIENCE_METRIC: Record<NoticeAudience, LiveMetric> = {
  residents: 'audResidents',
  volunteers: 'audVolunteers',
  staff: 'audStaff',
  all: 'audAll',
};

interface GrantLike {
  role: string;
  orgId: string;
  path: string[];
}

/** Every `<audience>:<node>` the grants reach, with the node's lineage. */
function reached(grants: readonly GrantLike[]): Map<string, { audience: NoticeAudience; lineage: string[] }> {
  const out = new Map<string, { audience: NoticeAudience; lineage: string[] }>();
  for (const audience of AUDIENCES) {
    for (const g of grants) {
      if (!(AUDIENCE_ROLES[audience] as readonly string[]).includes(g.role)) continue;
      const chain = [...g.path, g.orgId];
      chain.forEach((node, i) => out.set(`${audience}:${node}`, { audience, lineage: chain.slice(0, i + 1) }));
    }
  }
  return out;
}

/** What a change of grants adds to each bucket's live document: bucket → node → figures. */
export function audienceDeltas(before: readonly GrantLike[], after: readonly GrantLike[], into = new Map<string, Record<string, Figures>>()) {
  const was = reached(before);
  const is = reached(after);
  const add = (bucket: string, node: string, metric: LiveMetric, d: number) => {
    const b = into.get(bucket) ?? {};
    const f = (b[node] ??= {});
    f[metric] = (f[metric] ?? 0) + d;
    into.set(bucket, b);
  };
  const changes = [
    ...[...is].filter(([k]) => !was.has(k)).map(([, v]) => ({ ...v, d: 1 })),
    ...[...was].filter(([k]) => !is.has(k)).map(([, v]) => ({ ...v, d: -1 })),
  ];
  for (const { audience, lineage, d } of changes) {
    const metric = AUDIENCE_METRIC[audience];
    const district = lineage[0];
    if (lineage.length === 1) add(district, district, metric, d);
    else {
      add(lineage[1], lineage[lineage.length - 1], metric, d);
      if (lineage.length === 2) add(district, district, metric, -d); // the correction
    }
  }
  return into;
}

/** Moves the audience counters for a change of one person's grants: one write per bucket whose figures change. */
export async function bumpAudience(tx: TxStore, before: readonly GrantLike[], after: readonly GrantLike[]): Promise<void> {
  for (const [bucket, inc] of audienceDeltas(before, after)) await addToBucket(tx, bucket, LIVE, inc);
}
