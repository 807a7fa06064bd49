/**
 * The consent sheet WeChat's privacy check asks for (see services/privacy.ts): what the app
 * collects and why, in a few plain lines, a link to the full contract, and two big buttons.
 * 同意并继续 is WeChat's own `open-type="agreePrivacyAuthorization"` button, so WeChat sees the
 * user's tap; the waiting privacy API then runs. 不同意 lets it fail, and the page says why.
 *
 * Every page that calls a privacy API hosts one. It registers WeChat's listener itself if app
 * launch has not (once per app), and while attached it is the sheet asked — the last attached,
 * i.e. the page on top. Requests that arrive while it shows are answered together.
 */
import type { PrivacyResolve } from '../../services/privacy';
import { hostPrivacy, watchPrivacy } from '../../services/privacy';
import { pageState } from '../../utils/page-state';

/** The agree button's id, which WeChat checks was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree';

/** What a sheet keeps outside `data`. */
interface Runtime {
  /** Stops this sheet being the one asked; null while not attached. */
  release: (() => void) | null;
  /** The requests waiting for the user's answer. */
  waiting: PrivacyResolve[];
}

const runtimeOf = pageState<Runtime>(() => ({ release: null, waiting: [] }));

Component({
  options: { styleIsolation: 'apply-shared' },

  data: {
    visible: false,
    agreeId: AGREE_BUTTON_ID,
  },

  lifetimes: {
    attached() {
      watchPrivacy();
      runtimeOf(this).release = hostPrivacy({ ask: (resolve) => this.ask(resolve) });
    },

    detached() {
      const rt = runtimeOf(this);
      if (!rt.release) return;
      rt.release();
      rt.release = null;
      // The page is gone: the waiting APIs fail rather than hang.
      for (const resolve of rt.waiting.splice(0)) resolve({ event: 'disagree' });
    },
  },

  methods: {
    ask(resolve: PrivacyResolve) {
      const rt = runtimeOf(this);
      if (!rt.release) {
        resolve({ event: 'disagree' });
        return;
      }
      rt.waiting.push(resolve);
      this.setData({ visible: true });
      resolve({ event: 'exposureAuthorization' });
    },

    answer(agreed: boolean) {
      const waiting = runtimeOf(this).waiting.splice(0);
      this.setData({ visible: false });
      for (const resolve of waiting) resolve(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' });
    },

    /** WeChat saw the tap on the agree button. */
    onAgree() {
      this.answer(true);
    },

    onDisagree() {
      this.answer(false);
    },

    /** Keeps the page under the mask from scrolling. */
    noop() {
      return undefined;
    },
  },
});
