/**
 * The gate in Chinese: kinds of event, directions, verdicts, couriers, and why a decision
 * denied. Main package: the volunteer's gate and the secretary's gate log both use it.
 */
import type { Direction, GateDenyReason, GateEventInput, GateEventKind, Verdict, VerifyReason } from '../../typings/pass';
import { GATE_REASON_TEXT } from '../shared/gate/decide';
import { VERIFY_REASON_TEXT } from '../shared/pass/verify';

export type CourierKind = NonNullable<NonNullable<GateEventInput['person']>['courierKind']>;

export const KIND_LABELS: Record<GateEventKind, string> = { resident: '居民', visitor: '访客', courier: '快递外卖', vehicle: '车辆' };
export const DIRECTION_LABELS: Record<Direction, string> = { in: '进', out: '出' };
export const VERDICT_LABELS: Record<Verdict, string> = { allow: '放行', deny: '禁止通行' };
export const COURIER_KIND_LABELS: Record<CourierKind, string> = { courier: '快递', delivery: '外卖' };

/** Why a decision denied, in plain Chinese ('' for none). */
export function reasonText(reason?: GateDenyReason): string {
  if (!reason) return '';
  return (VERIFY_REASON_TEXT as Record<string, string>)[reason as VerifyReason] ?? GATE_REASON_TEXT[reason as keyof typeof GATE_REASON_TEXT] ?? reason;
}
