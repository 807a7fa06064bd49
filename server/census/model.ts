/**
 * The census as stored: one document per household (a room of a building), its change trail, and
 * per org node the counters every census summary reads (kept on write, rolled up the lineage).
 */
import type { CensusFlag, CensusTotals, HouseholdStatus, HouseholdView, MemberView, Relation } from '../../typings/census';
import { maskName, maskPhone } from '../core/mask';

export const CENSUS_FLAGS = ['elderlyAlone', 'disabled', 'chronic', 'pregnant', 'infant', 'medicine'] as const satisfies readonly CensusFlag[];
export const RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandparent',
  'grandchild',
  'relative',
  'tenant',
  'other',
] as const satisfies readonly Relation[];

export { CENSUS_FLAG_LABELS as FLAG_LABELS, HOUSEHOLD_RELATION_LABELS as RELATION_LABELS } from '../../miniprogram/shared/labels';

export interface MemberDoc {
  /** Stable within the household, never reused (the household's `nextMemberId` only grows). */
  id: number;
  name: string;
  relation: Relation;
  phone?: string;
  birthYear: number;
  flags: CensusFlag[];
  partyMember: boolean;
}

export type HouseholdDoc = {
  _id: string; // `${buildingId}:${unit}-${room}`
  _v?: number;
  buildingId: string;
  compoundId: string;
  /** The building's lineage: its ancestors, root first, then the building. */
  path: string[];
  unit: string;
  room: string;
  status: HouseholdStatus;
  members: MemberDoc[];
  nextMemberId: number;
  /** How many changes it has had: the change trail's sequence. */
  changes: number;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
};

/** One change to a household: who (openid and role), when, what (in words, no names). */
export type CensusChangeDoc = {
  _id: string; // changeId()
  _v?: number;
  householdId: string;
  buildingId: string;
  by: string;
  role: string;
  at: number;
  what: string;
};

export type CountFields = Omit<CensusTotals, 'completeness' | 'flags'> & Record<CensusFlag, number>;

/** Counters of one org node's subtree; a building's also holds its room roster. */
export type CensusCountDoc = Partial<CountFields> & {
  _id: string; // the org node's id
  _v?: number;
  /** Buildings only: every room on the roster, `${unit}-${room}`. */
  roomKeys?: string[];
};

declare module '../store/port' {
  interface Collections {
    households: HouseholdDoc;
    censusChanges: CensusChangeDoc;
    censusCounts: CensusCountDoc;
  }
}

export const householdId = (buildingId: string, unit: string, room: string) => `${buildingId}:${unit}-${room}`;
export const roomKey = (unit: string, room: string) => `${unit}-${room}`;
export const personId = (hhId: string, memberId: number) => `${hhId}:${memberId}`;
/** A change record's id: the household's change count and the time, so a household recorded again after being erased starts a fresh trail. */
export const changeId = (hhId: string, at: number, seq: number) => `${hhId}:${at}:${seq}`;

const COUNT_KEYS: ReadonlyArray<keyof CountFields> = ['households', 'people', 'partyMembers', 'rooms', 'settled', ...CENSUS_FLAGS];

/** What one household adds to its building's (and every ancestor's) counters. */
export function tally(h: Pick<HouseholdDoc, 'status' | 'members'> | null): Partial<CountFields> {
  const t: Partial<CountFields> = {};
  if (!h) return t;
  t.settled = 1;
  if (h.status === 'vacant') return t;
  t.households = 1;
  t.people = h.members.length;
  t.partyMembers = h.members.filter((m) => m.partyMember).length;
  for (const f of CENSUS_FLAGS) t[f] = h.members.filter((m) => m.flags.includes(f)).length;
  return t;
}

/** `after - before`, only the fields that changed. */
export function delta(before: Partial<CountFields>, after: Partial<CountFields>): Record<string, number> {
  const d: Record<string, number> = {};
  for (const k of COUNT_KEYS) {
    const v = (after[k] ?? 0) - (before[k] ?? 0);
    if (v) d[k] = v;
  }
  return d;
}

/** The totals a counter document stands for. */
export function totalsOf(c: CensusCountDoc | null | undefined): CensusTotals {
  const n = (k: keyof CountFields) => c?.[k] ?? 0;
  const rooms = n('rooms');
  const settled = n('settled');
  return {
    households: n('households'),
    people: n('people'),
    partyMembers: n('partyMembers'),
    flags: Object.fromEntries(CENSUS_FLAGS.map((f) => [f, n(f)])) as Record<CensusFlag, number>,
    rooms,
    settled,
    completeness: rooms ? Math.floor((settled * 100) / rooms) : 100,
  };
}

/** How a household is shown: names in full to `fullNames`, phones in full only to the household itself. */
export function toHouseholdView(h: HouseholdDoc, opts: { fullNames: boolean; own: boolean; canEdit: boolean; history: CensusChangeDoc[] }): HouseholdView {
  const member = (m: MemberDoc): MemberView => ({
    id: m.id,
    name: opts.fullNames || opts.own ? m.name : maskName(m.name),
    relation: m.relation,
    phone: m.phone ? (opts.own ? m.phone : maskPhone(m.phone)) : null,
    birthYear: m.birthYear,
    flags: m.flags,
    partyMember: m.partyMember,
  });
  return {
    id: h._id,
    buildingId: h.buildingId,
    unit: h.unit,
    room: h.room,
    status: h.status,
    members: h.members.map(member),
    updatedAt: h.updatedAt,
    history: opts.history.map((c) => ({ at: c.at, role: c.role, what: c.what })),
    canEdit: opts.canEdit,
  };
}

/** The view of a room nobody has recorded yet. */
export const emptyHousehold = (buildingId: string, unit: string, room: string, canEdit: boolean): HouseholdView => ({
  id: householdId(buildingId, unit, room),
  buildingId,
  unit,
  room,
  status: 'occupied',
  members: [],
  updatedAt: null,
  history: [],
  canEdit,
});
