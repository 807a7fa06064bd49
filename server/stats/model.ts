/**
 * Per-node counters, maintained on write (ARCHITECTURE §5b): every recording action adds its
 * figures in the transaction of the change, with one write whatever the depth of the node.
 *
 * Layout: one document per *bucket* and Asia/Shanghai day (`<bucket>:<yyyy-mm-dd>`, the day's
 * flows: entries, denials, …) and one per bucket for gauges (`<bucket>:live`: passes pending,
 * alerts open, …). A bucket is a street: its document holds, for the street and every node
 * under it, that node's subtree figures (`n.<nodeId>.<metric>`), so one bump adds to the whole
 * lineage below the district in one atomic update, and one get gives a node together with its
 * children. The district's own figures are the sum of its streets' plus its own bucket (what
 * happens at the district node itself): the district dashboard reads one getMany of
 * (streets + 1) × (14 days + live) ids.
 *
 * Metric keys are declared as data (METRICS): a new source adds rows and calls `bumpDaily` or
 * `bumpLive` from its writer's transaction.
 */
import type { NoticeAudience } from '../../typings/messages';
import dayjs from 'dayjs';
import { DAY, dayOf, TZ } from '../core/time';
import type { TxStore } from '../store/port';
import { heldDay, heldKey } from './held';

/** The hours of an Asia/Shanghai day, as the duty slots' keys end. */
export const HOURS = [
  '00',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
] as const;
export type Hour = (typeof HOURS)[number];
export const hourOf = (ms: number): Hour => HOURS[dayjs(ms).tz(TZ).hour()];

/** One daily metric per hour of the day (`<prefix>00` … `<prefix>23`): typed keys, flat like every other figure. */
function hourly<P extends string>(prefix: P, label: string) {
  return Object.fromEntries(HOURS.map((h) => [`${prefix}${h}`, { kind: 'daily', label: `${label}（${h}时）` }])) as {
    [H in Hour as `${P}${H}`]: { kind: 'daily'; label: string };
  };
}

/** Every counter: its kind (a day's flow, or a gauge that is always "now") and its words. */
export const METRICS = {
  gateIn: { kind: 'daily', label: '进入' },
  gateDenied: { kind: 'daily', label: '拦截' },
  gateFever: { kind: 'daily', label: '体温异常' },
  passPending: { kind: 'live', label: '待审核' },
  passActive: { kind: 'live', label: '有效' },
  alertCritical: { kind: 'live', label: '特急' },
  alertHigh: { kind: 'live', label: '紧急' },
  alertMedium: { kind: 'live', label: '较急' },
  alertLow: { kind: 'live', label: '一般' },
  alertUnacked: { kind: 'live', label: '未签收' },
  // Notice audiences: people reached through a node (server/stats/audience.ts).
  audResidents: { kind: 'live', label: '居民' },
  audVolunteers: { kind: 'live', label: '志愿者' },
  audStaff: { kind: 'live', label: '工作人员' },
  audAll: { kind: 'live', label: '全体' },
  // Daily health: reports of the day (a person once), abnormal ones, against the census's people.
  healthReported: { kind: 'daily', label: '已上报' },
  healthAbnormal: { kind: 'daily', label: '异常' },
  censusPeople: { kind: 'live', label: '应报人数' },
  // Disinfection: logs counted up to each area's required count, against the active areas' required counts.
  disinfectDone: { kind: 'daily', label: '已消毒' },
  disinfectRequired: { kind: 'live', label: '应消毒' },
  // Duty coverage, per hour slot of a day (server/duty/gauge.ts): heads the shifts need, heads on
  // post, the shifts' gaps, and the always-on posts' heads that a shift stands in for; and the
  // always-on posts' heads when no shift runs.
  ...hourly('dutyReq', '应到'),
  ...hourly('dutyOn', '在岗'),
  ...hourly('dutyGap', '缺岗'),
  ...hourly('dutyCover', '全天岗有班次'),
  dutyStanding: { kind: 'live', label: '全天值守应到' },
  // Cases (server/cases/gauge.ts): open ones by kind, and report → first action by the day of the action.
  caseReturnee: { kind: 'live', label: '外省返乡' },
  caseContact: { kind: 'live', label: '密切接触' },
  caseFever: { kind: 'live', label: '门外发热' },
  caseGathering: { kind: 'live', label: '聚集' },
  caseNomask: { kind: 'live', label: '未戴口罩' },
  caseOther: { kind: 'live', label: '其他' },
  caseActed: { kind: 'daily', label: '首次处置' },
  caseRt15: { kind: 'daily', label: '≤15分钟' },
  caseRt30: { kind: 'daily', label: '≤30分钟' },
  caseRt60: { kind: 'daily', label: '≤1小时' },
  caseRt120: { kind: 'daily', label: '≤2小时' },
  caseRt240: { kind: 'daily', label: '≤4小时' },
  caseRt480: { kind: 'daily', label: '≤8小时' },
  caseRt1440: { kind: 'daily', label: '≤24小时' },
  caseRtOver: { kind: 'daily', label: '>24小时' },
  // 吹哨 (server/whistle): raised and not closed; past the deadline unreported (the overdue job), until closed.
  whistleOpen: { kind: 'live', label: '未办结' },
  whistleOverdue: { kind: 'live', label: '逾期' },
  // Open alerts by the chain level they wait at now (server/alerts/gauge.ts; the escalation moves them).
  alertAtCompound: { kind: 'live', label: '小区' },
  alertAtCommunity: { kind: 'live', label: '社区' },
  alertAtStreet: { kind: 'live', label: '街道' },
  alertAtDistrict: { kind: 'live', label: '区' },
  // 督导 (server/inspect): findings awaiting rectification, and those of them past the deadline.
  inspectOpen: { kind: 'live', label: '待整改' },
  inspectOverdue: { kind: 'live', label: '逾期未整改' },
} as const satisfies Record<string, { kind: 'daily' | 'live'; label: string }>;

export type MetricKey = keyof typeof METRICS;

/** Report → first action, in buckets by upper bound (minutes; the last open-ended): a median is answered as the bucket it falls in. */
export const CASE_RESPONSE = [
  { metric: 'caseRt15', upTo: 15 },
  { metric: 'caseRt30', upTo: 30 },
  { metric: 'caseRt60', upTo: 60 },
  { metric: 'caseRt120', upTo: 120 },
  { metric: 'caseRt240', upTo: 240 },
  { metric: 'caseRt480', upTo: 480 },
  { metric: 'caseRt1440', upTo: 1440 },
  { metric: 'caseRtOver', upTo: Infinity },
] as const satisfies ReadonlyArray<{ metric: MetricKey; upTo: number }>;
export type DailyMetric = { [K in MetricKey]: (typeof METRICS)[K]['kind'] extends 'daily' ? K : never }[MetricKey];
export type LiveMetric = Exclude<MetricKey, DailyMetric>;
export type Figures = Partial<Record<MetricKey, number>>;

export type StatDoc = {
  _id: string; // `${bucket}:${day}` or `${bucket}:live`
  _v?: number;
  bucket: string;
  /** The day, or 'live' for the gauges. */
  day: string;
  /** Per node in the bucket: its subtree's figures. */
  n: Record<string, Figures>;
  /** Live documents: the last urgent notice published at each node of the bucket. */
  urgent?: Record<string, UrgentMark>;
  /** Live documents: the oldest day whose flows it holds (./held.ts), for the job that moves them to their day. */
  heldFrom?: string;
};

/** What the dashboard shows of the last urgent notice published at a node. */
export type UrgentMark = { id: string; at: number; title: string; audience: NoticeAudience; requireAck: boolean };

declare module '../store/port' {
  interface Collections {
    stats: StatDoc;
  }
}

export const LIVE = 'live';
export const statId = (bucket: string, day: string) => `${bucket}:${day}`;

/** The bucket a node's figures live in (its street; the district for the district itself) and the nodes a bump adds to there. */
export function placeOf(lineage: readonly string[]): { bucket: string; nodes: string[] } {
  if (!lineage.length) throw new Error('stats: empty lineage');
  return lineage.length === 1 ? { bucket: lineage[0], nodes: [lineage[0]] } : { bucket: lineage[1], nodes: lineage.slice(1) };
}

/** The `days` Asia/Shanghai days ending with `day`, oldest first. */
export function daysEnding(day: string, days: number): string[] {
  const end = Date.parse(`${day}T12:00:00+08:00`);
  return Array.from({ length: days }, (_, i) => dayOf(end - (days - 1 - i) * DAY));
}

/** Per transaction: the figures gathered for each counter document so far, written once at its commit. */
const gathered = new WeakMap<TxStore, Map<string, Record<string, Figures>>>();
let hooks = 0;

/**
 * Adds per-node figures (`inc[node][metric]`) to one bucket's document of `day`. Inside a
 * transaction the figures are gathered and each document is written once, just before the
 * commit, so an action that moves several counters (an alert and a case, say) adds one write.
 */
export async function addToBucket(tx: TxStore, bucket: string, day: string, inc: Record<string, Figures>): Promise<void> {
  const first = !gathered.has(tx);
  const docs = gathered.get(tx) ?? new Map<string, Record<string, Figures>>();
  gathered.set(tx, docs);
  const into = docs.get(statId(bucket, day)) ?? {};
  docs.set(statId(bucket, day), into);
  for (const [node, f] of Object.entries(inc)) {
    const n = (into[node] ??= {});
    for (const [k, v] of Object.entries(f) as Array<[MetricKey, number]>) if (v) n[k] = (n[k] ?? 0) + v;
  }
  if (!first) return;
  // A key of its own: a second wrapper of the same transaction must not drop this one's figures.
  await tx.defer(`stats:${++hooks}`, async (t) => {
    gathered.delete(tx);
    for (const [id, figures] of holdWithGauges(docs)) await addToDocument(t, id, figures);
  });
}

/** A node's figures as written: metrics, or a gauges document's held flows (`<metric>_<day>`). */
type Written = Record<string, Record<string, number | undefined>>;

/** Whether gathered figures move anything (bumps that cancel out leave zeros). */
const moves = (figures: Written) => Object.values(figures).some((f) => Object.values(f).some((v) => v));

/**
 * Where a bucket's gauges move in the transaction, its day flows go into the gauges document as
 * held flows (./held.ts): one write per bucket.
 */
function holdWithGauges(docs: ReadonlyMap<string, Record<string, Figures>>): Map<string, Written> {
  const out = new Map<string, Written>(docs);
  for (const [id, inc] of docs) {
    const { bucket, day } = splitId(id);
    const live = out.get(statId(bucket, LIVE));
    if (day === LIVE || !live || !moves(live)) continue;
    const held: Written = { ...live };
    for (const [node, f] of Object.entries(inc)) {
      const n = (held[node] = { ...held[node] });
      for (const [k, v] of Object.entries(f)) n[heldKey(k, day)] = v;
    }
    out.set(statId(bucket, LIVE), held);
    out.delete(id);
  }
  return out;
}

/**
 * The counter documents the bumps `fn` makes would add up to, built without writing: the seed
 * inserts its records' figures this way, through the writers' own gauge code. `fn` gets a
 * transaction that only takes bumps.
 */
export async function collectBumps(fn: (tx: TxStore) => Promise<void>): Promise<StatDoc[]> {
  const refuse = () => Promise.reject(new Error('collectBumps: only counter bumps are taken'));
  const tx: TxStore = { get: refuse, insert: refuse, update: refuse, increment: refuse, remove: refuse, defer: async () => undefined };
  await fn(tx);
  const docs = gathered.get(tx) ?? new Map<string, Record<string, Figures>>();
  return [...docs].map(([id, n]) => ({ _id: id, ...splitId(id), n }));
}

/** A counter document's bucket and day from its id. */
const splitId = (id: string) => ({ bucket: id.slice(0, id.lastIndexOf(':')), day: id.slice(id.lastIndexOf(':') + 1) });

/**
 * Adds figures to one counter document, creating it if missing; a gauges document given held
 * flows notes the oldest day it holds. One write (none if they net to zero).
 */
export async function addToDocument(tx: TxStore, id: string, inc: Written): Promise<void> {
  const fields: Record<string, number> = {};
  let oldest: string | undefined;
  for (const [node, f] of Object.entries(inc))
    for (const [k, v] of Object.entries(f)) {
      if (!v) continue;
      fields[`n.${node}.${k}`] = v;
      const day = heldDay(k);
      if (day && (!oldest || day < oldest)) oldest = day;
    }
  if (!Object.keys(fields).length) return;
  const existing = await tx.get('stats', id);
  if (existing) {
    if (oldest && !(existing.heldFrom && existing.heldFrom <= oldest)) await tx.update('stats', id, { heldFrom: oldest }, undefined, fields);
    else await tx.increment('stats', id, fields);
    return;
  }
  const n: StatDoc['n'] = {};
  for (const [node, f] of Object.entries(inc)) n[node] = Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as Figures;
  await tx.insert('stats', { _id: id, ...splitId(id), n, ...(oldest ? { heldFrom: oldest } : {}) });
}

function bump(tx: TxStore, lineage: readonly string[], day: string, deltas: Figures): Promise<void> {
  const { bucket, nodes } = placeOf(lineage);
  return addToBucket(tx, bucket, day, Object.fromEntries(nodes.map((node) => [node, deltas])));
}

/**
 * Adds a day's flows to the node at the end of `lineage` (ancestors root first, then the node)
 * and to every ancestor below the district, in one write. Call inside the change's transaction.
 */
export function bumpDaily(tx: TxStore, lineage: readonly string[], day: string, deltas: Partial<Record<DailyMetric, number>>): Promise<void> {
  return bump(tx, lineage, day, deltas);
}

/** Moves gauges (+1 on entering a state, -1 on leaving it) the same way. */
export function bumpLive(tx: TxStore, lineage: readonly string[], deltas: Partial<Record<LiveMetric, number>>): Promise<void> {
  return bump(tx, lineage, LIVE, deltas);
}

type Gauges = Partial<Record<LiveMetric, number>>;

/** Moves a record's gauges from what it counted (`was`, {} for none) to what it counts now (`is`). */
export function moveLive(tx: TxStore, lineage: readonly string[], was: Gauges, is: Gauges): Promise<void> {
  const deltas: Gauges = {};
  for (const k of new Set([...Object.keys(was), ...Object.keys(is)]) as Set<LiveMetric>) deltas[k] = (is[k] ?? 0) - (was[k] ?? 0);
  return bumpLive(tx, lineage, deltas);
}

/** Marks `mark` as the last urgent notice published at the node ending `lineage`, unless a later one is marked. One write. */
export async function markUrgent(tx: TxStore, lineage: readonly string[], mark: UrgentMark): Promise<void> {
  const { bucket } = placeOf(lineage);
  const node = lineage[lineage.length - 1];
  const id = statId(bucket, LIVE);
  const existing = await tx.get('stats', id);
  if (!existing) {
    await tx.insert('stats', { _id: id, bucket, day: LIVE, n: {}, urgent: { [node]: mark } });
    return;
  }
  const current = existing.urgent?.[node];
  if (current && current.at > mark.at) return;
  await tx.update('stats', id, { [`urgent.${node}`]: mark });
}
