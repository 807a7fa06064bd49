/**
 * inspect.report: the 「反馈 N 类 M 条问题」 view of a node — findings by category × status with
 * each item, the overdue ones and the average hours to an accepted rectification, for the node
 * and each child. Read from the counters kept on write: the checklist, the node's counters and
 * its children's, whatever the number of findings.
 */
import * as z from 'zod/mini';
import type { ChecklistCategory, FindingCounts, InspectReport } from '../../typings/whistle';
import { OVERSEERS } from '../auth/roles';
import { id } from '../core/validate';
import { action } from '../runtime/action';
import { DEFAULT_CHECKLIST, type InspectCountsDoc } from './model';

const ZERO = (): FindingCounts => ({ open: 0, rectified: 0, verified: 0, overdue: 0 });
const KEYS = ['open', 'rectified', 'verified', 'overdue'] as const;

function add(into: FindingCounts, c: Partial<FindingCounts> | undefined) {
  for (const k of KEYS) into[k] += c?.[k] ?? 0;
}

const avgHours = (d: Pick<InspectCountsDoc, 'rectifyHours' | 'rectified'> | null) =>
  d && d.rectified ? Math.round((d.rectifyHours / d.rectified) * 10) / 10 : null;

/** The node's counts laid out on the checklist; items no longer listed are summed into their category. */
export function breakdown(doc: InspectCountsDoc | null, categories: ChecklistCategory[]): Pick<InspectReport, 'total' | 'categories'> {
  const total = ZERO();
  const rows = categories.map((cat) => {
    const row = { code: cat.code, name: cat.name, ...ZERO(), items: cat.items.map((i) => ({ ...i, ...ZERO() })) };
    const counts = doc?.counts[cat.code] ?? {};
    for (const [item, c] of Object.entries(counts)) {
      add(row, c);
      const listed = row.items.find((i) => i.code === item);
      if (listed) add(listed, c);
    }
    add(total, row);
    return row;
  });
  return { total, categories: rows };
}

export const reportAction = action('inspect.report', {
  roles: OVERSEERS,
  scope: 'subtree',
  target: { field: 'orgId' },
  schema: z.strictObject({ orgId: id() }),
  labels: { orgId: '组织' },
  handle: async (_req, ctx) => {
    const node = ctx.target;
    const [checklist, own, children] = await Promise.all([
      ctx.store.get('inspectChecklists', node.path[0] ?? node._id),
      ctx.store.get('inspectCounts', node._id),
      ctx.store.query('inspectCounts', { where: { parentId: node._id }, orderBy: [{ field: '_id' }], limit: 500 }),
    ]);
    const categories = checklist?.categories ?? DEFAULT_CHECKLIST;
    return {
      orgId: node._id,
      orgName: node.name,
      ...breakdown(own, categories),
      avgRectifyHours: avgHours(own),
      children: children.items.map((c) => ({ orgId: c._id, orgName: c.name, avgRectifyHours: avgHours(c), ...breakdown(c, categories).total })),
    };
  },
});
