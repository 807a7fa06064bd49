import type { NoticeView } from '../../typings/messages';
import type { TemplateDecls } from '../messaging/templates';

/** Important and urgent notices pushed to their audience, and reminders to acknowledge. */
export const NOTICE_TEMPLATES = {
  notice: { values: { title: '通知标题', from: '发布人', level: '紧急程度（≤ 5 个汉字，如 重要）', time: '发布时间（unix ms）' } },
} satisfies TemplateDecls;

/** The view's fields (without the reader's own receipt), and what the timer works from. */
export type NoticeDoc = Omit<NoticeView, 'id' | 'readAt' | 'ackedAt'> & {
  _id: string;
  _v?: number;
  /** The scope's ancestors, root first. */
  scopePath: string[];
  /** scopePath and the scope itself (indexed: notices published in a subtree). */
  scopeChain: string[];
  publishedBy: string;
  /** Urgent notices needing ack: when unacked readers get reminded and lagging nodes alerted. */
  remindAt?: number;
  remindedAt?: number;
  /** Where reminding stopped (pages of the audience). */
  remindCursor?: string;
  /** Pushes to the audience are enqueued by the timer in pages; `pushCursor` is where it stopped. */
  push: 'none' | 'pending' | 'done';
  pushCursor?: string;
};

/**
 * Read receipts of one notice for the readers homed in one compound (or, above compounds, at
 * one node): `readers` holds each reader's times; `n` the counts per home node and `r`/`a`
 * the totals, rolled up in the same write as the receipt.
 */
export type NoticeReadsDoc = {
  _id: string; // `${noticeId}:${groupId}`
  _v?: number;
  noticeId: string;
  groupId: string;
  /** The group's ancestors and the group itself. */
  path: string[];
  r: number;
  a: number;
  n: Record<string, { r?: number; a?: number }>;
  readers: Record<string, { r: number; a?: number; n: string }>;
};

export function toNoticeView(n: NoticeDoc, receipt?: { r: number; a?: number }): NoticeView {
  const v: NoticeView = {
    id: n._id,
    scopeOrgId: n.scopeOrgId,
    scopeName: n.scopeName,
    scopeLevel: n.scopeLevel,
    title: n.title,
    body: n.body,
    level: n.level,
    audience: n.audience,
    requireAck: n.requireAck,
    publishedAt: n.publishedAt,
    publisherName: n.publisherName,
  };
  if (n.expiresAt !== undefined) v.expiresAt = n.expiresAt;
  if (receipt) {
    v.readAt = receipt.r;
    if (receipt.a !== undefined) v.ackedAt = receipt.a;
  }
  return v;
}

declare module '../store/port' {
  interface Collections {
    notices: NoticeDoc;
    noticeReads: NoticeReadsDoc;
  }
}
