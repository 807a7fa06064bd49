/**
 * A scripted day (and the day before) of activity across the demo district, through the actions
 * only: secretaries appointed in compounds of three streets, passes applied for, approved,
 * rejected, revoked and left pending, gate batches synced (and replayed) over two days, fevers
 * raising alerts that get acked and resolved, urgent notices at the district and a street, read
 * and acked by some. The dashboard test recomputes every figure from what this leaves behind.
 */
import type { GateEventInput } from '../../typings/pass';
import { currentQr, deviceKeyFromSeed } from '../../miniprogram/shared/pass/device';
import { DAY, HOUR } from '../../server/core/time';
import type { UserDoc } from '../../server/auth/caller';
import { countExpiredPasses } from '../../server/pass/gauge';
import { DEMO } from '../../server/seed/district';
import type { Harness } from '../support/harness';
import { seedOf } from '../support/passes';
import { waitingDay, type WaitingCompound } from './waiting-day';

export interface ScriptedDay {
  /** The compounds with activity. */
  compounds: string[];
}

/** Residents of a compound (from the seed). */
async function residentsOf(h: Harness, compoundId: string, n: number): Promise<UserDoc[]> {
  const page = await h.store.query('users', { where: { 'household.compoundId': compoundId }, orderBy: [{ field: '_id' }], limit: 50 });
  return page.items.filter((u) => u.grants.every((g) => g.role === 'resident')).slice(0, n);
}

export async function scriptedDay(h: Harness): Promise<ScriptedDay> {
  const compounds = [DEMO.compound, 'sz-s2-c01-x01', 'sz-s3-c02-x01'];
  let seq = 0;
  const start = h.clock.now();
  const notices: string[] = [];
  const waiting: WaitingCompound[] = [];

  for (const [ci, compoundId] of compounds.entries()) {
    h.clock.set(start - DAY + ci * 60_000); // each compound's story starts the day before
    const people = await residentsOf(h, compoundId, 6);
    const secretary = ci === 0 ? 'demo-secretary' : people[5]._id;
    if (ci > 0) await h.ok('demo-admin', 'account.grant', { openid: secretary, role: 'secretary', orgId: compoundId });
    const gateId = (await h.ok(secretary, 'gate.list', { compoundId })).items[0].id;
    waiting.push({ compoundId, secretary, people: people.map((p) => p._id) });

    // Passes: approved (two, one of them for one day only), rejected, revoked, pending.
    const apply = (who: string) => h.ok(who, 'pass.apply', { relation: 'self', reason: '居家生活' });
    const issued: Array<{ id: string; signed: string; seed: Uint8Array }> = [];
    for (const [i, who] of people.slice(0, 3).entries()) {
      const p = await apply(who._id);
      await h.ok(secretary, 'pass.review', { passId: p.id, decision: 'approve', ...(i === 2 ? { validDays: 1 } : {}) });
      const seed = seedOf(ci * 10 + i + 1);
      const { signed } = await h.ok(who._id, 'pass.credential', { passId: p.id, devicePublicKey: deviceKeyFromSeed(seed).publicKey });
      issued.push({ id: p.id, signed, seed });
    }
    const rejected = await apply(people[3]._id);
    await h.ok(secretary, 'pass.review', { passId: rejected.id, decision: 'reject', reason: '信息不全' });
    if (ci !== 1) await apply(people[4]._id); // left pending
    if (ci === 0) await h.ok(secretary, 'pass.revoke', { passId: issued[1].id, reason: '已搬离' });

    // Gate batches over two days; the second compound's volume differs so the order means something.
    for (const dayOffset of [0, 1]) {
      const at = start - DAY + dayOffset * DAY + (ci + 1) * HOUR;
      const ev = (over: Partial<GateEventInput>): GateEventInput => ({
        id: `stats-evt-${String(++seq).padStart(6, '0')}`,
        at,
        kind: 'resident',
        direction: 'in',
        verdict: 'allow',
        ...over,
      });
      const qr = (k: number) => currentQr(issued[k].signed, issued[k].id, issued[k].seed, at);
      const batch: GateEventInput[] = [
        ev({ qr: qr(0), temperature: 36.5 }),
        ev({ qr: qr(0), direction: 'out' }),
        ev({ qr: qr(2), temperature: 36.4 }),
        ev({ kind: 'visitor', verdict: 'deny', reason: 'VISITOR_NOT_ALLOWED', temperature: 36.6, person: { name: '访客' } }),
      ];
      for (let k = 0; k < ci + dayOffset; k++) batch.push(ev({ qr: qr(0), temperature: 37.6 + k / 10, verdict: 'deny', reason: 'FEVER' }));
      if (ci === 2) batch.push(ev({ kind: 'courier', verdict: 'deny', reason: 'COURIER', person: { courierKind: 'courier', company: '顺丰' } }));
      h.clock.set(at + 10 * 60_000);
      await h.ok(secretary, 'gate.sync', { gateId, events: batch });
      await h.ok(secretary, 'gate.sync', { gateId, events: batch.slice(0, 2) }); // a replay counts nothing
    }
    h.clock.set(start + (ci + 2) * HOUR);
    const open = (await h.ok(secretary, 'alert.list', { status: 'open' })).items.filter((a) => a.orgId === compoundId);
    if (open[0]) await h.ok(secretary, 'alert.ack', { alertId: open[0].id });
    if (open[1]) await h.ok(secretary, 'alert.resolve', { alertId: open[1].id, note: '已送医排查' });

    if (ci === 0) {
      notices.push(
        (
          await h.ok('demo-admin', 'notice.publish', {
            scopeOrgId: DEMO.district,
            title: '全区核酸检测安排',
            body: '请居民按时参加。',
            level: 'urgent',
            audience: 'residents',
            requireAck: true,
          })
        ).id,
      );
    }
    for (const [i, who] of people.slice(0, ci === 0 ? 4 : 2).entries()) {
      await h.ok(who._id, i % 2 ? 'notice.read' : 'notice.ack', { noticeId: notices[0] });
    }
  }
  // Someone living in two streets counts once at the district; a grant taken back counts no more.
  await h.ok('demo-admin', 'account.grant', { openid: 'demo-resident-1', role: 'resident', orgId: 'sz-s2-c01-x01-b01' });
  await h.ok('demo-admin', 'account.grant', { openid: 'demo-resident-2', role: 'resident', orgId: 'sz-s3-c02-x01-b01' });
  await h.ok('demo-admin', 'account.revoke', { openid: 'demo-resident-2', role: 'resident', orgId: 'sz-s3-c02-x01-b01' });
  // A later urgent notice for one street only: that street's nodes show it instead.
  h.clock.set(start + 6 * HOUR);
  const street = await h.ok('demo-street-staff', 'notice.publish', {
    scopeOrgId: DEMO.street,
    title: '城关街道封控通知',
    body: '今晚起暂停访客。',
    level: 'urgent',
    audience: 'residents',
    requireAck: false,
  });
  await h.ok('demo-resident-1', 'notice.read', { noticeId: street.id });
  await h.ok('demo-resident-other', 'notice.read', { noticeId: street.id });
  // The one-day passes have run out by now: the timer takes them off the active count.
  h.clock.set(start + 8 * HOUR);
  await countExpiredPasses(h.store, h.clock.now(), undefined as never);
  await waitingDay(h, start, waiting);
  return { compounds };
}
