/**
 * Alerts the caller acts on (`alert.list`), by status: 待处理 (open) / 已确认 (acked) / 已处理
 * (resolved). Each alert: its severity in colour, what and where, since when, and while open
 * how long is left to acknowledge it ("12 分钟内需确认") or that it went up the chain
 * ("已超时，已上报至…"); the countdown moves on its own. A tap shows the steps so far.
 * 确认 acknowledges (`alert.ack`); 处理完毕 asks what was done (2–200 characters, checked inline)
 * and resolves it (`alert.resolve`).
 *
 * Push consent for alerts is asked on the 预警提醒 button and on the first 确认 of a visit —
 * both taps, the consent call before anything is awaited (services/subscribe.ts).
 */
import type { AlertStatus, AlertView } from '../../../../typings/messages';
import { call } from '../../../services/api';
import * as clock from '../../../services/clock';
import { toCallError } from '../../../services/errors';
import { askConsent } from '../../../services/subscribe';
import type { Tap } from '../../../utils/events';
import type { PagedData, PagedSource } from '../../../utils/paged-list';
import { emptyPage, loadPage } from '../../../utils/paged-list';
import { pageState } from '../../../utils/page-state';
import { startTicking, stopTicking } from '../../../utils/ticking';
import type { AlertRow, ResolvePanel } from './alerts-view';
import { CLOSED_PANEL, EMPTY_TEXT, TABS, TICK_MS, alertRow, noteError } from './alerts-view';
import { reloads } from '../../../utils/reloads';

const PAGE_SIZE = 20;

/** What a page instance keeps outside `data`. */
interface Runtime {
  /** The alerts as the server last described them, by id (the rows are made from these). */
  alerts: Map<string, AlertView>;
  consentAsked: boolean;
}

const runtimeOf = pageState<Runtime>(() => ({ alerts: new Map(), consentAsked: false }));

Component({
  behaviors: [reloads],

  data: {
    tabs: TABS,
    tab: 'open' as AlertStatus,
    /** The alerts of the chosen tab (one list: a tab change reloads it; a late reply for another tab is dropped). */
    list: emptyPage<AlertRow>() as PagedData<AlertRow>,
    emptyText: EMPTY_TEXT.open,
    /** The alert whose steps are shown ('' none). */
    expanded: '',
    /** The alert being acknowledged ('' none). */
    acking: '',
    /** Why the last 确认 failed, under that alert. */
    ackError: { id: '', text: '' },
    panel: CLOSED_PANEL as ResolvePanel,
  },

  methods: {
    onLoad() {
      void this.load();
    },

    onShow() {
      startTicking(this, () => this.tick(), TICK_MS);
      this.tick();
    },

    onHide() {
      stopTicking(this);
    },

    onUnload() {
      stopTicking(this);
    },

    source(): PagedSource<AlertView, AlertRow> {
      const rt = runtimeOf(this);
      const status = this.data.tab;
      return {
        key: 'list',
        view: (alert) => {
          rt.alerts.set(alert.id, alert);
          return alertRow(alert, clock.now());
        },
        fetch: (cursor) => call('alert.list', { status, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
      };
    },

    load() {
      return loadPage(this, this.source());
    },

    onMore() {
      void loadPage(this, this.source(), true);
    },

    onTab(e: Tap<{ tab: AlertStatus }>) {
      const tab = e.currentTarget.dataset.tab;
      if (tab === this.data.tab) return;
      this.setData({ tab, emptyText: EMPTY_TEXT[tab], expanded: '', panel: CLOSED_PANEL, ackError: { id: '', text: '' } });
      void this.load();
    },

    /** Re-makes the shown rows at the current time: countdowns and "x 分钟前". */
    tick() {
      const rt = runtimeOf(this);
      const now = clock.now();
      const items = this.data.list.items.map((row) => {
        const alert = rt.alerts.get(row.id);
        return alert ? alertRow(alert, now) : row;
      });
      if (items.length) this.setData({ 'list.items': items });
    },

    onToggle(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      this.setData({ expanded: this.data.expanded === id ? '' : id });
    },

    onSubscribe() {
      void askConsent(['alert']).then(({ answers }) => {
        if (answers.alert === 'accept') wx.showToast({ title: '将推送下一条预警', icon: 'none' });
      });
    },

    /** An alert the server answered with: shown anew if it still belongs to this tab, else it leaves. */
    settle(alert: AlertView) {
      runtimeOf(this).alerts.set(alert.id, alert);
      const items = this.data.list.items;
      const stays = alert.status === this.data.tab;
      this.setData({
        'list.items': stays ? items.map((row) => (row.id === alert.id ? alertRow(alert, clock.now()) : row)) : items.filter((row) => row.id !== alert.id),
      });
    },

    async onAck(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (this.data.acking) return;
      const rt = runtimeOf(this);
      if (!rt.consentAsked) {
        rt.consentAsked = true;
        void askConsent(['alert']);
      }
      this.setData({ acking: id, ackError: { id: '', text: '' } });
      try {
        this.settle(await call('alert.ack', { alertId: id }));
        this.setData({ acking: '' });
        wx.showToast({ title: '已确认', icon: 'success' });
      } catch (err) {
        this.setData({ acking: '', ackError: { id, text: toCallError(err).message } });
      }
    },

    /* ───────────── 处理完毕: what was done, inline under the alert ───────────── */

    onResolveOpen(e: Tap<{ id: string }>) {
      if (this.data.panel.busy) return;
      this.setData({ panel: { ...CLOSED_PANEL, id: e.currentTarget.dataset.id } });
    },

    onNoteInput(e: WechatMiniprogram.Input) {
      const note = e.detail.value;
      this.setData({ 'panel.note': note, ...(this.data.panel.error ? { 'panel.error': noteError(note) } : {}) });
    },

    /** Taps inside the 处理完毕 form stay there (they would fold the alert). */
    onPanelTap() {
      return undefined;
    },

    onResolveCancel() {
      if (!this.data.panel.busy) this.setData({ panel: CLOSED_PANEL });
    },

    async onResolveConfirm() {
      const panel = this.data.panel;
      if (!panel.id || panel.busy) return;
      const error = noteError(panel.note);
      if (error) {
        this.setData({ 'panel.error': error });
        return;
      }
      this.setData({ 'panel.busy': true, 'panel.error': '' });
      try {
        this.settle(await call('alert.resolve', { alertId: panel.id, note: panel.note.trim() }));
        this.setData({ panel: CLOSED_PANEL });
        wx.showToast({ title: '已处理完毕', icon: 'success' });
      } catch (err) {
        this.setData({ 'panel.busy': false, 'panel.error': toCallError(err).message });
      }
    },
  },
});
