/**
 * Timer work for notices, done in bounded pages so a district-wide notice never makes one
 * long request:
 *  - pushNotices: important and urgent notices are pushed (outbox) to their audience;
 *  - remindUnacked: an urgent notice still unacked when its `remindAt` comes (LF_URGENT_ACK_MINUTES after publishing) — unacked readers
 *    get a reminder push, and each lagging child node of the scope gets an alert for its staff.
 * Every push is keyed (`notice:<id>:<openid>`, `notice.remind:<id>:<openid>`), so a page
 * repeated after a crash enqueues nothing twice.
 */
import { enqueue, type Push } from '../messaging/outbox';
import type { TemplateFill } from '../messaging/templates';
import { raiseAlerts } from '../alerts/model';
import { eachPage } from '../store/pages';
import type { TickJob } from '../messaging/jobs';
import type { Store } from '../store/port';
import { homeGrant, reachKey } from './audience';
import type { NoticeDoc } from './model';
import { groupOf, readerKey, receiptsId } from './receipts';

const PAGE = 500;
const LEVEL_TEXT = { normal: '普通', important: '重要', urgent: '紧急' } as const;

/** One page of the notice's audience after `cursor`. */
async function audiencePage(store: Store, n: NoticeDoc, cursor?: string) {
  return store.query('users', {
    where: { reach: { $has: reachKey(n.audience, n.scopeOrgId) } },
    orderBy: [{ field: '_id' }],
    limit: PAGE,
    cursor,
  });
}

function push(n: NoticeDoc, openid: string, kind: 'notice' | 'notice.remind'): Push {
  return {
    key: `${kind}:${n._id}:${openid}`,
    kind,
    template: 'notice',
    to: openid,
    page: `/notices/pages/detail/detail?id=${n._id}`,
    values: {
      title: kind === 'notice.remind' ? `请确认：${n.title}` : n.title,
      level: LEVEL_TEXT[n.level],
      from: n.publisherName,
      time: String(n.publishedAt),
    } satisfies TemplateFill<'notice'>,
  };
}

/** Enqueues one page of pushes for each notice waiting to be pushed. */
export async function pushNotices(store: Store, now: number): Promise<number> {
  const waiting = await store.query('notices', { where: { push: 'pending' }, orderBy: [{ field: 'publishedAt' }], limit: 5 });
  let enqueued = 0;
  for (const n of waiting.items) {
    const page = await audiencePage(store, n, n.pushCursor);
    enqueued += await enqueue(
      store,
      page.items.map((u) => push(n, u._id, 'notice')),
      now,
    );
    const next = page.next ? { pushCursor: page.next } : { push: 'done', pushCursor: undefined };
    await store.update('notices', n._id, next, { version: n._v });
  }
  return enqueued;
}

export interface LaggingNode {
  notice: NoticeDoc;
  orgId: string;
}

/**
 * Reminds unacked readers of overdue urgent notices, a page per tick. When a notice's last
 * page is done, `onLagging` is told which child nodes of the scope still have unacked readers.
 */
export async function remindUnacked(store: Store, now: number, onLagging: (lag: LaggingNode[]) => Promise<void> = async () => undefined): Promise<number> {
  const due = await store.query('notices', { where: { remindAt: { $lte: now } }, orderBy: [{ field: 'remindAt' }], limit: 5 });
  let reminded = 0;
  for (const n of due.items) {
    if (n.remindedAt !== undefined) continue;
    const page = await audiencePage(store, n, n.remindCursor);
    const homes = page.items.flatMap((u) => {
      const home = homeGrant(u.grants, n.audience, n.scopeOrgId);
      return home ? [{ u, home, doc: receiptsId(n._id, groupOf(home).groupId) }] : [];
    });
    const receipts = new Map((await store.getMany('noticeReads', [...new Set(homes.map((x) => x.doc))])).map((d) => [d._id, d]));
    const unacked = homes.filter(({ u, doc }) => receipts.get(doc)?.readers[readerKey(u._id)]?.a === undefined);
    reminded += await enqueue(
      store,
      unacked.map(({ u }) => push(n, u._id, 'notice.remind')),
      now,
    );
    if (page.next) {
      await store.update('notices', n._id, { remindCursor: page.next }, { version: n._v });
      continue;
    }
    // Last page: the notice is done; tell whoever alerts lagging nodes (once, guarded by the version).
    if (await store.update('notices', n._id, { remindedAt: now, remindCursor: undefined, remindAt: undefined }, { version: n._v })) {
      await onLagging(await laggingChildren(store, n));
    }
  }
  return reminded;
}

/** Child nodes of the scope (or the scope itself, at a building) where some reader has not acked. */
async function laggingChildren(store: Store, n: NoticeDoc): Promise<LaggingNode[]> {
  if (n.scopeLevel === 'building') {
    const audience = await store.count('users', { reach: { $has: reachKey(n.audience, n.scopeOrgId) } });
    const doc = await store.get('noticeReads', receiptsId(n._id, n.scopePath[3]));
    return (doc?.n[n.scopeOrgId]?.a ?? 0) < audience ? [{ notice: n, orgId: n.scopeOrgId }] : [];
  }
  const children = await store.query('orgs', { where: { parentId: n.scopeOrgId }, orderBy: [{ field: 'order' }], limit: 1000 });
  const acked = new Map<string, number>();
  const depth = n.scopePath.length;
  await eachPage(store, 'noticeReads', { where: { noticeId: n._id }, orderBy: [{ field: '_id' }], limit: 1000 }, (items) => {
    for (const d of items) {
      if (n.scopeLevel === 'compound') for (const [orgId, t] of Object.entries(d.n)) acked.set(orgId, (acked.get(orgId) ?? 0) + (t.a ?? 0));
      else acked.set(d.path[depth + 1], (acked.get(d.path[depth + 1]) ?? 0) + d.a);
    }
  });
  const lagging: LaggingNode[] = [];
  for (const c of children.items) {
    const audience = await store.count('users', { reach: { $has: reachKey(n.audience, c._id) } });
    if (audience > 0 && (acked.get(c._id) ?? 0) < audience) lagging.push({ notice: n, orgId: c._id });
  }
  return lagging;
}

/** The notices' share of the timer: pushes, then reminders with an alert for each lagging node. */
export async function noticeTick(store: Store, now: number): Promise<void> {
  await pushNotices(store, now);
  await remindUnacked(store, now, async (lagging) => {
    await raiseAlerts(
      store,
      lagging.map((l) => ({
        key: `notice.unacked:${l.notice._id}:${l.orgId}`,
        kind: 'notice.unacked',
        severity: 'medium',
        orgId: l.orgId,
        data: { noticeId: l.notice._id, title: l.notice.title },
      })),
      now,
    );
  });
}

export const NOTICE_JOBS: readonly TickJob[] = [noticeTick];
