/**
 * 激活码: a user types a one-time code — the first admin's, printed by the deployer
 * (`npm run bootstrap-admin`), or an invitation a staff member made for a role at a node — and
 * holds that role there (account.redeem). Reached from the registration page, so a user with no
 * role yet finds it. On success the kept profile is refreshed, so home (and home offline) shows
 * the new role's tiles.
 */
import { isClaimCode } from '../../../shared/claim-code';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { profileKey, saveProfile } from '../../../services/profile-cache';
import { pageState } from '../../../utils/page-state';
import { ROLE_LABELS } from '../../../utils/roles';
import { ROUTES } from '../../../utils/routes';
import { CODE_INPUT_MAXLENGTH, codeChars, codeProblem, countText, formatCode } from './claim-form';

/** What a page instance keeps outside `data`: the code's characters as the server gets them. */
const runtimeOf = pageState(() => ({ chars: '' }));

Component({
  data: {
    maxlength: CODE_INPUT_MAXLENGTH,
    /** The code as the field shows it: upper case, in groups of five. */
    code: '',
    count: countText(''),
    /** What is wrong with the code: a character it cannot hold, or the server's verdict on it. */
    codeError: '',
    canSubmit: false,
    submitting: false,
    /** A failure that is not about the code: no network, the server in trouble. */
    formError: '',
    /** Where and what the code made the user, once redeemed. */
    orgName: '',
    roleText: '',
  },

  methods: {
    onInput(e: WechatMiniprogram.Input) {
      const chars = codeChars(e.detail.value);
      runtimeOf(this).chars = chars;
      // A server verdict was about the code as it was: a changed code clears it.
      this.setData({
        code: formatCode(chars),
        count: countText(chars),
        codeError: codeProblem(chars),
        formError: '',
        canSubmit: isClaimCode(chars),
      });
      // WeChat also takes the handler's value for the field: it shows even when `code` is unchanged.
      return formatCode(chars);
    },

    async onSubmit() {
      if (!this.data.canSubmit || this.data.submitting) return;
      this.setData({ submitting: true, codeError: '', formError: '' });
      // The profile is kept for whoever the request goes out as, even if that changes meanwhile.
      const key = profileKey();
      try {
        const { orgName, role } = await call('account.redeem', { code: runtimeOf(this).chars });
        this.setData({ submitting: false, orgName, roleText: ROLE_LABELS[role] ?? role });
        await this.refreshProfile(key);
      } catch (err) {
        const error = toCallError(err);
        this.setData({ submitting: false });
        // Every verdict the server gives on the code (wrong, used, expired) shows beside it.
        if (error.code === 'NETWORK' || error.code === 'INTERNAL') this.setData({ formError: error.message });
        else this.setData({ codeError: error.message });
      }
    },

    /** Keeps the profile with the new grant, so home opens with the role's tiles even offline. */
    async refreshProfile(key: string | null) {
      try {
        saveProfile(key, await call('account.me', {}));
      } catch {
        // Home loads account.me itself when it shows.
      }
    },

    onHome() {
      wx.reLaunch({ url: ROUTES.home });
    },
  },
});
