/**
 * Whose data a case shows and to whom: the node a case belongs to (its building), and the access
 * log of answers that showed names in full (ARCHITECTURE.md §6) — one record per request naming
 * the reporters shown (never an anonymous one) and the cases whose person was named.
 */
import { recordAccess } from '../account/access';
import type { NodeRef } from '../auth/nodes';
import type { ActionContext } from '../runtime/action';
import type { CaseDoc } from './model';

/** The building a case belongs to, as a node for scope checks. */
export const caseNode = (c: Pick<CaseDoc, 'buildingId' | 'path'>): NodeRef => ({ _id: c.buildingId, path: c.path.slice(0, -1) });

/** Records that full names on these cases were shown; nothing when no case names anyone but the caller. */
export async function recordCaseAccess(ctx: ActionContext, action: string, node: NodeRef, cases: readonly CaseDoc[]): Promise<void> {
  const reporters = cases.flatMap((c) => (!c.anonymous && c.reporter && c.reporterName ? [c.reporter] : []));
  const named = cases.flatMap((c) => (c.personName ? [`case:${c._id}`] : []));
  await recordAccess(ctx, action, node, reporters, named);
}
