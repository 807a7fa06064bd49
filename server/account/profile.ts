/** Building the caller's profile: one read for every org node it names. */
import type { GrantView, OrgRef, Profile } from '../../typings/domain';
import type { UserDoc } from '../auth/caller';
import { maskPhone } from '../core/mask';
import type { OrgDoc } from '../auth/nodes';
import type { Store } from '../store/port';

const ref = (d: OrgDoc): OrgRef => ({ id: d._id, name: d.name, level: d.level });

export async function buildProfile(store: Store, user: UserDoc | null): Promise<Profile> {
  if (!user) return { name: null, phoneMasked: null, household: null, grants: [] };
  const ids = new Set<string>();
  for (const g of user.grants) [...g.path, g.orgId].forEach((i) => ids.add(i));
  if (user.household) [user.household.buildingId, user.household.compoundId].forEach((i) => ids.add(i));
  const docs = ids.size ? await store.getMany('orgs', [...ids]) : [];
  const byId = new Map(docs.map((d) => [d._id, d]));
  const chain = (orgId: string, path: string[]) => [...path, orgId].map((i) => byId.get(i)).filter((d): d is OrgDoc => !!d);

  const grants: GrantView[] = user.grants.flatMap((g) => {
    const node = byId.get(g.orgId);
    if (!node) return [];
    return [{ role: g.role, orgId: g.orgId, orgName: node.name, orgLevel: node.level, orgPath: chain(g.orgId, g.path).map(ref) }];
  });

  let household: Profile['household'] = null;
  if (user.household) {
    const building = byId.get(user.household.buildingId);
    const compound = building ? byId.get(building.parentId ?? '') : undefined;
    const names = [compound?.name, building?.name].filter(Boolean).join(' ');
    household = { ...user.household, label: `${names} ${user.household.unit}单元 ${user.household.room}室`.trim() };
  }
  return {
    name: user.name ?? null,
    phoneMasked: user.phone ? maskPhone(user.phone) : null,
    household,
    grants,
  };
}
