/**
 * A paged list on a page: first page, 加载更多, and replies to an older request (a filter
 * changed meanwhile) dropped. The list lives in the page's data under `key` as
 * `{ items, next, loading, error }`.
 */
import type { PageResult } from '../../typings/api';
import { toCallError } from '../services/errors';
import { pageState } from './page-state';

export interface PagedData<R> {
  items: R[];
  /** Cursor of the next page, '' at the end. */
  next: string;
  loading: boolean;
  error: string;
}

export const emptyPage = <R>(): PagedData<R> => ({ items: [], next: '', loading: false, error: '' });

interface Owner {
  data: WechatMiniprogram.IAnyObject;
  setData(data: WechatMiniprogram.IAnyObject): void;
}

export interface PagedSource<T, R, P extends PageResult<T> = PageResult<T>> {
  key: string;
  fetch: (cursor: string | undefined) => Promise<P>;
  view: (item: T) => R;
  /** Called with the first page's whole reply (e.g. for totals beside the list). */
  onFirst?: (reply: P) => void;
}

/** Per page and list key: the latest request, whose reply alone is shown. */
const requestsOf = pageState<Record<string, number>>(() => ({}));

/** Loads the first page (`more` false: replaces the list) or the next one (appends). */
export async function loadPage<T, R, P extends PageResult<T>>(owner: Owner, source: PagedSource<T, R, P>, more = false): Promise<void> {
  const current = owner.data[source.key] as PagedData<R>;
  if (more && (!current.next || current.loading)) return;
  const counters = requestsOf(owner);
  const seq = (counters[source.key] = (counters[source.key] ?? 0) + 1);
  owner.setData({ [source.key]: { ...(more ? current : emptyPage<R>()), loading: true, error: '' } });
  try {
    const reply = await source.fetch(more ? current.next : undefined);
    if (counters[source.key] !== seq) return;
    const before = more ? current.items : [];
    owner.setData({ [source.key]: { items: [...before, ...reply.items.map(source.view)], next: reply.next ?? '', loading: false, error: '' } });
    if (!more) source.onFirst?.(reply);
  } catch (err) {
    if (counters[source.key] !== seq) return;
    const latest = owner.data[source.key] as PagedData<R>;
    owner.setData({ [source.key]: { ...latest, loading: false, error: toCallError(err).message } });
  }
}
