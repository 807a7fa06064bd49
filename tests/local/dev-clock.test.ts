/**
 * The dev clock from outside, as a developer uses it: a real `npm start` process, moved with
 * POST /api/dev/clock, and what the timer does on the moved time seen through the API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '../../typings/envelope';
import { startRuntime, type RuntimeProcess } from '../support/runtime-process';

jest.setTimeout(90_000);

const COMPOUND = 'sz-s1-c01-x01';
const COMMUNITY = 'sz-s1-c01';
const GATE = 'sz-s1-c01-x01-g1';
const MINUTE = 60_000;

async function call<T>(rt: RuntimeProcess, openid: string, action: string, data: unknown): Promise<Envelope<T>> {
  const res = await fetch(`${rt.url}/api/fn/${action.split('.')[0]}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify({ action, data }),
  });
  return (await res.json()) as Envelope<T>;
}

async function ok<T>(rt: RuntimeProcess, openid: string, action: string, data: unknown): Promise<T> {
  const r = await call<T>(rt, openid, action, data);
  if (!r.ok) throw new Error(`${action}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

const shift = (rt: RuntimeProcess, body: unknown) =>
  fetch(`${rt.url}/api/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

type Alerts = { items: Array<{ id: string; kind: string; status: string; assigneeOrgId: string; assigneeRole: string }> };

test('moving the clock 16 minutes on: an unacked fever alert escalates at once, and serverTime follows', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianfang-rt-clock-'));
  // A timer too slow to fire during the test: only the tick the move runs can escalate.
  const rt = await startRuntime(dataDir, { TICK_MS: String(3_600_000) });
  try {
    const start = Date.now();
    const before = (await fetch(`${rt.url}/api/dev/clock`).then((r) => r.json())) as { now: number; offsetMs: number };
    expect(before.offsetMs).toBe(0);
    expect(before.now).toBeGreaterThanOrEqual(start);
    expect(before.now).toBeLessThanOrEqual(Date.now());

    // A visitor with 38.2 ℃ at the gate: a high alert for the secretary, 15 minutes to ack.
    await ok(rt, 'demo-secretary', 'gate.policy', { compoundId: COMPOUND, visitorsAllowed: true, reason: '访客测温登记后进入' });
    const visitor = {
      id: 'dev-clock-fever-01',
      at: Date.now(),
      kind: 'visitor',
      direction: 'in',
      temperature: 38.2,
      verdict: 'deny',
      reason: 'FEVER',
      person: { name: '王小二', phone: '13700001111' },
    };
    const synced = await ok<{ results: Array<{ reason?: string }> }>(rt, 'demo-volunteer-1', 'gate.sync', {
      gateId: GATE,
      events: [visitor],
      sentAt: Date.now(),
    });
    expect(synced.results[0].reason).toBe('FEVER');
    const [alert] = (await ok<Alerts>(rt, 'demo-secretary', 'alert.list', {})).items.filter((a) => a.kind === 'gate.fever');
    expect(alert).toMatchObject({ status: 'open', assigneeOrgId: COMPOUND, assigneeRole: 'secretary' });

    const moved = await shift(rt, { offsetMs: 16 * MINUTE });
    expect(moved.status).toBe(200);
    const state = (await moved.json()) as { now: number; offsetMs: number };
    expect(state.offsetMs).toBe(16 * MINUTE);
    expect(state.now).toBeGreaterThanOrEqual(start + 16 * MINUTE);

    // The tick ran with the move: the community's staff hold it now, the secretary no longer.
    const asStaff = await call<Alerts>(rt, 'demo-community-staff', 'alert.list', {});
    expect(asStaff.ok && asStaff.data.items.find((a) => a.id === alert.id)).toMatchObject({ assigneeOrgId: COMMUNITY, assigneeRole: 'staff' });
    expect(asStaff.serverTime).toBeGreaterThanOrEqual(start + 16 * MINUTE);
    expect(asStaff.serverTime).toBeLessThanOrEqual(Date.now() + 16 * MINUTE);
    expect((await ok<Alerts>(rt, 'demo-secretary', 'alert.list', {})).items.map((a) => a.id)).not.toContain(alert.id);

    const bad = await shift(rt, { offsetMs: '16 分钟' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'offsetMs' } }, serverTime: expect.any(Number) });

    expect(((await (await shift(rt, { offsetMs: 0 })).json()) as { offsetMs: number }).offsetMs).toBe(0);
    expect((await call(rt, 'demo-secretary', 'account.me', {})).serverTime).toBeLessThanOrEqual(Date.now());
    expect(await rt.stop('SIGTERM')).toBe(0);
  } finally {
    if (rt.child.exitCode === null) await rt.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

type GateLog = { items: Array<{ id: string }>; today: { allow: number; deny: number } };

test('moving the clock 29 days on: the tick purges the gate events and the fever alert of that day', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianfang-rt-purge-'));
  const rt = await startRuntime(dataDir, { TICK_MS: String(3_600_000) });
  try {
    await ok(rt, 'demo-secretary', 'gate.policy', { compoundId: COMPOUND, visitorsAllowed: true, reason: '访客测温登记后进入' });
    const at = Date.now();
    const visitor = {
      id: 'dev-clock-purge-01',
      at,
      kind: 'visitor',
      direction: 'in',
      temperature: 38.4,
      verdict: 'deny',
      reason: 'FEVER',
      person: { name: '王小二', phone: '13700001111' },
    };
    await ok(rt, 'demo-volunteer-1', 'gate.sync', { gateId: GATE, events: [visitor], sentAt: at });
    const log = () => ok<GateLog>(rt, 'demo-secretary', 'gate.log', { compoundId: COMPOUND, from: at - MINUTE, to: at + MINUTE });
    expect((await log()).items.map((e) => e.id)).toEqual(['dev-clock-purge-01']);

    // 27 days on the record is still kept; 29 days on, the tick the move runs has purged it.
    await shift(rt, { offsetMs: 27 * 24 * 60 * MINUTE });
    expect((await log()).items).toHaveLength(1);
    await shift(rt, { offsetMs: 29 * 24 * 60 * MINUTE });
    expect((await log()).items).toEqual([]);
    const alerts = await ok<Alerts>(rt, 'demo-secretary', 'alert.list', {});
    expect(alerts.items.filter((a) => a.kind === 'gate.fever')).toEqual([]);
    expect(await rt.stop('SIGTERM')).toBe(0);
  } finally {
    if (rt.child.exitCode === null) await rt.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
