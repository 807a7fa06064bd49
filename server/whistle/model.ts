/**
 * 社区吹哨·部门报到. Community staff raise a request (a need, how much, where, by when) to
 * agencies of their street and district — the party context's `agency` units, the same units
 * whose members report in (报到): one registry, not two. A unit's contacts are people with the
 * app bound to it by a one-time code its street or district staff hand over (as account.invite
 * binds a role); they claim a request for their unit and report what they sent, and the
 * requester confirms or reopens. Per-unit counters (asked, claimed, closed, minutes to claim)
 * are kept on write, so a unit's record is one read.
 */
import type { AgencyKind } from '../../typings/duty';
import type { WhistleReport, WhistleView } from '../../typings/whistle';

/** The view's fields (the report with its author's openid), and who acted, and what the timer works from. */
export type WhistleDoc = Omit<WhistleView, 'id' | 'report' | 'overdue'> & {
  /** `w` + hash of the raiser and their request id: a retried raise is the same request. */
  _id: string;
  _v?: number;
  /** The node's ancestors then the node, root first (indexed: "requests under X"). */
  lineage: string[];
  /** The units asked (indexed: a contact's inbox). */
  unitIds: string[];
  /** Set when raised to every unit of a kind. */
  agencyKind?: AgencyKind;
  raisedBy: string;
  claimedBy?: string;
  report?: WhistleReport & { by: string };
  closedBy?: string;
  /** When the timer looks for it next (its deadline while not yet reported); cleared once looked at. */
  watchAt?: number;
  /** Deadlines whose overdue alert was raised. */
  alertedFor?: number;
};

/** A user bound to a unit as its contact. */
export type UnitContactDoc = {
  /** `${unitId}:${openid}` */
  _id: string;
  unitId: string;
  unitName: string;
  openid: string;
  name: string;
  /** The unit's org lineage. */
  lineage: string[];
  invitedBy: string;
  joinedAt: number;
};

/** A code that makes its redeemer a contact of a unit; only its hash is kept. */
export type UnitInviteDoc = {
  /** `<inviter openid>:<requestId>` */
  _id: string;
  _v?: number;
  hash: string;
  unitId: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedBy?: string;
  usedAt?: number;
};

/** Per unit: how it has answered requests. */
export type WhistleStatsDoc = {
  /** The unit's id. */
  _id: string;
  asked: number;
  claimed: number;
  closed: number;
  /** Sum of minutes from raise to claim over claimed requests. */
  responseMinutes: number;
};

declare module '../store/port' {
  interface Collections {
    whistles: WhistleDoc;
    unitContacts: UnitContactDoc;
    unitInvites: UnitInviteDoc;
    whistleStats: WhistleStatsDoc;
  }
}

export const contactId = (unitId: string, openid: string) => `${unitId}:${openid}`;

/** Not yet reported or closed and past its deadline. */
export const isOverdue = (w: Pick<WhistleDoc, 'status' | 'deadline'>, now: number) => (w.status === 'open' || w.status === 'claimed') && now > w.deadline;

export function toWhistleView(w: WhistleDoc, now: number): WhistleView {
  const { _id, _v, lineage: _l, unitIds: _u, agencyKind: _k, raisedBy: _r, claimedBy: _c, report, closedBy: _cb, watchAt: _w, alertedFor: _a, ...fields } = w;
  const v: WhistleView = { id: _id, ...fields, overdue: isOverdue(w, now) };
  if (report) {
    const { by: _by, ...shown } = report;
    v.report = shown;
  }
  return v;
}
