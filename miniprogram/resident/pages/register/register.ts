/**
 * Resident registration: name, phone, building (step by step), unit, room. Each field is checked
 * as it is left and re-checked while it is corrected; the button stays disabled until all is
 * well; the server's verdict on a field appears under that field.
 */
import type { BuildingChange } from '../../../components/building-picker/building-picker';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { askConsent } from '../../../services/subscribe';
import { pageState } from '../../../utils/page-state';
import { ROUTES } from '../../../utils/routes';
import type { RegisterField, RegisterForm } from './register-form';
import { REGISTER_VALIDATORS, SCENE_MISSING, isRegisterValid, normalizeRegister, registerFieldOf, sceneBuilding } from './register-form';

type Flags = Record<RegisterField, boolean>;
type Messages = Record<RegisterField, string>;

interface FieldSpec {
  key: RegisterField;
  label: string;
  placeholder: string;
  /** The input's type; unused for the building picker. */
  type: 'text' | 'number' | '';
  maxlength: number;
}

/** The form as rendered, in order; `buildingId` is the step-by-step building picker. */
const FIELDS: FieldSpec[] = [
  { key: 'name', label: '姓名', placeholder: '请输入真实姓名', type: 'text', maxlength: 20 },
  { key: 'phone', label: '手机号', placeholder: '11 位手机号', type: 'number', maxlength: 11 },
  { key: 'buildingId', label: '所住楼栋', placeholder: '', type: '', maxlength: 0 },
  { key: 'unit', label: '单元', placeholder: '单元号，如：2', type: 'text', maxlength: 6 },
  { key: 'room', label: '房号', placeholder: '如：502', type: 'text', maxlength: 8 },
];

const blank = <T>(value: T): Record<RegisterField, T> => ({ name: value, phone: value, buildingId: value, unit: value, room: value });

/** What a page instance keeps outside `data`: the fields the resident has left (only those show a message). */
const runtimeOf = pageState(() => ({ touched: blank(false) as Flags }));

Component({
  data: {
    fields: FIELDS,
    form: blank('') as RegisterForm,
    errors: blank('') as Messages,
    canSubmit: false,
    submitting: false,
    /** A server error that names no field of this form. */
    formError: '',
    /** The building a poster's code names, for the picker to choose by itself. */
    presetBuilding: '',
    /** Why the poster's code did not choose the building. */
    sceneError: '',
  },

  methods: {
    /** Opened from a building's poster (楼栋海报码): `scene` is the building id. */
    onLoad(query: Record<string, string | undefined>) {
      const { buildingId, error } = sceneBuilding(query.scene);
      this.setData({ presetBuilding: buildingId, sceneError: error });
    },

    onPresetMissing() {
      this.setData({ sceneError: SCENE_MISSING });
    },

    /** Re-derives what depends on the form after `form`, `errors` or `touched` changed. */
    update(form: RegisterForm, errors: Messages, touched: Flags) {
      runtimeOf(this).touched = touched;
      this.setData({ form, errors, canSubmit: isRegisterValid(form) && Object.values(errors).every((m) => !m) });
    },

    setField(field: RegisterField, value: string, touch: boolean) {
      const form = { ...this.data.form, [field]: value };
      const shown = runtimeOf(this).touched;
      const touched = { ...shown, [field]: shown[field] || touch };
      // Only a field the resident has left (or the server flagged) shows a message.
      const message = touched[field] || this.data.errors[field] ? REGISTER_VALIDATORS[field](value) : '';
      this.update(form, { ...this.data.errors, [field]: message }, touched);
    },

    onInput(e: WechatMiniprogram.Input<Record<string, never>, { field: RegisterField }>) {
      this.setField(e.currentTarget.dataset.field, e.detail.value, false);
    },

    onBlur(e: WechatMiniprogram.InputBlur<Record<string, never>, { field: RegisterField }>) {
      this.setField(e.currentTarget.dataset.field, e.detail.value, true);
    },

    onBuilding(e: WechatMiniprogram.CustomEvent<BuildingChange>) {
      // Choosing step by step is visibly in progress: no message until the server says otherwise.
      this.update({ ...this.data.form, buildingId: e.detail.buildingId }, { ...this.data.errors, buildingId: '' }, runtimeOf(this).touched);
    },

    async onSubmit() {
      if (!this.data.canSubmit || this.data.submitting) return;
      // Inside the tap, before any await (services/subscribe.ts); never holds up registering.
      void askConsent(['passDecision', 'notice']);
      this.setData({ submitting: true, formError: '' });
      try {
        await call('account.register', normalizeRegister(this.data.form));
        this.setData({ submitting: false });
        wx.showToast({ title: '登记成功', icon: 'success' });
        wx.navigateBack({ fail: () => wx.reLaunch({ url: ROUTES.home }) });
      } catch (err) {
        const error = toCallError(err);
        const field = registerFieldOf(error.field);
        this.setData({ submitting: false });
        if (field) {
          this.update(this.data.form, { ...this.data.errors, [field]: error.message }, { ...runtimeOf(this).touched, [field]: true });
        } else {
          this.setData({ formError: error.message });
        }
      }
    },

    /** The first admin, who has no role yet, starts here too. */
    onClaim() {
      wx.navigateTo({ url: ROUTES.adminClaim });
    },
  },
});
