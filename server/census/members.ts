/**
 * Turning a household as sent into the household as stored: members named by id keep what the
 * request leaves out (a leader sees names masked, so an edit must not overwrite them), new members
 * get the next id, and what changed is put in words for the change trail (no names in it).
 */
import type { HouseholdStatus, MemberInput } from '../../typings/census';
import { invalid } from '../core/errors';
import type { OrgDoc } from '../auth/nodes';
import { FLAG_LABELS, householdId, type HouseholdDoc, type MemberDoc } from './model';

export interface Draft {
  status: HouseholdStatus;
  members: MemberDoc[];
  nextMemberId: number;
}

/** The members to store, or INVALID_ARGUMENT naming the member's field (`field` prefixes it: "data.members"). */
export function mergeMembers(
  prev: Pick<HouseholdDoc, 'members' | 'nextMemberId'> | null,
  status: HouseholdStatus,
  inputs: readonly MemberInput[],
  year: number,
  field = 'data.members',
): Draft {
  if (status === 'vacant' && inputs.length) throw invalid(field, '空置房屋不应填写成员');
  if (status === 'occupied' && !inputs.length) throw invalid(field, '请至少填写一位成员，或标记为空置');
  const stored = new Map((prev?.members ?? []).map((m) => [m.id, m]));
  let next = prev?.nextMemberId ?? 1;
  const seen = new Set<number>();
  // A member sent without an id who is already stored (same name and birth year) and not named by
  // another entry is that member: a retried save adds nobody twice.
  const named = new Set(inputs.flatMap((m) => (m.id === undefined ? [] : [m.id])));
  const unnamed = [...stored.values()].filter((m) => !named.has(m.id));
  const known = (m: MemberInput) => {
    const i = unnamed.findIndex((s) => s.name === m.name && s.birthYear === m.birthYear);
    return i < 0 ? undefined : unnamed.splice(i, 1)[0];
  };
  const members = inputs.map((m, i): MemberDoc => {
    const at = `${field}.${i}`;
    if (m.birthYear > year) throw invalid(`${at}.birthYear`, '「出生年份」不能晚于今年');
    if (new Set(m.flags).size !== m.flags.length) throw invalid(`${at}.flags`, '「重点人群标记」有重复');
    let old: MemberDoc | undefined = m.id === undefined ? known(m) : undefined;
    if (m.id !== undefined) {
      old = stored.get(m.id);
      if (!old) throw invalid(`${at}.id`, '该成员不存在，请刷新后重试');
      if (seen.has(m.id)) throw invalid(`${at}.id`, '同一成员出现了两次');
      seen.add(m.id);
    }
    const name = m.name ?? old?.name;
    if (!name) throw invalid(`${at}.name`, '「姓名」不能为空');
    const phone = m.phone ?? old?.phone;
    return {
      id: old?.id ?? next++,
      name,
      relation: m.relation,
      ...(phone ? { phone } : {}),
      birthYear: m.birthYear,
      flags: [...m.flags].sort(),
      partyMember: m.partyMember,
    };
  });
  return { status, members, nextMemberId: next };
}

const same = (a: MemberDoc, b: MemberDoc) => JSON.stringify(a) === JSON.stringify(b);

/** Whether storing `draft` would change nothing. */
export const unchanged = (prev: HouseholdDoc | null, draft: Draft) =>
  !!prev && prev.status === draft.status && prev.members.length === draft.members.length && prev.members.every((m, i) => same(m, draft.members[i]));

/** What changed, in words: 新增成员#3；修改成员#1（独居老人）；删除成员#2. */
export function describeChange(prev: HouseholdDoc | null, draft: Draft): string {
  const parts: string[] = [];
  if (!prev) parts.push(draft.status === 'vacant' ? '登记为空置' : '首次登记');
  else if (prev.status !== draft.status) parts.push(draft.status === 'vacant' ? '改为空置' : '改为有人居住');
  const before = new Map((prev?.members ?? []).map((m) => [m.id, m]));
  const after = new Set(draft.members.map((m) => m.id));
  for (const m of draft.members) {
    const old = before.get(m.id);
    if (!old) parts.push(`新增成员#${m.id}`);
    else if (!same(old, m)) {
      const flags = m.flags.filter((f) => !old.flags.includes(f)).map((f) => FLAG_LABELS[f]);
      parts.push(`修改成员#${m.id}${flags.length ? `（${flags.join('、')}）` : ''}`);
    }
  }
  for (const id of before.keys()) if (!after.has(id)) parts.push(`删除成员#${id}`);
  return parts.join('；') || '未改动';
}

/** The household document `draft` makes of the room, after `prev` (null: recorded for the first time). */
export function nextHousehold(building: OrgDoc, unit: string, room: string, prev: HouseholdDoc | null, draft: Draft, by: string, now: number): HouseholdDoc {
  return {
    _id: householdId(building._id, unit, room),
    buildingId: building._id,
    compoundId: building.parentId!,
    path: [...building.path, building._id],
    unit,
    room,
    ...draft,
    changes: (prev?.changes ?? 0) + 1,
    createdAt: prev?.createdAt ?? now,
    updatedAt: now,
    updatedBy: by,
  };
}
