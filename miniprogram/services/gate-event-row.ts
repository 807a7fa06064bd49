/**
 * One gate event as a row on screen: the volunteer phone's own log and the secretary's gate log.
 * Pure. Main package: the volunteer and the staff subpackages both use it.
 */
import type { GateDenyReason, GateEventView, IdCheck, Verdict } from '../../typings/pass';
import { shanghaiClock, shanghaiDate, shanghaiDateTime } from '../shared/time';
import { DIRECTION_LABELS, KIND_LABELS, VERDICT_LABELS, reasonText } from './gate-labels';

export interface EventRowView {
  id: string;
  time: string;
  kind: string;
  direction: string;
  /** "张* · 3号楼2单元301", "快递 · 顺丰 · 138****5678", "陕H12345" */
  who: string;
  /** "36.5 ℃", or "体温正常" where the volunteer tapped 正常 (no reading recorded). */
  temperature: string;
  /** A resident let through by hand: "人工登记 · 手机没电" ('' otherwise). */
  manualText: string;
  /** A paper pass (离线出入证) and how the ID card was checked: "离线出入证 · 已核对身份证尾号" ('' otherwise). */
  paperText: string;
  verdict: Verdict;
  verdictText: string;
  reasonText: string;
  /** Waiting to sync (the phone's log only). */
  pending: boolean;
  /** The server refused the record (the phone's log only): why. */
  rejected: string;
  mismatch: boolean;
  /** What the other side said, when they disagreed. */
  mismatchText: string;
  /** The server doubts the gate phone's time for this event (secretary's log): "手机时间异常（手机记为 07:21）". */
  clockText: string;
}

/** A row of the phone's log (services/gate-log.ts) or an event of `gate.log`. */
type RowSource = Pick<
  GateEventView,
  | 'id'
  | 'at'
  | 'kind'
  | 'direction'
  | 'who'
  | 'household'
  | 'company'
  | 'phoneMasked'
  | 'plate'
  | 'temperature'
  | 'temperatureBand'
  | 'method'
  | 'manualReason'
  | 'phoneVerdict'
  | 'phoneReason'
  | 'mismatch'
  | 'clockFlag'
  | 'phoneAt'
  | 'paper'
  | 'idCheck'
> & {
  verdict?: Verdict;
  reason?: GateDenyReason;
  synced?: boolean;
  rejected?: string;
};

const verdictLine = (verdict: Verdict, reason?: GateDenyReason) => [VERDICT_LABELS[verdict], reasonText(reason)].filter(Boolean).join(' · ');

/** What the gate phone's clock said, on the day of `at` as a time, else with its date. */
function clockLine(row: RowSource): string {
  if (!row.clockFlag) return '';
  if (row.phoneAt === undefined) return '手机时间异常';
  const claimed = shanghaiDate(row.phoneAt) === shanghaiDate(row.at) ? shanghaiClock(row.phoneAt) : shanghaiDateTime(row.phoneAt);
  return `手机时间异常（手机记为 ${claimed}）`;
}

const ID_CHECK_TEXT: Record<IdCheck, string> = { confirmed: '已核对身份证尾号', mismatch: '身份证尾号不符' };

/** A paper pass names itself and the ID check (a refused card may never have reached it). */
function paperLine(row: Pick<RowSource, 'paper' | 'idCheck'>): string {
  if (!row.paper) return '';
  return ['离线出入证', row.idCheck ? ID_CHECK_TEXT[row.idCheck] : '未核对身份证'].join(' · ');
}

/** A reading as typed, or the band the 正常 key records (never shown as a number). */
export function temperatureText(row: Pick<RowSource, 'temperature' | 'temperatureBand'>): string {
  if (row.temperature !== undefined) return `${row.temperature.toFixed(1)} ℃`;
  return row.temperatureBand === 'normal' ? '体温正常' : '';
}

/**
 * `side` is whose verdict the row leads with: the phone's own (volunteer log) or the server's
 * (secretary log); a disagreement names the other one.
 */
export function eventRowView(row: RowSource, side: 'phone' | 'server'): EventRowView {
  const server = row.verdict ? { verdict: row.verdict, reason: row.reason } : null;
  const phone = { verdict: row.phoneVerdict, reason: row.phoneReason };
  const lead = side === 'server' && server ? server : phone;
  const other = side === 'server' ? phone : server;
  const mismatch = Boolean(other && row.mismatch);
  return {
    id: row.id,
    time: shanghaiClock(row.at),
    kind: KIND_LABELS[row.kind],
    direction: DIRECTION_LABELS[row.direction],
    who: [row.plate, row.who, row.household, row.company, row.phoneMasked].filter(Boolean).join(' · '),
    temperature: temperatureText(row),
    manualText: row.method === 'manual' ? ['人工登记', row.manualReason].filter(Boolean).join(' · ') : '',
    paperText: paperLine(row),
    verdict: lead.verdict,
    verdictText: VERDICT_LABELS[lead.verdict],
    reasonText: reasonText(lead.reason),
    pending: row.synced === false && !row.rejected,
    rejected: row.rejected ?? '',
    mismatch,
    mismatchText: mismatch && other ? `${side === 'phone' ? '服务器核验' : '门岗手机判定'}：${verdictLine(other.verdict, other.reason)}` : '',
    clockText: clockLine(row),
  };
}
