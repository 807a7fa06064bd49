/**
 * The entry pass (出入证) and the gate. Types only.
 *
 * ## The QR text — format LF1
 *
 * ```
 * LF1.<cred>.<ssig>.<slot>.<dsig>
 * cred = base64url(UTF-8 JSON {"v":1,"kid","pid","cid","hh","nm","nbf","exp","dpk"})
 * ssig = base64url(Ed25519 by server key `kid` over the ASCII bytes of <cred>)
 * slot = floor(unix seconds / 30), decimal
 * dsig = base64url(Ed25519 by the device key over the ASCII bytes of "LF1|<pid>|<slot>")
 * ```
 * Base64url without padding. `cid` compound id, `hh` household label, `nm` masked name,
 * `nbf`/`exp` unix seconds, `dpk` the device public key (base64url, 32 bytes raw Ed25519).
 * The server signs `cred` once per (pass, device key) with `pass.credential`; the resident's
 * phone adds `slot` and `dsig` every 30 s, offline. A verifier accepts a code when, in order:
 * the text parses (BAD_FORMAT), `kid` is a known key (UNKNOWN_KEY), `ssig` verifies
 * (BAD_SIGNATURE), nbf ≤ now ≤ exp (EXPIRED — also before nbf), `cid` is the gate's compound
 * (OTHER_COMPOUND), `pid` is not revoked (REVOKED), |slot − now slot| ≤ 1 (STALE_CODE), and
 * `dsig` verifies with `dpk` (BAD_DEVICE_SIGNATURE). Typical length ≈ 420 chars; at most 450.
 *
 * ## The paper pass — format LFP1 (离线出入证)
 *
 * ```
 * LFP1.<cred>.<ssig>
 * cred = base64url(UTF-8 JSON {"v":1,"kid","pid","cid","hh","nm","nbf","exp","paper":1,"ps","idt"})
 * ssig = base64url(Ed25519 by server key `kid` over the ASCII bytes of <cred>), as LF1
 * ```
 * For a person without a phone: printed once, the same text every time, valid ≤ 180 days (and
 * never past the pass's own validity). The LF1 fields without `dpk`, plus `paper` (always 1),
 * `ps` the paper serial (1, 2, … per pass: issuing a new paper code for a pass raises it) and
 * `idt` the last 4 characters of the holder's ID card (`^[0-9]{3}[0-9X]$`). What a phone's device
 * signature proves for LF1, the ID card proves here: the volunteer compares `idt` with the card.
 * A verifier checks, in order: the text parses (BAD_FORMAT), `kid` is known (UNKNOWN_KEY), `ssig`
 * verifies (BAD_SIGNATURE), nbf ≤ now ≤ exp (EXPIRED), `cid` is the gate's compound
 * (OTHER_COMPOUND), `pid` is not revoked (REVOKED), and `ps` is not below the bundle's
 * `paperSerials[pid]` (REPLACED: a newer paper code was issued, this printed one is void). The
 * gate decision then wants the volunteer's ID check: ID_NOT_CHECKED until it is confirmed,
 * ID_MISMATCH when the card does not match. Typical length ≈ 290 chars; at most 400.
 */

/** The signed credential, as encoded in <cred>. */
export interface PassCredential {
  v: 1;
  kid: string;
  /** pass id */
  pid: string;
  /** compound id */
  cid: string;
  /** household label, e.g. "3号楼2单元301" */
  hh: string;
  /** masked name, e.g. "张*" */
  nm: string;
  /** valid from, unix seconds */
  nbf: number;
  /** valid until, unix seconds */
  exp: number;
  /** device public key, base64url of 32 raw bytes */
  dpk: string;
}

/** The signed credential of a paper pass (LFP1), as encoded in its <cred>. */
export interface PaperCredential extends Omit<PassCredential, 'dpk'> {
  paper: 1;
  /** paper serial: a lower one than the bundle's `paperSerials[pid]` is void */
  ps: number;
  /** last 4 characters of the ID card, e.g. "123X" */
  idt: string;
}

/** Either credential, as a verifier hands it on (name, household, pass id). */
export type AnyCredential = PassCredential | PaperCredential;

/** Why a scanned code is refused; each has a plain Chinese explanation on the scan page. */
export type VerifyReason =
  'BAD_FORMAT' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | 'EXPIRED' | 'OTHER_COMPOUND' | 'REVOKED' | 'REPLACED' | 'STALE_CODE' | 'BAD_DEVICE_SIGNATURE';

/** Why a gate decision denies entry beyond the pass itself. */
export type GateDenyReason =
  VerifyReason | 'ID_NOT_CHECKED' | 'ID_MISMATCH' | 'FEVER' | 'COURIER' | 'VISITOR_NOT_ALLOWED' | 'VEHICLE_NOT_REGISTERED' | 'NO_PASS';

/** The volunteer's check of a paper pass holder's ID card against the code's `idt`. */
export type IdCheck = 'confirmed' | 'mismatch';

/** What a verifier phone caches: the active public keys and the compound's revocation list. */
export interface TrustBundle {
  compoundId: string;
  keys: Array<{ kid: string; publicKey: string }>;
  /** Revoked pass ids of this compound that have not expired yet. */
  revoked: string[];
  /**
   * Pass id → its current paper serial, for passes whose paper code was issued more than once:
   * paper codes with a lower serial are void (REPLACED). Absent in bundles cached before paper passes.
   */
  paperSerials?: Record<string, number>;
  /** Grows with every revocation in the compound; a phone refreshes when it changes. */
  version: number;
  /** When the server built this bundle, unix ms. */
  issuedAt: number;
  /** The compound's visitor policy, so visitor decisions work offline. */
  visitorsAllowed: boolean;
  /** Registered plates (normalised), so vehicle decisions work offline. */
  plates: string[];
}

export type PassStatus = 'pending' | 'approved' | 'rejected' | 'revoked' | 'expired';

export interface PassView {
  id: string;
  compoundId: string;
  compoundName: string;
  buildingId: string;
  /** household label, e.g. "3号楼2单元301" */
  household: string;
  /** masked name of the person the pass is for */
  nameMasked: string;
  relation: PassRelation;
  reason: string;
  status: PassStatus;
  /** Why it was rejected or revoked. */
  statusReason?: string;
  /** Validity once approved, unix ms. */
  validFrom?: number;
  validUntil?: number;
  createdAt: number;
  reviewedAt?: number;
  /** The paper code (离线出入证) currently issued for this pass, if any. */
  paper?: PaperView;
}

export interface PaperView {
  /** Serial of the current paper code; issuing again raises it and voids the old card. */
  serial: number;
  /** Last 4 characters of the ID card the code is checked against. */
  idTail: string;
  issuedAt: number;
  /** Validity of the paper code, unix ms. */
  validFrom: number;
  validUntil: number;
}

export type PassRelation = 'self' | 'family' | 'tenant' | 'caregiver';

export type GateEventKind = 'resident' | 'visitor' | 'courier' | 'vehicle';

/**
 * Why the server doubts a phone's time for an event (stored all the same): 'future', stamped
 * more than 2 minutes after the server's now; 'skewed', the phone's clock was more than 2
 * minutes off the server's when it sent the event.
 */
export type ClockFlag = 'future' | 'skewed';
export type Direction = 'in' | 'out';

/**
 * How a resident was checked: by their pass QR (the default) or by hand (`manual`): looked up by
 * household (gate.lookup) when they have no code, the volunteer checking the person.
 */
export type GateMethod = 'qr' | 'manual';

/**
 * The thermometer showed normal (< 37.3 ℃) and the volunteer tapped 正常 instead of typing the
 * reading: recorded as a band, never as a number.
 */
export type TemperatureBand = 'normal';

export type Verdict = 'allow' | 'deny';

/** One decision at a gate, made on the volunteer's phone (possibly offline). */
export interface GateEventInput {
  /** Made by the phone (uuid); the same id twice is the same event. */
  id: string;
  /** When the phone decided, unix ms, by its clock (corrected by the server's time where it had it). */
  at: number;
  kind: GateEventKind;
  direction: Direction;
  /** resident: the scanned QR text */
  qr?: string;
  /** °C, 35.0–42.0, entered by the volunteer (entries of people need it or `temperatureBand`) */
  temperature?: number;
  /** 正常 tapped instead of a reading (never together with `temperature`). */
  temperatureBand?: TemperatureBand;
  /** resident: 'manual' when looked up by household instead of scanned (then `passId` and `manualReason`, no `qr`). */
  method?: GateMethod;
  /** manual: the pass the volunteer matched the person to. */
  passId?: string;
  /** manual: why there was no code, in Chinese (picked from the phone's short list, or typed). */
  manualReason?: string;
  /** vehicle: the plate, e.g. "陕H12345" or new-energy "陕HD12345" */
  plate?: string;
  /** courier / delivery rider, or visitor */
  person?: { name?: string; phone?: string; company?: string; courierKind?: 'courier' | 'delivery' };
  verdict: Verdict;
  reason?: GateDenyReason;
  /** A paper pass: the volunteer's check of the ID card's last 4 characters. */
  idCheck?: IdCheck;
}

export interface GateEventView {
  id: string;
  gateId: string;
  /** When it happened as the server places it (see ClockFlag). */
  at: number;
  /** What the phone stamped, where it differs from `at`. */
  phoneAt?: number;
  /** The phone's time for this event is doubtful. */
  clockFlag?: ClockFlag;
  kind: GateEventKind;
  direction: Direction;
  /** masked name for residents and visitors */
  who?: string;
  household?: string;
  company?: string;
  phoneMasked?: string;
  plate?: string;
  temperature?: number;
  temperatureBand?: TemperatureBand;
  method?: GateMethod;
  manualReason?: string;
  phoneVerdict: Verdict;
  phoneReason?: GateDenyReason;
  /** The server's own verdict after re-verifying. */
  verdict: Verdict;
  reason?: GateDenyReason;
  /** The phone and the server disagreed. */
  mismatch: boolean;
  volunteer: string;
  /** A paper pass (LFP1) was scanned, and how the volunteer checked the ID card. */
  paper?: true;
  idCheck?: IdCheck;
}

export interface GateView {
  id: string;
  compoundId: string;
  name: string;
}

export interface CompoundPolicy {
  compoundId: string;
  visitorsAllowed: boolean;
  reason: string;
  updatedAt: number;
}

export interface VehicleView {
  plate: string;
  compoundId: string;
  /** Full for overseers of the compound, masked for its volunteers. */
  ownerName: string;
  ownerPhoneMasked: string;
  household?: string;
  createdAt: number;
}
