/**
 * Turning phone-made gate events into stored records: the server re-decides each event with
 * the same shared code the phone ran, keeps both verdicts, and raises a fever alert for the
 * compound's secretary. Everything is keyed by the client's event id, so a replay writes nothing.
 */
import type { GateDecision } from '../../typings/api';
import type { GateEventInput, TrustBundle } from '../../typings/pass';
import { decideGate, type GateContext, type ManualPass } from '../../miniprogram/shared/gate/decide';
import { normalizePlate } from '../../miniprogram/shared/plate';
import { isPaperCredential, prepareTrust } from '../../miniprogram/shared/pass/verify';
import { maskName, maskPhone } from '../core/mask';
import { nativeSignatureCheck } from '../pass/native-verify';
import { dayOf } from '../core/time';
import { raiseAlerts } from '../alerts/model';
import { StoreConflictError, type Store } from '../store/port';
import { bumpDaily } from '../stats/model';
import type { EventTime } from './clock';
import type { GateDoc, GateEventDoc } from './model';

/** What the shared gate decision needs, from a compound's trust bundle (verified with Node's native Ed25519). */
export function decisionContext(bundle: TrustBundle): GateContext {
  return {
    trust: prepareTrust(bundle, nativeSignatureCheck),
    compoundId: bundle.compoundId,
    visitorsAllowed: bundle.visitorsAllowed,
    plates: new Set(bundle.plates),
  };
}

/** A pass a resident was matched to by hand, as the decision and the record need it. */
export interface MatchedPass {
  pass: ManualPass;
  /** Masked, as everywhere at the gate. */
  who: string;
  household: string;
}

/**
 * The passes named by manual events, those of the gate's compound only: another compound's pass
 * decides as a missing one (NO_PASS), so an id tells nothing about who holds it. The stored status:
 * expiry is judged at the event's own time by the shared decision. One read.
 */
export async function matchedPasses(store: Store, gate: GateDoc, events: ReadonlyArray<Pick<GateEventInput, 'method' | 'passId'>>) {
  const ids = [...new Set(events.flatMap((e) => (e.method === 'manual' && e.passId ? [e.passId] : [])))];
  const docs = ids.length ? await store.getMany('passes', ids) : [];
  const out = new Map<string, MatchedPass>();
  for (const p of docs) {
    if (p.compoundId !== gate.compoundId) continue;
    const pass: ManualPass = { id: p._id, compoundId: p.compoundId, status: p.status, ...(p.validUntil !== undefined ? { validUntil: p.validUntil } : {}) };
    out.set(p._id, { pass, who: maskName(p.name), household: p.household });
  }
  return out;
}

/** The stored record of one event, decided again at `time.at` (the server's view of when it happened). */
export function toEventDoc(
  gate: GateDoc,
  e: Omit<GateEventInput, 'at'>,
  time: EventTime,
  ctx: GateContext,
  volunteer: string,
  now: number,
  passes: ReadonlyMap<string, MatchedPass> = new Map(),
): GateEventDoc {
  const matched = e.method === 'manual' && e.passId ? passes.get(e.passId) : undefined;
  const outcome = decideGate({ ...e, at: time.at, pass: matched?.pass }, ctx);
  const doc: GateEventDoc = {
    _id: `${gate._id}:${e.id}`,
    clientId: e.id,
    gateId: gate._id,
    compoundId: gate.compoundId,
    at: time.at,
    ...(time.phoneAt !== undefined ? { phoneAt: time.phoneAt } : {}),
    ...(time.clockFlag ? { clockFlag: time.clockFlag } : {}),
    day: dayOf(time.at),
    kind: e.kind,
    direction: e.direction,
    phoneVerdict: e.verdict,
    verdict: outcome.verdict,
    mismatch: e.verdict !== outcome.verdict,
    volunteer,
    receivedAt: now,
  };
  if (e.reason) doc.phoneReason = e.reason;
  if (outcome.reason) doc.reason = outcome.reason;
  if (e.temperature !== undefined) doc.temperature = e.temperature;
  if (e.temperatureBand) doc.temperatureBand = e.temperatureBand;
  if (e.method === 'manual') Object.assign(doc, { method: 'manual', manualReason: e.manualReason, passId: e.passId });
  if (matched) Object.assign(doc, { who: matched.who, household: matched.household });
  if (outcome.cred) Object.assign(doc, { passId: outcome.cred.pid, who: outcome.cred.nm, household: outcome.cred.hh });
  // A paper pass: recorded as such, with what the volunteer found checking the ID card.
  if (isPaperCredential(outcome.cred)) {
    doc.paper = true;
    if (e.idCheck) doc.idCheck = e.idCheck;
  }
  if (e.plate) doc.plate = normalizePlate(e.plate);
  const p = e.person;
  if (p?.name) doc.who = maskName(p.name);
  if (p?.phone) doc.phoneMasked = maskPhone(p.phone);
  if (p?.company) doc.company = p.company;
  if (p?.courierKind) doc.courierKind = p.courierKind;
  return doc;
}

export const toDecision = (d: GateEventDoc): GateDecision => {
  const out: GateDecision = { id: d.clientId, verdict: d.verdict, mismatch: d.mismatch };
  if (d.reason) out.reason = d.reason;
  if (d.who) out.who = d.who;
  if (d.household) out.household = d.household;
  return out;
};

/** What a batch of fresh events adds to its compound's counters, per day. */
export function gateFigures(docs: readonly GateEventDoc[]): Map<string, { gateIn: number; gateDenied: number; gateFever: number }> {
  const out = new Map<string, { gateIn: number; gateDenied: number; gateFever: number }>();
  for (const d of docs) {
    const f = out.get(d.day) ?? { gateIn: 0, gateDenied: 0, gateFever: 0 };
    if (d.verdict === 'allow' && d.direction === 'in') f.gateIn++;
    if (d.verdict === 'deny') f.gateDenied++;
    if (d.reason === 'FEVER') f.gateFever++;
    out.set(d.day, f);
  }
  return out;
}

/**
 * Inserts the events not stored yet together with their compound's day counters, in one
 * transaction: a replay finds them all stored and writes nothing. Returns the events as stored
 * (a replayed one as first stored) and how many were new.
 */
async function insertFresh(store: Store, gate: GateDoc, docs: GateEventDoc[]): Promise<{ stored: GateEventDoc[]; accepted: number }> {
  const lineage = [...gate.compoundPath, gate.compoundId];
  for (let attempt = 0; ; attempt++) {
    const ids = docs.map((d) => d._id);
    const existing = new Map((await store.getMany('gateEvents', ids)).map((d) => [d._id, d]));
    const fresh = docs.filter((d) => !existing.has(d._id));
    try {
      if (fresh.length) {
        await store.transaction(async (tx) => {
          for (const d of fresh) await tx.insert('gateEvents', d);
          for (const [day, figures] of gateFigures(fresh)) await bumpDaily(tx, lineage, day, figures);
        });
      }
      return { stored: docs.map((d) => existing.get(d._id) ?? d), accepted: fresh.length };
    } catch (err) {
      // Another phone stored one of them meanwhile: look again.
      if (!(err instanceof StoreConflictError) || attempt >= 3) throw err;
    }
  }
}

/**
 * Stores the events (skipping ones already stored) with their counters, then their fever alerts.
 * Returns the decisions as stored — for replayed events, the first verdict.
 */
export async function storeEvents(store: Store, gate: GateDoc, docs: GateEventDoc[], now: number) {
  const { stored, accepted } = await insertFresh(store, gate, docs);
  const fevers = stored.filter((d) => d.direction === 'in' && d.reason === 'FEVER');
  if (fevers.length) {
    await raiseAlerts(
      store,
      fevers.map((d) => ({
        key: `gate.fever:${d._id}`,
        kind: 'gate.fever',
        severity: 'high',
        orgId: gate.compoundId,
        by: { openid: d.volunteer },
        note: `${gate.name} 测得 ${d.temperature}℃`,
        data: { gateId: gate._id, gateName: gate.name, at: d.at, temperature: d.temperature, who: d.who ?? null, household: d.household ?? null },
      })),
      now,
    );
  }
  return { accepted, duplicates: docs.length - accepted, results: stored.map(toDecision) };
}
