/** 本楼居民: the building's rooms as rows, the census line, today's missing people and the reminder's state. Pure. */
import type { ActionResponse } from '../../../../typings/api';
import type { RoomState } from '../../../../typings/census';
import type { GrantView } from '../../../../typings/domain';
import { CENSUS_FLAG_CHOICES } from '../../../shared/labels';
import { shanghaiClock } from '../../../shared/time';

type Census = ActionResponse<'census.building'>;
type Missing = ActionResponse<'health.missing'>;

const FLAG_LABEL = new Map(CENSUS_FLAG_CHOICES.map((f) => [f.key, f.label]));
const STATE_TEXT: Record<RoomState, string> = { known: '已摸底', vacant: '空置', unknown: '未摸底' };

export interface RoomRow {
  key: string;
  label: string;
  state: RoomState;
  stateText: string;
  /** 3 人 · 独居老人 · 需送药 */
  detail: string;
}

export const roomRows = (rooms: Census['rooms']): RoomRow[] =>
  rooms.map((r) => ({
    key: `${r.unit}-${r.room}`,
    label: `${r.unit}单元 ${r.room}`,
    state: r.state,
    stateText: STATE_TEXT[r.state],
    detail: r.state === 'known' ? [`${r.people} 人`, ...r.flags.map((f) => FLAG_LABEL.get(f))].join(' · ') : '',
  }));

/** 摸底完成 80%（8/10 户），未摸底 2 户 */
export function censusLine(t: Census['totals']): string {
  const open = t.rooms - t.settled;
  return `摸底完成 ${t.completeness}%（${t.settled}/${t.rooms} 户）${open > 0 ? `，未摸底 ${open} 户` : ''}`;
}

/** 共 12 人 · 独居老人 2 · 党员 3: the counts worth a glance, zeros left out. */
export function peopleLine(t: Census['totals']): string {
  const flags = CENSUS_FLAG_CHOICES.filter((f) => t.flags[f.key] > 0).map((f) => `${f.label} ${t.flags[f.key]}`);
  return [`共 ${t.households} 户 ${t.people} 人`, ...flags, t.partyMembers ? `党员 ${t.partyMembers}` : ''].filter(Boolean).join(' · ');
}

export interface MissingRow {
  personId: string;
  name: string;
  room: string;
}

export const missingRows = (m: Missing): MissingRow[] => m.missing.map((p) => ({ personId: p.personId, name: p.name, room: `${p.unit}单元 ${p.room}` }));

export const reportLine = (m: Missing): string =>
  m.expected ? `今日已上报 ${m.reported}/${m.expected} 人${m.missing.length ? `，${m.missing.length} 人未上报` : '，已全部上报'}` : '本楼还没有登记居民';

export const remindedText = (at: number | null): string => (at ? `今天 ${shanghaiClock(at)} 已提醒过，每天只能提醒一次` : '');

/** The building a leader looks after (their first building grant), or none. */
export function leaderBuilding(grants: readonly GrantView[]): string | null {
  return grants.find((g) => g.role === 'leader' && g.orgLevel === 'building')?.orgId ?? null;
}

/** Whether the caller may send the reminder (the server allows the building's leader and the compound's secretary). */
export const canRemind = (grants: readonly GrantView[]): boolean => grants.some((g) => g.role === 'leader' || g.role === 'secretary');
