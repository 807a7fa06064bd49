/**
 * case.update: a secretary or staff member moves a case along — acknowledge, act (dissuaded, home
 * observation started, handed to the health station, no action with a reason), close with an
 * outcome. Each step is stored with its time, actor and the client's request id: a retry finds
 * its step and writes nothing. The first action's time is kept (report → first action is the
 * measure shown). The case's alert follows in the same transaction: acked by the first step,
 * resolved by the close, so an alert already dealt with does not climb. The counters follow too
 * (server/cases/gauge.ts and the alert gauges): open cases, the response time, the alert's state.
 */
import * as z from 'zod/mini';
import type { CaseUpdateReq } from '../../typings/cases';
import { CASE_OUTCOME_LABELS, OBSERVATION_DAYS } from '../../miniprogram/shared/cases';
import { bumpAlertGauges } from '../alerts/gauge';
import type { AlertStepDoc } from '../alerts/model';
import { OVERSEERS } from '../auth/roles';
import { conflict, invalid, precondition } from '../core/errors';
import { dayOf } from '../core/time';
import { intRange, matching } from '../core/validate';
import { action, type ActionContext } from '../runtime/action';
import { found } from '../runtime/found';
import type { TxStore } from '../store/port';
import { ACTIONS, caseIdField, day, LABELS, note, OUTCOMES, requestId } from './fields';
import { caseNode, recordCaseAccess } from './access';
import { bumpCaseGauges, countFirstAction } from './gauge';
import { PERSON_ID, toCaseView, type CaseDoc, type CaseStepDoc } from './model';
import { checkPerson } from './person';
import { addDays, observationOf } from './observation';
import { reportedKey } from './report';

/** How far from today an observation may start (days back, days ahead). */
const START_BACK = 14;
const START_AHEAD = 7;

type Actor = Pick<CaseStepDoc, 'at' | 'role' | 'byId' | 'byName'> & { orgId: string };

/** Request fields that only some steps take: given to another step, the request is refused naming them. */
function checkShape(req: CaseUpdateReq) {
  const only: Array<[keyof CaseUpdateReq, CaseUpdateReq['step']]> = [
    ['action', 'action'],
    ['observationDays', 'action'],
    ['observationStart', 'action'],
    ['personId', 'action'],
    ['outcome', 'close'],
  ];
  for (const [field, step] of only)
    if (req[field] !== undefined && req.step !== step)
      throw invalid(`data.${field}`, `「${LABELS[field]}」只用于${step === 'close' ? '办结' : '记录处置措施'}`);
  if (req.step === 'action' && !req.action) throw invalid('data.action', '请选择处置措施');
  if (req.step === 'action' && req.action !== 'observation')
    for (const f of ['observationDays', 'observationStart', 'personId'] as const)
      if (req[f] !== undefined) throw invalid(`data.${f}`, `「${LABELS[f]}」只用于开始居家观察`);
  if (req.step === 'action' && req.action === 'none' && !req.note) throw invalid('data.note', '不采取措施时请说明理由');
  if (req.step === 'close' && !req.outcome) throw invalid('data.outcome', '请选择办结结果');
}

/** The patch one step makes to the case as stored now, or a refusal. */
function stepPatch(c: CaseDoc, req: CaseUpdateReq, by: Actor, today: string): Partial<CaseDoc> {
  const { orgId: _org, ...who } = by;
  const step: CaseStepDoc = { ...who, kind: 'acknowledged', requestId: req.requestId, ...(req.note ? { note: req.note } : {}) };
  if (c.state === 'closed') throw precondition('该线索已办结');
  if (req.step === 'acknowledge') {
    if (c.state !== 'reported') throw conflict('该线索已确认');
    return { state: 'acknowledged', steps: [...c.steps, step] };
  }
  // Acting on a case nobody acknowledged acknowledges it too: the lifecycle keeps both steps.
  const steps = c.state === 'reported' ? [...c.steps, { ...who, kind: 'acknowledged' as const, requestId: `${req.requestId}:ack` }] : [...c.steps];
  if (req.step === 'action') {
    const patch: Partial<CaseDoc> = { state: 'acting', steps: [...steps, { ...step, kind: 'action', action: req.action }] };
    if (c.firstActionAt === undefined) patch.firstActionAt = by.at;
    if (req.action === 'observation') {
      if (c.observation) throw conflict(`已在居家观察中（${c.observation.start} 至 ${c.observation.end}）`);
      const personId = req.personId ?? c.personId;
      if (!personId) throw invalid('data.personId', '开始居家观察须关联居民档案，以便核对每日健康上报');
      const start = req.observationStart ?? today;
      if (start < addDays(today, -START_BACK) || start > addDays(today, START_AHEAD))
        throw invalid('data.observationStart', `「观察开始日期」应在 ${START_BACK} 天前到 ${START_AHEAD} 天后之间`);
      Object.assign(patch, { observation: observationOf(personId, start, req.observationDays ?? OBSERVATION_DAYS), observing: true, personId });
    }
    return patch;
  }
  if (c.firstActionAt === undefined && req.outcome !== 'unfounded') throw precondition('请先记录处置措施，再办结（经核实不属实的可直接办结）');
  return { state: 'closed', outcome: req.outcome, closedAt: by.at, observing: undefined, steps: [...steps, { ...step, kind: 'closed', outcome: req.outcome }] };
}

/** The case's alert follows: acked by the first step taken on the case, resolved when it closes. */
async function followAlert(tx: TxStore, c: CaseDoc, patch: Partial<CaseDoc>, by: Actor) {
  const alert = await tx.get('alerts', reportedKey(c._id));
  if (!alert || alert.status === 'resolved') return;
  const base: Omit<AlertStepDoc, 'kind'> = {
    at: by.at,
    orgId: by.orgId,
    role: by.role,
    ...(by.byId ? { byId: by.byId } : {}),
    ...(by.byName ? { by: by.byName } : {}),
  };
  const steps = [...alert.steps];
  const change: Record<string, unknown> = {};
  if (alert.status === 'open') {
    steps.push({ ...base, kind: 'acked', note: '已在线索中确认' });
    Object.assign(change, { status: 'acked', ackedAt: by.at });
  }
  if (patch.state === 'closed') {
    steps.push({ ...base, kind: 'resolved', note: `线索已办结：${CASE_OUTCOME_LABELS[patch.outcome!]}` });
    Object.assign(change, { status: 'resolved', resolvedAt: by.at });
  }
  if (steps.length === alert.steps.length) return;
  await tx.update('alerts', alert._id, { ...change, steps });
  await bumpAlertGauges(tx, alert, { ...alert, ...change });
}

async function update(req: CaseUpdateReq, ctx: ActionContext) {
  checkShape(req);
  const loaded = found(await ctx.store.get('cases', req.caseId), (c) => ctx.reaches(caseNode(c)), '线索', 'data.caseId');
  const grant = ctx.caller.covering(caseNode(loaded), OVERSEERS)[0];
  const now = ctx.clock.now();
  const by: Actor = {
    at: now,
    role: grant.role,
    orgId: grant.orgId,
    byId: ctx.caller.openid,
    ...(ctx.caller.user?.name ? { byName: ctx.caller.user.name } : {}),
  };
  const done = (c: CaseDoc) => c.steps.some((s) => s.requestId === req.requestId);
  let doc = loaded;
  // The person to observe is read from the census before the write (another context's collection).
  const observed =
    req.action === 'observation' && !done(loaded) && loaded.state !== 'closed' && !loaded.observation ? (req.personId ?? loaded.personId) : undefined;
  if (observed) await checkPerson(ctx.store, observed, loaded.buildingId, '居民档案不属于该线索所在楼栋');
  if (!done(loaded)) {
    doc = await ctx.store.transaction(async (tx) => {
      const c = (await tx.get('cases', req.caseId))!;
      if (done(c)) return c;
      const patch = stepPatch(c, req, by, dayOf(now));
      if (!(await tx.update('cases', c._id, patch, { version: c._v }))) throw conflict('线索已被他人更新，请刷新后重试');
      const next = { ...c, ...patch };
      // The case's gauges, its first action's response time and its alert's gauges (gathered by the counters).
      await bumpCaseGauges(tx, c, next);
      if (c.firstActionAt === undefined && patch.firstActionAt !== undefined) await countFirstAction(tx, c, patch.firstActionAt);
      await followAlert(tx, c, patch, by);
      return next;
    });
  }
  await recordCaseAccess(ctx, 'case.update', caseNode(doc), [doc]);
  return toCaseView(doc, true);
}

export const updateAction = action('case.update', {
  roles: OVERSEERS,
  scope: 'subtree',
  schema: z.strictObject({
    caseId: caseIdField(),
    step: z.enum(['acknowledge', 'action', 'close']),
    action: z.optional(z.enum(ACTIONS)),
    note: z.optional(note()),
    observationDays: z.optional(intRange(1, 28)),
    observationStart: z.optional(day()),
    personId: z.optional(matching(PERSON_ID, '居民档案编号格式不正确')),
    outcome: z.optional(z.enum(OUTCOMES)),
    requestId: requestId(),
  }),
  labels: LABELS,
  handle: (req, ctx) => update(req, ctx),
});
