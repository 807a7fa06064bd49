/**
 * The alerts a caller acts on (chain.ts): open ones first, then acked and resolved ones;
 * newest first within each. One query per alert grant of the caller that no other of their
 * grants covers (nearly always one), merged in the store's own order so one cursor serves them all.
 */
import type { AlertStatus } from '../../typings/messages';
import type { Grant } from '../auth/caller';
import { queryPhases } from '../store/pages';
import type { Filter, Store } from '../store/port';
import { scopeFilters } from './chain';
import type { AlertDoc } from './model';

export interface ListRequest {
  status?: AlertStatus;
  cursor?: string;
  limit?: number;
}

export async function listAlerts(store: Store, grants: readonly Grant[], req: ListRequest): Promise<{ items: AlertDoc[]; next?: string }> {
  const phases: Filter[] = req.status ? [{ status: req.status }] : [{ status: 'open' }, { status: { $in: ['acked', 'resolved'] } }];
  const scopes = scopeFilters(grants);
  return queryPhases(
    store,
    'alerts',
    phases.map((phase) => scopes.map((s) => ({ ...s, ...phase }))),
    {
      orderBy: [{ field: 'createdAt', dir: 'desc' }],
      limit: req.limit ?? 50,
      cursor: req.cursor,
    },
  );
}
