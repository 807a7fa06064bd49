/** Reading the counters: the documents a dashboard needs (one getMany) and a node's figures in them. */
import type { OrgDoc } from '../auth/nodes';
import type { Store } from '../store/port';
import { partHeld } from './held';
import { daysEnding, LIVE, placeOf, statId, type Figures, type StatDoc, type UrgentMark } from './model';

export const TREND_DAYS = 14;

/** The counter documents around one node: its figures and its children's, per day and live. */
export interface Counters {
  days: string[];
  /** A node's (the dashboard's node or one of its children) figures on a day or LIVE; undefined: never counted. */
  of(nodeId: string, day: string): Figures | undefined;
  /** The last urgent notice published at the node or above it. */
  urgent?: UrgentMark;
}

/** Adds `f` into `into`, key by key (a key counted as zero stays: it was counted). */
export function addFigures(into: Figures, f: Figures): void {
  for (const [k, v] of Object.entries(f) as Array<[keyof Figures, number]>) into[k] = (into[k] ?? 0) + v;
}

/** Parts the flows the gauges documents hold (./held.ts) from their gauges: by the id of their day's document. */
function takeHeld(docs: Map<string, StatDoc>): Map<string, Record<string, Figures>> {
  const held = new Map<string, Record<string, Figures>>();
  for (const doc of docs.values()) {
    // Read with a projection: the bucket is known from the id only.
    if (!doc._id.endsWith(`:${LIVE}`)) continue;
    const bucket = doc._id.slice(0, -LIVE.length - 1);
    for (const [node, f] of Object.entries(doc.n)) {
      const { gauges, byDay } = partHeld(f as Record<string, number>);
      if (!byDay.size) continue;
      doc.n[node] = gauges;
      for (const [day, flows] of byDay) {
        const id = statId(bucket, day);
        held.set(id, { ...held.get(id), [node]: flows });
      }
    }
  }
  return held;
}

/**
 * One read: the 14 days ending at `day` and the gauges, of the node's bucket — or, for the
 * district, of every street's bucket and its own (`children` are the district's streets) — and
 * the district's gauges, which hold its urgent-notice mark.
 */
export async function loadCounters(store: Store, node: OrgDoc, children: readonly OrgDoc[], day: string): Promise<Counters> {
  const days = daysEnding(day, TREND_DAYS);
  const atRoot = node.path.length === 0;
  const buckets = atRoot ? [node._id, ...children.map((c) => c._id)] : [placeOf([...node.path, node._id]).bucket];
  const lineage = [...node.path, node._id];
  const ids = buckets.flatMap((b) => [...days, LIVE].map((d) => statId(b, d)));
  // The district's gauges too: they mark urgent notices published at the district.
  if (!atRoot) ids.push(statId(lineage[0], LIVE));
  // Only the node's and its children's figures, and the urgent marks: a street's documents hold
  // every node under it, and the district reads every street's.
  const fields = [node._id, ...children.map((c) => c._id)].map((id) => `n.${id}`).concat('urgent');
  const docs = new Map<string, StatDoc>((await store.getMany('stats', ids, { fields })).map((d) => [d._id, { ...d, n: d.n ?? {} }]));
  const held = takeHeld(docs);
  const inBucket = (bucket: string, nodeId: string, d: string) => {
    const own = docs.get(statId(bucket, d))?.n[nodeId];
    const more = held.get(statId(bucket, d))?.[nodeId];
    if (!more) return own;
    const f = { ...own };
    addFigures(f, more);
    return f;
  };
  const marks = lineage.map((id, i) => docs.get(statId(placeOf(lineage.slice(0, i + 1)).bucket, LIVE))?.urgent?.[id]);
  const urgent = marks.reduce<UrgentMark | undefined>((best, m) => (m && (!best || m.at > best.at) ? m : best), undefined);
  return {
    days,
    urgent,
    of(nodeId, d) {
      if (!atRoot) return inBucket(buckets[0], nodeId, d);
      if (nodeId !== node._id) return inBucket(nodeId, nodeId, d);
      // The district: its streets' subtrees and what happened at the district itself.
      const parts = buckets.map((b) => inBucket(b, b, d)).filter((f): f is Figures => !!f);
      if (!parts.length) return undefined;
      const sum: Figures = {};
      for (const f of parts) addFigures(sum, f);
      return sum;
    },
  };
}
