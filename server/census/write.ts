/**
 * Writing households: the household, one change record each, and the counters of the building
 * and every ancestor — all in the caller's transaction, so a summary never disagrees with the
 * households it counts and a retried write changes nothing twice.
 */
import type { OrgDoc } from '../auth/nodes';
import { maskName } from '../core/mask';
import { rosterId, whoKey, type HealthRosterDoc } from '../health/model';
import { bumpLive } from '../stats/model';
import type { TxStore } from '../store/port';
import { changeId, delta, roomKey, tally, type CensusCountDoc, type CountFields, type HouseholdDoc } from './model';

/** Adds `inc` to a node's counters (creating them at the first write), and sets `patch`. */
export async function bumpCounts(tx: TxStore, orgId: string, inc: Record<string, number>, patch: Partial<CensusCountDoc> = {}): Promise<void> {
  if (!Object.keys(inc).length && !Object.keys(patch).length) return;
  if (await tx.update('censusCounts', orgId, patch, undefined, inc)) return;
  await tx.insert('censusCounts', { _id: orgId, ...inc, ...patch });
}

/** Adds `inc` to the building's counters and to each of its ancestors', and a change of people to the dashboard's gauge. */
export async function bumpLineage(tx: TxStore, building: Pick<OrgDoc, '_id' | 'path'>, inc: Record<string, number>, patch: Partial<CensusCountDoc> = {}) {
  await bumpCounts(tx, building._id, inc, patch);
  if (!Object.keys(inc).length) return;
  for (const id of building.path) await bumpCounts(tx, id, inc);
  // The people expected to report daily health, on the dashboard's gauges: one write.
  if (inc.people) await bumpLive(tx, [...building.path, building._id], { censusPeople: inc.people });
}

export interface HouseholdChange {
  /** As read in this transaction (null: a new room). */
  prev: HouseholdDoc | null;
  next: HouseholdDoc;
  /** In words, without names: 新增成员2人；修改成员#1. */
  what: string;
}

/** Writes the households with their change records and rolls the counters up; returns false if one changed meanwhile. */
export async function writeHouseholds(
  tx: TxStore,
  building: Pick<OrgDoc, '_id' | 'path'>,
  changes: readonly HouseholdChange[],
  who: { openid: string; role: string },
  now: number,
): Promise<void> {
  const counts = await tx.get('censusCounts', building._id);
  const roster = new Set(counts?.roomKeys ?? []);
  const sum: Partial<CountFields> = {};
  let added = 0;
  for (const { prev, next, what } of changes) {
    if (prev) {
      const { _id, _v, ...fields } = next;
      if (!(await tx.update('households', _id, fields, { version: prev._v }))) throw new Error(`household ${_id} changed during the write`);
    } else {
      await tx.insert('households', next);
    }
    await tx.insert('censusChanges', {
      _id: changeId(next._id, now, next.changes),
      householdId: next._id,
      buildingId: next.buildingId,
      by: who.openid,
      role: who.role,
      at: now,
      what,
    });
    for (const [k, v] of Object.entries(delta(tally(prev), tally(next)))) sum[k as keyof CountFields] = (sum[k as keyof CountFields] ?? 0) + v;
    const key = roomKey(next.unit, next.room);
    if (!roster.has(key)) {
      roster.add(key);
      added++;
    }
  }
  const inc: Record<string, number> = Object.fromEntries(Object.entries(sum).filter(([, v]) => v));
  if (added) inc.rooms = (inc.rooms ?? 0) + added;
  await bumpLineage(tx, building, inc, added ? { roomKeys: [...roster].sort(compareRooms) } : {});
  await updateRoster(tx, building._id, changes);
}

/** The building's health roster (who is expected to report, masked) follows the households: one write. */
export async function updateRoster(tx: TxStore, buildingId: string, changes: ReadonlyArray<{ prev: HouseholdDoc | null; next: HouseholdDoc | null }>) {
  const patch: Record<string, string | undefined> = {};
  for (const { prev, next } of changes) {
    for (const m of prev?.members ?? []) patch[`expected.${whoKey(prev!.unit, prev!.room, m.id)}`] = undefined;
    for (const m of next?.members ?? []) patch[`expected.${whoKey(next!.unit, next!.room, m.id)}`] = maskName(m.name);
  }
  if (!Object.keys(patch).length) return;
  if (await tx.update('healthDays', rosterId(buildingId), patch)) return;
  const expected: Record<string, string> = {};
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) expected[k.slice('expected.'.length)] = v;
  const doc: HealthRosterDoc = { _id: rosterId(buildingId), buildingId, day: 'roster', expected };
  await tx.insert('healthDays', doc);
}

/** Rooms in reading order: unit, then room, numbers by value. */
export function compareRooms(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
