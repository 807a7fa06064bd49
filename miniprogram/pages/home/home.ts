/**
 * Home: who I am (name, masked phone, household), my roles with the org each is held at, and a
 * big tile per thing each role can do. Callers without a household are offered resident registration.
 *
 * With no network home opens from the last profile it saw (kept on the phone) under a banner
 * saying so, so a resident still reaches the pass and a volunteer the gate scan, which both work
 * offline; it reloads when the network comes back. Only a network failure falls back so: a
 * server error shows as such.
 *
 * A resident whose only role is resident and whose phone keeps a live pass opens straight onto the
 * pass, once per launch (decided from the kept profile and the wallet, so with no network too):
 * home is one step back. The notices tile carries the unread count (notice.inbox, one item).
 */
import { call } from '../../services/api';
import { toCallError } from '../../services/errors';
import { watchNetwork } from '../../services/network';
import * as clock from '../../services/clock';
import { cachedEntries } from '../../services/pass-wallet';
import { profileKey, readProfile, saveProfile } from '../../services/profile-cache';
import type { ActionResponse } from '../../../typings/api';
import type { Tap } from '../../utils/events';
import { fontScale } from '../../utils/font-scale';
import { pageState } from '../../utils/page-state';
import { ROUTES } from '../../utils/routes';
import { EMPTY_VIEW, homeView, landsOnPass, showsInbox, withUnread } from './home-view';
import type { HomeView } from './home-view';
import { reloads } from '../../utils/reloads';

/** Whether this launch already decided between home and the pass (module state: once per launch). */
let landed = false;

/** Opens the pass instead of home when `me` is a resident with a live pass on the phone; once per launch. */
function land(me: ActionResponse<'account.me'> | undefined): void {
  if (landed || !me) return;
  landed = true;
  if (landsOnPass(me, cachedEntries(), clock.now())) wx.navigateTo({ url: ROUTES.pass });
}

/** What a page instance keeps outside `data`. */
interface Runtime {
  /** Replies to an older load (e.g. before a dev identity switch) are dropped. */
  loadSeq: number;
  /** Stops listening for the network's return. */
  unwatch: (() => void) | null;
}

const runtimeOf = pageState<Runtime>(() => ({ loadSeq: 0, unwatch: null }));

Component({
  behaviors: [fontScale, reloads],

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

    /**
     * Fetches account.me and keeps it for offline launches. While refreshing a page that already
     * shows content, the content stays.
     */
    async load() {
      const rt = runtimeOf(this);
      const seq = ++rt.loadSeq;
      // The profile is kept for whoever the request goes out as, even if that changes meanwhile.
      const key = profileKey();
      land(readProfile(key)?.me);
      if (this.data.status !== 'ready') this.setData({ status: 'loading', errorMessage: '' });
      try {
        const me = await call('account.me', {});
        if (seq !== rt.loadSeq) return;
        saveProfile(key, me);
        land(me);
        this.show(homeView(me));
      } catch (err) {
        if (seq !== rt.loadSeq) return;
        const error = toCallError(err);
        const kept = error.code === 'NETWORK' ? readProfile(key) : null;
        if (kept) this.setData({ status: 'ready', view: homeView(kept.me, { savedAt: kept.savedAt, now: Date.now() }) });
        else if (this.data.status === 'ready') wx.showToast({ title: error.message, icon: 'none' });
        else this.setData({ status: 'error', errorMessage: error.message });
      }
    },

    /** Shows `view`, then the unread count on its notices tile (kept from the last count meanwhile; none on failure). */
    show(view: HomeView) {
      const seq = runtimeOf(this).loadSeq;
      const before = this.data.view.sections.flatMap((s) => s.tiles).find((t) => t.url === ROUTES.inbox)?.badge ?? '';
      this.setData({ status: 'ready', view: before ? withUnread(view, before === '99+' ? 100 : Number(before), ROUTES.inbox) : view });
      if (!showsInbox(view, ROUTES.inbox)) return;
      call('notice.inbox', { unreadOnly: true, limit: 1 }).then(
        ({ unread }) => {
          if (seq === runtimeOf(this).loadSeq) this.setData({ view: withUnread(this.data.view, unread, ROUTES.inbox) });
        },
        () => undefined,
      );
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
