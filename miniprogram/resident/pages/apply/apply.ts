/**
 * Applying for an entry pass: for whom (本人/家属/租户/照护人), their name unless it is oneself,
 * and the reason. One `pass.apply` per tap; the server's complaint about a field appears under
 * it. On success the resident is taken back to the pass page, which then shows 审核中.
 *
 * The submit tap also asks for consent to push the review's outcome (services/subscribe.ts):
 * at the top of onSubmit, before the first await, and never holding up the application.
 */
import type { PassRelation } from '../../../../typings/pass';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { askConsent } from '../../../services/subscribe';
import type { Tap } from '../../../utils/events';
import { pageState } from '../../../utils/page-state';
import { ROUTES } from '../../../utils/routes';
import type { ApplyField, ApplyForm, ApplyMessages } from './apply-form';
import { NO_MESSAGES, REASON_SUGGESTIONS, RELATIONS, applyFieldOf, applyRequest, applyView } from './apply-form';

type Touched = Record<ApplyField, boolean>;

const UNTOUCHED: Touched = { relation: false, name: false, reason: false };

/** What a page instance keeps outside `data`. */
interface Runtime {
  /** The fields the resident has left: only those show their own problem. */
  touched: Touched;
  /** What the server said about a field, until that field is edited. */
  serverErrors: ApplyMessages;
}

const runtimeOf = pageState<Runtime>(() => ({ touched: UNTOUCHED, serverErrors: NO_MESSAGES }));

Component({
  data: {
    relations: RELATIONS,
    suggestions: REASON_SUGGESTIONS,
    form: { relation: 'self', name: '', reason: '' } as ApplyForm,
    errors: NO_MESSAGES,
    canSubmit: false,
    submitting: false,
    /** A server error that names no field shown here. */
    formError: '',
  },

  methods: {
    /** Re-derives the messages and the button after the form changed. */
    update(form: ApplyForm, touched: Touched, serverErrors: ApplyMessages) {
      Object.assign(runtimeOf(this), { touched, serverErrors });
      this.setData({ form, ...applyView(form, touched, serverErrors) });
    },

    setField(field: ApplyField, value: string, touch: boolean) {
      const { touched, serverErrors } = runtimeOf(this);
      const form = { ...this.data.form, [field]: value };
      this.update(form, { ...touched, [field]: touched[field] || touch }, { ...serverErrors, [field]: '' });
    },

    onRelation(e: Tap<{ key: PassRelation }>) {
      const { touched, serverErrors } = runtimeOf(this);
      const relation = e.currentTarget.dataset.key;
      this.update({ ...this.data.form, relation }, { ...touched, relation: true }, { ...serverErrors, relation: '', name: '' });
    },

    onInput(e: WechatMiniprogram.Input<Record<string, never>, { field: ApplyField }>) {
      this.setField(e.currentTarget.dataset.field, e.detail.value, false);
    },

    onBlur(e: WechatMiniprogram.InputBlur<Record<string, never>, { field: ApplyField }>) {
      this.setField(e.currentTarget.dataset.field, e.detail.value, true);
    },

    onSuggestion(e: Tap<{ text: string }>) {
      this.setField('reason', e.currentTarget.dataset.text, true);
    },

    async onSubmit() {
      if (!this.data.canSubmit || this.data.submitting) return;
      void askConsent(['passDecision']);
      this.setData({ submitting: true, formError: '' });
      try {
        await call('pass.apply', applyRequest(this.data.form));
        this.setData({ submitting: false });
        wx.showToast({ title: '申请已提交', icon: 'success' });
        wx.navigateBack({ fail: () => wx.redirectTo({ url: ROUTES.pass }) });
      } catch (err) {
        const error = toCallError(err);
        const field = applyFieldOf(error.field, this.data.form);
        this.setData({ submitting: false });
        const { touched, serverErrors } = runtimeOf(this);
        if (field) this.update(this.data.form, { ...touched, [field]: true }, { ...serverErrors, [field]: error.message });
        else this.setData({ formError: error.message });
      }
    },
  },
});
