/** What the notice progress page shows. Pure: no wx here. */
import type { NoticeProgressRow, NoticeView } from '../../../../typings/messages';
import { shanghaiDateTime } from '../../../shared/time';
import { ROUTES } from '../../../utils/routes';
import { AUDIENCE_LABELS, NOTICE_LEVEL_LABELS } from '../publish/publish-form';

/**
 * The page's query. notice.progress answers counts only, so the notice's title and whether it
 * asks for acknowledgement travel along in the query from wherever the notice is known.
 */
export interface ProgressQuery {
  noticeId: string;
  /** The node looked at ('' = the server's choice: the notice's scope). */
  orgId: string;
  title: string;
  requireAck: boolean;
}

type NoticeRef = Pick<NoticeView, 'id' | 'title' | 'requireAck'>;

export function progressUrl(notice: NoticeRef, orgId: string): string {
  const q = [
    `noticeId=${encodeURIComponent(notice.id)}`,
    `orgId=${encodeURIComponent(orgId)}`,
    `title=${encodeURIComponent(notice.title)}`,
    `ack=${notice.requireAck ? 1 : 0}`,
  ];
  return `${ROUTES.noticeProgress}?${q.join('&')}`;
}

const decode = (value: string | undefined) => {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    return value ?? '';
  }
};

export const progressQuery = (query: Record<string, string | undefined>): ProgressQuery => ({
  noticeId: decode(query.noticeId),
  orgId: decode(query.orgId),
  title: decode(query.title),
  requireAck: query.ack === '1',
});

/** Whole percent, rounded down: 99.6 % is not everyone. */
export const percent = (n: number, of: number) => (of > 0 ? Math.min(100, Math.floor((n * 100) / of)) : 0);

export interface ProgressRowView {
  orgId: string;
  name: string;
  audience: number;
  readPct: number;
  ackPct: number;
  /** "已读 8/10 人（80%）" */
  readText: string;
  ackText: string;
}

export function progressRow(r: NoticeProgressRow): ProgressRowView {
  const readPct = percent(r.read, r.audience);
  const ackPct = percent(r.acked, r.audience);
  return {
    orgId: r.orgId,
    name: r.name,
    audience: r.audience,
    readPct,
    ackPct,
    readText: `已读 ${r.read}/${r.audience} 人（${readPct}%）`,
    ackText: `已确认 ${r.acked}/${r.audience} 人（${ackPct}%）`,
  };
}

/** Children, the least read first (those who need a nudge), otherwise as the server listed them. */
export function childRows(rows: readonly NoticeProgressRow[]): ProgressRowView[] {
  const ratio = (r: NoticeProgressRow) => (r.audience > 0 ? r.read / r.audience : 1);
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => ratio(a.r) - ratio(b.r) || a.i - b.i)
    .map(({ r }) => progressRow(r));
}

/** One of the caller's notices on the landing list. */
export interface SentRow {
  id: string;
  title: string;
  level: NoticeView['level'];
  levelText: string;
  /** "东店社区 · 全体 · 需确认" */
  line: string;
  time: string;
  url: string;
}

/** `orgId`: the node whose progress the row opens (the notice's scope unless given). */
export function sentRow(n: NoticeView, orgId = n.scopeOrgId): SentRow {
  return {
    id: n.id,
    title: n.title,
    level: n.level,
    levelText: NOTICE_LEVEL_LABELS[n.level] ?? n.level,
    line: [n.scopeName, AUDIENCE_LABELS[n.audience] ?? n.audience, n.requireAck ? '需确认' : ''].filter(Boolean).join(' · '),
    time: shanghaiDateTime(n.publishedAt),
    url: progressUrl(n, orgId),
  };
}
