/**
 * A gate decision on the phone: `decideGate` (shared with the server) on the cached trust
 * bundle, nothing else — exactly as the server will re-make it when the event is synced.
 */
import type { GateEventInput, TrustBundle } from '../../typings/pass';
import type { GateContext, GateOutcome, ManualPass } from '../shared/gate/decide';
import { decideGate } from '../shared/gate/decide';
import { prepareTrust } from '../shared/pass/verify';
import { normalizePlate } from '../shared/plate';

/** What the volunteer scanned or typed in; `manual`: the pass a resident without a code was matched to (not sent). */
export type GateSubject = Pick<
  GateEventInput,
  'kind' | 'direction' | 'qr' | 'temperature' | 'temperatureBand' | 'plate' | 'person' | 'method' | 'passId' | 'manualReason' | 'idCheck'
> & { manual?: { pass: ManualPass; who: string; household: string } };

/** The last bundle prepared for deciding (its keys decoded, its plates in a set): one compound at a time. */
let prepared: { key: string; ctx: GateContext } | null = null;

function contextOf(bundle: TrustBundle): GateContext {
  const key = `${bundle.compoundId}|${bundle.version}|${bundle.issuedAt}`;
  if (prepared?.key !== key) {
    const ctx = {
      trust: prepareTrust(bundle),
      compoundId: bundle.compoundId,
      visitorsAllowed: bundle.visitorsAllowed,
      plates: new Set(bundle.plates.map(normalizePlate)),
    };
    prepared = { key, ctx };
  }
  return prepared.ctx;
}

/** The decision the phone makes from the cached bundle. */
export function decide(subject: GateSubject, at: number, bundle: TrustBundle): GateOutcome {
  return decideGate(
    {
      kind: subject.kind,
      direction: subject.direction,
      at,
      qr: subject.qr,
      temperature: subject.temperature,
      plate: subject.plate,
      idCheck: subject.idCheck,
      method: subject.method,
      pass: subject.manual?.pass,
    },
    contextOf(bundle),
  );
}

/**
 * The credential to show a name from: none when its signature was never checked (an unknown
 * key) — a forged code must not put a name on screen or in the log.
 */
export const shownCredential = (outcome: GateOutcome) => (outcome.reason === 'UNKNOWN_KEY' ? undefined : outcome.cred);
