/**
 * One notice (`?id=…`, from the inbox or from a subscription message): level, title, where it
 * comes from, who published it and when, and the body in large type. Opening it records the
 * read once (`notice.read`, only when not read before; a retry of a failed load does not send
 * it again); a notice that asks for it shows 我已知晓 until the reader acknowledges
 * (`notice.ack`), then when they did. The inbox that opened the page hears of both.
 *
 * Push consent for notices is asked on 我已知晓 and on 下一条通知时微信提醒我 — reading itself has
 * no tap, and WeChat shows the dialog only inside one (services/subscribe.ts).
 */
import type { NoticeView } from '../../../../typings/messages';
import { call } from '../../../services/api';
import * as clock from '../../../services/clock';
import { toCallError } from '../../../services/errors';
import { askConsent } from '../../../services/subscribe';
import { ROUTES } from '../../../utils/routes';
import { pageState } from '../../../utils/page-state';
import type { NoticePage } from '../../notice-view';
import { NOTICE_EVENTS, noticePage } from '../../notice-view';

type Status = 'loading' | 'error' | 'ready';

/** What a page instance keeps outside `data`. */
interface Runtime {
  notice: NoticeView | null;
  /** notice.read has been sent for this view. */
  readSent: boolean;
}

const runtimeOf = pageState<Runtime>(() => ({ notice: null, readSent: false }));

Component({
  data: {
    id: '',
    status: 'loading' as Status,
    error: '',
    notice: null as NoticePage | null,
    acking: false,
    ackError: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      void this.load();
    },

    onRetry() {
      void this.load();
    },

    /**
     * 转发 to a WeChat group: the notice's title and its page. Whoever opens it gets what notice.get
     * gives them: the notice if it was sent to them, else the same answer as a missing one.
     */
    onShareAppMessage() {
      const title = this.data.notice?.title ?? '社区通知';
      return { title, path: `${ROUTES.noticeDetail}?id=${encodeURIComponent(this.data.id)}` };
    },

    async load() {
      const noticeId = this.data.id;
      if (!noticeId) {
        this.setData({ status: 'error', error: '没有找到这条通知' });
        return;
      }
      this.setData({ status: 'loading', error: '' });
      try {
        const notice = await call('notice.get', { noticeId });
        this.show(notice);
        void this.markRead(notice);
      } catch (err) {
        this.setData({ status: 'error', error: toCallError(err).message });
      }
    },

    show(notice: NoticeView) {
      runtimeOf(this).notice = notice;
      this.setData({ status: 'ready', notice: noticePage(notice, clock.now()) });
    },

    /** Once per view, and not for a notice already read. A failure is not the reader's problem: the next visit tries again. */
    async markRead(notice: NoticeView) {
      const rt = runtimeOf(this);
      if (rt.readSent || notice.readAt) return;
      rt.readSent = true;
      try {
        const { readAt } = await call('notice.read', { noticeId: notice.id });
        if (rt.notice) this.show({ ...rt.notice, readAt });
        this.tellOpener(NOTICE_EVENTS.read);
      } catch {
        // Nothing to show: the notice is on screen either way.
      }
    },

    /** 下一条通知时微信提醒我: asks within the tap. */
    onRemind() {
      void askConsent(['notice']).then(({ answers }) => {
        if (answers.notice === 'accept') wx.showToast({ title: '将推送下一条通知', icon: 'none' });
      });
    },

    async onAck() {
      const rt = runtimeOf(this);
      if (this.data.acking || !rt.notice || !rt.notice.requireAck || rt.notice.ackedAt) return;
      // Within the tap, before the ack is awaited: the next notice may ask for an answer too.
      void askConsent(['notice']);
      this.setData({ acking: true, ackError: '' });
      try {
        const { ackedAt } = await call('notice.ack', { noticeId: rt.notice.id });
        this.show({ ...rt.notice, ackedAt, readAt: rt.notice.readAt ?? ackedAt });
        this.setData({ acking: false });
        this.tellOpener(NOTICE_EVENTS.acked);
        wx.showToast({ title: '已确认知晓', icon: 'success' });
      } catch (err) {
        this.setData({ acking: false, ackError: toCallError(err).message });
      }
    },

    /** The inbox that opened this page, if any (not when opened from a message). */
    tellOpener(event: string) {
      try {
        const channel = typeof this.getOpenerEventChannel === 'function' ? this.getOpenerEventChannel() : null;
        channel?.emit?.(event, { id: this.data.id });
      } catch {
        // No opener to tell.
      }
    },
  },
});
