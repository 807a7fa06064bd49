/**
 * The alerts a caller acts on (chain.ts): open ones first, then acked and resolved ones;
 * newest first within each. One query per alert grant of the caller that no other of their
 * grants covers (nearly always one), merged in the store's own order so a single cursor serves
 * them all; our cursor adds the phase (open, then the rest).
 */
import type { AlertStatus } from '../../typings/messages';
import type { Grant } from '../auth/caller';
import { invalid } from '../core/errors';
import { decodeCursor, encodeCursor, sortKeys } from '../store/paging';
import type { Filter, OrderBy, Page, Store } from '../store/port';
import { scopeFilters } from './chain';
import { normalize, withOrgNames, type AlertDoc, type StoredAlert } from './model';

const ORDER: OrderBy[] = [{ field: 'createdAt', dir: 'desc' }];
/** createdAt desc, then _id desc: the order both adapters page in. */
const KEYS = sortKeys(ORDER);

type ListCursor = { p: number; c?: string };

const badCursor = () => invalid('data.cursor', '「分页游标」无效，请从第一页重新加载');

function readCursor(text: string | undefined, phases: number): ListCursor {
  if (text === undefined) return { p: 0 };
  let cur: { p?: unknown; c?: unknown };
  try {
    cur = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const { p, c } = cur ?? {};
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p >= phases || (c !== undefined && typeof c !== 'string')) throw badCursor();
  if (c !== undefined) {
    try {
      decodeCursor(KEYS, c);
    } catch {
      throw badCursor();
    }
  }
  return { p, c };
}

const writeCursor = (cur: ListCursor) => Buffer.from(JSON.stringify(cur)).toString('base64url');

const newestFirst = (a: StoredAlert, b: StoredAlert) => b.createdAt - a.createdAt || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0);

/** One page of the union of queries sharing one order, all read from the same cursor. */
async function unionPage(store: Store, filters: Filter[], limit: number, cursor?: string): Promise<Page<StoredAlert>> {
  const pages = await Promise.all(filters.map((where) => store.query<StoredAlert>('alerts', { where, orderBy: ORDER, limit, cursor })));
  if (pages.length === 1) return pages[0];
  const all = [...new Map(pages.flatMap((p) => p.items).map((d) => [d._id, d])).values()].sort(newestFirst);
  const items = all.slice(0, limit);
  // Each query's unread rows sort after its last row, which sorts at or after our last one.
  const more = all.length > limit || pages.some((p) => p.next);
  return more ? { items, next: encodeCursor(KEYS, items[items.length - 1]) } : { items };
}

export interface ListRequest {
  status?: AlertStatus;
  cursor?: string;
  limit?: number;
}

export async function listAlerts(store: Store, grants: readonly Grant[], req: ListRequest): Promise<{ items: AlertDoc[]; next?: string }> {
  const phases: Filter[] = req.status ? [{ status: req.status }] : [{ status: 'open' }, { status: { $in: ['acked', 'resolved'] } }];
  let { p, c } = readCursor(req.cursor, phases.length);
  const scopes = scopeFilters(grants);
  if (!scopes.length) return { items: [] };
  const limit = req.limit ?? 50;
  const found: StoredAlert[] = [];
  let next: string | undefined;
  while (p < phases.length && found.length < limit) {
    const page = await unionPage(store, scopes.map((s) => ({ ...s, ...phases[p] })), limit - found.length, c);
    found.push(...page.items);
    if (page.next) {
      next = writeCursor({ p, c: page.next });
      break;
    }
    p++;
    c = undefined;
  }
  if (!next && p < phases.length) next = writeCursor({ p });
  return { items: await withOrgNames(store, found.map(normalize)), ...(next ? { next } : {}) };
}
