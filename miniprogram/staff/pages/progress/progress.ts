/**
 * How far a notice has got (`?noticeId=…&orgId=…`, `notice.progress`): at the top the node's
 * totals (who it is for, 已读 x%, and 已确认 y% when it asks for acknowledgement), then a row
 * per child node with bars, the least read first; tapping a row opens the same page one level
 * down. At a building: who has not read yet (masked names and households), for the building
 * leader to knock on doors.
 *
 * Without a noticeId the page lists the caller's notices to choose from: those published in
 * their subtree (`notice.sent`), or, for a building leader (who publishes nothing), the notices
 * they received, each opening its progress in the leader's building.
 */
import type { ActionResponse } from '../../../../typings/api';
import type { NoticeView } from '../../../../typings/messages';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import type { Tap } from '../../../utils/events';
import type { PagedData, PagedSource } from '../../../utils/paged-list';
import { emptyPage, loadPage } from '../../../utils/paged-list';
import { pageState } from '../../../utils/page-state';
import { PUBLISHER_ROLES } from '../publish/publish-form';
import type { ProgressQuery, ProgressRowView, SentRow } from './progress-view';
import { childRows, progressQuery, progressRow, progressUrl, sentRow } from './progress-view';
import { reloads } from '../../../utils/reloads';

const PAGE_SIZE = 20;

type Status = 'loading' | 'error' | 'ready';
/** Where the landing list comes from: notices sent in the caller's subtree, or a leader's received ones. */
type Landing = { kind: 'sent' } | { kind: 'leader'; buildingId: string } | { kind: 'none' };

/** What a page instance keeps outside `data`: where its landing list comes from, once known. */
const runtimeOf = pageState<{ landing?: Landing }>(() => ({}));

Component({
  behaviors: [reloads],

  data: {
    query: { noticeId: '', orgId: '', title: '', requireAck: false } as ProgressQuery,
    status: 'loading' as Status,
    error: '',
    total: null as ProgressRowView | null,
    children: [] as ProgressRowView[],
    /** Present at a building: who has not read. */
    unread: null as Array<{ key: string; name: string; household: string }> | null,
    /** Landing: the notices to choose from. */
    landing: 'loading' as Status | 'none',
    sent: emptyPage<SentRow>() as PagedData<SentRow>,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ query: progressQuery(query) });
      void this.load();
    },

    async load() {
      if (this.data.query.noticeId) await this.loadProgress();
      else await this.loadLanding();
    },

    async loadProgress() {
      const { noticeId, orgId } = this.data.query;
      this.setData({ status: 'loading', error: '' });
      try {
        const res = await call('notice.progress', { noticeId, ...(orgId ? { orgId } : {}) });
        this.setData({
          status: 'ready',
          total: progressRow(res.total),
          children: childRows(res.children),
          unread: res.unread ? res.unread.map((p, i) => ({ ...p, key: String(i) })) : null,
        });
      } catch (err) {
        this.setData({ status: 'error', error: toCallError(err).message });
      }
    },

    onChild(e: Tap<{ org: string }>) {
      const { noticeId, title, requireAck } = this.data.query;
      wx.navigateTo({ url: progressUrl({ id: noticeId, title, requireAck }, e.currentTarget.dataset.org) });
    },

    /* ───────────── landing: the caller's notices ───────────── */

    async loadLanding() {
      const rt = runtimeOf(this);
      let landing = rt.landing;
      if (!landing) {
        this.setData({ landing: 'loading', error: '' });
        try {
          const me = await call('account.me', {});
          const leader = me.grants.find((g) => g.role === 'leader');
          if (me.grants.some((g) => PUBLISHER_ROLES.includes(g.role))) landing = { kind: 'sent' };
          else landing = leader ? { kind: 'leader', buildingId: leader.orgId } : { kind: 'none' };
          rt.landing = landing;
        } catch (err) {
          this.setData({ landing: 'error', error: toCallError(err).message });
          return;
        }
      }
      this.setData({ landing: landing.kind === 'none' ? 'none' : 'ready' });
      if (landing.kind !== 'none') await loadPage(this, this.source(landing));
    },

    source(landing: Exclude<Landing, { kind: 'none' }>): PagedSource<NoticeView, SentRow> {
      const page = (cursor?: string) => ({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
      if (landing.kind === 'sent') return { key: 'sent', view: (n) => sentRow(n), fetch: (c) => call('notice.sent', page(c)) };
      return {
        key: 'sent',
        view: (n) => sentRow(n, landing.buildingId),
        fetch: (c): Promise<ActionResponse<'notice.inbox'>> => call('notice.inbox', page(c)),
      };
    },

    onMore() {
      const landing = runtimeOf(this).landing;
      if (landing && landing.kind !== 'none') void loadPage(this, this.source(landing), true);
    },

    onNotice(e: Tap<{ url: string }>) {
      wx.navigateTo({ url: e.currentTarget.dataset.url });
    },
  },
});
