/**
 * The demo's census and one day of health reports: in the demo compound (威尼斯水城) and the
 * other demo building, every building laid out as 2 units × 6 floors × 2 rooms; most rooms
 * recorded (some vacant, a few not yet visited), the demo residents and leader in their own rooms,
 * and the counters the summaries read, computed from the same documents. On request, a day's
 * reports: everyone normal, every fifth person not yet reported. Fixed ids: seeding twice writes
 * the same documents.
 */
import type { UserDoc } from '../auth/caller';
import type { OrgDoc } from '../auth/nodes';
import { CENSUS_FLAGS, householdId, personId, roomKey, tally, type CensusCountDoc, type CountFields, type HouseholdDoc, type MemberDoc } from '../census/model';
import { compareRooms } from '../census/write';
import { maskName } from '../core/mask';
import { healthDayId, reportId, rosterId, whoKey, type HealthDayDoc, type HealthReportDoc, type HealthRosterDoc } from '../health/model';
import type { Store } from '../store/port';
import { DEMO, SEED_AT } from './district';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

export interface CensusDemo {
  households: HouseholdDoc[];
  counts: CensusCountDoc[];
  rosters: HealthRosterDoc[];
}

export function buildCensusDemo(orgs: ReadonlyMap<string, OrgDoc>, users: readonly UserDoc[]): CensusDemo {
  const buildings = [...orgs.values()].filter((o) => o.level === 'building' && (o.parentId === DEMO.compound || o._id === DEMO.otherBuilding));
  const households: HouseholdDoc[] = [];
  const counts = new Map<string, CensusCountDoc>();
  let n = 0;
  for (const b of buildings) {
    const rooms: string[] = [];
    for (let u = 1; u <= 2; u++) for (let f = 1; f <= 6; f++) for (let r = 1; r <= 2; r++) rooms.push(roomKey(String(u), `${f}0${r}`));
    const residents = new Map(users.filter((x) => x.household?.buildingId === b._id).map((x) => [roomKey(x.household!.unit, x.household!.room), x]));
    rooms.forEach((key, i) => {
      const [unit, room] = key.split('-');
      const user = residents.get(key);
      if (!user && i % 11 === 10) return; // not yet visited
      const vacant = !user && i % 7 === 6;
      const size = vacant ? 0 : 1 + (i % 4);
      const members: MemberDoc[] = Array.from({ length: size }, (_, m) => {
        n++;
        const name =
          m === 0 && user?.name ? user.name : SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length] + (n % 3 ? GIVEN[(n * 13) % GIVEN.length] : '');
        const old = size === 1 && i % 5 === 0;
        return {
          id: m + 1,
          name,
          relation: m === 0 ? 'head' : m === 1 ? 'spouse' : 'child',
          ...(m === 0 ? { phone: user?.phone ?? `139${String(10000000 + n * 7919).slice(-8)}` } : {}),
          birthYear: old ? 1942 + (n % 10) : m >= 2 ? 2010 + (n % 12) : 1965 + (n % 30),
          flags: [
            ...(old ? (['elderlyAlone'] as const) : []),
            ...(n % 9 === 0 ? (['chronic', 'medicine'] as const) : []),
            ...(m >= 2 && n % 4 === 0 ? (['infant'] as const) : []),
          ],
          partyMember: n % 6 === 0,
        };
      });
      households.push({
        _id: householdId(b._id, unit, room),
        buildingId: b._id,
        compoundId: b.parentId!,
        path: [...b.path, b._id],
        unit,
        room,
        status: vacant ? 'vacant' : 'occupied',
        members,
        nextMemberId: size + 1,
        changes: 0,
        createdAt: SEED_AT,
        updatedAt: SEED_AT,
        updatedBy: 'seed',
      });
    });
    const add = (id: string, t: Partial<CountFields>) => {
      const c = counts.get(id) ?? { _id: id };
      for (const [k, v] of Object.entries(t) as Array<[keyof CountFields, number]>) c[k] = (c[k] ?? 0) + v;
      counts.set(id, c);
    };
    const mine = households.filter((h) => h.buildingId === b._id);
    for (const id of [...b.path, b._id]) {
      add(id, { rooms: rooms.length });
      for (const h of mine) add(id, tally(h));
    }
    counts.get(b._id)!.roomKeys = [...rooms].sort(compareRooms);
  }
  for (const c of counts.values()) for (const f of CENSUS_FLAGS) c[f] ??= 0;
  const rosters = new Map<string, HealthRosterDoc>();
  for (const h of households) {
    const r = rosters.get(h.buildingId) ?? { _id: rosterId(h.buildingId), buildingId: h.buildingId, day: 'roster', expected: {} };
    for (const m of h.members) r.expected[whoKey(h.unit, h.room, m.id)] = maskName(m.name);
    rosters.set(h.buildingId, r);
  }
  return { households, counts: [...counts.values()], rosters: [...rosters.values()] };
}

/** A day of reports for the seeded households: everyone normal, every fifth person missing, and the demo accounts' households left to report themselves. */
export function buildHealthDay(
  households: readonly HouseholdDoc[],
  orgs: ReadonlyMap<string, OrgDoc>,
  day: string,
  at: number,
  skip: ReadonlySet<string> = new Set(),
) {
  const reports: HealthReportDoc[] = [];
  const days = new Map<string, HealthDayDoc>();
  let n = 0;
  for (const h of households)
    for (const m of h.members) {
      if (++n % 5 === 0 || skip.has(h._id)) continue;
      const pid = personId(h._id, m.id);
      reports.push({
        _id: reportId(pid, day),
        personId: pid,
        householdId: h._id,
        buildingId: h.buildingId,
        memberId: m.id,
        day,
        temperature: 36.2 + (n % 8) / 10,
        symptoms: [],
        abnormal: false,
        by: 'household',
        byId: 'seed',
        reportedAt: at,
        createdAt: at,
      });
      const b = orgs.get(h.buildingId)!;
      const id = healthDayId(b._id, day);
      const d = days.get(id) ?? { _id: id, buildingId: b._id, path: [...b.path, b._id], day, reported: 0, abnormal: 0, who: {}, createdAt: at };
      d.reported++;
      d.who[whoKey(h.unit, h.room, m.id)] = 0;
      days.set(id, d);
    }
  return { reports, days: [...days.values()] };
}

/** The seeded day of reports: the demo accounts' households are left to report themselves. */
export function seededHealthDay(demo: CensusDemo, orgs: ReadonlyMap<string, OrgDoc>, users: readonly UserDoc[], health: { day: string; at: number }) {
  const own = new Set(users.flatMap((u) => (u.household ? [householdId(u.household.buildingId, u.household.unit, u.household.room)] : [])));
  return buildHealthDay(demo.households, orgs, health.day, health.at, own);
}

export async function seedCensusDemo(
  store: Store,
  orgs: ReadonlyMap<string, OrgDoc>,
  users: readonly UserDoc[],
  health?: { day: string; at: number },
  demo: CensusDemo = buildCensusDemo(orgs, users),
): Promise<number> {
  const { households, counts, rosters } = demo;
  let inserted = await store.insertMany('households', households, { skipExisting: true });
  inserted += await store.insertMany('censusCounts', counts, { skipExisting: true });
  inserted += await store.insertMany('healthDays', rosters, { skipExisting: true });
  if (health) {
    const { reports, days } = seededHealthDay(demo, orgs, users, health);
    inserted += await store.insertMany('healthReports', reports, { skipExisting: true });
    inserted += await store.insertMany('healthDays', days, { skipExisting: true });
  }
  return inserted;
}
