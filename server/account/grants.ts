/** A user's grants as stored: shared by account, volunteer and the seed, so none imports another's actions. */
import { grantKey, type Grant, type UserDoc } from '../auth/caller';
import { reachOf } from '../notices/audience';

/** A user's grants and what is derived from them for indexed lookups. */
export function grantFields(grants: Grant[]): Pick<UserDoc, 'grants' | 'grantKeys' | 'reach'> {
  return { grants, grantKeys: grants.map((g) => grantKey(g.role, g.orgId)), reach: reachOf(grants) };
}
