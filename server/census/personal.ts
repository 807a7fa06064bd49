/**
 * A resident's census and health data under their rights (account.export, account.delete).
 *
 * Export: the household record of their room (every member: it is the household's own data) and
 * the household's health reports still kept. Erasure: the member recorded under the person's own
 * name leaves the household (counters rolled up, the change trail saying so, no name in it), and
 * that member's health reports go; a household left with nobody goes whole. Family members keep
 * their records: they are not the person erasing. Retried, it finds nothing more to do.
 */
import type { UserDoc } from '../auth/caller';
import { bumpDaily } from '../stats/model';
import type { Store, TxStore } from '../store/port';
import { changeId, delta, householdId, personId, tally, type HouseholdDoc } from './model';
import { bumpLineage, updateRoster, writeHouseholds } from './write';

export async function householdOf(store: Store, user: UserDoc | null): Promise<HouseholdDoc | null> {
  const h = user?.household;
  return h ? store.get('households', householdId(h.buildingId, h.unit, h.room)) : null;
}

export async function exportCensus(store: Store, user: UserDoc | null, cap: number) {
  const household = await householdOf(store, user);
  const reports = household
    ? (await store.query('healthReports', { where: { householdId: household._id }, orderBy: [{ field: 'day' }], limit: cap })).items
    : [];
  const strip = <T extends { _v?: number }>({ _v: _version, ...rest }: T) => rest as Record<string, unknown>;
  return {
    census: household ? strip({ ...household, updatedBy: undefined }) : null,
    healthReports: reports.map(({ byId: _by, ...r }) => strip(r)),
  };
}

/** Removes the person's own member record and health reports; returns how many records went. */
export async function eraseCensusPerson(store: Store, user: UserDoc | null, now: number): Promise<number> {
  const household = await householdOf(store, user);
  const me = household?.members.find((m) => m.name === user?.name);
  if (!household || !me || !user) return 0;
  const pid = personId(household._id, me.id);
  const reports = (await store.query('healthReports', { where: { householdId: household._id }, orderBy: [{ field: 'day' }], limit: 1000 })).items.filter(
    (r) => r.personId === pid,
  );
  const building = { _id: household.buildingId, path: household.path.slice(0, -1) };
  await store.transaction(async (tx) => {
    const current = await tx.get('households', household._id);
    if (!current) return;
    const members = current.members.filter((m) => m.id !== me.id);
    const next: HouseholdDoc = { ...current, members, changes: current.changes + 1, updatedAt: now, updatedBy: user._id };
    if (!members.length) {
      await tx.remove('households', current._id);
      await writeRemoval(tx, building, current, now, user._id);
      return;
    }
    await writeHouseholds(tx, building, [{ prev: current, next, what: `成员#${me.id}注销账号，信息已删除` }], { openid: user._id, role: 'resident' }, now);
  });
  // Each report goes with its day's dashboard counters, so a retry takes nothing off twice.
  for (const r of reports)
    await store.transaction(async (tx) => {
      const still = await tx.get('healthReports', r._id);
      if (!still) return;
      await tx.remove('healthReports', r._id);
      await bumpDaily(tx, household.path, r.day, { healthReported: -1, healthAbnormal: -Number(still.abnormal) });
    });
  return 1 + reports.length;
}

/** The counters of a household that is gone, taken off its building and every ancestor. */
async function writeRemoval(tx: TxStore, building: { _id: string; path: string[] }, gone: HouseholdDoc, now: number, by: string) {
  await bumpLineage(tx, building, delta(tally(gone), {}));
  await updateRoster(tx, building._id, [{ prev: gone, next: null }]);
  await tx.insert('censusChanges', {
    _id: changeId(gone._id, now, gone.changes + 1),
    householdId: gone._id,
    buildingId: gone.buildingId,
    by,
    role: 'resident',
    at: now,
    what: '唯一成员注销账号，本户信息已删除',
  });
}
