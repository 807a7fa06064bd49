/**
 * Every action: its request and response. `ActionName` is "<function>.<verb>"; the function
 * is the part before the dot. Types only.
 */
import type { Household, OrgNode, Profile, Role } from './domain';
import type {
  CompoundPolicy,
  Direction,
  GateDenyReason,
  GateEventInput,
  GateEventKind,
  GateEventView,
  GateView,
  PassCredential,
  PassRelation,
  PassStatus,
  PassView,
  PaperCredential,
  TrustBundle,
  Verdict,
  VehicleView,
} from './pass';
import type { AlertView, ConsentAnswer, ConsentSummary, NoticeAudience, NoticeLevel, NoticeProgress, NoticeView, TemplateName } from './messages';
import type { CaseActions } from './cases';
import type { DisinfectActions } from './disinfect';
import type { DutyActions } from './duty';
import type { WhistleActions } from './whistle';
import type { CensusActions } from './census';
import type { StatsActions } from './stats';
import type { ExportActions } from './export';

/** The server's decision on one gate event. */
export interface GateDecision {
  id: string;
  verdict: Verdict;
  reason?: GateDenyReason;
  /** Shown in large type at the gate. */
  who?: string;
  household?: string;
  /** The phone's verdict differed from the server's. */
  mismatch: boolean;
}

export interface Paged {
  cursor?: string;
  /** 1–200, default 50. */
  limit?: number;
}

export interface PageResult<T> {
  items: T[];
  next?: string;
}

/** One read of the caller's personal data by someone else, as the caller is shown it. */
export interface AccessRecordView {
  /** The viewer's name, masked (张*), or their role when no name is held. */
  who: string;
  role: Role;
  /** Where the viewer read it (the node of the list). */
  orgName: string;
  /** What was read, in words (e.g. 查看志愿者名单（姓名）). */
  what: string;
  at: number;
}

/** Everything held about the caller and their household (account.export); sections are capped at EXPORT_CAP items. */
export interface AccountExport {
  account: { openid: string; name: string | null; phone: string | null; createdAt: number | null };
  grants: Array<{ role: Role; orgId: string; at: number }>;
  household: Household | null;
  passes: Array<Record<string, unknown>>;
  gateEvents: Array<Record<string, unknown>>;
  vehicles: Array<Record<string, unknown>>;
  volunteer: Array<Record<string, unknown>>;
  duties: Array<Record<string, unknown>>;
  /** Disinfections the person logged (area, time, agent, photo ids). */
  disinfectLogs: Array<Record<string, unknown>>;
  consent: Record<string, unknown> | null;
  notices: Array<{ noticeId: string; readAt: number; ackedAt?: number }>;
  accessLog: AccessRecordView[];
  /** Cases the person reported (anonymously or not); the people they concern masked. */
  cases: Array<Record<string, unknown>>;
  /** The census record of the caller's household (摸底), and the household's health reports still kept. */
  census: Record<string, unknown> | null;
  healthReports: Array<Record<string, unknown>>;
}

/**
 * Every action; the party, volunteer and duty ones are declared in typings/duty.ts, the case ones in typings/cases.ts,
 * whistle and inspect ones in typings/whistle.ts, disinfection's in typings/disinfect.ts, census and health in typings/census.ts, dashboards in typings/stats.ts, ledger exports in typings/export.ts.
 */
export interface Actions extends DutyActions, CaseActions, WhistleActions, DisinfectActions, CensusActions, StatsActions, ExportActions {
  /** The caller's profile and grants. Any caller, registered or not. */
  'account.me': { req: Record<string, never>; res: Profile & { registered: boolean } };
  /** Register as a resident of a building. Retrying with the same data is harmless. */
  'account.register': {
    req: { name: string; phone: string; buildingId: string; unit: string; room: string };
    res: Profile;
  };
  /** Give a user a role at a node inside the caller's subtree, not above the caller's own role. */
  'account.grant': { req: { openid: string; role: Role; orgId: string }; res: { granted: boolean } };
  'account.revoke': { req: { openid: string; role: Role; orgId: string }; res: { revoked: boolean } };
  /** A one-time code for a role at a node of the caller's subtree (same rule as grant), to hand over; a retry with the same requestId replaces the code. */
  'account.invite': {
    req: { role: Role; orgId: string; requestId: string };
    res: { code: string; role: Role; orgId: string; orgName: string; expiresAt: number };
  };
  /** Redeem an invitation's code or the first admin's (`npm run bootstrap-admin`): the caller holds its role there. A retry by the same caller answers the same. */
  'account.redeem': { req: { code: string }; res: { role: Role; orgId: string; orgName: string } };
  /** Who was shown the caller's personal data unmasked, newest first. */
  'account.accessLog': { req: Paged; res: PageResult<AccessRecordView> };
  /** Everything held about the caller and their household: the data as JSON and a Chinese summary. Audited. */
  'account.export': {
    req: Record<string, never>;
    res: { data: AccountExport; summary: string; generatedAt: number; /** sections cut at the cap */ truncated: string[] };
  };
  /**
   * Erase the caller's personal data and revoke their passes; anonymous counts stay. Refused
   * (FAILED_PRECONDITION) while they hold a role above volunteer. A retry answers the same.
   */
  'account.delete': {
    req: { /** typed by the person: exactly 确认注销 */ confirm: '确认注销' };
    res: {
      deleted: true;
      passesRevoked: number;
      gateEventsCleared: number;
      vehiclesRemoved: number;
      volunteerRecords: number;
      duties: number;
      casesReported: number;
      census: number;
    };
  };
  /** The caller's visible subtree (or the part under `rootId`, or the children of `parentId`), paged. */
  'org.tree': { req: Paged & { rootId?: string; parentId?: string }; res: PageResult<OrgNode> };
  /** One node with its ancestors, inside the caller's subtree or above it. */
  'org.get': { req: { id: string }; res: OrgNode & { ancestors: Array<Pick<OrgNode, 'id' | 'name' | 'level'>> } };
  /** Public directory for choosing one's building when registering: children of a node (or the districts). */
  /** 楼栋海报码: the scene (the building id) for the register page and, in the cloud, the code image. */
  'org.posterCode': {
    req: { buildingId: string };
    res: {
      buildingId: string;
      name: string;
      scene: string;
      page: string;
      image: { contentType: string; base64: string } | null;
      /** Why there is no image (the local runtime). */
      note?: string;
    };
  };
  'org.directory': { req: { parentId?: string }; res: { items: Array<Pick<OrgNode, 'id' | 'name' | 'level' | 'childCount'>> } };

  /** A resident applies for a pass for someone of their household; one live pass per person per compound. */
  'pass.apply': { req: { relation: PassRelation; name?: string; reason: string }; res: PassView };
  'pass.mine': { req: Record<string, never>; res: { items: PassView[] } };
  /** Secretary: applications waiting in a compound, oldest first. */
  'pass.pending': { req: Paged & { compoundId: string }; res: PageResult<PassView> };
  'pass.review': {
    req: { passId: string; decision: 'approve' | 'reject'; reason?: string; validDays?: number };
    res: PassView;
  };
  /**
   * Secretary: approve several pending applications at once. Every pass must be the caller's to see
   * (else NOT_FOUND naming `passIds.<i>`, nothing written); each is then approved on its own, and
   * one no longer pending is reported (`ok: false`) without stopping the rest. Retry-safe.
   */
  'pass.approveMany': {
    req: { passIds: string[]; validDays?: number };
    res: { approved: number; results: Array<{ passId: string; ok: true; pass: PassView } | { passId: string; ok: false; message: string }> };
  };
  'pass.revoke': { req: { passId: string; reason: string }; res: PassView };
  'pass.list': {
    req: Paged & { compoundId: string; status?: PassStatus; buildingId?: string };
    res: PageResult<PassView>;
  };
  /** Signs the credential for an approved pass and the key pair the phone made for it. */
  'pass.credential': {
    req: { passId: string; devicePublicKey: string };
    res: { credential: PassCredential; /** "<cred>.<ssig>", the signed part of the QR */ signed: string };
  };
  /** For verifier phones to cache: keys, revocations, the compound's visitor policy and registered plates. */
  /** The printable paper code (LFP1) for an approved pass; `replaces`: the serial of a lost or wrong card. */
  'pass.paper': { req: { passId: string; idTail: string; replaces?: number }; res: { code: string; credential: PaperCredential; pass: PassView } };
  'pass.trust': { req: { compoundId: string }; res: TrustBundle };
  /** Admin: make a new server key active; older keys stay trusted until their credentials expire. */
  'pass.rotateKey': { req: Record<string, never>; res: { kid: string } };

  'gate.list': { req: { compoundId: string }; res: { items: GateView[] } };
  /** One scan decided online by the server's clock (and recorded); `at`, the phone's time, is only kept. */
  'gate.check': {
    req: { gateId: string; event: Omit<GateEventInput, 'verdict' | 'reason' | 'at'> & { at?: number } };
    res: GateDecision;
  };
  /**
   * Events decided on the phone, in batches of ≤ 200; replaying a batch changes nothing.
   * `sentAt`: the phone's (corrected) now when sending, so the server can tell how far its clock is off.
   */
  'gate.sync': {
    req: { gateId: string; events: GateEventInput[]; sentAt?: number };
    res: { accepted: number; duplicates: number; results: GateDecision[] };
  };
  'gate.log': {
    req: Paged & {
      compoundId: string;
      gateId?: string;
      from?: number;
      to?: number;
      kind?: GateEventKind;
      verdict?: Verdict;
      direction?: Direction;
      /** Only residents let through by hand. */
      method?: 'manual';
    };
    /** today: decisions and manual entries (Asia/Shanghai day) in the compound. */
    res: PageResult<GateEventView> & { today: { allow: number; deny: number; manual: number } };
  };
  /**
   * A resident without a code: the approved passes of one household (building, unit, room) of the
   * compound, names masked, for the volunteer to match the person to and record a `manual` entry.
   */
  'gate.lookup': {
    req: { compoundId: string; buildingId: string; unit: string; room: string };
    res: { household: string; items: Array<{ passId: string; nameMasked: string; relation: PassRelation; validUntil: number }> };
  };
  /** Secretary: whether visitors may enter, and why. */
  'gate.policy': { req: { compoundId: string; visitorsAllowed: boolean; reason: string }; res: CompoundPolicy };

  'vehicle.register': {
    req: { compoundId: string; plate: string; ownerName: string; ownerPhone: string; buildingId?: string };
    res: VehicleView;
  };
  'vehicle.list': { req: Paged & { compoundId: string }; res: PageResult<VehicleView> };

  /** Staff and secretaries: one stored notice for a whole subtree. */
  'notice.publish': {
    req: {
      scopeOrgId: string;
      title: string;
      body: string;
      level: NoticeLevel;
      audience: NoticeAudience;
      requireAck: boolean;
      expiresAt?: number;
      /** Client-made: a retried publish with the same id is the same notice. */
      requestId?: string;
    };
    res: NoticeView;
  };
  /** The caller's notices from every ancestor of their nodes, for their audiences; unread first. */
  'notice.inbox': { req: Paged & { unreadOnly?: boolean }; res: PageResult<NoticeView> & { unread: number } };
  'notice.get': { req: { noticeId: string }; res: NoticeView };
  'notice.read': { req: { noticeId: string }; res: { readAt: number } };
  'notice.ack': { req: { noticeId: string }; res: { ackedAt: number } };
  /** Per child node: audience, read, acked; at a building, who has not read. */
  'notice.progress': { req: { noticeId: string; orgId?: string }; res: NoticeProgress };
  /** Notices published in the caller's subtree (for the staff page). */
  'notice.sent': { req: Paged & { orgId?: string }; res: PageResult<NoticeView> };

  /** Alerts in the caller's scope that the caller's roles act on; open first. */
  'alert.list': { req: Paged & { status?: 'open' | 'acked' | 'resolved' }; res: PageResult<AlertView> };
  'alert.ack': { req: { alertId: string }; res: AlertView };
  'alert.resolve': { req: { alertId: string; note: string }; res: AlertView };

  /** What wx.requestSubscribeMessage answered, per template. */
  /** `requestId` (client-made) makes a retried report count once; empty `answers` only reads the counts. */
  'message.subscribed': {
    req: { requestId: string; answers: Partial<Record<TemplateName, ConsentAnswer>> };
    res: ConsentSummary;
  };
  /** The caller's own pushes left per template (what the pages show beside 点此增加). */
  'message.quota': { req: Record<string, never>; res: ConsentSummary };
}

export type ActionName = keyof Actions;
export type ActionRequest<A extends ActionName> = Actions[A]['req'];
export type ActionResponse<A extends ActionName> = Actions[A]['res'];
