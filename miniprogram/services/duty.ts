/**
 * Volunteers on duty (issue #4) as the phone shows them: Chinese labels for skills, post kinds,
 * party units and duty states; days, weekdays and shift spans in Asia/Shanghai; the rule a
 * refused duty request broke; a whole rota fetched page by page; a yes/no dialog. Main package:
 * the volunteer and the staff subpackages both use it.
 */
import type { ActionRequest } from '../../typings/api';
import type { CheckInBy, DutyStatus, PartyUnitKind, PostKind, ShiftView, Skill } from '../../typings/duty';
import { call } from './api';

/* ───────────── labels ───────────── */

import { SKILL_LABELS, SKILLS } from '../shared/skills';
import { DAY, MINUTE, shanghaiClock } from '../shared/time';

export { SKILL_LABELS, SKILLS };

export const POST_KIND_LABELS: Record<PostKind, string> = {
  publicity: '宣传',
  gate: '执勤',
  disinfection: '消毒',
  emergency: '应急处理',
  supplies: '物资保障',
  census: '信息摸排',
  care: '服务关爱',
};
export const POST_KINDS = Object.keys(POST_KIND_LABELS) as PostKind[];

export const UNIT_KIND_LABELS: Record<PartyUnitKind, string> = { branch: '临时党支部', group: '楼栋党小组', zone: '党员责任区', agency: '报到单位' };

export const DUTY_STATUS_LABELS: Record<DutyStatus, string> = { assigned: '待签到', on: '值守中', done: '已完成', noshow: '缺勤' };

export const CHECK_IN_BY_LABELS: Record<CheckInBy, string> = { code: '扫岗位码', location: '定位', either: '扫码或定位', both: '扫码并定位' };

export const skillText = (skills: readonly Skill[]) => skills.map((s) => SKILL_LABELS[s] ?? s).join('、');

/** Checkboxes for the fixed skill list, `chosen` ticked. */
export const skillOptions = (chosen: readonly Skill[]) => SKILLS.map((key) => ({ key, label: SKILL_LABELS[key], checked: chosen.includes(key) }));

/** `[{ key, label }]` of a label table, in its order. */
export const optionsOf = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((key) => ({ key, label: labels[key] }));

/* ───────────── days and times (Asia/Shanghai) ───────────── */

export { MINUTE };
/** Check-in opens this long before a shift starts (the server's rule). */
export const CHECK_IN_EARLY = 15 * MINUTE;

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

const utcOf = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};

/** "2024-03-05" plus `n` days. */
export const addDays = (day: string, n: number) => new Date(utcOf(day) + n * DAY).toISOString().slice(0, 10);

/** "3月5日" */
export const monthDay = (day: string) => {
  const date = new Date(utcOf(day));
  return `${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
};

/** "周二" */
export const weekdayText = (day: string) => WEEKDAYS[new Date(utcOf(day)).getUTCDay()];

/** "3月5日 周二", with 今天 / 明天 in front when it is. */
export function dayLabel(day: string, today: string): string {
  const plain = `${monthDay(day)} ${weekdayText(day)}`;
  if (day === today) return `今天 · ${plain}`;
  return day === addDays(today, 1) ? `明天 · ${plain}` : plain;
}

/** "08:00–16:00"; a shift ending at midnight ends at 24:00. */
export function spanText(start: number, end: number): string {
  const to = shanghaiClock(end);
  return `${shanghaiClock(start)}–${to === '00:00' && end > start ? '24:00' : to}`;
}

/** "45 分钟", "3 小时", "3 小时 20 分". */
export function minutesText(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} 分钟`;
  return m % 60 ? `${Math.floor(m / 60)} 小时 ${m % 60} 分` : `${m / 60} 小时`;
}

/** Items grouped by their day, in the order first met. */
export function byDay<T extends { day: string }>(items: readonly T[], today: string): Array<{ day: string; label: string; items: T[] }> {
  const groups: Array<{ day: string; label: string; items: T[] }> = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last?.day === item.day) last.items.push(item);
    else groups.push({ day: item.day, label: dayLabel(item.day, today), items: [item] });
  }
  return groups;
}

/* ───────────── calls ───────────── */

const SHIFT_PAGE = 200;
const MAX_PAGES = 10;

/** Every shift `duty.shifts` lists for the request, following its pages. */
export async function allShifts(req: Omit<ActionRequest<'duty.shifts'>, 'cursor' | 'limit'>): Promise<ShiftView[]> {
  const items: ShiftView[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await call('duty.shifts', { ...req, limit: SHIFT_PAGE, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.next;
    if (!cursor) break;
  }
  return items;
}

/** A yes/no dialog; true when confirmed. */
export function confirmDialog(title: string, content: string, confirmText: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({ title, content, confirmText, cancelText: '取消', success: (res) => resolve(res.confirm), fail: () => resolve(false) });
  });
}

/* ───────────── page helpers ───────────── */

/**
 * State a page keeps outside `data` (server views, timers, a busy flag), one per page instance:
 * `const runtimeOf = pageState(() => ({ … }))`, then `runtimeOf(this)`.
 */
export function pageState<T>(init: () => T): (page: object) => T {
  const states = new WeakMap<object, T>();
  return (page) => {
    let state = states.get(page);
    if (state === undefined) {
      state = init();
      states.set(page, state);
    }
    return state;
  };
}

const tickers = new WeakMap<object, ReturnType<typeof setInterval>>();

/** Runs `tick` every `ms` for the page (once at a time): from onShow, until `stopTicking`. */
export function startTicking(page: object, tick: () => void, ms: number): void {
  stopTicking(page);
  tickers.set(page, setInterval(tick, ms));
}

/** For onHide, onUnload and detached. */
export function stopTicking(page: object): void {
  const timer = tickers.get(page);
  if (timer !== undefined) clearInterval(timer);
  tickers.delete(page);
}
