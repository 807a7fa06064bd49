import type { PaperView, PassStatus, PassView } from '../../typings/pass';
import { maskName } from '../core/mask';
import type { TemplateDecls } from '../messaging/templates';

/** The view's fields, with the name in full and the status as stored (expiry is derived). */
export type PassDoc = Omit<PassView, 'id' | 'nameMasked' | 'status'> & {
  _id: string; // short random id, also `pid` in the credential
  _v?: number;
  /** The compound's ancestors, root first (for scope checks). */
  compoundPath: string[];
  /** openid of the resident who applied and holds the pass on their phone */
  holder: string;
  /** the person the pass is for */
  name: string;
  status: Exclude<PassStatus, 'expired'>;
  lockId: string;
  reviewedBy?: string;
  /** the device key of the last credential issued */
  dpk?: string;
  credentialAt?: number;
  /**
   * The paper code issued for this pass. The ID tail is kept (4 characters, never the full
   * number) so that printing again signs the very same code rather than a new one, and so that
   * a lost card is replaced with its serial raised; the pass's erasure takes it with it.
   */
  paper?: PaperView & { issuedBy: string };
  /** Set by the timer once an expired pass is off the active count (server/pass/gauge.ts). */
  expiryCounted?: boolean;
};

/** The lock that keeps one live pass per person per compound. */
export type PassLockDoc = { _id: string; _v?: number; passId: string };

/** Expiry is derived, not stored: an approved pass past its end is expired. */
export function statusAt(p: PassDoc, now: number): PassStatus {
  return p.status === 'approved' && (p.validUntil ?? 0) < now ? 'expired' : p.status;
}

/** A pass that still blocks a new application for the same person. */
export const isLive = (p: PassDoc, now: number) => p.status === 'pending' || statusAt(p, now) === 'approved';

export function toPassView(p: PassDoc, now: number): PassView {
  const v: PassView = {
    id: p._id,
    compoundId: p.compoundId,
    compoundName: p.compoundName,
    buildingId: p.buildingId,
    household: p.household,
    nameMasked: maskName(p.name),
    relation: p.relation,
    reason: p.reason,
    status: statusAt(p, now),
    createdAt: p.createdAt,
  };
  if (p.statusReason) v.statusReason = p.statusReason;
  if (p.validFrom !== undefined) v.validFrom = p.validFrom;
  if (p.validUntil !== undefined) v.validUntil = p.validUntil;
  if (p.reviewedAt !== undefined) v.reviewedAt = p.reviewedAt;
  if (p.paper) {
    const { serial, idTail, issuedAt, validFrom, validUntil } = p.paper;
    v.paper = { serial, idTail, issuedAt, validFrom, validUntil };
  }
  return v;
}

/** The scope node of a pass: its compound. */
export const passNode = (p: Pick<PassDoc, 'compoundId' | 'compoundPath'>) => ({ _id: p.compoundId, path: p.compoundPath });

declare module '../store/port' {
  interface Collections {
    passes: PassDoc;
    /** One live pass per person per compound: id = hash(compound, holder, person). */
    passLocks: PassLockDoc;
  }
}

/** The decision pushed to the resident. */
export const PASS_TEMPLATES = {
  passDecision: {
    values: { compound: '小区名称', status: '结果（≤ 5 个汉字，如 已通过）', name: '申请人（已打码）', time: '审核时间（unix ms）', reason: '理由' },
  },
} satisfies TemplateDecls;
