/**
 * Per-compound gate state: the visitor policy and the version of what verifier phones cache
 * (keys, revocations, policy, plates). Anything that changes the cache bumps the version.
 */
import type { TrustBundle } from '../../typings/pass';
import { trustedKeys } from '../pass/keys';
import type { Store, TxStore } from '../store/port';
import { StoreConflictError } from '../store/port';

export type CompoundGateDoc = {
  _id: string; // compound id
  _v?: number;
  version: number;
  visitorsAllowed: boolean;
  policyReason?: string;
  policyUpdatedAt?: number;
  policyBy?: string;
  /**
   * Passes whose paper code was issued again: pass id → the current serial (older printed codes
   * are void) and until when that matters (the paper code's end). Kept here, not queried, so the
   * bundle costs no extra read; entries past their end are dropped on the next replacement.
   */
  paperSerials?: Record<string, { serial: number; until: number }>;
};

declare module '../store/port' {
  interface Collections {
    compoundGate: CompoundGateDoc;
  }
}

/** Bumps the version (creating the document, visitors denied, if it is new) and applies `patch`. */
export async function bumpCompoundGate(tx: TxStore, compoundId: string, patch: Partial<CompoundGateDoc> = {}): Promise<void> {
  const doc = await tx.get('compoundGate', compoundId);
  if (!doc) {
    await tx.insert('compoundGate', { _id: compoundId, version: 1, visitorsAllowed: false, ...patch });
    return;
  }
  if (!(await tx.update('compoundGate', compoundId, { ...patch, version: doc.version + 1 }, { version: doc._v }))) {
    throw new StoreConflictError('compoundGate', compoundId);
  }
}

/** Records that `passId`'s paper codes below `serial` are void (until `until`), bumping the version. */
export async function replacePaper(tx: TxStore, compoundId: string, passId: string, serial: number, until: number, now: number): Promise<void> {
  const doc = await tx.get('compoundGate', compoundId);
  const live = Object.entries(doc?.paperSerials ?? {}).filter(([, e]) => e.until > now);
  await bumpCompoundGate(tx, compoundId, { paperSerials: Object.fromEntries([...live, [passId, { serial, until }]]) });
}

/** Everything a verifier phone caches for a compound. Four reads. */
export async function loadTrustBundle(store: Store, compoundId: string, now: number): Promise<TrustBundle> {
  const [keys, revoked, gate, vehicles] = await Promise.all([
    trustedKeys(store, now),
    store.query('passes', { where: { compoundId, status: 'revoked' }, orderBy: [{ field: 'createdAt' }], limit: 1000 }),
    store.get('compoundGate', compoundId),
    store.query('vehicles', { where: { compoundId }, orderBy: [{ field: 'plate' }], limit: 1000 }),
  ]);
  return {
    compoundId,
    keys,
    revoked: revoked.items.filter((p) => (p.validUntil ?? 0) > now).map((p) => p._id),
    paperSerials: Object.fromEntries(
      Object.entries(gate?.paperSerials ?? {})
        .filter(([, e]) => e.until > now)
        .map(([pid, e]) => [pid, e.serial]),
    ),
    version: gate?.version ?? 0,
    issuedAt: now,
    visitorsAllowed: gate?.visitorsAllowed ?? false,
    plates: vehicles.items.map((v) => v.plate),
  };
}
