/**
 * Day flows held in a gauges document. A transaction that moves a bucket's gauges writes its
 * flows for that bucket there too, under dated keys (`<metric>_<yyyy-mm-dd>`: metric keys hold no underscore beside the node's
 * gauges), so it writes one counter document per bucket however many it moves (a case's first
 * action: the alert's gauges and the response time). Readers add held flows to their day
 * (./figures.ts); a job moves them into the day's own document once the day is over (./fold.ts).
 */

const SEP = '_';

export const heldKey = (metric: string, day: string) => `${metric}${SEP}${day}`;

/** The day of a held flow's key; undefined for a gauge. */
export const heldDay = (key: string): string | undefined => (key.includes(SEP) ? key.slice(key.indexOf(SEP) + 1) : undefined);

/** A node's figures in a gauges document, parted into its gauges and the flows it holds, by day. */
export function partHeld(f: Readonly<Record<string, number>>): { gauges: Record<string, number>; byDay: Map<string, Record<string, number>> } {
  const gauges: Record<string, number> = {};
  const byDay = new Map<string, Record<string, number>>();
  for (const [k, v] of Object.entries(f)) {
    const day = heldDay(k);
    if (!day) {
      gauges[k] = v;
      continue;
    }
    const flows = byDay.get(day) ?? {};
    flows[k.slice(0, k.indexOf(SEP))] = v;
    byDay.set(day, flows);
  }
  return { gauges, byDay };
}
