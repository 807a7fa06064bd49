/** What census and health answers share: a household as the caller may see it, a node's children. */
import type { HouseholdView } from '../../typings/census';
import { recordAccess } from '../account/access';
import type { OrgDoc } from '../auth/nodes';
import type { ActionContext } from '../runtime/action';
import type { Store } from '../store/port';
import { CENSUS_WRITERS, type RoomRef } from './access';
import { emptyHousehold, toHouseholdView, type HouseholdDoc } from './model';

const HISTORY = 10;

/** The household as the caller may see it: names in full to the household and to those who run or oversee the compound. */
export async function householdView(ctx: ActionContext, ref: RoomRef, doc: HouseholdDoc | null, canEdit: boolean): Promise<HouseholdView> {
  if (!doc) return emptyHousehold(ref.building._id, ref.unit, ref.room, canEdit);
  const history = await ctx.store.query('censusChanges', { where: { householdId: doc._id }, orderBy: [{ field: 'at', dir: 'desc' }], limit: HISTORY });
  const fullNames = ctx.caller.seesFullNames(ref.building);
  if (fullNames && !ref.own && doc.members.length) await recordAccess(ctx, 'census.household', ref.building, [], [`household:${doc._id}`]);
  return toHouseholdView(doc, { fullNames, own: ref.own, canEdit, history: history.items });
}

/** Whether the caller may change the household: their own, or a building they lead, or a compound they run. */
export const canWrite = (ctx: ActionContext, ref: RoomRef) => ref.own || ctx.caller.covering(ref.building, CENSUS_WRITERS).length > 0;

/** The nodes below `node`, in display order (one read). */
export async function childrenOf(store: Store, node: OrgDoc): Promise<OrgDoc[]> {
  if (node.level === 'building') return [];
  return (await store.query('orgs', { where: { parentId: node._id }, orderBy: [{ field: 'order' }], limit: 1000 })).items;
}
