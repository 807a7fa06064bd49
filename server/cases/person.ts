/**
 * The person a case names: a member of a census household (server/census), `personId` =
 * `${buildingId}:${unit}-${room}:${memberId}`. Checked against the case's building, then against
 * the census itself (one read of the household), so home observation always watches someone the
 * daily health report knows.
 */
import type { HouseholdDoc } from '../census/model';
import { invalid } from '../core/errors';
import type { Store } from '../store/port';
import { LABELS } from './fields';
import { personBuilding } from './model';

/** The household id and member id a person id names. */
export function splitPersonId(personId: string): { householdId: string; memberId: string } {
  const cut = personId.lastIndexOf(':');
  return { householdId: personId.slice(0, cut), memberId: personId.slice(cut + 1) };
}

/** The census member `personId` names, or null when the census has no such household or member. */
export async function censusMember(store: Pick<Store, 'get'>, personId: string): Promise<HouseholdDoc['members'][number] | null> {
  const { householdId, memberId } = splitPersonId(personId);
  const household = await store.get('households', householdId);
  return household?.members.find((m) => String(m.id) === memberId) ?? null;
}

/** Refuses (INVALID_ARGUMENT on data.personId) a person of another building (`otherBuilding` says so) or one the census does not hold. */
export async function checkPerson(store: Pick<Store, 'get'>, personId: string, buildingId: string, otherBuilding: string): Promise<void> {
  if (personBuilding(personId) !== buildingId) throw invalid('data.personId', otherBuilding);
  if (!(await censusMember(store, personId))) throw invalid('data.personId', `「${LABELS.personId}」在本楼栋的摸底名单中找不到，请从名单中选择`);
}
