/**
 * Reporting a returnee, a close contact or risky behaviour (`case.report`): the kind first, then
 * only what that kind asks (a returnee: from where, arrival day, transport, where they will stay;
 * a contact: of whom, which day, where; …), the building (the resident's own by default), the
 * person if known, a note, and 匿名上报 (the secretary then sees 匿名; nobody else sees more).
 * The request id is made once per report and kept until it succeeds, so tapping 提交 again after
 * a lost reply is the same report. Below: 我的上报 with each report's state and response time.
 */
import type { CaseKind, CaseTransport } from '../../../../typings/cases';
import { call } from '../../../services/api';
import { caseRow, type CaseRow } from '../../../services/case-rows';
import * as clock from '../../../services/clock';
import { toCallError } from '../../../services/errors';
import type { Tap } from '../../../utils/events';
import { pageState } from '../../../utils/page-state';
import type { ReportField, ReportForm, ReportMessages } from './report-form';
import { EMPTY_FORM, KINDS, NO_MESSAGES, TRANSPORTS, reportFieldOf, reportRequest, reportView, whereOf } from './report-form';

interface Runtime {
  compoundId: string;
  touched: Partial<Record<ReportField, boolean>>;
  server: ReportMessages;
  /** The id of the report being made: the same until it succeeds. */
  requestId: string;
}

const newId = () => `r${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 6).toString(36)}`;
const runtimeOf = pageState<Runtime>(() => ({ compoundId: '', touched: {}, server: NO_MESSAGES, requestId: newId() }));

Component({
  data: {
    kinds: KINDS,
    transports: TRANSPORTS,
    form: EMPTY_FORM as ReportForm,
    errors: NO_MESSAGES,
    shown: {} as Record<string, boolean>,
    noteRequired: false,
    canSubmit: false,
    submitting: false,
    formError: '',
    compoundName: '',
    buildings: [] as Array<{ id: string; name: string }>,
    buildingIndex: -1,
    noPlace: false,
    mine: [] as CaseRow[],
  },

  methods: {
    async onLoad() {
      try {
        const me = await call('account.me', {});
        const where = whereOf(me.grants, me.household);
        if (!where) return this.setData({ noPlace: true });
        runtimeOf(this).compoundId = where.compoundId;
        const { items } = await call('org.directory', { parentId: where.compoundId });
        const buildings = items.map((b) => ({ id: b.id, name: b.name }));
        this.setData({ compoundName: where.compoundName, buildings, buildingIndex: buildings.findIndex((b) => b.id === where.buildingId) });
        this.update({ ...this.data.form, buildingId: where.buildingId });
        await this.loadMine();
      } catch (err) {
        this.setData({ formError: toCallError(err).message });
      }
    },

    async loadMine() {
      try {
        const { items } = await call('case.mine', { limit: 10 });
        this.setData({ mine: items.map((c) => caseRow(c, clock.now())) });
      } catch {
        // The list is a convenience: the form works without it.
      }
    },

    update(form: ReportForm) {
      const rt = runtimeOf(this);
      this.setData({ form, ...reportView(form, rt.touched, rt.server) });
    },

    setField(field: ReportField, value: string, touch: boolean) {
      const rt = runtimeOf(this);
      if (touch) rt.touched = { ...rt.touched, [field]: true };
      rt.server = { ...rt.server, [field]: '' };
      this.update({ ...this.data.form, [field]: value });
    },

    onKind(e: Tap<{ key: CaseKind }>) {
      this.setData({ formError: '' });
      this.update({ ...this.data.form, kind: e.currentTarget.dataset.key });
    },

    onTransport(e: Tap<{ key: CaseTransport }>) {
      this.setField('transport', e.currentTarget.dataset.key, true);
    },

    onBuilding(e: WechatMiniprogram.PickerChange) {
      const index = Number(e.detail.value);
      this.setData({ buildingIndex: index });
      this.setField('buildingId', this.data.buildings[index].id, true);
    },

    onDate(e: WechatMiniprogram.PickerChange<Record<string, never>, { field: ReportField }>) {
      this.setField(e.currentTarget.dataset.field, String(e.detail.value), true);
    },

    onInput(e: WechatMiniprogram.Input<Record<string, never>, { field: ReportField }>) {
      this.setField(e.currentTarget.dataset.field, e.detail.value, false);
    },

    onBlur(e: WechatMiniprogram.InputBlur<Record<string, never>, { field: ReportField }>) {
      this.setField(e.currentTarget.dataset.field, e.detail.value, true);
    },

    onAnonymous() {
      this.update({ ...this.data.form, anonymous: !this.data.form.anonymous });
    },

    async onSubmit() {
      if (!this.data.canSubmit || this.data.submitting) return;
      const rt = runtimeOf(this);
      this.setData({ submitting: true, formError: '' });
      try {
        await call('case.report', reportRequest(this.data.form, rt.compoundId, rt.requestId));
        Object.assign(rt, { requestId: newId(), touched: {}, server: NO_MESSAGES });
        this.setData({ submitting: false });
        this.update({ ...EMPTY_FORM, buildingId: this.data.form.buildingId });
        wx.showToast({ title: '已上报', icon: 'success' });
        await this.loadMine();
      } catch (err) {
        const error = toCallError(err);
        // A refusal wrote nothing: the corrected report may keep the id. Only a lost reply must.
        const field = reportFieldOf(error.field);
        this.setData({ submitting: false });
        if (field) {
          rt.server = { ...rt.server, [field]: error.message };
          rt.touched = { ...rt.touched, [field]: true };
          this.update(this.data.form);
        } else this.setData({ formError: error.message });
      }
    },
  },
});
