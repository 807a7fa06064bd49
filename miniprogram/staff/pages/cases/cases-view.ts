/** The cases page's pure logic: whose cases the caller sees, the state tabs, the requests its buttons make, and the census picker's choices. */

import type { ActionResponse } from '../../../../typings/api';
import type { HouseholdView } from '../../../../typings/census';
import type { CaseAction, CaseOutcome, CaseState, CaseUpdateReq } from '../../../../typings/cases';
import type { GrantView } from '../../../../typings/domain';
import { CASE_OUTCOME_LABELS } from '../../../shared/cases';

type CensusBuildingRes = ActionResponse<'census.building'>;

export interface CaseScope {
  orgId: string;
  name: string;
  /** Secretaries and staff act on cases; building leaders only read. */
  canAct: boolean;
}

/** The node to list: where the caller runs or oversees (secretary, staff, admin) first, else a leader's building. */
export function scopeOf(grants: readonly GrantView[]): CaseScope | null {
  const acting = grants.find((g) => g.role === 'secretary' || g.role === 'staff' || g.role === 'admin');
  if (acting) return { orgId: acting.orgId, name: acting.orgName, canAct: true };
  const leader = grants.find((g) => g.role === 'leader');
  return leader ? { orgId: leader.orgId, name: leader.orgName, canAct: false } : null;
}

export const TABS: ReadonlyArray<{ key: CaseState | 'all'; label: string }> = [
  { key: 'all', label: '全部' },
  { key: 'reported', label: '待确认' },
  { key: 'acting', label: '处置中' },
  { key: 'closed', label: '已办结' },
];

export const EMPTY_TEXT: Record<CaseState | 'all', string> = {
  all: '暂无上报的线索',
  reported: '没有待确认的线索',
  acknowledged: '没有已确认待处置的线索',
  acting: '没有处置中的线索',
  closed: '没有已办结的线索',
};

/** The buttons under a case, in order. */
export const ACTION_BUTTONS: ReadonlyArray<{ action: CaseAction; label: string }> = [
  { action: 'dissuaded', label: '已劝阻' },
  { action: 'observation', label: '居家观察' },
  { action: 'handover', label: '移交卫生院' },
  { action: 'none', label: '不采取措施' },
];

export const OUTCOME_CHOICES: ReadonlyArray<{ outcome: CaseOutcome; label: string }> = (Object.keys(CASE_OUTCOME_LABELS) as CaseOutcome[]).map((outcome) => ({
  outcome,
  label: CASE_OUTCOME_LABELS[outcome],
}));

export interface RoomChoice {
  unit: string;
  room: string;
  label: string;
}
export interface PersonChoice {
  personId: string;
  label: string;
}

/** The rooms of a building whose census lists people: where the person to observe can be picked. */
export const roomChoices = (rooms: CensusBuildingRes['rooms']): RoomChoice[] =>
  rooms.filter((r) => r.state === 'known' && r.people > 0).map((r) => ({ unit: r.unit, room: r.room, label: `${r.unit}单元 ${r.room}室（${r.people} 人）` }));

/** A household's members as the server let the caller see them (names masked unless they oversee it), with the person id the census gives. */
export const personChoices = (h: HouseholdView): PersonChoice[] =>
  h.members.map((m) => ({ personId: `${h.id}:${m.id}`, label: `${m.name}（${m.birthYear}年生）` }));

/** The picker's state: closed, or open under one case. */
export interface PersonPicker {
  caseId: string;
  rooms: RoomChoice[];
  roomIndex: number;
  people: PersonChoice[];
  loading: boolean;
  error: string;
}
export const CLOSED_PICKER: PersonPicker = { caseId: '', rooms: [], roomIndex: -1, people: [], loading: false, error: '' };

/** The key under which a step's request id is kept until it succeeds: a retry after a lost reply is the same step. */
export const pendingKey = (caseId: string, step: CaseUpdateReq['step'], action?: CaseAction) => `${caseId}:${step}:${action ?? ''}`;

export function newRequestId(now: number, random: number): string {
  return `${now.toString(36)}-${Math.floor(random * 36 ** 8)
    .toString(36)
    .padStart(8, '0')}`;
}
