/**
 * Posts, shifts and duties as stored, and how they are shown.
 *
 *  - posts       a compound's posts; a gate post is `${gateId}-duty`
 *  - shifts      `${postId}-${YYYYMMDDHHmm}-${minutes}`: the id is the pattern's output, so
 *                regenerating a pattern finds the same ids. The crew (≤ 20) lives in the shift.
 *  - duties      one per (shift, volunteer) `${shiftId}:${openid}`: the volunteer's side of a
 *                crew entry, for "my shifts", the no-show timer, reminders and hours.
 *  - dutyDays    `${openid}:${day}`: the volunteer's own shifts that day — the index every
 *                conflict check reads (one get, whatever the compound's rota holds), and the
 *                document that serialises two sign-ups of one volunteer.
 *  - dutyHours   per-week counters: `v:${compoundId}:${openid}:${week}` and `u:${unitId}:${week}`.
 */
import type { CrewView, DutyStatus, DutyView, PartyUnitKind, PostKind, PostView, ShiftView, Skill } from '../../typings/duty';
import { maskName } from '../core/mask';
import { MINUTE } from '../core/time';
import type { TemplateDecls } from '../messaging/templates';
import type { UnitRef } from '../volunteer/model';

export const POST_KINDS: readonly PostKind[] = ['publicity', 'gate', 'disinfection', 'emergency', 'supplies', 'census', 'care'];
export const POST_KIND_LABELS: Record<PostKind, string> = {
  publicity: '防控知识宣传岗',
  gate: '小区执勤岗',
  disinfection: '环境消毒岗',
  emergency: '应急处理岗',
  supplies: '物资保障岗',
  census: '信息摸排岗',
  care: '服务关爱岗',
};

/** Reminders, placements and backfill calls to volunteers. */
export const DUTY_TEMPLATES = {
  shiftReminder: { values: { post: '岗位名称', place: '小区名称', start: '开始时间（unix ms）', note: '说明：提醒、书记安排或急需补位，含时段' } },
} satisfies TemplateDecls;

/** Check-in opens this long before a shift starts; a volunteer not checked in this long after it is a no-show. */
export const CHECK_IN_EARLY = 15 * MINUTE;
export const NO_SHOW_AFTER = 15 * MINUTE;
/** Longest shift. */
export const MAX_SHIFT_MINUTES = 12 * 60;
/** Most heads on one shift. */
export const MAX_HEADS = 20;
/** Default radius of a location check-in, metres. */
export const DEFAULT_RADIUS = 100;

/** The compound of something stored with its lineage. */
export const compoundNode = (d: { path: string[] }) => ({ _id: d.path[d.path.length - 1], path: d.path.slice(0, -1) });

export type PostDoc = Omit<PostView, 'id' | 'gateId' | 'location'> & {
  _id: string;
  _v?: number;
  compoundName: string;
  /** The compound's lineage (ancestors, then the compound). */
  path: string[];
  gateId?: string;
  location?: { lat: number; lng: number; radius: number };
  order: number;
  createdAt: number;
  updatedAt: number;
};

export type CrewEntry = {
  openid: string;
  name: string;
  status: DutyStatus;
  by: 'self' | 'secretary';
  /** When they were placed on the shift. */
  at: number;
  checkInAt?: number;
  checkOutAt?: number;
  late?: boolean;
};

/** Where and when a shift is: copied onto the duties of its crew. */
export type ShiftPlace = {
  postId: string;
  postName: string;
  kind: PostKind;
  compoundId: string;
  compoundName: string;
  /** The compound's lineage. */
  path: string[];
  day: string;
  start: number;
  end: number;
};

export const placeOf = (s: ShiftPlace): ShiftPlace => ({
  postId: s.postId,
  postName: s.postName,
  kind: s.kind,
  compoundId: s.compoundId,
  compoundName: s.compoundName,
  path: s.path,
  day: s.day,
  start: s.start,
  end: s.end,
});

export type ShiftDoc = ShiftPlace & {
  _id: string;
  _v?: number;
  minHeads: number;
  maxHeads: number;
  requiredSkills: Skill[];
  preferredSkills: Skill[];
  crew: CrewEntry[];
  /** When the no-show check should next look at this shift; cleared once nothing is pending. */
  watchAt?: number;
  /** Someone did not come, or too few checked in: open for backfill until it ends. */
  flagged?: boolean;
  flagRounds?: number;
  createdAt: number;
  createdBy: string;
};

export type DutyDoc = ShiftPlace & {
  _id: string; // `${shiftId}:${openid}`
  _v?: number;
  shiftId: string;
  openid: string;
  name: string;
  status: DutyStatus;
  by: 'self' | 'secretary';
  assignedAt: number;
  unit?: UnitRef;
  checkInAt?: number;
  checkOutAt?: number;
  method?: 'code' | 'location' | 'both';
  late?: boolean;
  minutes?: number;
  /** When a reminder is due; cleared once sent. */
  remindAt?: number;
};

export const dutyId = (shiftId: string, openid: string) => `${shiftId}:${openid}`;

export type DutyDayDoc = {
  _id: string; // `${openid}:${day}`
  _v?: number;
  openid: string;
  day: string;
  items: Array<{ shiftId: string; start: number; end: number }>;
};

export const dutyDayId = (openid: string, day: string) => `${openid}:${day}`;

export type HoursDoc = {
  _id: string;
  _v?: number;
  kind: 'volunteer' | 'unit';
  week: string;
  /** volunteer: the compound's lineage; unit: the unit's org lineage. */
  path: string[];
  minutes: number;
  shifts: number;
  openid?: string;
  name: string;
  compoundId?: string;
  unitId?: string;
  unitKind?: PartyUnitKind;
  orgId?: string;
};

export const volunteerHoursId = (compoundId: string, openid: string, week: string) => `v:${compoundId}:${openid}:${week}`;
export const unitHoursId = (unitId: string, week: string) => `u:${unitId}:${week}`;

declare module '../store/port' {
  interface Collections {
    posts: PostDoc;
    shifts: ShiftDoc;
    duties: DutyDoc;
    dutyDays: DutyDayDoc;
    dutyHours: HoursDoc;
  }
}

export function toPostView(p: PostDoc): PostView {
  const { _id, _v: _version, compoundName: _name, path: _path, order: _order, createdAt: _created, updatedAt: _updated, ...view } = p;
  return { id: _id, ...view };
}

/** Optional fields copied only when present, so views carry no `undefined`. */
function copyPresent<T extends object, K extends keyof T>(to: T, from: Partial<Pick<T, K>>, keys: readonly K[]): T {
  for (const k of keys) if (from[k] !== undefined) to[k] = from[k] as T[K];
  return to;
}

export const isFull = (s: ShiftDoc) => s.crew.length >= s.maxHeads;
/** Backfill is open once a started shift is flagged, until it ends or is full. */
export const backfillOpen = (s: ShiftDoc, now: number) => !!s.flagged && now < s.end && !isFull(s);

export function toShiftView(s: ShiftDoc, now: number, fullNames: boolean): ShiftView {
  const { compoundName: _name, path: _path, ...place } = placeOf(s);
  return {
    id: s._id,
    ...place,
    minHeads: s.minHeads,
    maxHeads: s.maxHeads,
    requiredSkills: s.requiredSkills,
    crew: s.crew.map((c) =>
      copyPresent<CrewView, 'checkInAt' | 'checkOutAt' | 'late'>(
        { openid: c.openid, name: fullNames ? c.name : maskName(c.name), status: c.status, by: c.by },
        c,
        ['checkInAt', 'checkOutAt', 'late'],
      ),
    ),
    full: isFull(s),
    started: now >= s.start,
    flagged: !!s.flagged,
    backfill: backfillOpen(s, now),
  };
}

export function toDutyView(d: DutyDoc): DutyView {
  const { path: _path, ...place } = placeOf(d);
  const out: DutyView = { shiftId: d.shiftId, ...place, status: d.status };
  return copyPresent<DutyView, 'checkInAt' | 'checkOutAt' | 'late' | 'minutes'>(out, d, ['checkInAt', 'checkOutAt', 'late', 'minutes']);
}
