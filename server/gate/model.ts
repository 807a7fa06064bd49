import type { ClockFlag, Direction, GateDenyReason, GateEventKind, GateEventView, Verdict } from '../../typings/pass';

export type GateDoc = {
  _id: string;
  _v?: number;
  compoundId: string;
  /** The compound's ancestors, root first. */
  compoundPath: string[];
  name: string;
  order: number;
};

export type GateEventDoc = {
  _id: string; // `${gateId}:${client id}`
  _v?: number;
  clientId: string;
  gateId: string;
  compoundId: string;
  /** When it happened as the server places it (server/gate/clock.ts). */
  at: number;
  /** The phone's stamp, where it differs from `at`. */
  phoneAt?: number;
  clockFlag?: ClockFlag;
  /** Asia/Shanghai day of `at`, for today's counts */
  day: string;
  kind: GateEventKind;
  direction: Direction;
  passId?: string;
  who?: string;
  household?: string;
  company?: string;
  courierKind?: 'courier' | 'delivery';
  phoneMasked?: string;
  plate?: string;
  temperature?: number;
  phoneVerdict: Verdict;
  phoneReason?: GateDenyReason;
  verdict: Verdict;
  reason?: GateDenyReason;
  mismatch: boolean;
  volunteer: string;
  receivedAt: number;
};

export function toGateEventView(e: GateEventDoc): GateEventView {
  const v: GateEventView = {
    id: e.clientId,
    gateId: e.gateId,
    at: e.at,
    kind: e.kind,
    direction: e.direction,
    phoneVerdict: e.phoneVerdict,
    verdict: e.verdict,
    mismatch: e.mismatch,
    volunteer: e.volunteer,
  };
  for (const k of ['phoneAt', 'clockFlag', 'who', 'household', 'company', 'phoneMasked', 'plate', 'temperature', 'phoneReason', 'reason'] as const) {
    if (e[k] !== undefined) (v as unknown as Record<string, unknown>)[k] = e[k];
  }
  return v;
}

declare module '../store/port' {
  interface Collections {
    gates: GateDoc;
    gateEvents: GateEventDoc;
  }
}
