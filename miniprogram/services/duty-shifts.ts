/** A whole rota from `duty.shifts`, fetched page by page. Main package: the volunteer and the staff subpackages both use it. */
import type { ActionRequest } from '../../typings/api';
import type { ShiftView } from '../../typings/duty';
import { call } from './api';

const SHIFT_PAGE = 200;
const MAX_PAGES = 10;

/** Every shift `duty.shifts` lists for the request, following its pages. */
export async function allShifts(req: Omit<ActionRequest<'duty.shifts'>, 'cursor' | 'limit'>): Promise<ShiftView[]> {
  const items: ShiftView[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await call('duty.shifts', { ...req, limit: SHIFT_PAGE, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.next;
    if (!cursor) break;
  }
  return items;
}
