/**
 * 防控看板 (`?orgId=…&date=…`, `stats.dashboard`): how the caller's part is doing on a day — a
 * card per source with big figures, small 14-day trend lines, and the children worst first (the
 * ones to act on in red, with why); tapping a child opens the same page one level down, the
 * breadcrumb and 返回上级 step back up. Without an orgId it opens at the caller's topmost node (a
 * building leader: their building, 本楼看板). A past day can be chosen for a report.
 */
import type { StatDashboard } from '../../../../typings/stats';
import { shanghaiDate } from '../../../shared/time';
import { call } from '../../../services/api';
import * as clock from '../../../services/clock';
import { toCallError } from '../../../services/errors';
import type { Tap } from '../../../utils/events';
import { fontScale } from '../../../utils/font-scale';
import { ROUTES } from '../../../utils/routes';
import { drawSparkline, type SparkContext } from '../../../utils/sparkline';
import type { Crumb, DashboardView } from './dashboard-view';
import { orgPathLabel } from '../../../utils/roles';
import { dashboardView, homeGrant, parseAbove } from './dashboard-view';
import { reloads } from '../../../utils/reloads';

type Status = 'loading' | 'error' | 'ready' | 'none';

Component({
  behaviors: [fontScale, reloads],

  data: {
    orgId: '',
    /** The day chosen (empty: today). */
    date: '',
    today: '',
    /** The dashboards opened on the way here (top first): the breadcrumb above this node. */
    above: [] as Crumb[],
    /** Opened from home: where the caller's node sits (「… / 威尼斯水城 / 1号楼」). */
    where: '',
    status: 'loading' as Status,
    error: '',
    view: null as DashboardView | null,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({
        orgId: query.orgId ? decodeURIComponent(query.orgId) : '',
        date: query.date ? decodeURIComponent(query.date) : '',
        above: parseAbove(query.above),
        today: shanghaiDate(clock.now()),
      });
      void this.load();
    },

    async load() {
      this.setData({ status: 'loading', error: '' });
      try {
        let orgId = this.data.orgId;
        if (!orgId) {
          const grant = homeGrant((await call('account.me', {})).grants);
          if (!grant) {
            this.setData({ status: 'none' });
            return;
          }
          orgId = grant.orgId;
          this.setData({ orgId, where: grant.orgPath.length > 1 ? orgPathLabel(grant) : '' });
        }
        const { date, today, above } = this.data;
        const res: StatDashboard = await call('stats.dashboard', date ? { orgId, date } : { orgId });
        const view = dashboardView(res, { date, today, above });
        wx.setNavigationBarTitle({ title: view.navTitle });
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
        wx.createSelectorQuery()
          .in(this)
          .select(`#${t.id}`)
          .fields({ node: true, size: true })
          .exec((res: Array<{ node?: WechatMiniprogram.Canvas; width: number; height: number } | null>) => {
            const found = res[0];
            if (!found?.node || !found.width) return;
            const dpr = wx.getWindowInfo ? wx.getWindowInfo().pixelRatio : 2;
            found.node.width = found.width * dpr;
            found.node.height = found.height * dpr;
            const ctx = found.node.getContext('2d') as unknown as SparkContext & { scale(x: number, y: number): void };
            ctx.scale(dpr, dpr);
            drawSparkline(ctx, found.width, found.height, t.values);
          });
      }
    },

    /** Another day (not after today): the same node on that day. */
    onDate(e: WechatMiniprogram.PickerChange) {
      const day = String(e.detail.value);
      if (day > this.data.today) return;
      this.setData({ date: day === this.data.today ? '' : day });
      void this.load();
    },

    onChild(e: Tap<{ url: string }>) {
      wx.navigateTo({ url: e.currentTarget.dataset.url });
    },

    /** A node above on the breadcrumb: back down the stack to its page. */
    onCrumb(e: Tap<{ index: number }>) {
      const delta = this.data.above.length - Number(e.currentTarget.dataset.index);
      if (delta > 0) wx.navigateBack({ delta });
    },

    onUp() {
      wx.navigateBack({ delta: 1 });
    },

    onExport() {
      wx.navigateTo({ url: `${ROUTES.exportLedger}?orgId=${encodeURIComponent(this.data.orgId)}` });
    },
  },
});
