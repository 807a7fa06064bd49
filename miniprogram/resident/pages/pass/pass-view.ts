/** What the pass page shows for each pass, from the server's view or the phone's cache. Pure: no wx here. */
import type { PassStatus, PassView } from '../../../../typings/pass';
import type { WalletEntry } from '../../../services/pass-wallet';
import { RELATION_LABELS } from '../apply/apply-form';
import { CLOCK_TOLERANCE_MS, DAY, HOUR, MINUTE, inShanghai } from '../../../shared/time';

export type CardState = 'live' | 'upcoming' | 'pending' | 'rejected' | 'revoked' | 'expired';

export interface PassCard {
  id: string;
  state: CardState;
  /** The big message of a pass that shows no code. */
  title: string;
  /** One line under it: the reason, or what to do. */
  detail: string;
  /** Masked name of the holder. */
  name: string;
  /** 本人 / 家属 / …; '' offline (the credential does not say). */
  relation: string;
  /** "幸福小区 3号楼2单元301" */
  household: string;
  /** "2022年1月5日 至 2022年2月4日"; '' until approved. */
  validity: string;
  /** The label of the button offering a new application; '' for none. */
  applyLabel: string;
  /** The switcher's label when the phone holds several passes. */
  tab: string;
  /** Newer first among passes in the same state. */
  since: number;
  /** A family member's pass on this phone (代办): "持码人：王*兰 · 代办人：本机机主"; '' otherwise or offline. */
  holderLine: string;
  /** The serial of the paper code printed for this pass; 0 for none. */
  paperSerial: number;
}

const TAB_STATE: Record<CardState, string> = {
  live: '有效',
  upcoming: '未生效',
  pending: '审核中',
  rejected: '未通过',
  revoked: '已注销',
  expired: '已过期',
};

/** Which pass comes first: the one to show at the gate, then the ones waiting. */
const RANK: Record<CardState, number> = { live: 0, upcoming: 1, pending: 2, rejected: 3, revoked: 4, expired: 5 };

const pad = (n: number) => String(n).padStart(2, '0');

// Times are shown in Beijing time (UTC+8, no daylight saving) whatever the phone's time zone:
// the gate, the secretary's approval and the validity dates all count in it.

/** "07:03:09" */
export function clockText(ms: number): string {
  const d = inShanghai(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** "2022年1月5日" */
export function dateText(ms: number): string {
  const d = inShanghai(ms);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** Where the moving mark stands, 0–100 (% of its track): it walks with the seconds of the minute. */
export const markPercent = (ms: number) => Math.round(((Math.floor(ms / 1000) % 60) * 100) / 59);

/** "10 分钟", "3 小时", "2 天" */
function aboutText(ms: number): string {
  if (ms < 90 * MINUTE) return `${Math.round(ms / MINUTE)} 分钟`;
  if (ms < 48 * HOUR) return `${Math.round(ms / HOUR)} 小时`;
  return `${Math.round(ms / DAY)} 天`;
}

/**
 * A kind word when the phone's clock is off by more than the tolerance (`offsetMs` = server −
 * phone): the code is made with the server's time, so the pass works; only the setting is wrong.
 */
export function clockNote(offsetMs: number): string {
  if (Math.abs(offsetMs) <= CLOCK_TOLERANCE_MS) return '';
  const way = offsetMs > 0 ? '慢' : '快';
  return `手机时间比北京时间${way}约 ${aboutText(Math.abs(offsetMs))}，通行码已按北京时间生成，可正常使用；建议在手机设置中打开「自动设置时间」`;
}

/** The state as the phone sees it now: an approved pass may have ended, or not begun. */
export function stateAt(status: PassStatus, validFrom: number | undefined, validUntil: number | undefined, now: number): CardState {
  if (status !== 'approved') return status;
  if (validUntil !== undefined && now > validUntil) return 'expired';
  if (validFrom !== undefined && now < validFrom) return 'upcoming';
  return 'live';
}

interface CardSource {
  id: string;
  state: CardState;
  name: string;
  relation: string;
  household: string;
  validFrom?: number;
  validUntil?: number;
  statusReason?: string;
  since: number;
  /** A family member's pass held on this phone (代办). */
  proxy?: boolean;
  /** The paper code's serial (0: none printed). */
  paperSerial?: number;
}

const because = (reason: string | undefined, otherwise: string) => (reason ? `原因：${reason}` : otherwise);

function message(s: CardSource): Pick<PassCard, 'title' | 'detail' | 'applyLabel'> {
  switch (s.state) {
    case 'live':
      return { title: '出入证有效', detail: '请出示给门岗志愿者扫码', applyLabel: '' };
    case 'upcoming':
      return { title: '出入证尚未生效', detail: s.validFrom ? `${dateText(s.validFrom)}起可以使用` : '', applyLabel: '' };
    case 'pending':
      return { title: '审核中', detail: '申请已提交，请等待小区审核', applyLabel: '' };
    case 'rejected':
      return { title: '申请未通过', detail: because(s.statusReason, '如有疑问请联系小区工作人员'), applyLabel: '重新申请' };
    case 'revoked':
      return { title: '出入证已被注销', detail: because(s.statusReason, '如有疑问请联系小区工作人员'), applyLabel: '' };
    case 'expired':
      return { title: '出入证已过期', detail: s.validUntil ? `有效期至${dateText(s.validUntil)}` : '', applyLabel: '重新申请' };
  }
}

function card(s: CardSource): PassCard {
  return {
    id: s.id,
    state: s.state,
    ...message(s),
    name: s.name,
    relation: s.relation,
    household: s.household,
    validity: s.validFrom !== undefined && s.validUntil !== undefined ? `${dateText(s.validFrom)} 至 ${dateText(s.validUntil)}` : '',
    tab: `${s.name} · ${TAB_STATE[s.state]}`,
    since: s.since,
    holderLine: s.proxy ? `持码人：${s.name} · 代办人：本机机主` : '',
    paperSerial: s.paperSerial ?? 0,
  };
}

/** A pass as the server describes it. */
export function cardOfPass(p: PassView, now: number): PassCard {
  return card({
    id: p.id,
    state: stateAt(p.status, p.validFrom, p.validUntil, now),
    name: p.nameMasked,
    relation: RELATION_LABELS[p.relation] ?? '',
    household: `${p.compoundName} ${p.household}`.trim(),
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    statusReason: p.statusReason,
    since: p.createdAt,
    proxy: p.relation !== 'self',
    paperSerial: p.paper?.serial ?? 0,
  });
}

/** A pass as the phone stored it, for showing with no network. */
export function cardOfEntry(e: WalletEntry, now: number): PassCard {
  const c = e.credential;
  const validFrom = c.nbf * 1000;
  const validUntil = c.exp * 1000;
  return card({
    id: e.passId,
    state: stateAt('approved', validFrom, validUntil, now),
    name: c.nm,
    relation: '',
    household: c.hh,
    validFrom,
    validUntil,
    since: validFrom,
  });
}

/** The pass to show at the gate first, then the ones waiting, then the ended ones; newer first within each. */
export const sortCards = (cards: PassCard[]) => [...cards].sort((a, b) => RANK[a.state] - RANK[b.state] || b.since - a.since);
