/**
 * Home: who I am (name, masked phone, household), my roles with the org each is held at, and a
 * big tile per thing each role can do. Callers without a household are offered resident registration.
 *
 * With no network home opens from the last profile it saw (kept on the phone) under a banner
 * saying so, so a resident still reaches the pass and a volunteer the gate scan, which both work
 * offline; it reloads when the network comes back. Only a network failure falls back so: a
 * server error shows as such.
 */
import { call } from '../../services/api';
import { toCallError } from '../../services/errors';
import { watchNetwork } from '../../services/network';
import { profileKey, readProfile, saveProfile } from '../../services/profile-cache';
import type { Tap } from '../../utils/events';
import { pageState } from '../../utils/page-state';
import { ROUTES } from '../../utils/routes';
import { EMPTY_VIEW, homeView } from './home-view';

/** What a page instance keeps outside `data`. */
interface Runtime {
  /** Replies to an older load (e.g. before a dev identity switch) are dropped. */
  loadSeq: number;
  /** Stops listening for the network's return. */
  unwatch: (() => void) | null;
}

const runtimeOf = pageState<Runtime>(() => ({ loadSeq: 0, unwatch: null }));

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'ready',
    errorMessage: '',
    view: EMPTY_VIEW,
  },

  lifetimes: {
    attached() {
      runtimeOf(this).unwatch ??= watchNetwork(() => {
        if (this.data.view.offline || this.data.status === 'error') void this.load();
      });
    },
    detached() {
      const rt = runtimeOf(this);
      rt.unwatch?.();
      rt.unwatch = null;
    },
  },

  methods: {
    onShow() {
      void this.load();
    },

    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    /**
     * Fetches account.me and keeps it for offline launches. While refreshing a page that already
     * shows content, the content stays.
     */
    async load() {
      const rt = runtimeOf(this);
      const seq = ++rt.loadSeq;
      // The profile is kept for whoever the request goes out as, even if that changes meanwhile.
      const key = profileKey();
      if (this.data.status !== 'ready') this.setData({ status: 'loading', errorMessage: '' });
      try {
        const me = await call('account.me', {});
        if (seq !== rt.loadSeq) return;
        saveProfile(key, me);
        this.setData({ status: 'ready', view: homeView(me) });
      } catch (err) {
        if (seq !== rt.loadSeq) return;
        const error = toCallError(err);
        const kept = error.code === 'NETWORK' ? readProfile(key) : null;
        if (kept) this.setData({ status: 'ready', view: homeView(kept.me, { savedAt: kept.savedAt, now: Date.now() }) });
        else if (this.data.status === 'ready') wx.showToast({ title: error.message, icon: 'none' });
        else this.setData({ status: 'error', errorMessage: error.message });
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

    onTile(e: Tap<{ url?: string }>) {
      const url = e.currentTarget.dataset.url;
      if (url) wx.navigateTo({ url });
    },

    onRegister() {
      wx.navigateTo({ url: ROUTES.register });
    },
  },
});
