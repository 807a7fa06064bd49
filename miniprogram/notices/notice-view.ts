/** What the inbox and the notice page show. Pure: no wx here. */
import type { NoticeLevel, NoticeView } from '../../typings/messages';
import { shanghaiClock, shanghaiDate, shanghaiDateTime, startOfShanghaiDay } from '../shared/time';

export const LEVEL_LABELS: Record<NoticeLevel, string> = { urgent: '紧急', important: '重要', normal: '普通' };

const DAY = 24 * 3600_000;

/** "今天 07:05", "昨天 18:30", else "2024-03-05 07:05" — Asia/Shanghai. */
export function noticeTime(ms: number, now: number): string {
  const today = startOfShanghaiDay(now);
  if (ms >= today && ms < today + DAY) return `今天 ${shanghaiClock(ms)}`;
  if (ms >= today - DAY && ms < today) return `昨天 ${shanghaiClock(ms)}`;
  return shanghaiDateTime(ms);
}

export interface NoticeRow {
  id: string;
  title: string;
  /** Where it comes from: "威尼斯水城", "东店社区". */
  scope: string;
  time: string;
  level: NoticeLevel;
  levelText: string;
  unread: boolean;
  /** Asks to be acknowledged and the reader has not yet. */
  needsAck: boolean;
}

export const noticeRow = (n: NoticeView, now: number): NoticeRow => ({
  id: n.id,
  title: n.title,
  scope: n.scopeName,
  time: noticeTime(n.publishedAt, now),
  level: n.level,
  levelText: LEVEL_LABELS[n.level] ?? n.level,
  unread: !n.readAt,
  needsAck: n.requireAck && !n.ackedAt,
});

export interface NoticePage extends NoticeRow {
  body: string;
  publisher: string;
  /** "有效期至 2024-03-31" ('' when it does not expire). */
  expiry: string;
  expired: boolean;
  requireAck: boolean;
  /** "您已于 2024-03-05 08:10 确认知晓" ('' until acknowledged). */
  acked: string;
}

export function noticePage(n: NoticeView, now: number): NoticePage {
  return {
    ...noticeRow(n, now),
    body: n.body,
    publisher: n.publisherName,
    expiry: n.expiresAt ? `有效期至 ${shanghaiDate(n.expiresAt)}` : '',
    expired: Boolean(n.expiresAt && n.expiresAt <= now),
    requireAck: n.requireAck,
    acked: n.ackedAt ? `您已于 ${shanghaiDateTime(n.ackedAt)} 确认知晓` : '',
  };
}

/** The events the notice page sends back to the inbox that opened it. */
export const NOTICE_EVENTS = { read: 'noticeRead', acked: 'noticeAcked' } as const;
