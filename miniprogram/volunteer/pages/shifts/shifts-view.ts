/** What 我的班次 shows, computed from the server's views and the time. Pure: no wx here. */
import type { CheckInBy, DutyStatus, DutyView, HoursRow, ShiftView } from '../../../../typings/duty';
import { shanghaiClock } from '../../../shared/time';
import { DUTY_STATUS_LABELS, POST_KIND_LABELS, skillText } from '../../../services/duty-labels';
import { CHECK_IN_EARLY, minutesText, spanText } from '../../../services/duty-time';
import type { LocationFailure } from '../../../services/location';
import { locationText } from '../../../services/location';

/** How a check-in proves presence: scan the post's code, send the location, or both at once. */
export type CheckInHow = 'code' | 'location' | 'both';

/** One of the caller's shifts. */
export interface MineCard {
  id: string;
  post: string;
  /** 执勤, 消毒, … */
  kind: string;
  /** Shown only when the caller serves in several compounds. */
  compound: string;
  /** "08:00–16:00" */
  time: string;
  status: DutyStatus;
  statusText: string;
  /** "07:45 起可签到", "07:52 已签到（迟到）", "已签退，计 7 小时 50 分"… */
  note: string;
  /** The check-in buttons to offer now (none outside the window). */
  checkIns: Array<{ how: CheckInHow; label: string }>;
  checkOut: boolean;
  withdraw: boolean;
}

const CHECK_IN_LABELS: Record<CheckInHow, string> = { code: '扫码签到', location: '定位签到', both: '扫码并定位签到' };

/** The ways a post takes (unknown post: either, and the server decides). */
function waysOf(by: CheckInBy | undefined): CheckInHow[] {
  if (by === 'code' || by === 'location' || by === 'both') return [by];
  return ['code', 'location'];
}

export function mineCard(d: DutyView, by: CheckInBy | undefined, now: number, showCompound: boolean): MineCard {
  const opens = d.start - CHECK_IN_EARLY;
  const waiting = d.checkInAt === undefined && (d.status === 'assigned' || d.status === 'noshow');
  const inWindow = waiting && now >= opens && now < d.end;
  let note = '';
  if (d.status === 'on' && d.checkInAt !== undefined) note = `${shanghaiClock(d.checkInAt)} 已签到${d.late ? '（迟到）' : ''}，下岗时请签退`;
  else if (d.status === 'done') note = d.minutes !== undefined ? `已签退，计 ${minutesText(d.minutes)}` : '已签退';
  else if (waiting && now < opens) note = `${shanghaiClock(opens)} 起可签到`;
  else if (waiting && now >= d.end) note = '班次已结束，未签到';
  else if (d.status === 'noshow') note = '已过开始时间，请尽快到岗签到';
  return {
    id: d.shiftId,
    post: d.postName,
    kind: POST_KIND_LABELS[d.kind] ?? d.kind,
    compound: showCompound ? d.compoundName : '',
    time: spanText(d.start, d.end),
    status: d.status,
    statusText: DUTY_STATUS_LABELS[d.status] ?? d.status,
    note,
    checkIns: inWindow ? waysOf(by).map((how) => ({ how, label: CHECK_IN_LABELS[how] })) : [],
    checkOut: d.status === 'on',
    withdraw: d.status === 'assigned' && now < d.start,
  };
}

/** "本周已值守 3 小时 20 分，共 2 个班次" */
export const weekText = (week: HoursRow) => (week.shifts ? `本周已值守 ${minutesText(week.minutes)}，共 ${week.shifts} 个班次` : '本周还没有完成的班次');

/** An open shift the caller may sign up for. */
export interface OpenCard {
  id: string;
  day: string;
  post: string;
  kind: string;
  time: string;
  /** "已报 1 人，需 2–3 人" */
  heads: string;
  /** "需要技能：医疗" or ''. */
  skills: string;
  /** Started short-handed: 补位. */
  backfill: boolean;
}

/** Shifts still taking people that the caller is not on: not full, not ended, not started unless open for backfill. */
export function openShifts(shifts: readonly ShiftView[], mine: ReadonlySet<string>, now: number): ShiftView[] {
  return shifts.filter((s) => !mine.has(s.id) && !s.full && now < s.end && (s.start > now || s.backfill));
}

export function openCard(s: ShiftView): OpenCard {
  const need = s.minHeads === s.maxHeads ? `${s.maxHeads}` : `${s.minHeads}–${s.maxHeads}`;
  return {
    id: s.id,
    day: s.day,
    post: s.postName,
    kind: POST_KIND_LABELS[s.kind] ?? s.kind,
    time: spanText(s.start, s.end),
    heads: `已报 ${s.crew.length} 人，需 ${need} 人`,
    skills: s.requiredSkills.length ? `需要技能：${skillText(s.requiredSkills)}` : '',
    backfill: s.backfill,
  };
}

/**
 * Why a check-in by location failed and what to do next; where the post also takes its printed
 * code (a separate 扫码签到 is offered), that is suggested too.
 */
export function checkInLocationError(failure: LocationFailure, by: CheckInBy | undefined): string {
  const text = locationText(failure, '签到');
  return waysOf(by).includes('code') ? `${text}；也可以改用「扫码签到」` : text;
}
