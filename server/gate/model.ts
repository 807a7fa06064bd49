import type { GateEventView, GateView } from '../../typings/pass';

export type GateDoc = Omit<GateView, 'id'> & {
  _id: string;
  _v?: number;
  /** The compound's ancestors, root first. */
  compoundPath: string[];
  order: number;
};

/** The view's fields (`at` as the server places it: server/gate/clock.ts), and what only the server keeps. */
export type GateEventDoc = Omit<GateEventView, 'id'> & {
  _id: string; // `${gateId}:${client id}`
  _v?: number;
  clientId: string;
  compoundId: string;
  /** Asia/Shanghai day of `at`, for today's counts */
  day: string;
  passId?: string;
  courierKind?: 'courier' | 'delivery';
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
  const optional = [
    'phoneAt',
    'clockFlag',
    'who',
    'household',
    'company',
    'phoneMasked',
    'plate',
    'temperature',
    'temperatureBand',
    'method',
    'manualReason',
    'phoneReason',
    'reason',
    'paper',
    'idCheck',
  ] as const;
  for (const k of optional) {
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
