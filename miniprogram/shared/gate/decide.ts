/**
 * One gate decision, made the same way on the volunteer's phone (offline, from the cached
 * trust bundle) and on the server (re-verifying a synced event).
 *
 *  - resident: the pass QR must verify; entering with ≥ 37.3 °C is denied (FEVER); a paper
 *    code (LFP1) also wants the volunteer to have checked the ID card's last 4 characters
 *    (ID_NOT_CHECKED until confirmed — the scan page asks — ID_MISMATCH when they differ);
 *  - resident checked by hand (`method: 'manual'`, no code): the pass the volunteer matched them
 *    to must be this compound's, approved, unexpired and not revoked; fever denies too;
 *  - visitor: entering only if the compound's policy allows visitors; fever denies too;
 *  - courier / delivery rider: never enters (COURIER) — recorded and turned away;
 *  - vehicle: in or out only with a registered plate (落杆管理).
 */
import type { AnyCredential, Direction, GateDenyReason, GateEventKind, GateMethod, IdCheck, PassStatus, Verdict, VerifyReason } from '../../../typings/pass';
import { normalizePlate } from '../plate';
import { isPaperCredential, verifyPassQr, type Trust } from '../pass/verify';

export const FEVER_AT = 37.3;
export const TEMPERATURE_MIN = 35.0;
export const TEMPERATURE_MAX = 42.0;

export interface GateContext {
  trust: Trust;
  compoundId: string;
  visitorsAllowed: boolean;
  /** Registered plates, normalised. */
  plates: Set<string>;
}

/** The pass a resident without a code was matched to, as the server holds it (or its lookup answered). */
export interface ManualPass {
  id: string;
  compoundId: string;
  status: PassStatus;
  validUntil?: number;
}

export interface GateScan {
  kind: GateEventKind;
  direction: Direction;
  at: number;
  method?: GateMethod;
  /** manual: the matched pass; none when it does not exist (or is not the caller's to see). */
  pass?: ManualPass;
  qr?: string;
  temperature?: number;
  plate?: string;
  /** A paper pass: what the volunteer found comparing the ID card with the code. */
  idCheck?: IdCheck;
}

export interface GateOutcome {
  verdict: Verdict;
  reason?: GateDenyReason;
  /** The verified (or at least signature-checked) credential, for names on screen and in the log. */
  cred?: AnyCredential;
  fever: boolean;
}

/** The ID tail the volunteer must compare, when this outcome waits for that check. */
export const idTailToCheck = (o: GateOutcome): string | null => (o.reason === 'ID_NOT_CHECKED' && isPaperCredential(o.cred) ? o.cred.idt : null);

export function decideGate(scan: GateScan, ctx: GateContext): GateOutcome {
  const fever = scan.direction === 'in' && scan.temperature !== undefined && scan.temperature >= FEVER_AT;
  switch (scan.kind) {
    case 'resident': {
      if (scan.method === 'manual') return decideManual(scan.pass, scan.at, ctx, fever);
      const v = verifyPassQr(scan.qr ?? '', { trust: ctx.trust, compoundId: ctx.compoundId, nowMs: scan.at });
      if (!v.ok) return { verdict: 'deny', reason: v.reason, cred: v.cred, fever };
      if (fever) return { verdict: 'deny', reason: 'FEVER', cred: v.cred, fever };
      if (isPaperCredential(v.cred) && scan.idCheck !== 'confirmed') {
        return { verdict: 'deny', reason: scan.idCheck === 'mismatch' ? 'ID_MISMATCH' : 'ID_NOT_CHECKED', cred: v.cred, fever };
      }
      return { verdict: 'allow', cred: v.cred, fever };
    }
    case 'visitor':
      if (scan.direction === 'in' && !ctx.visitorsAllowed) return { verdict: 'deny', reason: 'VISITOR_NOT_ALLOWED', fever };
      return fever ? { verdict: 'deny', reason: 'FEVER', fever } : { verdict: 'allow', fever };
    case 'courier':
      return scan.direction === 'in' ? { verdict: 'deny', reason: 'COURIER', fever } : { verdict: 'allow', fever };
    case 'vehicle':
      return ctx.plates.has(normalizePlate(scan.plate ?? ''))
        ? { verdict: 'allow', fever: false }
        : { verdict: 'deny', reason: 'VEHICLE_NOT_REGISTERED', fever: false };
  }
}

function decideManual(pass: ManualPass | undefined, at: number, ctx: GateContext, fever: boolean): GateOutcome {
  const deny = (reason: GateDenyReason): GateOutcome => ({ verdict: 'deny', reason, fever });
  if (!pass || pass.compoundId !== ctx.compoundId) return deny('NO_PASS');
  if (pass.status === 'revoked' || ctx.trust.revoked.has(pass.id)) return deny('REVOKED');
  if (pass.status === 'expired' || (pass.status === 'approved' && (pass.validUntil ?? 0) < at)) return deny('EXPIRED');
  if (pass.status !== 'approved') return deny('NO_PASS');
  return fever ? deny('FEVER') : { verdict: 'allow', fever };
}

export const GATE_REASON_TEXT: Record<Exclude<GateDenyReason, VerifyReason>, string> = {
  ID_NOT_CHECKED: '离线出入证须核对身份证尾号后放行',
  ID_MISMATCH: '身份证尾号与离线出入证不符，不予放行',
  FEVER: '体温异常（≥ 37.3 ℃），请勿放行，已通知小区书记',
  COURIER: '快递、外卖人员一律不得进入小区，请在门口交接',
  VISITOR_NOT_ALLOWED: '本小区目前谢绝访客',
  VEHICLE_NOT_REGISTERED: '车辆未登记，不予抬杆',
  NO_PASS: '该住户没有这个人的有效出入证，请让其先申请',
};
