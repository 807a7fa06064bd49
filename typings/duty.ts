/**
 * Volunteers on duty: the party organisation of a compound, volunteer profiles,
 * the seven kinds of post, rotas of shifts, sign-up, check-in, coverage and hours. Types only.
 *
 * ## The post code — format LFD1 (printed by the secretary, scanned at check-in)
 *
 * ```
 * LFD1.<body>.<sig>
 * body = base64url(UTF-8 JSON {"v":1,"kid","post","cid","iat","exp"})
 * sig  = base64url(Ed25519 by server key `kid` over the ASCII bytes of "LFD1.<body>")
 * ```
 * Base64url without padding; `post` the post id, `cid` its compound, `iat`/`exp` unix seconds.
 * Signed with the same server keys as pass credentials (the "LFD1." prefix keeps the two
 * signed texts apart). The server refuses a code that does not parse or verify (BAD_CODE),
 * that belongs to another post (OTHER_POST) or whose `exp` has passed (CODE_EXPIRED).
 *
 * ## Times
 * Instants are unix ms; days are "YYYY-MM-DD" in Asia/Shanghai; a week is named by its Monday.
 */
import type { OrgLevel } from './domain';

/** The fixed list of skills a volunteer may declare. */
export type Skill = 'medical' | 'driving' | 'publicity' | 'counselling' | 'it' | 'logistics' | 'disinfection' | 'security';

/** The seven kinds of post: 宣传 执勤 消毒 应急处理 物资保障 信息摸排 服务关爱. */
export type PostKind = 'publicity' | 'gate' | 'disinfection' | 'emergency' | 'supplies' | 'census' | 'care';

/**
 * Where a volunteer belongs: the compound's 临时党支部 (branch), a 楼栋党小组 (group), a
 * 党员责任区 (zone: buildings or units), or an agency/enterprise party organisation or posted
 * cadres (派驻干部) reporting in (报到) from a street or the district (agency).
 */
export type PartyUnitKind = 'branch' | 'group' | 'zone' | 'agency';
/** 机关事业单位 / 企业 / 派驻干部 */
export type AgencyKind = 'organ' | 'enterprise' | 'cadre';

export interface ZoneArea {
  buildingId: string;
  /** A unit of the building ("2"); absent: the whole building. */
  unit?: string;
}

export interface PartyUnitView {
  id: string;
  kind: PartyUnitKind;
  name: string;
  /** The compound (branch, group, zone) or the street/district the agency reports in from. */
  orgId: string;
  orgName: string;
  orgLevel: OrgLevel;
  /** group: its buildings */
  buildingIds?: string[];
  /** zone: its buildings or units */
  areas?: ZoneArea[];
  agencyKind?: AgencyKind;
  updatedAt: number;
}

export type VolunteerStatus = 'pending' | 'approved' | 'rejected';

export interface VolunteerView {
  openid: string;
  compoundId: string;
  name: string;
  phoneMasked: string;
  skills: Skill[];
  partyMember: boolean;
  unitId?: string;
  unitName?: string;
  unitKind?: PartyUnitKind;
  status: VolunteerStatus;
  /** Why the application was turned down. */
  reason?: string;
  appliedAt: number;
  decidedAt?: number;
}

/** How a volunteer proves presence at a post. */
export type CheckInBy = 'code' | 'location' | 'either' | 'both';

/** gcj02 coordinates (what wx.getLocation returns with type 'gcj02'). */
export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface PostView {
  id: string;
  compoundId: string;
  kind: PostKind;
  name: string;
  /** gate posts: the gate they staff */
  gateId?: string;
  requiredSkills: Skill[];
  /** Skills that make a volunteer a better fit (ranking only). */
  preferredSkills: Skill[];
  minHeads: number;
  maxHeads: number;
  /** Where the post is and how near a location check-in must be (metres). */
  location?: GeoPoint & { radius: number };
  checkInBy: CheckInBy;
  /** Must be staffed around the clock (gate duty): no shift running now counts as a gap. */
  alwaysOn: boolean;
  active: boolean;
}

/** One line of a rota pattern: a shift each selected day, e.g. 00:00–08:00. */
export interface ShiftRule {
  /** "HH:mm" */
  start: string;
  /** "HH:mm", after `start` on the same day; "24:00" is midnight at the end of the day. At most 12 h. */
  end: string;
  /** Override the post's head-count for this shift (e.g. fewer at night). */
  minHeads?: number;
  maxHeads?: number;
}

/** What a volunteer's place on a shift is: signed up, checked in, checked out, or flagged absent. */
export type DutyStatus = 'assigned' | 'on' | 'done' | 'noshow';

export interface CrewView {
  openid: string;
  /** Full for overseers, masked for volunteers. */
  name: string;
  status: DutyStatus;
  /** Signed up by the volunteer, or placed by the secretary. */
  by: 'self' | 'secretary';
  checkInAt?: number;
  checkOutAt?: number;
  late?: boolean;
}

export interface ShiftView {
  id: string;
  postId: string;
  postName: string;
  kind: PostKind;
  compoundId: string;
  day: string;
  start: number;
  end: number;
  minHeads: number;
  maxHeads: number;
  requiredSkills: Skill[];
  crew: CrewView[];
  /** crew.length ≥ maxHeads */
  full: boolean;
  started: boolean;
  /** Flagged by the no-show check: someone did not come, or too few checked in. */
  flagged: boolean;
  /** Open for backfill after it started (flagged, not full, not ended). */
  backfill: boolean;
}

/** A shift of the caller (duty.mine). */
export interface DutyView {
  shiftId: string;
  postId: string;
  postName: string;
  kind: PostKind;
  compoundId: string;
  compoundName: string;
  day: string;
  start: number;
  end: number;
  status: DutyStatus;
  checkInAt?: number;
  checkOutAt?: number;
  late?: boolean;
  /** Credited minutes once checked out. */
  minutes?: number;
}

/** A free qualified volunteer for a shift, best first. */
export interface Suggestion {
  openid: string;
  name: string;
  skills: Skill[];
  partyMember: boolean;
  /** How many of the post's preferred skills they have. */
  fit: number;
  /** Minutes served (checked out) this week in this compound. */
  weekMinutes: number;
  /** Minutes already on their rota that day. */
  dayMinutes: number;
  unitName?: string;
}

/**
 * Why a duty request was refused, in `error.details.reason` (the envelope's code says the kind
 * of failure; this says which rule).
 */
export type DutyRule =
  | 'STARTED'
  | 'NOT_VOLUNTEER'
  | 'MISSING_SKILL'
  | 'SHIFT_FULL'
  | 'OVERLAP'
  | 'DAILY_LIMIT'
  | 'NOT_ASSIGNED'
  | 'TOO_EARLY'
  | 'ENDED'
  | 'CODE_REQUIRED'
  | 'LOCATION_REQUIRED'
  | 'BAD_CODE'
  | 'OTHER_POST'
  | 'CODE_EXPIRED'
  | 'NO_LOCATION'
  | 'OUT_OF_RANGE'
  | 'ALREADY_CHECKED_IN'
  | 'NOT_CHECKED_IN'
  | 'ALREADY_CHECKED_OUT';

export interface CoverageNow {
  /** Heads the running shifts need (an always-on post with no running shift needs its minimum). */
  required: number;
  /** Checked in and not yet out. */
  present: number;
  /** Sum over running shifts of the heads missing. */
  gap: number;
}

export interface CoverageDay {
  shifts: number;
  required: number;
  assigned: number;
  checkedIn: number;
  /** Per shift: minimum − (checked in if it started, else signed up), summed over the day. */
  gap: number;
}

export interface PostCoverage {
  postId: string;
  name: string;
  kind: PostKind;
  compoundId: string;
  compoundName: string;
  now: CoverageNow;
  day: CoverageDay;
}

export interface CoverageTotals {
  posts: number;
  /** Posts with a gap now. */
  postsWithGap: number;
  now: CoverageNow;
  day: CoverageDay;
}

export interface CoverageReport {
  orgId: string;
  orgName: string;
  level: OrgLevel;
  day: string;
  at: number;
  total: CoverageTotals;
  /** At a compound every post; above it, the posts with a gap (now or that day). Gaps first. */
  posts: PostCoverage[];
  /** Per child node (compounds of a community, communities of a street, …), gaps first. */
  children: Array<{ orgId: string; name: string; level: OrgLevel } & CoverageTotals>;
}

export interface HoursRow {
  minutes: number;
  shifts: number;
}

export interface HoursReport {
  orgId: string;
  /** Mondays of the weeks counted, oldest first. */
  weeks: string[];
  total: HoursRow;
  /** Volunteers who served in the subtree, most minutes first. */
  volunteers: Array<HoursRow & { openid: string; name: string; compoundId: string }>;
  /** Home units (branch, groups, zones, agencies) homed in the subtree: hours counted for them wherever served. */
  units: Array<HoursRow & { unitId: string; name: string; kind: PartyUnitKind; orgId: string }>;
}

interface Paging {
  cursor?: string;
  /** 1–200 */
  limit?: number;
}

/** The duty actions: request and response of each (spread into `Actions` in typings/api.ts). */
export interface DutyActions {
  /** Party units under a compound, and the agencies of its street and district that may report in. */
  'party.list': { req: { orgId: string }; res: { items: PartyUnitView[] } };
  /** Create (no unitId) or change a unit; a branch is one per compound. A retried create returns the same unit. */
  'party.save': {
    req: { orgId: string; kind: PartyUnitKind; name: string; unitId?: string; buildingIds?: string[]; areas?: ZoneArea[]; agencyKind?: AgencyKind };
    res: PartyUnitView;
  };
  /** Remove a unit nobody belongs to; one already removed, like one outside the caller's area, is NOT_FOUND. */
  'party.remove': { req: { unitId: string }; res: { removed: boolean } };

  /** A user asks to volunteer at a compound; re-applying while pending or after a refusal replaces the application. */
  'volunteer.join': {
    req: { compoundId: string; name: string; phone: string; skills: Skill[]; partyMember: boolean; unitId?: string };
    res: VolunteerView;
  };
  /** The caller's own applications and profiles. */
  'volunteer.mine': { req: Record<string, never>; res: { items: VolunteerView[] } };
  'volunteer.list': { req: Paging & { compoundId: string; status?: VolunteerStatus }; res: { items: VolunteerView[]; next?: string } };
  /** Secretary: approve (grants the volunteer role at the compound) or reject with a reason. */
  'volunteer.approve': { req: { compoundId: string; openid: string; decision: 'approve' | 'reject'; reason?: string }; res: VolunteerView };

  /** Create (no postId) or change a post. A gate post is one per gate. */
  'duty.savePost': {
    req: {
      compoundId: string;
      postId?: string;
      kind: PostKind;
      name: string;
      gateId?: string;
      requiredSkills?: Skill[];
      preferredSkills?: Skill[];
      minHeads: number;
      maxHeads: number;
      location?: GeoPoint & { radius?: number };
      checkInBy?: CheckInBy;
      alwaysOn?: boolean;
      active?: boolean;
    };
    res: PostView;
  };
  'duty.posts': { req: { compoundId: string }; res: { items: PostView[] } };
  /** The post's signed check-in code (LFD1) to print as a QR. */
  'duty.postCode': { req: { postId: string; validDays?: number }; res: { code: string; expiresAt: number } };
  /** Shifts from a pattern for some posts over some days; regenerating the same pattern creates nothing. */
  'duty.generate': {
    req: { compoundId: string; postIds: string[]; from: string; days: number; shifts: ShiftRule[]; weekdays?: number[] };
    res: { created: number; existing: number; skipped: number };
  };
  /** The rota: shifts of a compound for some days (default today), optionally of one post. */
  'duty.shifts': { req: Paging & { compoundId: string; day?: string; days?: number; postId?: string }; res: { items: ShiftView[]; next?: string } };
  'duty.signup': { req: { shiftId: string }; res: ShiftView };
  /** Secretary: place a volunteer on a shift, under the same rules as a sign-up. */
  'duty.assign': { req: { shiftId: string; openid: string }; res: ShiftView };
  /** Leave a shift before it starts (a secretary may take anyone off). */
  'duty.withdraw': { req: { shiftId: string; openid?: string }; res: ShiftView };
  /** Free qualified volunteers for a shift, by skill fit then fewest minutes served this week. */
  'duty.suggest': { req: { shiftId: string; limit?: number }; res: { items: Suggestion[] } };
  'duty.checkIn': { req: { shiftId: string; code?: string; location?: GeoPoint & { accuracy?: number } }; res: DutyView };
  'duty.checkOut': { req: { shiftId: string }; res: DutyView };
  /** The caller's shifts from a day on (default today), and this week's minutes. */
  'duty.mine': { req: { from?: string; days?: number }; res: { items: DutyView[]; week: HoursRow & { week: string } } };
  /** Each post's required vs checked-in heads, now and for a day; rolled up above a compound. */
  'duty.coverage': { req: { orgId: string; day?: string }; res: CoverageReport };
  /** Minutes served in a subtree per volunteer and per home unit, for some weeks (default this one). */
  'duty.hours': { req: { orgId: string; week?: string; weeks?: number }; res: HoursReport };
}
