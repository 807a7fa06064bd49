/**
 * The alert: one model for everything sent up the chain (fever at the gate, a missed duty, an
 * urgent notice left unacked; reports and 吹哨 requests when they come). Each alert concerns one node, waits on one
 * role at one node (the assignee, see chain.ts), and records every step it takes. Raising is
 * idempotent by the raiser's key and happens inside the raiser's transaction; the push to the
 * assignees goes through the outbox in that same transaction.
 */
import type { Role } from '../../typings/domain';
import type { AlertSeverity, AlertStep, AlertView } from '../../typings/messages';
import { HOUR, MINUTE } from '../core/time';
import { enqueue, type Push } from '../messaging/outbox';
import type { OrgDoc } from '../auth/nodes';
import type { TemplateDecls, TemplateFill } from '../messaging/templates';
import type { Store, TxStore } from '../store/port';
import { holdersCache, lowestAssignee, type Assignee } from './chain';
import { bumpAlertGauges } from './gauge';

/** Every source of alerts and its title. Add a row for a new source. */
export const ALERT_KINDS = {
  'gate.fever': '门岗测温异常',
  'gate.denied': '门岗拒绝通行',
  'duty.noshow': '值守人员未到岗',
  'notice.unacked': '紧急通知未确认',
  'case.reported': '线索上报',
  'case.observation.missed': '居家观察人员未报健康',
  'whistle.overdue': '吹哨需求逾期未办',
  'inspect.overdue': '督导问题逾期未整改',
  'disinfect.missed': '公共区域消毒未完成',
  'health.fever': '居民健康异常',
} as const satisfies Record<string, string>;
export type AlertKind = keyof typeof ALERT_KINDS;

export type AckTable = Readonly<Record<AlertSeverity, number>>;

/** How long an alert of each severity waits for an ack at one level before it climbs to the next. */
export const ACK_WITHIN: AckTable = { critical: 5 * MINUTE, high: 15 * MINUTE, medium: HOUR, low: 4 * HOUR };

/** The push's `level` (a WeChat phrase: ≤ 5 汉字); the same words the alerts page shows. */
export const SEVERITY_LABELS: Record<AlertSeverity, string> = { critical: '特急', high: '紧急', medium: '较急', low: '一般' };

/** Pushed to assignees at every step. */
export const ALERT_TEMPLATES = {
  alert: {
    values: { title: '预警标题', place: '所在组织', level: '紧急程度（≤ 5 个汉字，如 紧急）', time: '这一步的时间（unix ms）', note: '说明或处置要求' },
  },
} satisfies TemplateDecls;

/** Where a push about an alert opens the mini program. */
export const ALERT_PAGE = '/staff/pages/alerts/alerts';

/** A step as stored: `by` is the name shown, `byId` the openid (never shown). */
export type AlertStepDoc = AlertStep & { byId?: string };

/** The view's fields, the assignee's role as `role`, and what escalation works from. */
export type AlertDoc = Omit<AlertView, 'id' | 'assigneeRole' | 'steps'> & {
  /** The raiser's idempotency key, e.g. `gate.fever:<gate event id>`. */
  _id: string;
  _v?: number;
  /** The node the alert concerns, its ancestors first: `path[d]` is the node at depth d. */
  path: string[];
  /** The role that must act now: the assignee's role. */
  role: Role;
  /** Where that role must act: always `path[assigneeDepth]`. */
  assigneeDepth: number;
  /** Set once its deadline passed at the district: nowhere left to climb. */
  atTop?: boolean;
  ackedAt?: number;
  resolvedAt?: number;
  /** Raised, escalated, acked, resolved — in order. */
  steps: AlertStepDoc[];
};

declare module '../store/port' {
  interface Collections {
    alerts: AlertDoc;
  }
}

export const assigneeOf = (doc: AlertDoc): Assignee => ({ orgId: doc.assigneeOrgId, depth: doc.assigneeDepth, role: doc.role });

export function toAlertView(doc: AlertDoc): AlertView {
  return {
    id: doc._id,
    kind: doc.kind,
    severity: doc.severity,
    title: doc.title,
    orgId: doc.orgId,
    orgName: doc.orgName,
    assigneeOrgId: doc.assigneeOrgId,
    assigneeRole: doc.role,
    status: doc.status,
    createdAt: doc.createdAt,
    ackDeadline: doc.ackDeadline,
    data: doc.data,
    steps: doc.steps.map(({ byId: _byId, ...step }) => step),
  };
}

/** The note of a step whose level has nobody to tell. */
export const withNobodyNote = (note: string | undefined, to: readonly string[]) =>
  to.length ? note : [note, '该级暂无人员，逾期将继续上报'].filter(Boolean).join('；');

/**
 * Tells everyone in `to` about the alert's latest step. Keyed `alert:<id>:<step index>:<openid>`:
 * a step is pushed once however often this runs.
 */
export async function notifyStep(tx: TxStore, doc: AlertDoc, to: readonly string[], now: number): Promise<void> {
  const index = doc.steps.length - 1;
  const step = doc.steps[index];
  const pushes: Push[] = to.map((openid) => ({
    key: `alert:${doc._id}:${index}:${openid}`,
    kind: 'alert',
    template: 'alert',
    to: openid,
    page: ALERT_PAGE,
    values: {
      title: doc.title,
      place: doc.orgName,
      level: SEVERITY_LABELS[doc.severity],
      time: String(step.at),
      note: step.note ?? '请尽快确认并处置',
    } satisfies TemplateFill<'alert'>,
  }));
  await enqueue(tx, pushes, now);
}

export interface AlertInput {
  /** Idempotency key, stored as the alert's id: raising the same key again changes nothing. */
  key: string;
  kind: AlertKind;
  severity: AlertSeverity;
  /** The node the alert concerns (a compound, a building, …). */
  orgId: string;
  /** Defaults to the kind's title. */
  title?: string;
  /** What the assignees need to act; personal data already masked. */
  data: Record<string, unknown>;
  /** Who raised it (e.g. the volunteer at the gate); the system when absent. */
  by?: { openid: string; name?: string };
  note?: string;
}

/** An alert ready to raise: its node, its first assignee and who to tell (found before the transaction, which cannot query). */
export interface AlertPlan {
  input: AlertInput;
  org: Pick<OrgDoc, '_id' | 'name' | 'path'>;
  assignee: Assignee;
  notify: string[];
}

/** Plans alerts: one read for their nodes, one query per assignee for its holders. */
export async function planAlerts(store: Store, inputs: readonly AlertInput[]): Promise<AlertPlan[]> {
  const ids = [...new Set(inputs.map((i) => i.orgId))];
  const orgs = new Map((await store.getMany('orgs', ids)).map((o) => [o._id, o]));
  const holders = holdersCache(store);
  return Promise.all(
    inputs.map(async (input) => {
      const org = orgs.get(input.orgId);
      if (!org) throw new Error(`alert ${input.key}: no org node ${input.orgId}`);
      const assignee = lowestAssignee([...org.path, org._id]);
      return { input, org, assignee, notify: await holders(assignee) };
    }),
  );
}

/**
 * Raises a planned alert inside the caller's transaction: the alert and one push to each
 * assignee. If the key exists, nothing is written and the stored alert is returned.
 */
export async function raiseAlert(tx: TxStore, plan: AlertPlan, now: number, ackWithin: AckTable = ACK_WITHIN): Promise<{ alert: AlertDoc; raised: boolean }> {
  const existing = await tx.get('alerts', plan.input.key);
  if (existing) return { alert: existing, raised: false };
  const { input, org, assignee, notify } = plan;
  const step: AlertStepDoc = { at: now, kind: 'raised', orgId: assignee.orgId, role: assignee.role };
  if (input.by?.name) step.by = input.by.name;
  if (input.by) step.byId = input.by.openid;
  const note = withNobodyNote(input.note, notify);
  if (note) step.note = note;
  const alert: AlertDoc = {
    _id: input.key,
    kind: input.kind,
    severity: input.severity,
    title: input.title ?? ALERT_KINDS[input.kind],
    orgId: org._id,
    orgName: org.name,
    path: [...org.path, org._id],
    role: assignee.role,
    assigneeOrgId: assignee.orgId,
    assigneeDepth: assignee.depth,
    status: 'open',
    createdAt: now,
    ackDeadline: now + ackWithin[input.severity],
    data: input.data,
    steps: [step],
  };
  await tx.insert('alerts', alert);
  await bumpAlertGauges(tx, null, alert);
  await notifyStep(tx, alert, notify, now);
  return { alert, raised: true };
}

/**
 * For code that holds no transaction of its own (the gate's sync): raises each alert not yet
 * raised, one transaction each. A replay costs one read. Returns how many were raised.
 */
export async function raiseAlerts(store: Store, inputs: readonly AlertInput[], now: number): Promise<number> {
  const known = new Set(
    (
      await store.getMany(
        'alerts',
        inputs.map((i) => i.key),
      )
    ).map((d) => d._id),
  );
  const fresh = [...new Map(inputs.filter((i) => !known.has(i.key)).map((i) => [i.key, i])).values()];
  if (!fresh.length) return 0;
  let raised = 0;
  for (const plan of await planAlerts(store, fresh)) {
    if ((await store.transaction((tx) => raiseAlert(tx, plan, now))).raised) raised++;
  }
  return raised;
}
