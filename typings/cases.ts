/**
 * Returnees, close contacts and risky behaviour (`case.*`): a report, its lifecycle
 * reported → acknowledged → action(s) → closed, each step with its time and actor, and home
 * observation. Times are unix ms; days "YYYY-MM-DD" in Asia/Shanghai. Types only.
 */
import type { Role } from './domain';

/** 外省返乡 · 密切接触 · 门外发热 · 聚集 · 未戴口罩 · 其他. */
export type CaseKind = 'returnee' | 'contact' | 'fever' | 'gathering' | 'nomask' | 'other';
export type CaseState = 'reported' | 'acknowledged' | 'acting' | 'closed';
/** 劝阻 · 开始居家观察 · 移交卫生院 · 不采取措施（须说明理由）. */
export type CaseAction = 'dissuaded' | 'observation' | 'handover' | 'none';
/** 解除观察 · 已转运/隔离 · 已处置 · 经核实不属实. */
export type CaseOutcome = 'released' | 'transferred' | 'resolved' | 'unfounded';
export type CaseTransport = 'train' | 'plane' | 'car' | 'bus' | 'other';
export type CaseSeverity = 'high' | 'medium' | 'low';

/** What a report says, by kind (only the fields of its kind). */
export type CaseDetails = {
  /** returnee: where from, arrival day, how, where they will stay. */
  origin?: string;
  arrivalDate?: string;
  transport?: CaseTransport;
  plannedAddress?: string;
  /** contact: close contact of whom, on which day, where. */
  contactOf?: string;
  contactDate?: string;
  /** contact, fever, gathering, nomask: where it happened. */
  place?: string;
  /** fever: the temperature measured, if any (℃). */
  temperature?: number;
};

export interface CaseReportReq extends CaseDetails {
  kind: CaseKind;
  /** The compound where it happened (the caller must hold a role in or above it). */
  compoundId: string;
  buildingId: string;
  unit?: string;
  room?: string;
  /** The person concerned, if known: a name as typed, a phone, a census person id. */
  personName?: string;
  personPhone?: string;
  /** `${buildingId}:${unit}-${room}:${memberId}` (the census' person id). */
  personId?: string;
  note?: string;
  /** Hide the reporter from everyone (the secretary sees 匿名). */
  /** 0–9 file ids the reporter uploaded under `uploadDir`/<requestId>/ (case.mine names the folder). */
  photos?: string[];
  anonymous?: boolean;
  /** Client-made: a retried report with the same id is the same case. */
  requestId: string;
}

export interface CaseStepView {
  at: number;
  kind: 'reported' | 'acknowledged' | 'action' | 'closed';
  action?: CaseAction;
  outcome?: CaseOutcome;
  /** Who took it: 匿名 for an anonymous report; a role and a name, masked unless the viewer oversees the node. */
  by: string;
  role?: Role;
  note?: string;
}

export interface CaseObservation {
  personId: string;
  /** First and last day of home observation (inclusive). */
  start: string;
  end: string;
  days: number;
}

export interface CaseView extends CaseDetails {
  id: string;
  kind: CaseKind;
  severity: CaseSeverity;
  state: CaseState;
  compoundId: string;
  buildingId: string;
  /** e.g. 1号楼 1单元 202室 */
  location: string;
  /** The room, when the report named one (the census picker opens on it). */
  unit?: string;
  room?: string;
  person?: { name?: string; phoneMasked?: string; personId?: string };
  note?: string;
  anonymous: boolean;
  /** 匿名, or the reporter's name (masked unless the viewer oversees the node) and role. */
  reporter: string;
  reportedAt: number;
  firstActionAt?: number;
  /** reported → first action, ms; absent while nothing was done yet. */
  responseMs?: number;
  observation?: CaseObservation;
  outcome?: CaseOutcome;
  closedAt?: number;
  steps: CaseStepView[];
  /** How many photos the report carries. */
  photoCount?: number;
  /** case.get only: the photos' URLs for the viewer, in order. */
  photos?: string[];
}

export interface CaseUpdateReq {
  caseId: string;
  step: 'acknowledge' | 'action' | 'close';
  action?: CaseAction;
  /** Required for action none (why nothing is done), optional otherwise. */
  note?: string;
  /** For action observation: days (default 14), first day (default today), the person (if the case has none). */
  observationDays?: number;
  observationStart?: string;
  personId?: string;
  outcome?: CaseOutcome;
  /** Client-made: a retried update with the same id writes nothing more. */
  requestId: string;
}

export interface CaseListReq {
  /** A compound or a node above it, or a building (a leader's). */
  orgId: string;
  kind?: CaseKind;
  state?: CaseState;
  /** Reported on or after / on or before these days. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface CaseActions {
  /** Anyone with a role in (or above) the compound: a report, its alert to the compound's secretary. */
  'case.report': { req: CaseReportReq; res: CaseView };
  /** Leaders (their building), secretaries and staff: cases under a node, newest first. */
  'case.list': { req: CaseListReq; res: { items: CaseView[]; next?: string } };
  /** The caller's own reports, newest first. */
  /** `uploadDir`: the caller's folder for a report's photos (the phone uploads under it). */
  'case.mine': { req: { cursor?: string; limit?: number }; res: { items: CaseView[]; next?: string; uploadDir: string } };
  'case.get': { req: { caseId: string }; res: CaseView };
  /** Secretaries and staff: acknowledge, act, close. */
  'case.update': { req: CaseUpdateReq; res: CaseView };
}
