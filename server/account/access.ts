/**
 * The access log: who was shown whose personal data unmasked (ARCHITECTURE.md §6). An action
 * that answers with other people's names in full records it here — one document per request,
 * whatever the number of people on the page, so the audit costs one write per read and the
 * reader's list stays one indexed query (`subjects` holds the openids shown).
 *
 * Audited: volunteer.list, duty.shifts / duty.signup / duty.assign / duty.withdraw (an
 * overseer's view of a crew), duty.suggest, duty.hours, vehicle.list (owners have no account:
 * `records`), case.list / case.get / case.update (reporters; the people cases concern as
 * `case:<id>` records), census.household for those who run or oversee the compound
 * (`household:<id>`). Not audited: answers that mask names (passes, gate logs, alerts, notice progress),
 * one's own data, and volunteer.approve, which answers with the application its caller just
 * decided, already read (and recorded) in volunteer.list — so a retried decision writes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../typings/domain';
import type { NodeRef } from '../auth/nodes';
import { ROLE_RANK } from '../auth/roles';
import type { ActionContext } from '../runtime/action';

export type AccessDoc = {
  _id: string;
  _v?: number;
  /** openid of who was shown the data */
  viewer: string;
  /** The viewer's highest role over the node viewed, when the read happened. */
  role: Role;
  /** The node whose records were read (a compound, usually). */
  orgId: string;
  /** openids whose data was shown (the viewer left out); at most one page of a list. */
  subjects: string[];
  /** Records without an account (e.g. `vehicle:<id>`: a car's owner is typed in, not a user). */
  records?: string[];
  action: string;
  at: number;
};

declare module '../store/port' {
  interface Collections {
    accessLog: AccessDoc;
  }
}

/** What a resident is told was read, by action. */
export const ACCESS_LABELS: Readonly<Record<string, string>> = {
  'volunteer.list': '查看志愿者名单（姓名）',
  'duty.shifts': '查看排班（值守人员姓名）',
  'duty.signup': '报名值守时查看班次（值守人员姓名）',
  'duty.assign': '安排值守（值守人员姓名）',
  'duty.withdraw': '调整值守（值守人员姓名）',
  'duty.suggest': '查找可补位的志愿者（姓名）',
  'duty.hours': '查看值守时长统计（姓名）',
  'vehicle.list': '查看登记车辆（车主姓名）',
  'case.list': '查看疫情线索（上报人、涉及人员姓名）',
  'case.get': '查看疫情线索详情（姓名）',
  'case.update': '处置疫情线索（姓名）',
  'disinfect.logs': '查看消毒记录（消毒人员姓名）',
  'census.household': '查看住户摸底信息（家庭成员姓名）',
  'account.export': '导出本人数据',
};

/**
 * Records that `ctx.caller` was shown these people's data by `action`. Nothing is written when
 * the page holds nobody but the caller (reading one's own data is not an access to audit).
 */
export async function recordAccess(ctx: ActionContext, action: string, node: NodeRef, subjects: Iterable<string>, records: string[] = []): Promise<void> {
  const viewer = ctx.caller.openid;
  const others = [...new Set(subjects)].filter((s) => s !== viewer);
  if (!others.length && !records.length) return;
  const roles = ctx.caller.covering(node, 'anyone').map((g) => g.role);
  const role = roles.sort((a, b) => ROLE_RANK[b] - ROLE_RANK[a])[0] ?? 'resident';
  const doc: AccessDoc = { _id: randomUUID(), viewer, role, orgId: node._id, subjects: others, action, at: ctx.clock.now() };
  if (records.length) doc.records = records;
  await ctx.store.insert('accessLog', doc);
}
