/** What the secretary's rota shows: days, coverage now, posts with their shifts, suggestions. Pure: no wx here. */
import type { CoverageReport, CrewView, PostCoverage, PostView, ShiftView, Suggestion } from '../../../../typings/duty';
import { CHECK_IN_BY_LABELS, DUTY_STATUS_LABELS, POST_KIND_LABELS, skillText } from '../../../services/duty-labels';
import { addDays, minutesText, monthDay, spanText, weekdayText } from '../../../services/duty-time';
import { shanghaiClock } from '../../../shared/time';

/* ───────────── days ───────────── */

export const DAYS_AHEAD = 7;

/** A day to choose: "今天" / "周四" over "3月5日". */
export interface DayChip {
  day: string;
  top: string;
  bottom: string;
}

/** Today and the next six days. */
export function dayChips(today: string): DayChip[] {
  return Array.from({ length: DAYS_AHEAD }, (_, i) => {
    const day = addDays(today, i);
    return { day, top: i === 0 ? '今天' : i === 1 ? '明天' : weekdayText(day), bottom: monthDay(day) };
  });
}

/* ───────────── coverage now ───────────── */

export interface CoverageRow {
  postId: string;
  name: string;
  kind: string;
  /** "应到 2 人 · 已到 1 人" */
  now: string;
  /** Heads missing right now. */
  gap: number;
  /** "今天还缺 3 人次" or ''. */
  day: string;
}

export interface CoverageSummary {
  /** "现在应到 5 人，已到 3 人" */
  headline: string;
  /** "2 个岗位缺人" or "各岗位人员到齐". */
  status: string;
  short: boolean;
  rows: CoverageRow[];
  /** "07:00 更新" */
  at: string;
}

/** Posts short of people now first (most missing first), then short later today, then the rest; as the server ordered within. */
export function gapsFirst(posts: readonly PostCoverage[]): PostCoverage[] {
  const rank = (p: PostCoverage) => (p.now.gap > 0 ? 0 : p.day.gap > 0 ? 1 : 2);
  return posts
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || b.p.now.gap - a.p.now.gap || a.i - b.i)
    .map(({ p }) => p);
}

export function coverageSummary(report: CoverageReport): CoverageSummary {
  const { now, postsWithGap } = report.total;
  return {
    headline: `现在应到 ${now.required} 人，已到 ${now.present} 人`,
    status: postsWithGap ? `${postsWithGap} 个岗位缺人` : '各岗位人员到齐',
    short: postsWithGap > 0,
    rows: gapsFirst(report.posts).map((p) => ({
      postId: p.postId,
      name: p.name,
      kind: POST_KIND_LABELS[p.kind] ?? p.kind,
      now: `应到 ${p.now.required} 人 · 已到 ${p.now.present} 人`,
      gap: p.now.gap,
      day: p.day.gap > 0 ? `当天还缺 ${p.day.gap} 人次` : '',
    })),
    at: `${shanghaiClock(report.at)} 更新`,
  };
}

/* ───────────── posts and their shifts ───────────── */

export interface CrewChip {
  openid: string;
  name: string;
  /** "待签到", "值守中 07:52", "缺勤"… */
  state: string;
  status: CrewView['status'];
}

export interface ShiftRow {
  id: string;
  time: string;
  /** "1/3 人（至少 2 人）" */
  heads: string;
  /** How many are missing: signed up short of the minimum, or (once started) checked in short of it. */
  missing: number;
  crew: CrewChip[];
  canAssign: boolean;
  /** Crew may be taken off before the start. */
  canRemove: boolean;
  /** "已开始", "已结束" or ''. */
  phase: string;
}

export interface PostBlock {
  id: string;
  name: string;
  kind: string;
  /** "每班 2–3 人 · 扫岗位码签到 · 全天值守" */
  rules: string;
  active: boolean;
  shifts: ShiftRow[];
  /** Shifts short of people this day. */
  gaps: number;
}

const crewChip = (c: CrewView): CrewChip => ({
  openid: c.openid,
  name: c.name,
  status: c.status,
  state: `${DUTY_STATUS_LABELS[c.status] ?? c.status}${c.checkInAt !== undefined && c.status === 'on' ? ` ${shanghaiClock(c.checkInAt)}` : ''}${c.late ? '（迟到）' : ''}`,
});

export function shiftRow(s: ShiftView, now: number): ShiftRow {
  const present = s.crew.filter((c) => c.status === 'on' || c.status === 'done').length;
  const ended = now >= s.end;
  const counted = s.started ? present : s.crew.length;
  return {
    id: s.id,
    time: spanText(s.start, s.end),
    heads: `${s.crew.length}/${s.maxHeads} 人（至少 ${s.minHeads} 人）`,
    missing: ended ? 0 : Math.max(0, s.minHeads - counted),
    crew: s.crew.map(crewChip),
    canAssign: !s.full && !ended && (!s.started || s.backfill),
    canRemove: !s.started,
    phase: ended ? '已结束' : s.started ? '进行中' : '',
  };
}

const headsText = (p: Pick<PostView, 'minHeads' | 'maxHeads'>) => (p.minHeads === p.maxHeads ? `${p.maxHeads}` : `${p.minHeads}–${p.maxHeads}`);

export function postBlocks(posts: readonly PostView[], shifts: readonly ShiftView[], now: number): PostBlock[] {
  return posts.map((p) => {
    const rows = shifts
      .filter((s) => s.postId === p.id)
      .sort((a, b) => a.start - b.start)
      .map((s) => shiftRow(s, now));
    const rules = [`每班 ${headsText(p)} 人`, `${CHECK_IN_BY_LABELS[p.checkInBy] ?? p.checkInBy}签到`, p.alwaysOn ? '全天值守' : ''];
    if (p.requiredSkills.length) rules.push(`须会${skillText(p.requiredSkills)}`);
    return {
      id: p.id,
      name: p.name,
      kind: POST_KIND_LABELS[p.kind] ?? p.kind,
      rules: rules.filter(Boolean).join(' · '),
      active: p.active,
      shifts: rows,
      gaps: rows.filter((r) => r.missing > 0).length,
    };
  });
}

/* ───────────── suggestions ───────────── */

export interface SuggestionRow {
  openid: string;
  name: string;
  party: boolean;
  /** "安保、驾驶 · 3号楼党小组" */
  about: string;
  /** "符合 1 项优先技能 · 本周已值守 3 小时 · 当天已排 8 小时" */
  load: string;
}

export function suggestionRow(s: Suggestion): SuggestionRow {
  const load = [
    s.fit ? `符合 ${s.fit} 项优先技能` : '',
    `本周已值守 ${minutesText(s.weekMinutes)}`,
    s.dayMinutes ? `当天已排 ${minutesText(s.dayMinutes)}` : '',
  ];
  return {
    openid: s.openid,
    name: s.name,
    party: s.partyMember,
    about: [s.skills.length ? skillText(s.skills) : '未填特长', s.unitName ?? ''].filter(Boolean).join(' · '),
    load: load.filter(Boolean).join(' · '),
  };
}
