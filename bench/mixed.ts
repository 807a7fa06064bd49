/**
 * Mixed load through the local runtime: 50 clients for 30 s, each looping over a mix of what a
 * compound does at once — volunteers syncing gate events, residents reading a notice and their
 * inbox, volunteers checking in to a running shift, staff reading the log, the rota and coverage.
 * Figures: errors (any reply not ok, or no reply; budget 0), requests/s, p99 latency, and the
 * runtime's RSS before and after.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRuntime } from '../tests/support/runtime-process';
import { percentile, type Figure } from './figures';

const CLIENTS = 50;
const SECONDS = 30;
const COMPOUND = 'sz-s1-c01-x01';
const GATE = 'sz-s1-c01-x01-g1';
/** Volunteers with a place on a running shift, each checking in once: 5 posts × 20 heads. */
const POSTS = 5;
const HEADS = 20;

type Reply = { ok: boolean; data?: unknown; error?: { code: string; message: string } };

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** Asia/Shanghai wall time of `t`: "YYYY-MM-DD", "HH:MM" and the shift-id stamp "YYYYMMDDHHmm". */
function shanghai(t: number) {
  const iso = new Date(t + 8 * 3_600_000).toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, 16), stamp: iso.slice(0, 16).replace(/[-T:]/g, '') };
}

export async function mixed(): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianfang-bench-mixed-'));
  // One volunteer's phone stands in for every gate's syncs, far above one person's pace: its limit
  // is raised (not turned off), so the figures still carry the limit's own read and write.
  const rt = await startRuntime(dataDir, { LF_RATE_LIMITS: JSON.stringify({ 'gate.sync': '100000/minute' }) });
  try {
    const post = async (openid: string, action: string, data: unknown): Promise<Reply> => {
      const res = await fetch(`${rt.url}/api/fn/${action.split('.')[0]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify({ action, data }),
      });
      return (await res.json()) as Reply;
    };
    const must = async <T>(openid: string, action: string, data: unknown): Promise<T> => {
      const r = await post(openid, action, data);
      if (!r.ok) throw new Error(`setup ${action}: ${r.error?.code} ${r.error?.message}`);
      return r.data as T;
    };
    const { pool, noticeId } = await prepare(must);
    const rssBefore = rssMb(rt.pid);

    let seq = 0;
    const ops: Array<() => Promise<Reply>> = [
      () => {
        const at = Date.now();
        const events = Array.from({ length: 5 }, () => ({
          id: `mixed-event-${++seq}`,
          at,
          kind: 'courier',
          direction: 'in',
          person: { courierKind: 'courier', company: '顺丰' },
          verdict: 'deny',
          reason: 'COURIER',
        }));
        return post('demo-volunteer-1', 'gate.sync', { gateId: GATE, events });
      },
      () => post(seq++ % 2 ? 'demo-resident-1' : 'demo-resident-2', 'notice.read', { noticeId }),
      () => post('demo-resident-1', 'notice.inbox', {}),
      () => {
        const v = pool.pop();
        return v ? post(v.openid, 'duty.checkIn', { shiftId: v.shiftId, code: v.code }) : post('demo-volunteer-1', 'duty.mine', {});
      },
      () => post('demo-secretary', 'gate.log', { compoundId: COMPOUND }),
      () => post('demo-secretary', 'duty.shifts', { compoundId: COMPOUND }),
      () => post('demo-community-staff', 'duty.coverage', { orgId: 'sz-s1-c01' }),
      () => post('demo-resident-1', 'account.me', {}),
    ];

    const latencies: number[] = [];
    let errors = 0;
    let firstError = '';
    const end = Date.now() + SECONDS * 1000;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let i = c; Date.now() < end; i++) {
          const t = process.hrtime.bigint();
          const r = await ops[i % ops.length]().catch((err: Error) => ({ ok: false, error: { code: 'NO_REPLY', message: err.message } }));
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
          if (!r.ok) {
            errors++;
            firstError ||= `${r.error?.code} ${r.error?.message}`;
          }
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (firstError) console.error(`mixed load: first error: ${firstError}`);
    latencies.sort((a, b) => a - b);
    return [
      { name: `mixed load (${CLIENTS} clients, ${SECONDS} s): errors`, measured: errors, unit: 'requests', budget: { op: '<=', value: 0 } },
      { name: 'mixed load: throughput', measured: latencies.length / seconds, unit: 'req/s' },
      { name: 'mixed load: duty check-ins among them', measured: POSTS * HEADS - pool.length, unit: 'requests' },
      { name: 'mixed load: p99 latency', measured: percentile(latencies, 99), unit: 'ms' },
      { name: 'mixed load: runtime RSS before', measured: rssBefore, unit: 'MB' },
      { name: 'mixed load: runtime RSS after', measured: rssMb(rt.pid), unit: 'MB' },
    ];
  } finally {
    await rt.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type Must = <T>(openid: string, action: string, data: unknown) => Promise<T>;

/**
 * A notice to read, and volunteers each placed on a shift that starts within check-in's early
 * window (5 posts, one shift each, 20 heads): joined, approved, signed up, holding the post's code.
 */
async function prepare(must: Must) {
  const { id: noticeId } = await must<{ id: string }>('demo-secretary', 'notice.publish', {
    scopeOrgId: COMPOUND,
    title: '负载测试通知',
    body: '请各位居民知悉',
    level: 'normal',
    audience: 'all',
    requireAck: false,
  });
  const start = Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000;
  const from = shanghai(start);
  const until = shanghai(start + 60 * 60_000);
  // A shift never crosses midnight: near it, the hour is cut at 23:59.
  const endTime = until.day === from.day ? until.time : '23:59';
  const minutes = (Date.parse(`${from.day}T${endTime}:00+08:00`) - start) / 60_000;
  const pool: Array<{ openid: string; shiftId: string; code: string }> = [];
  for (let p = 0; p < POSTS; p++) {
    const saved = await must<{ id: string }>('demo-secretary', 'duty.savePost', {
      compoundId: COMPOUND,
      kind: 'publicity',
      name: `负载测试岗${p + 1}`,
      minHeads: 1,
      maxHeads: HEADS,
    });
    await must('demo-secretary', 'duty.generate', {
      compoundId: COMPOUND,
      postIds: [saved.id],
      from: from.day,
      days: 1,
      shifts: [{ start: from.time, end: endTime }],
    });
    const { code } = await must<{ code: string }>('demo-secretary', 'duty.postCode', { postId: saved.id });
    const shiftId = `${saved.id}-${from.stamp}-${minutes}`;
    for (let h = 0; h < HEADS; h++) {
      const openid = `bench-volunteer-${p}-${h}`;
      await must(openid, 'volunteer.join', { compoundId: COMPOUND, name: '负载测试', phone: '13912345678', skills: ['publicity'], partyMember: false });
      await must('demo-secretary', 'volunteer.approve', { compoundId: COMPOUND, openid, decision: 'approve' });
      await must(openid, 'duty.signup', { shiftId });
      pool.push({ openid, shiftId, code });
    }
  }
  return { pool, noticeId };
}
