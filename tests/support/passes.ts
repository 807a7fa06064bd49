/** A real pass, end to end: a resident applies, the secretary approves, the phone gets a signed credential. */
import type { TrustBundle } from '../../typings/pass';
import { currentQr, deviceKeyFromSeed } from '../../miniprogram/shared/pass/device';
import type { Harness } from './harness';

export interface IssuedPass {
  passId: string;
  signed: string;
  seed: Uint8Array;
  /** The QR text the resident's phone shows at `ms`. */
  qrAt(ms: number): string;
}

export function seedOf(n: number): Uint8Array {
  return new Uint8Array(32).map((_, i) => (n * 31 + i * 7) & 255);
}

export async function issuePass(h: Harness, resident = 'demo-resident-1', opts: { reason?: string; device?: number } = {}): Promise<IssuedPass> {
  const applied = await h.ok(resident, 'pass.apply', { relation: 'self', reason: opts.reason ?? '居家生活' });
  await h.ok('demo-secretary', 'pass.review', { passId: applied.id, decision: 'approve' });
  const seed = seedOf(opts.device ?? 1);
  const device = deviceKeyFromSeed(seed);
  const { signed } = await h.ok(resident, 'pass.credential', { passId: applied.id, devicePublicKey: device.publicKey });
  return { passId: applied.id, signed, seed, qrAt: (ms) => currentQr(signed, applied.id, seed, ms) };
}

export const trustFor = (h: Harness, compoundId = 'sz-s1-c01-x01'): Promise<TrustBundle> => h.ok('demo-volunteer-1', 'pass.trust', { compoundId });
