/**
 * 社区吹哨·部门报到 (`whistle.*`) and 督促-整改-督促 (`inspect.*`): requests, responses and views.
 * Types only; spread into `Actions` in typings/api.ts.
 */
import type { OrgLevel } from './domain';
import type { AgencyKind } from './duty';

interface Paging {
  cursor?: string;
  /** 1–100 */
  limit?: number;
}
interface Page<T> {
  items: T[];
  next?: string;
}

export type WhistleNeed = 'manpower' | 'supplies' | 'disinfection' | 'medical' | 'other';
export type WhistleUrgency = 'normal' | 'urgent' | 'critical';
/** open 待认领 → claimed 已认领 → reported 已报到 → closed 已办结 (a reopen returns to claimed). */
export type WhistleStatus = 'open' | 'claimed' | 'reported' | 'closed';

/** What the unit that claimed a request reports: people sent and for how long, what was delivered. */
export interface WhistleReport {
  people: number;
  /** Hours each person served (0.5 steps). */
  hours: number;
  supplies?: string;
  note?: string;
  /** On a report sent: file ids, each uploaded by the reporter under the request's id; shown as URLs for the viewer. */
  photos: string[];
  at: number;
  /** The contact's name. */
  byName: string;
}

export interface WhistleView {
  id: string;
  /** The node the request was raised for (a community or a compound). */
  orgId: string;
  orgName: string;
  need: WhistleNeed;
  quantity: number;
  detail: string;
  place: string;
  urgency: WhistleUrgency;
  deadline: number;
  status: WhistleStatus;
  /** The units asked. */
  units: Array<{ id: string; name: string }>;
  raisedByName: string;
  createdAt: number;
  claimedUnitId?: string;
  claimedUnitName?: string;
  claimedByName?: string;
  claimedAt?: number;
  report?: WhistleReport;
  closedAt?: number;
  reopens: number;
  /** Why it was last reopened. */
  reopenNote?: string;
  /** Past its deadline and not yet reported or closed. */
  overdue: boolean;
}

/** A unit that may be asked, with how it has answered so far. */
export interface WhistleUnitView {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  orgLevel: OrgLevel;
  agencyKind?: AgencyKind;
  /** Contacts bound to it (who get its requests). */
  contacts: number;
  asked: number;
  claimed: number;
  closed: number;
  /** Average minutes from raise to claim; null before the first claim. */
  avgResponseMinutes: number | null;
  /** Closed / claimed, 0–1; null before the first claim. */
  completionRate: number | null;
}

export type FindingStatus = 'open' | 'rectified' | 'verified';

export interface ChecklistItem {
  code: string;
  name: string;
}
export interface ChecklistCategory {
  code: string;
  name: string;
  items: ChecklistItem[];
}

export interface FindingView {
  id: string;
  orgId: string;
  orgName: string;
  orgLevel: OrgLevel;
  category: string;
  categoryName: string;
  item: string;
  itemName: string;
  description: string;
  /** URLs for the viewer (file ids when sent: uploaded by the recorder under the request id). */
  photos: string[];
  deadline: number;
  status: FindingStatus;
  overdue: boolean;
  /** The level that inspected: its node and name. */
  inspectorOrgId: string;
  inspectorOrgName: string;
  recordedByName: string;
  createdAt: number;
  /** `photos`: URLs for the viewer (file ids when sent: uploaded by the rectifier under the finding's id). */
  rectification?: { byName: string; at: number; note: string; photos: string[] };
  verification?: { byName: string; at: number; note?: string };
  reopens: number;
  reopenNote?: string;
}

/** Counts of findings by status. */
export interface FindingCounts {
  open: number;
  rectified: number;
  verified: number;
  /** Open past their deadline (also counted in `open`). */
  overdue: number;
}

export interface InspectReport {
  orgId: string;
  orgName: string;
  total: FindingCounts;
  /** Category × status, with each item's counts. */
  categories: Array<{ code: string; name: string; items: Array<ChecklistItem & FindingCounts> } & FindingCounts>;
  /** Hours from record to the accepted rectification, averaged; null before the first. */
  avgRectifyHours: number | null;
  /** The same totals for each child node that has findings. */
  children: Array<{ orgId: string; orgName: string; avgRectifyHours: number | null } & FindingCounts>;
}

export interface WhistleActions {
  /** Units a request at this node may go to (agencies of its street and district), with their record. */
  'whistle.units': { req: { orgId: string }; res: { items: WhistleUnitView[] } };
  /** A one-time code that binds whoever redeems it as a contact of the unit (street or district staff). */
  'whistle.invite': { req: { unitId: string; requestId: string }; res: { code: string; unitId: string; unitName: string; expiresAt: number } };
  /** Become a contact of a unit with the code its staff handed over. */
  'whistle.join': { req: { code: string }; res: { unitId: string; unitName: string } };
  /** Blow the whistle: to chosen units, or to every unit of a kind. A retried request is the same request. */
  'whistle.raise': {
    req: {
      orgId: string;
      requestId: string;
      need: WhistleNeed;
      quantity: number;
      detail: string;
      place: string;
      urgency: WhistleUrgency;
      deadline: number;
      unitIds?: string[];
      agencyKind?: AgencyKind;
    };
    res: WhistleView;
  };
  /** Requests raised at or under a node: the requester's side, open first. */
  'whistle.list': { req: Paging & { orgId: string; status?: WhistleStatus }; res: Page<WhistleView> };
  /** Requests to the caller's units: the unit contact's side. */
  'whistle.inbox': {
    req: Paging & { unitId?: string; status?: WhistleStatus };
    /** `uploadDir`: the caller's folder for a report's photos (miniprogram/services/photos.ts). */
    res: Page<WhistleView> & { units: Array<{ id: string; name: string }>; uploadDir: string };
  };
  'whistle.claim': { req: { whistleId: string }; res: WhistleView };
  'whistle.report': {
    req: { whistleId: string; people: number; hours: number; supplies?: string; note?: string; photos: string[] };
    res: WhistleView;
  };
  /** The requester confirms (hours credited to the unit's party reporting) or reopens with a reason. */
  'whistle.close': { req: { whistleId: string; decision: 'confirm' | 'reopen'; note?: string }; res: WhistleView };

  /** The district's checklist (categories and items) for a node. */
  'inspect.checklist': {
    req: { orgId: string };
    /** `uploadDir`: the caller's folder for a finding's or a rectification's photos. */
    res: { districtId: string; categories: ChecklistCategory[]; uploadDir: string };
  };
  /**
   * The district's own checklist (district staff): 1–12 categories of 1–20 items, codes unique in
   * the list, names among siblings; saving the same list again writes nothing; a category with
   * findings cannot be dropped (FAILED_PRECONDITION). Findings keep the names they were recorded with.
   */
  'inspect.saveChecklist': { req: { districtId: string; categories: ChecklistCategory[] }; res: { districtId: string; categories: ChecklistCategory[] } };
  /** A finding against a node (street or district staff). A retried request is the same finding. */
  'inspect.record': {
    req: { orgId: string; requestId: string; category: string; item: string; description: string; photos: string[]; deadline: number };
    res: FindingView;
  };
  /** Findings at or under a node, open first. */
  'inspect.list': { req: Paging & { orgId: string; status?: FindingStatus }; res: Page<FindingView> };
  /** The node's responsible person reports the rectification with evidence. */
  'inspect.rectify': { req: { findingId: string; note: string; photos: string[] }; res: FindingView };
  /** Someone of the inspecting level, never the rectifier, accepts it or reopens it with a new deadline. */
  'inspect.verify': { req: { findingId: string; decision: 'accept' | 'reopen'; note?: string; deadline?: number }; res: FindingView };
  /** Category × status, overdue and average time to rectify, for a node and each child: read from counters. */
  'inspect.report': { req: { orgId: string }; res: InspectReport };
}
