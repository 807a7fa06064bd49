/**
 * Home: who I am (name, masked phone, household), my roles with the org each is held at, and a
 * big tile per thing each role can do. Callers without a household are offered resident registration.
 */
import { call } from '../../services/api';
import { toCallError } from '../../services/errors';
import { ROUTES } from '../../utils/routes';
import { EMPTY_VIEW, homeView } from './home-view';

/** Replies to an older load (e.g. before a dev identity switch) are dropped. */
let loadSeq = 0;

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'ready',
    errorMessage: '',
    view: EMPTY_VIEW,
  },

  methods: {
    onShow() {
      void this.load();
    },

    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    /** Fetches account.me. While refreshing a page that already shows content, the content stays. */
    async load() {
      const seq = ++loadSeq;
      if (this.data.status !== 'ready') this.setData({ status: 'loading', errorMessage: '' });
      try {
        const me = await call('account.me', {});
        if (seq === loadSeq) this.setData({ status: 'ready', view: homeView(me) });
      } catch (err) {
        if (seq !== loadSeq) return;
        const message = toCallError(err).message;
        if (this.data.status === 'ready') wx.showToast({ title: message, icon: 'none' });
        else this.setData({ status: 'error', errorMessage: message });
      }
    },

    onRetry() {
      void this.load();
    },

    /** The dev account picker switched identity or runtime: start over. */
    onIdentityChange() {
      this.setData({ status: 'loading', view: EMPTY_VIEW });
      void this.load();
    },

    onTile(e: WechatMiniprogram.BaseEvent<Record<string, never>, { url?: string }>) {
      const url = e.currentTarget.dataset.url;
      if (url) wx.navigateTo({ url });
    },

    onRegister() {
      wx.navigateTo({ url: ROUTES.register });
    },
  },
});
