/**
 * Gate figures: offline verification with the exact bundle the phone runs, online
 * gate.check through the local runtime and the ratio of the two, gate.sync ingest rate,
 * database operations per gate event, and the QR length.
 */
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GateEventInput, TrustBundle } from '../typings/pass';
import type * as PhoneDevice from '../miniprogram/shared/pass/device';
import type * as PhoneVerify from '../miniprogram/shared/pass/verify';
import { systemClock } from '../server/core/clock';
import { COLLECTIONS, FUNCTIONS } from '../server/app';
import { createApp, type App } from '../server/runtime/dispatch';
import { seedDistrict } from '../server/seed/seed';
import type { Meter } from '../server/store/metered';
import { openSqliteStore } from '../server/store/sqlite';
import { startRuntime } from '../tests/support/runtime-process';
import { percentile, type Figure } from './figures';

const COMPOUND = 'sz-s1-c01-x01';
const GATE = 'sz-s1-c01-x01-g1';

type PhoneVerifier = typeof PhoneVerify & typeof PhoneDevice;

/** The phone's code as one bundle (the shared verifier + vendored Ed25519), built like a page would ship it. */
async function phoneBundle(): Promise<PhoneVerifier> {
  const dir = mkdtempSync(join(tmpdir(), 'lianfang-phone-'));
  const outfile = join(dir, 'phone.js');
  await build({
    stdin: {
      contents: "export * from './miniprogram/shared/pass/verify'; export * from './miniprogram/shared/pass/device';",
      resolveDir: join(__dirname, '..'),
      loader: 'ts',
    },
    bundle: true,
    format: 'cjs',
    target: 'es2020',
    platform: 'neutral',
    outfile,
    logLevel: 'warning',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- load the built bundle as the phone would
  return require(outfile);
}

async function call(app: App, openid: string, action: string, data: unknown, meter?: Meter) {
  const r = await app.call(action.split('.')[0], { action, data }, openid, { meter });
  if (!r.ok) throw new Error(`${action}: ${r.error.code} ${r.error.message}`);
  return r.data as never;
}

export async function gate(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'lianfang-bench-gate-'));
  const store = openSqliteStore({ file: join(dataDir, 'lianfang.db'), collections: COLLECTIONS });
  await seedDistrict(store);
  const app = createApp({ store, clock: systemClock, functions: FUNCTIONS });
  const phone = await phoneBundle();

  // A real pass: apply, approve, credential for a device key made "on the phone".
  const applied: { id: string } = await call(app, 'demo-resident-1', 'pass.apply', { relation: 'self', reason: '居家生活' });
  await call(app, 'demo-secretary', 'pass.review', { passId: applied.id, decision: 'approve' });
  const device = phone.deviceKeyFromSeed(new Uint8Array(32).fill(42));
  const { signed }: { signed: string } = await call(app, 'demo-resident-1', 'pass.credential', { passId: applied.id, devicePublicKey: device.publicKey });
  const bundle: TrustBundle = await call(app, 'demo-volunteer-1', 'pass.trust', { compoundId: COMPOUND });
  const qrNow = () => phone.currentQr(signed, applied.id, device.secret, Date.now());

  // 1. Offline verification on the phone: parse + both signatures, exact bundle.
  const trust = phone.prepareTrust(bundle);
  /** Milliseconds per verification of `code` by the phone's bundle, sorted (after a warm-up). */
  const verifyTimes = (code: string): number[] => {
    for (let i = 0; i < 200; i++) phone.verifyPassQr(code, { trust, compoundId: COMPOUND, nowMs: Date.now() });
    const times: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t = process.hrtime.bigint();
      const r = phone.verifyPassQr(code, { trust, compoundId: COMPOUND, nowMs: Date.now() });
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (!r.ok) throw new Error(`offline verify failed: ${r.reason}`);
    }
    return times.sort((a, b) => a - b);
  };
  const sample = qrNow();
  const offline = verifyTimes(sample);
  const offlineMedian = percentile(offline, 50);
  figures.push({ name: 'offline verify (phone code): median', measured: offlineMedian, unit: 'ms', budget: { op: '<=', value: 3 } });
  figures.push({ name: 'offline verify (phone code): p95', measured: percentile(offline, 95), unit: 'ms' });

  // The printed paper code (LFP1) for the same pass: one signature, no device.
  const { code: paper }: { code: string } = await call(app, 'demo-resident-1', 'pass.paper', { passId: applied.id, idTail: '123X' });
  const paperTimes = verifyTimes(paper);
  figures.push({ name: 'offline verify (paper code): median', measured: percentile(paperTimes, 50), unit: 'ms', budget: { op: '<=', value: 3 } });
  figures.push({ name: 'offline verify (paper code): p95', measured: percentile(paperTimes, 95), unit: 'ms' });

  // 2. QR length with a long-ish Chinese household label and masked name.
  figures.push({ name: 'QR length (typical pass)', measured: sample.length, unit: 'chars', budget: { op: '<=', value: 450 } });
  figures.push({ name: 'QR length (paper code)', measured: paper.length, unit: 'chars', budget: { op: '<=', value: 400 } });

  // 3. Database operations per event for a synced batch of 200 (amortised), and the marginal reads.
  let seq = 0;
  const event = (at = Date.now()): GateEventInput => ({
    id: `bench-${++seq}-${at}`,
    at,
    kind: 'resident',
    direction: 'in',
    qr: qrNow(),
    temperature: 36.5,
    verdict: 'allow',
  });
  const meterOf = async (n: number) => {
    const meter: Meter = { reads: 0, writes: 0 };
    await call(app, 'demo-volunteer-1', 'gate.sync', { gateId: GATE, events: Array.from({ length: n }, () => event()) }, meter);
    return meter;
  };
  const one = await meterOf(1);
  const batch = await meterOf(200);
  figures.push({ name: 'gate.sync: writes per event (batch of 200)', measured: batch.writes / 200, unit: 'writes', budget: { op: '<=', value: 2 } });
  figures.push({
    name: 'gate.sync: reads per event, verification path',
    measured: (batch.reads - one.reads) / 199,
    unit: 'reads',
    budget: { op: '<=', value: 0 },
  });
  figures.push({ name: 'gate.sync: reads per batch (caller, gate, trust)', measured: batch.reads, unit: 'reads' });
  store.close();

  // 4. Through the local runtime: gate.check latency, and gate.sync ingest rate. One phone sends
  // far more in these seconds than its per-minute limits allow: they are raised, not turned off,
  // so each call still pays the limit's read and write.
  const rt = await startRuntime(dataDir, { LF_RATE_LIMITS: JSON.stringify({ 'gate.check': '100000/minute', 'gate.sync': '100000/minute' }) });
  try {
    const post = async (action: string, data: unknown) => {
      const res = await fetch(`${rt.url}/api/fn/${action.split('.')[0]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': 'demo-volunteer-1' },
        body: JSON.stringify({ action, data }),
      });
      const body = (await res.json()) as { ok: boolean; error?: { message: string } };
      if (!body.ok) throw new Error(`${action}: ${body.error?.message}`);
      return body;
    };
    const online: number[] = [];
    for (let i = 0; i < 300; i++) {
      const { verdict: _v, ...e } = event();
      const t = process.hrtime.bigint();
      await post('gate.check', { gateId: GATE, event: e });
      if (i >= 50) online.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    online.sort((a, b) => a - b);
    const onlineMedian = percentile(online, 50);
    figures.push({ name: 'gate.check via local runtime: median', measured: onlineMedian, unit: 'ms' });
    figures.push({ name: 'gate.check via local runtime: p99', measured: percentile(online, 99), unit: 'ms' });
    figures.push({ name: 'gate.check online / offline verify', measured: onlineMedian / offlineMedian, unit: '×' });

    const batches = 25;
    const payloads = Array.from({ length: batches }, () => Array.from({ length: 200 }, () => event()));
    const t = process.hrtime.bigint();
    // Two phones syncing at once.
    await Promise.all(
      [0, 1].map(async (lane) => {
        for (let b = lane; b < batches; b += 2) await post('gate.sync', { gateId: GATE, events: payloads[b] });
      }),
    );
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    figures.push({ name: 'gate.sync ingest via local runtime', measured: (batches * 200) / seconds, unit: 'events/s', budget: { op: '>=', value: 2000 } });
  } finally {
    await rt.stop();
  }
  return figures;
}
