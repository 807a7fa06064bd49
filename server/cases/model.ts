/**
 * A case: a returnee, a close contact or risky behaviour reported in a compound, and what was
 * done about it. Lifecycle reported → acknowledged → one or more actions → closed, each step
 * stored with its time, its actor's openid (never shown) and role. The reporter's openid is kept
 * (their own list, export, erasure) but never answered: an anonymous report shows 匿名 to
 * everyone, and its alert names no one.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../typings/domain';
import type { CaseAction, CaseDetails, CaseKind, CaseObservation, CaseOutcome, CaseSeverity, CaseState, CaseStepView, CaseView } from '../../typings/cases';
import { ANONYMOUS } from '../../miniprogram/shared/cases';
import { ROLE_LABELS } from '../auth/roles';
import { maskName, maskPhone } from '../core/mask';

export type CaseStepDoc = {
  at: number;
  kind: CaseStepView['kind'];
  action?: CaseAction;
  outcome?: CaseOutcome;
  /** The actor's openid (never answered); absent for an anonymous report and after the reporter's erasure. */
  byId?: string;
  /** The actor's name as it was then; absent for an anonymous report. */
  byName?: string;
  role: Role;
  note?: string;
  /** The client's id for the update: a retry finds it and writes nothing. */
  requestId: string;
};

export type CaseDoc = CaseDetails & {
  /** `c` + 24 hex of sha256(reporter openid, requestId): a retried report finds it. */
  _id: string;
  _v?: number;
  kind: CaseKind;
  severity: CaseSeverity;
  state: CaseState;
  compoundId: string;
  buildingId: string;
  buildingName: string;
  unit?: string;
  room?: string;
  /** The building's ancestors then the building: lists under any node query `path` $has. */
  path: string[];
  personName?: string;
  personPhone?: string;
  personId?: string;
  note?: string;
  anonymous: boolean;
  /** The reporter's openid (removed when they erase their account). */
  reporter?: string;
  reporterName?: string;
  reporterRole: Role;
  reportedAt: number;
  firstActionAt?: number;
  observation?: CaseObservation;
  /** The reporter's photos: file ids under `media/case/<reporter>/<requestId>/` (server/media). */
  photos?: string[];
  /** Set while home observation runs and days remain to check (the timer's index). */
  observing?: boolean;
  /** The last observation day the daily check has looked at. */
  checkedThrough?: string;
  outcome?: CaseOutcome;
  closedAt?: number;
  steps: CaseStepDoc[];
};

declare module '../store/port' {
  interface Collections {
    cases: CaseDoc;
  }
}

export const caseId = (openid: string, requestId: string) => `c${createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 24)}`;

/** The person id the census gives: `${buildingId}:${unit}-${room}:${memberId}`. */
export const PERSON_ID = /^[A-Za-z0-9_-]{1,64}:[0-9A-Za-z]{1,6}-[0-9A-Za-z]{1,8}:[0-9]{1,6}$/;
export const personBuilding = (personId: string) => personId.split(':')[0];

export const locationOf = (d: Pick<CaseDoc, 'buildingName' | 'unit' | 'room'>) =>
  [d.buildingName, d.unit ? `${d.unit}单元` : '', d.room ? `${d.room}室` : ''].filter(Boolean).join(' ');

const DETAIL_FIELDS = ['origin', 'arrivalDate', 'transport', 'plannedAddress', 'contactOf', 'contactDate', 'place', 'temperature'] as const;

/** Who took a step, as a viewer sees it: 匿名, or a role and a name masked unless `fullNames`. */
function actorLabel(role: Role, name: string | undefined, fullNames: boolean): string {
  if (!name) return ROLE_LABELS[role];
  return `${ROLE_LABELS[role]} ${fullNames ? name : maskName(name)}`;
}

/**
 * A case as a viewer sees it. Names in full only when `fullNames` (the viewer oversees the
 * compound); the phone always masked; the reporter 匿名 when anonymous, whoever asks.
 */
export function toCaseView(d: CaseDoc, fullNames: boolean): CaseView {
  const v: CaseView = {
    id: d._id,
    kind: d.kind,
    severity: d.severity,
    state: d.state,
    compoundId: d.compoundId,
    buildingId: d.buildingId,
    location: locationOf(d),
    ...(d.unit ? { unit: d.unit } : {}),
    ...(d.room ? { room: d.room } : {}),
    anonymous: d.anonymous,
    reporter: d.anonymous ? ANONYMOUS : actorLabel(d.reporterRole, d.reporterName, fullNames),
    reportedAt: d.reportedAt,
    steps: d.steps.map((s) => {
      const step: CaseStepView = {
        at: s.at,
        kind: s.kind,
        by: s.kind === 'reported' && d.anonymous ? ANONYMOUS : actorLabel(s.role, s.byName, fullNames),
      };
      if (!(s.kind === 'reported' && d.anonymous)) step.role = s.role;
      if (s.action) step.action = s.action;
      if (s.outcome) step.outcome = s.outcome;
      if (s.note) step.note = s.note;
      return step;
    }),
  };
  for (const k of DETAIL_FIELDS) if (d[k] !== undefined) (v as unknown as Record<string, unknown>)[k] = d[k];
  if (d.personName || d.personPhone || d.personId) {
    v.person = {};
    if (d.personName) v.person.name = fullNames ? d.personName : maskName(d.personName);
    if (d.personPhone) v.person.phoneMasked = maskPhone(d.personPhone);
    if (d.personId) v.person.personId = d.personId;
  }
  if (d.note) v.note = d.note;
  if (d.firstActionAt !== undefined) Object.assign(v, { firstActionAt: d.firstActionAt, responseMs: d.firstActionAt - d.reportedAt });
  if (d.observation) v.observation = d.observation;
  if (d.photos?.length) v.photoCount = d.photos.length;
  if (d.outcome) v.outcome = d.outcome;
  if (d.closedAt !== undefined) v.closedAt = d.closedAt;
  return v;
}
