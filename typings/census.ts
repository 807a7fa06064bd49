/**
 * The building's census (摸底) and the daily health report. Types only.
 *
 * A household is one room of a building: id `${buildingId}:${unit}-${room}`. Its members carry a
 * stable `id` within the household (never reused); a person is `${householdId}:${memberId}`.
 * A health report is one per person per day (Asia/Shanghai): id `${personId}:${day}`.
 */
import type { OrgLevel } from './domain';

/** What matters about a person in an outbreak. */
export type CensusFlag = 'elderlyAlone' | 'disabled' | 'chronic' | 'pregnant' | 'infant' | 'medicine';

/** 户主 / 配偶 / 子女 / 父母 / 祖辈 / 孙辈 / 亲属 / 租户 / 其他 */
export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'grandparent' | 'grandchild' | 'relative' | 'tenant' | 'other';

/** One member as sent to census.save: `id` names an existing member (omitted name/phone keep what is stored). */
export interface MemberInput {
  id?: number;
  name?: string;
  relation: Relation;
  phone?: string;
  birthYear: number;
  flags: CensusFlag[];
  partyMember: boolean;
}

export interface MemberView {
  id: number;
  /** In full for the household itself and for those who run or oversee the compound; masked (张*) otherwise. */
  name: string;
  relation: Relation;
  /** Always masked (138****5678), except to the household itself. */
  phone: string | null;
  birthYear: number;
  flags: CensusFlag[];
  partyMember: boolean;
}

/** A room: `occupied` (members known) or `vacant` (空置). */
export type HouseholdStatus = 'occupied' | 'vacant';

export interface HouseholdView {
  id: string;
  buildingId: string;
  unit: string;
  room: string;
  status: HouseholdStatus;
  members: MemberView[];
  updatedAt: number | null;
  /** Who changed it last and when (roles, not names). */
  history: Array<{ at: number; role: string; what: string }>;
  /** Whether the caller may change it. */
  canEdit: boolean;
}

/** Per room of a building: known (members recorded), vacant, or unknown (not yet visited). */
export type RoomState = 'known' | 'vacant' | 'unknown';

export interface CensusTotals {
  households: number;
  people: number;
  flags: Record<CensusFlag, number>;
  partyMembers: number;
  /** Rooms on the roster, and those known or vacant. */
  rooms: number;
  settled: number;
  /** settled / rooms, 0–100 (100 when no rooms are on the roster). */
  completeness: number;
}

export interface CensusRow extends CensusTotals {
  orgId: string;
  name: string;
  level: OrgLevel;
}

export interface ImportRowError {
  /** 1-based row of the sheet (the header is row 1). */
  row: number;
  column: string;
  message: string;
}

export interface ImportResult {
  /** Rows read (the header left out), households and people they make. */
  rows: number;
  households: number;
  people: number;
  vacant: number;
  errors: ImportRowError[];
  /** Whether anything was written: never on a dry run, never when a row is invalid. */
  written: boolean;
  /** The first households, as they would be stored (names masked), for the preview. */
  preview: Array<{ unit: string; room: string; status: HouseholdStatus; members: Array<{ name: string; relation: Relation; flags: CensusFlag[] }> }>;
}

export interface HealthEntry {
  memberId: number;
  /** °C, 35.0–42.0, one decimal. */
  temperature: number;
  symptoms: HealthSymptom[];
}

export type HealthSymptom = 'fever' | 'cough' | 'soreThroat' | 'fatigue' | 'tasteLoss' | 'diarrhea' | 'breath';

export interface HealthReportView {
  personId: string;
  memberId: number;
  day: string;
  temperature: number;
  symptoms: HealthSymptom[];
  abnormal: boolean;
  reportedAt: number;
  /** 本人/家人 or 楼栋长 */
  by: 'household' | 'leader';
}

export interface HealthRow {
  orgId: string;
  name: string;
  level: OrgLevel;
  reported: number;
  /** People on the census under the node. */
  expected: number;
  abnormal: number;
}

export interface CensusActions {
  /** The household of a room (the resident's own when no room is named): members, history. */
  'census.household': { req: { buildingId?: string; unit?: string; room?: string }; res: HouseholdView };
  /** Write a household whole: its status and members. Audited; counters rolled up in the same transaction. */
  'census.save': {
    req: { buildingId: string; unit: string; room: string; status: HouseholdStatus; members: MemberInput[]; version?: number };
    res: HouseholdView;
  };
  /** Set the building's rooms (units × floors × rooms per floor), so unknown rooms show. */
  'census.layout': { req: { buildingId: string; units: number; floors: number; roomsPerFloor: number }; res: { rooms: number } };
  /** Every room of a building with its state, and the building's totals. */
  'census.building': {
    req: { buildingId: string };
    res: {
      buildingId: string;
      name: string;
      totals: CensusTotals;
      rooms: Array<{ unit: string; room: string; state: RoomState; people: number; flags: CensusFlag[] }>;
    };
  };
  /** Totals of a node and of each child, from counters kept on write. */
  'census.summary': { req: { orgId: string }; res: { total: CensusRow; children: CensusRow[] } };
  /** Import a building from a sheet (.csv or .xlsx, base64): `dryRun` previews; nothing is written if any row is invalid. */
  'census.import': { req: { buildingId: string; fileName: string; content: string; dryRun: boolean }; res: ImportResult };

  /** Report for members of a household for today; again before the cutoff replaces the report. */
  'health.report': {
    req: { buildingId?: string; unit?: string; room?: string; entries: HealthEntry[] };
    res: { day: string; cutoff: string; reports: HealthReportView[]; alerts: number };
  };
  /** Today's reports of a household (the resident's own when no room is named). */
  'health.today': {
    req: { buildingId?: string; unit?: string; room?: string };
    res: { day: string; cutoff: string; open: boolean; household: HouseholdView; reports: HealthReportView[] };
  };
  /** Who in a building has not reported on a day (names masked). */
  'health.missing': {
    req: { buildingId: string; date?: string };
    res: {
      day: string;
      expected: number;
      reported: number;
      missing: Array<{ personId: string; name: string; unit: string; room: string }>;
      remindedAt: number | null;
    };
  };
  /** Remind today's missing people of a building (those who agreed to pushes): once per building per day. */
  'health.remind': { req: { buildingId: string }; res: { day: string; queued: number; alreadySent: boolean } };
  /** Reported / expected / abnormal per child node on a day. */
  'health.summary': { req: { orgId: string; date?: string }; res: { day: string; total: HealthRow; children: HealthRow[] } };
  /** A compound's report cutoff (HH:mm, Asia/Shanghai). */
  'health.settings': { req: { compoundId: string; cutoff?: string }; res: { compoundId: string; cutoff: string } };
}
