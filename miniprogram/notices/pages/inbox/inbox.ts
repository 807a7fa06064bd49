/**
 * The caller's notices (`notice.inbox`), as the server orders them: unread first, then newest.
 * A count of the unread at the top; each notice with its level, where it comes from, when, a
 * 未读 mark and 需确认 while it waits for the reader's acknowledgement. Pull down to refresh,
 * scroll to the bottom for more. Opening a notice marks it read here too, without a reload.
 *
 * (Paged here rather than with utils/paged-list.ts: a refresh keeps the notices on screen until
 * the new first page arrives, and a next page drops notices already shown.)
 */
import type { NoticeView } from '../../../../typings/messages';
import { call } from '../../../services/api';
import * as clock from '../../../services/clock';
import { toCallError } from '../../../services/errors';
import type { Tap } from '../../../utils/events';
import { fontScale } from '../../../utils/font-scale';
import { pageState } from '../../../utils/page-state';
import { ROUTES } from '../../../utils/routes';
import type { NoticeRow } from '../../notice-view';
import { NOTICE_EVENTS, noticeRow } from '../../notice-view';
import { reloads } from '../../../utils/reloads';

const PAGE_SIZE = 20;

interface InboxList {
  items: NoticeRow[];
  /** Cursor of the next page, '' at the end. */
  next: string;
  loading: boolean;
  error: string;
  /** A first page has arrived: an empty list means no notices, not "not yet". */
  loaded: boolean;
}

const EMPTY: InboxList = { items: [], next: '', loading: false, error: '', loaded: false };

/** What a page instance keeps outside `data`: the latest request, whose reply alone is shown (a refresh overtakes an older one). */
const runtimeOf = pageState(() => ({ seq: 0 }));

Component({
  behaviors: [fontScale, reloads],

  data: {
    list: EMPTY,
    /** Unread notices in the whole inbox, as the server counts them. */
    unread: 0,
  },

  methods: {
    onLoad() {
      void this.load();
    },

    onReachBottom() {
      void this.load(true);
    },

    onMore() {
      void this.load(true);
    },

    onRetry() {
      void this.load(this.data.list.loaded);
    },

    /** The first page (replacing what is shown once it arrives) or the next one. */
    async load(more = false) {
      const list = this.data.list;
      if (more && (!list.next || list.loading)) return;
      const rt = runtimeOf(this);
      const seq = ++rt.seq;
      this.setData({ 'list.loading': true, 'list.error': '' });
      try {
        const reply = await call('notice.inbox', { limit: PAGE_SIZE, ...(more ? { cursor: list.next } : {}) });
        if (rt.seq !== seq) return;
        const now = clock.now();
        const rows = reply.items.map((n: NoticeView) => noticeRow(n, now));
        const items = more ? [...this.data.list.items, ...rows.filter((r) => !this.data.list.items.some((o) => o.id === r.id))] : rows;
        this.setData({ list: { items, next: reply.next ?? '', loading: false, error: '', loaded: true }, unread: reply.unread });
      } catch (err) {
        if (rt.seq === seq) this.setData({ 'list.loading': false, 'list.error': toCallError(err).message });
      }
    },

    onOpen(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      wx.navigateTo({
        url: `${ROUTES.noticeDetail}?id=${encodeURIComponent(id)}`,
        events: {
          [NOTICE_EVENTS.read]: () => this.patchRow(id, { unread: false }),
          [NOTICE_EVENTS.acked]: () => this.patchRow(id, { unread: false, needsAck: false }),
        },
      });
    },

    /** What the notice page reported back: the row changes in place, the unread count with it. */
    patchRow(id: string, patch: Partial<NoticeRow>) {
      const index = this.data.list.items.findIndex((row) => row.id === id);
      if (index < 0) return;
      const row = this.data.list.items[index];
      const wasUnread = row.unread && patch.unread === false;
      this.setData({
        [`list.items[${index}]`]: { ...row, ...patch },
        ...(wasUnread ? { unread: Math.max(0, this.data.unread - 1) } : {}),
      });
    },
  },
});
