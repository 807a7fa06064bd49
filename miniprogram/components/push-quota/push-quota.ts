/**
 * The WeChat pushes left for one template (`message.quota`), on the pages that ask consent for
 * it: "微信提醒剩余 2 次 · 点此增加", "已开启长期提醒" for a long-term template, and when none is
 * left, where the messages are in the app instead. 点此增加 asks consent again (within the tap);
 * any page's answered ask refreshes the count. Offline, failing, or a build that cannot ask for
 * this template: nothing shows — the page never waits on it.
 */
import type { ConsentSummary, TemplateName } from '../../../typings/messages';
import { call } from '../../services/api';
import { askConsent, canAsk, onConsent } from '../../services/subscribe';
import { pageState } from '../../utils/page-state';
import { ROUTES } from '../../utils/routes';

type State = 'hidden' | 'count' | 'longTerm' | 'none';

/** Where each template's messages are in the app when no push is left. */
const SHOWN_IN: Record<TemplateName, { place: string; url: string }> = {
  passDecision: { place: '出入证', url: ROUTES.pass },
  alert: { place: '预警处置', url: ROUTES.alerts },
  notice: { place: '通知', url: ROUTES.inbox },
  shiftReminder: { place: '我的班次', url: ROUTES.myShifts },
  healthReminder: { place: '健康上报', url: ROUTES.health },
};

/** What the count says for one template. */
export function quotaState(summary: ConsentSummary, template: TemplateName): { state: State; left: number } {
  if (summary.longTerm.includes(template)) return { state: 'longTerm', left: 0 };
  const left = summary.granted[template] ?? 0;
  return { state: left > 0 ? 'count' : 'none', left };
}

/** Outside `data`: the latest request (a late reply is dropped) and the consent listener to stop. */
const runtimeOf = pageState(() => ({ seq: 0, stop: null as (() => void) | null }));

Component({
  options: { styleIsolation: 'apply-shared' },

  properties: {
    /** The template this page asks consent for. */
    template: { type: String, value: '' },
    /** The host page is where these messages show (no link to it). */
    here: { type: Boolean, value: false },
  },

  data: {
    state: 'hidden' as State,
    left: 0,
    place: '',
  },

  lifetimes: {
    attached() {
      const rt = runtimeOf(this);
      rt.stop = onConsent(({ reported }) => {
        if (reported) void this.refresh();
      });
      void this.refresh();
    },
    detached() {
      const rt = runtimeOf(this);
      rt.stop?.();
      rt.stop = null;
      rt.seq += 1;
    },
  },

  pageLifetimes: {
    show() {
      void this.refresh();
    },
  },

  methods: {
    templateName(): TemplateName | null {
      const name = this.data.template as TemplateName;
      return name in SHOWN_IN ? name : null;
    },

    async refresh() {
      const name = this.templateName();
      const rt = runtimeOf(this);
      const seq = ++rt.seq;
      if (!name || !canAsk(name)) {
        this.setData({ state: 'hidden' });
        return;
      }
      try {
        const summary = await call('message.quota', {});
        if (rt.seq === seq) this.setData({ ...quotaState(summary, name), place: SHOWN_IN[name].place });
      } catch {
        if (rt.seq === seq) this.setData({ state: 'hidden' });
      }
    },

    /** 点此增加: the dialog within this tap; the answer refreshes the count (through onConsent). */
    onMore() {
      const name = this.templateName();
      if (name) void askConsent([name]);
    },

    onOpen() {
      const name = this.templateName();
      if (name && !this.data.here) wx.navigateTo({ url: SHOWN_IN[name].url });
    },
  },
});
