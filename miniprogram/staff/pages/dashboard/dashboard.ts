/**
 * 防控看板 (`?orgId=…`, `stats.dashboard`): how the caller's part is doing now — a card per source
 * with big figures, small 14-day trend lines, and the children worst first (the ones to act on in
 * red); tapping a child opens the same page one level down. Without an orgId it opens at the
 * caller's topmost node (a building leader: their building).
 */
import type { StatDashboard } from '../../../../typings/stats';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import type { Tap } from '../../../utils/events';
import { drawSparkline, type SparkContext } from '../../../utils/sparkline';
import type { DashboardView } from './dashboard-view';
import { dashboardView, homeNode } from './dashboard-view';

type Status = 'loading' | 'error' | 'ready' | 'none';

Component({
  data: {
    orgId: '',
    status: 'loading' as Status,
    error: '',
    view: null as DashboardView | null,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ orgId: query.orgId ? decodeURIComponent(query.orgId) : '' });
      void this.load();
    },

    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    onRetry() {
      void this.load();
    },

    async load() {
      this.setData({ status: 'loading', error: '' });
      try {
        let orgId = this.data.orgId;
        if (!orgId) {
          orgId = homeNode((await call('account.me', {})).grants) ?? '';
          if (!orgId) {
            this.setData({ status: 'none' });
            return;
          }
          this.setData({ orgId });
        }
        const res: StatDashboard = await call('stats.dashboard', { orgId });
        const view = dashboardView(res);
        this.setData({ status: 'ready', view }, () => this.drawTrends());
      } catch (err) {
        this.setData({ status: 'error', error: toCallError(err).message });
      }
    },

    /** Draws every trend line on its canvas (2D); a canvas not found (not laid out) is skipped. */
    drawTrends() {
      const view = this.data.view;
      if (!view) return;
      for (const t of view.sections.flatMap((s) => s.trends)) {
        this.createSelectorQuery()
          .select(`#${t.id}`)
          .fields({ node: true, size: true })
          .exec((res: Array<{ node?: WechatMiniprogram.Canvas; width: number; height: number } | null>) => {
            const found = res[0];
            if (!found?.node) return;
            const dpr = wx.getWindowInfo ? wx.getWindowInfo().pixelRatio : 2;
            found.node.width = found.width * dpr;
            found.node.height = found.height * dpr;
            const ctx = found.node.getContext('2d') as unknown as SparkContext & { scale(x: number, y: number): void };
            ctx.scale(dpr, dpr);
            drawSparkline(ctx, found.width, found.height, t.values);
          });
      }
    },

    onChild(e: Tap<{ url: string }>) {
      wx.navigateTo({ url: e.currentTarget.dataset.url });
    },
  },
});
