/**
 * The scripted day's share for what waits on someone (./day.ts runs it last): cases reported and
 * dealt with at different speeds over two days (acknowledged then acted on, acted on directly,
 * closed as unfounded, left waiting), 吹哨 requests claimed, reported and closed or left past their
 * deadline for the overdue job, findings recorded, rectified, verified, reopened and marked
 * overdue, and the alerts all this raises left to climb the chain. Through the actions and the
 * timer's jobs only; the dashboard test recomputes every figure from the records it leaves.
 */
import { escalateDue } from '../../server/alerts/escalate';
import { HOUR, MINUTE } from '../../server/core/time';
import { markOverdueFindings } from '../../server/inspect/jobs';
import { DEMO_UNIT_CONTACT } from '../../server/seed/whistle';
import { flagOverdueWhistles } from '../../server/whistle/jobs';
import type { Harness } from '../support/harness';

const ZJ = 'u-demo-agency-zj';

export interface WaitingCompound {
  compoundId: string;
  secretary: string;
  /** Residents of the compound who report. */
  people: string[];
}

/** `start` is the scripted day's start (today 08:00 Asia/Shanghai); the story runs from yesterday 10:00 to today 18:00. */
export async function waitingDay(h: Harness, start: number, compounds: readonly WaitingCompound[]): Promise<void> {
  const yesterday = start - 24 * HOUR;
  const at = (t: number) => h.clock.set(t);
  const buildingOf = async (compoundId: string) =>
    (await h.store.query('orgs', { where: { parentId: compoundId }, orderBy: [{ field: 'order' }], limit: 1 })).items[0]._id;
  type Later = { t: number; run: () => Promise<unknown> };
  const later: Later[] = [];
  let seq = 0;

  for (const [ci, { compoundId, secretary, people }] of compounds.entries()) {
    const buildingId = await buildingOf(compoundId);
    const base = { compoundId, buildingId };
    const report = (who: string, t: number, req: Record<string, unknown>) => {
      at(t);
      return h.ok(who, 'case.report', { ...base, ...req, requestId: `stats-case-${++seq}` } as never);
    };
    const step = (caseId: string, req: Record<string, unknown>) =>
      h.ok(secretary, 'case.update', { caseId, ...req, requestId: `stats-step-${++seq}` } as never);
    const t0 = yesterday + 2 * HOUR + ci * MINUTE;

    // A returnee: acknowledged in 10 minutes, acted on after 50 (≤1小时, yesterday), closed today.
    const returnee = await report(people[0], t0, {
      kind: 'returnee',
      origin: '湖北武汉',
      arrivalDate: '2026-11-27',
      transport: 'train',
      plannedAddress: '1单元302室',
    });
    at(t0 + 10 * MINUTE);
    await step(returnee.id, { step: 'acknowledge' });
    at(t0 + (50 - ci * 20) * MINUTE);
    await step(returnee.id, { step: 'action', action: 'dissuaded' });
    if (ci !== 1) later.push({ t: start + 3 * HOUR, run: () => step(returnee.id, { step: 'close', outcome: 'resolved' }) });

    // A gathering acted on straight away, never acknowledged first (≤30分钟).
    const gathering = await report(people[1], t0 + 5 * MINUTE, { kind: 'gathering', place: '小区广场' });
    at(t0 + (30 + ci * 60) * MINUTE);
    await step(gathering.id, { step: 'action', action: 'dissuaded', note: '已劝散' });

    // A close contact reported last night, acted on this morning (≤24小时, today).
    const contact = await report(people[2], yesterday + 12 * HOUR + ci * MINUTE, {
      kind: 'contact',
      contactOf: '确诊病例',
      contactDate: '2026-11-26',
      place: '超市',
    });
    later.push({ t: start + 1 * HOUR + ci * MINUTE, run: () => step(contact.id, { step: 'action', action: 'handover', note: '已交卫生服务站' }) });

    // Another kind a day and a half old, acted on today (>24小时).
    if (ci === 2) {
      const other = await report(people[3], yesterday, { kind: 'other', note: '楼道堆放杂物' });
      later.push({ t: start + 7 * HOUR, run: () => step(other.id, { step: 'action', action: 'none', note: '已清理，无需处置' }) });
    }

    // Today: a fever outside left waiting (its alert climbs), a mask report closed as unfounded.
    if (ci !== 1) await report(people[3], start + 1 * HOUR + ci * MINUTE, { kind: 'fever', place: '小区南门外', temperature: 38.3 });
    const nomask = await report(people[4], start + 90 * MINUTE + ci * MINUTE, { kind: 'nomask', place: '1号楼电梯' });
    later.push({ t: start + 2 * HOUR + ci * MINUTE, run: () => step(nomask.id, { step: 'close', outcome: 'unfounded', note: '经核实不属实' }) });

    // 吹哨: one done in time, one left past its deadline (closed afterwards in the first compound), one open.
    const raise = (t: number, deadline: number) => {
      at(t);
      return h.ok('demo-admin', 'whistle.raise', {
        orgId: compoundId,
        requestId: `stats-whistle-${++seq}`,
        need: 'supplies',
        quantity: 100,
        detail: '急需医用口罩',
        place: '小区物业',
        urgency: 'urgent',
        deadline,
        unitIds: [ZJ],
      });
    };
    const done = async (id: string, t: number) => {
      at(t);
      await h.ok(DEMO_UNIT_CONTACT, 'whistle.claim', { whistleId: id });
      await h.ok(DEMO_UNIT_CONTACT, 'whistle.report', { whistleId: id, people: 2, hours: 1, photos: [] });
      await h.ok('demo-admin', 'whistle.close', { whistleId: id, decision: 'confirm' });
    };
    const w1 = await raise(t0 + HOUR, t0 + 4 * HOUR);
    await done(w1.id, t0 + 2 * HOUR);
    const w2 = await raise(t0 + HOUR + MINUTE, t0 + 2 * HOUR);
    if (ci === 0) later.push({ t: start + 4 * HOUR, run: () => done(w2.id, start + 4 * HOUR) });
    later.push({ t: start + 2 * HOUR, run: () => raise(start + 2 * HOUR + ci * MINUTE, start + 3 * 24 * HOUR) });

    // 督导: one left past its deadline (rectified today in the first compound), one rectified and
    // reopened, one rectified and verified.
    const record = (t: number, deadline: number, item: string) => {
      at(t);
      return h.ok('demo-admin', 'inspect.record', {
        orgId: ci === 1 ? buildingId : compoundId,
        requestId: `stats-finding-${++seq}`,
        category: 'disinfect',
        item,
        description: '消毒记录缺失',
        photos: [],
        deadline,
      });
    };
    const rectify = (id: string) => h.ok(secretary, 'inspect.rectify', { findingId: id, note: '已整改完毕', photos: [] });
    const f1 = await record(t0 + HOUR, t0 + 3 * HOUR, 'disinfect-log');
    if (ci === 0) later.push({ t: start + 5 * HOUR, run: () => rectify(f1.id) });
    const f2 = await record(t0 + HOUR + MINUTE, t0 + 3 * 24 * HOUR, 'disinfect-log');
    at(t0 + 2 * HOUR);
    await rectify(f2.id);
    await h.ok('demo-admin', 'inspect.verify', { findingId: f2.id, decision: 'reopen', note: '记录仍不完整', deadline: start + 3 * 24 * HOUR });
    if (ci !== 1) {
      const f3 = await record(start + HOUR, start + 2 * 24 * HOUR, 'disinfect-log');
      later.push({
        t: start + 6 * HOUR,
        run: async () => {
          await rectify(f3.id);
          await h.ok('demo-admin', 'inspect.verify', { findingId: f3.id, decision: 'accept' });
        },
      });
    }
  }

  // The timer, yesterday afternoon: late requests and findings are flagged.
  at(yesterday + 6 * HOUR);
  await flagOverdueWhistles(h.store, h.clock.now());
  await markOverdueFindings(h.store, h.clock.now());
  for (const l of later.sort((a, b) => a.t - b.t)) {
    at(l.t);
    await l.run();
  }
  // This evening, alerts nobody acknowledged climb: once, and the high ones up to the district.
  for (const m of [0, 20, 40]) {
    at(start + 9 * HOUR + m * MINUTE);
    await escalateDue(h.store, h.clock.now());
  }
  at(start + 10 * HOUR);
}
