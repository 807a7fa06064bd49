/** Disinfection areas as rows (环境消毒, 消毒情况): what is left first, each with its count, window and state. */
import type { AreaDay, AreaKind } from '../../typings/disinfect';
import { shanghaiClock } from '../shared/time';

export const KIND_TEXT: Record<AreaKind, string> = { stairwell: '楼道', lift: '电梯', gate: '出入口', bins: '垃圾点', play: '游乐区', other: '其他' };

export type AreaState = 'todo' | 'missed' | 'done';

export interface AreaRow {
  id: string;
  name: string;
  kindText: string;
  countText: string;
  windowText: string;
  state: AreaState;
  stateText: string;
  lastText: string;
}

const STATE_TEXT: Record<AreaState, string> = { todo: '待消毒', missed: '已过时限未完成', done: '今日已完成' };
const ORDER: Record<AreaState, number> = { missed: 0, todo: 1, done: 2 };

export function stateOf(a: Pick<AreaDay, 'done' | 'required' | 'missed'>): AreaState {
  if (a.done >= a.required) return 'done';
  return a.missed ? 'missed' : 'todo';
}

export function areaRows(items: readonly AreaDay[]): AreaRow[] {
  return items
    .map((a) => {
      const state = stateOf(a);
      return {
        id: a.id,
        name: a.name,
        kindText: KIND_TEXT[a.kind],
        countText: `已消毒 ${a.done}/${a.required} 次`,
        windowText: `${a.from}–${a.to}`,
        state,
        stateText: STATE_TEXT[state],
        lastText: a.lastAt !== undefined ? `最近 ${shanghaiClock(a.lastAt)}` : '',
      };
    })
    .sort((x, y) => ORDER[x.state] - ORDER[y.state]);
}

/** "还有 3 处待消毒" / "今天的消毒都完成了" */
export function summaryText(rows: readonly AreaRow[]): string {
  const left = rows.filter((r) => r.state !== 'done').length;
  return left ? `还有 ${left} 处待消毒` : '今天的消毒都完成了';
}
