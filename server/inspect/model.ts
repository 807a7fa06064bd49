/**
 * 督促-整改-督促. Street and district staff record findings against any node, by a category and
 * item of the district's checklist; the node's responsible person rectifies with evidence;
 * someone of the inspecting level (or above) — never the rectifier — accepts or reopens it.
 *
 * Counters are kept on write: one document per node (`inspectCounts`, id = the node) holds the
 * findings at or under it by item × status, the overdue ones, and the time rectifications
 * took. Every transition moves one finding's counts on each node of its lineage (≤ 5), so a
 * report at any level is its node's document and its children's: a couple of reads.
 * Overdue: the timer marks an open finding past its deadline (`overdue`) and adds it to the
 * counters; rectifying or reopening with a new deadline takes it out.
 */
import type { ChecklistCategory, FindingCounts, FindingView } from '../../typings/whistle';
import { bumpLive } from '../stats/model';
import type { TxStore } from '../store/port';

export type ChecklistDoc = {
  /** The district's id. */
  _id: string;
  _v?: number;
  categories: ChecklistCategory[];
  updatedAt: number;
};

/** The view's fields, with who acted (openids, never shown), and what the timer works from. */
export type FindingDoc = Omit<FindingView, 'id' | 'rectification' | 'verification'> & {
  /** `f` + hash of the recorder and their request id: a retried record is the same finding. */
  _id: string;
  _v?: number;
  /** Ancestors then the node itself, root first (indexed). */
  lineage: string[];
  /** The inspecting level's lineage (the recorder's staff grant at `inspectorOrgId`). */
  inspectorPath: string[];
  recordedBy: string;
  rectification?: NonNullable<FindingView['rectification']> & { by: string };
  verification?: NonNullable<FindingView['verification']> & { by: string };
  /** When the timer looks next (the deadline while open); cleared once marked overdue. */
  watchAt?: number;
};

/** Counts of one item: `<status>` and `overdue`. */
export type ItemCounts = FindingCounts;

export type InspectCountsDoc = {
  /** The node's id. */
  _id: string;
  parentId: string | null;
  name: string;
  /** `counts.<category>.<item>.<open|rectified|verified|overdue>` */
  counts: Record<string, Record<string, Partial<ItemCounts>>>;
  /** Sum of hours from record to accepted rectification, and how many. */
  rectifyHours: number;
  rectified: number;
};

declare module '../store/port' {
  interface Collections {
    inspectChecklists: ChecklistDoc;
    findings: FindingDoc;
    inspectCounts: InspectCountsDoc;
  }
}

/** The nodes whose counters a finding moves, with their names: its lineage. */
export type CounterNode = { _id: string; name: string; parentId: string | null };

/**
 * Adds `deltas` (per status key) for the finding's item on every node of its lineage, creating
 * a node's document on first use. Inside the writer's transaction.
 */
export async function moveCounts(
  tx: TxStore,
  nodes: readonly CounterNode[],
  f: Pick<FindingDoc, 'category' | 'item' | 'lineage'>,
  deltas: Partial<Record<keyof ItemCounts, number>>,
  extra: { rectifyHours?: number; rectified?: number } = {},
) {
  // The dashboard's gauges (server/stats) move with them: one write to the finding's street bucket.
  await bumpLive(tx, f.lineage, { inspectOpen: deltas.open ?? 0, inspectOverdue: deltas.overdue ?? 0 });
  const inc: Record<string, number> = { ...extra };
  for (const [k, v] of Object.entries(deltas)) if (v) inc[`counts.${f.category}.${f.item}.${k}`] = v;
  if (!Object.keys(inc).length) return;
  for (const n of nodes) {
    if (await tx.get('inspectCounts', n._id)) await tx.increment('inspectCounts', n._id, inc);
    else {
      const doc: InspectCountsDoc = { _id: n._id, parentId: n.parentId, name: n.name, counts: {}, rectifyHours: 0, rectified: 0 };
      await tx.insert('inspectCounts', doc);
      await tx.increment('inspectCounts', n._id, inc);
    }
  }
}

export function toFindingView(f: FindingDoc): FindingView {
  const { _id, _v, lineage: _l, inspectorPath: _p, recordedBy: _r, rectification, verification, watchAt: _w, ...fields } = f;
  const v: FindingView = { id: _id, ...fields };
  if (rectification) {
    const { by: _by, ...r } = rectification;
    v.rectification = r;
  }
  if (verification) {
    const { by: _by, ...r } = verification;
    v.verification = r;
  }
  return v;
}

/** The district's checklist as seeded: 4 categories × 3 items. */
export const DEFAULT_CHECKLIST: ChecklistCategory[] = [
  {
    code: 'entry',
    name: '出入口管理',
    items: [
      { code: 'entry-pass', name: '未严格查验出入证' },
      { code: 'entry-temp', name: '测温登记不规范' },
      { code: 'entry-vehicle', name: '车辆进出未登记' },
    ],
  },
  {
    code: 'disinfect',
    name: '消毒',
    items: [
      { code: 'disinfect-public', name: '公共区域消毒不到位' },
      { code: 'disinfect-log', name: '消毒记录缺失' },
      { code: 'disinfect-stock', name: '消毒物资储备不足' },
    ],
  },
  {
    code: 'census',
    name: '人员摸排',
    items: [
      { code: 'census-return', name: '返乡人员底数不清' },
      { code: 'census-update', name: '重点人员信息未及时更新' },
      { code: 'census-isolate', name: '居家隔离人员管控不到位' },
    ],
  },
  {
    code: 'duty',
    name: '值守',
    items: [
      { code: 'duty-absent', name: '值守人员脱岗' },
      { code: 'duty-roster', name: '值班表未公示' },
      { code: 'duty-night', name: '夜间值守缺位' },
    ],
  },
];
