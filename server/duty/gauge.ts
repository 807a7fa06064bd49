/**
 * The dashboard's duty coverage (server/stats, section 值守在岗), kept on write in hour slots of
 * the shift's day: `dutyReq<hh>` heads the shifts of that hour need, `dutyOn<hh>` heads on post,
 * `dutyGap<hh>` the shifts' shortfalls (each shift's max(0, need − on)), and `dutyCover<hh>` the
 * always-on posts' heads that a shift of theirs stands in for; the gauge `dutyStanding` is the
 * always-on posts' heads. A shift counts in every hour it overlaps, so the hour's figures are
 * `duty.coverage`'s "now" exactly when shifts start and end on the hour (rota rules usually do).
 * Shifts never cross midnight: one shift is one day document, one write.
 */
import { bumpDaily, bumpLive, hourOf, HOURS, type DailyMetric, type Hour } from '../stats/model';
import type { TxStore } from '../store/port';
import type { PostDoc, ShiftDoc } from './model';

type Deltas = Partial<Record<DailyMetric, number>>;

/** The hour slots of [from, end) (from is clamped to the shift's start). */
function slots(s: Pick<ShiftDoc, 'start' | 'end'>, from = s.start): Hour[] {
  const first = Math.max(from, s.start);
  if (first >= s.end) return [];
  const a = HOURS.indexOf(hourOf(first));
  const b = HOURS.indexOf(hourOf(s.end - 1));
  return HOURS.slice(a, b + 1);
}

const on = (s: Pick<ShiftDoc, 'crew'>) => s.crew.filter((c) => c.status === 'on').length;

/** What an always-on post stands for on the dashboard when no shift runs. */
export const standingOf = (p: Pick<PostDoc, 'alwaysOn' | 'active' | 'minHeads'>) => (p.alwaysOn && p.active ? p.minHeads : 0);

/** New shifts of one day of one compound: their hours' needs. One write. */
export async function countNewShifts(tx: TxStore, shifts: readonly ShiftDoc[], posts: ReadonlyMap<string, PostDoc>): Promise<void> {
  if (!shifts.length) return;
  const d: Deltas = {};
  const add = (k: DailyMetric, n: number) => (d[k] = (d[k] ?? 0) + n);
  for (const s of shifts) {
    const post = posts.get(s.postId);
    for (const h of slots(s)) {
      add(`dutyReq${h}`, s.minHeads);
      add(`dutyGap${h}`, Math.max(0, s.minHeads - on(s)));
      if (post) add(`dutyCover${h}`, standingOf(post));
    }
  }
  await bumpDaily(tx, shifts[0].path, shifts[0].day, d);
}

/** Someone's status on a shift changed at `now` (check-in: on; check-out: off): the hours left. One write. */
export async function countOnPost(tx: TxStore, before: ShiftDoc, after: Pick<ShiftDoc, 'crew'>, now: number): Promise<void> {
  const moved = on(after) - on(before);
  if (!moved) return;
  const gap = Math.max(0, before.minHeads - on(after)) - Math.max(0, before.minHeads - on(before));
  const d: Deltas = {};
  for (const h of slots(before, now)) {
    d[`dutyOn${h}`] = moved;
    if (gap) d[`dutyGap${h}`] = gap;
  }
  if (Object.keys(d).length) await bumpDaily(tx, before.path, before.day, d);
}

/** A post saved: the always-on heads it stands for. One write when they change. */
export async function countPost(tx: TxStore, before: PostDoc | null, after: PostDoc): Promise<void> {
  const d = standingOf(after) - (before ? standingOf(before) : 0);
  if (d) await bumpLive(tx, after.path, { dutyStanding: d });
}
