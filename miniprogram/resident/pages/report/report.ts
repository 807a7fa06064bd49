/**
 * Reporting a returnee, a close contact or risky behaviour (`case.report`): the kind first, then
 * only what that kind asks (a returnee: from where, arrival day, transport, where they will stay;
 * a contact: of whom, which day, where; …), the building (the resident's own by default), the
 * person if known, a note, up to nine photos (添加照片: uploaded at 提交 under the folder case.mine
 * names, keyed by the report's request id), and 匿名上报 (the secretary then sees 匿名; nobody else
 * sees more). The request id is made once per report and kept until it succeeds, so tapping 提交
 * again after a lost reply is the same report, and photos already uploaded are not sent again. Below: 我的上报 with each report's state and response time.
 */
import type { CaseKind, CaseTransport } from '../../../../typings/cases';
import type { PickedFile } from '../../../shared/photos';
import { MAX_PHOTOS } from '../../../shared/photos';
import { call } from '../../../services/api';
import { pickPhotos, uploadPhotos } from '../../../services/photos';
import { caseRow, type CaseRow } from '../../../services/case-rows';
import * as clock from '../../../services/clock';
import { ApiCallError, toCallError } from '../../../services/errors';
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
  /** The caller's photo folder (case.mine). */
  uploadDir: string;
  /** The photos picked for this report; those uploaded, by temp path; the next cloud file name. */
  files: PickedFile[];
  uploaded: Record<string, string>;
  nextName: number;
}

const newId = () => `r${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 6).toString(36)}`;
const freshPhotos = () => ({ files: [], uploaded: {}, nextName: 1 });
const runtimeOf = pageState<Runtime>(() => ({ compoundId: '', touched: {}, server: NO_MESSAGES, requestId: newId(), uploadDir: '', ...freshPhotos() }));

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
    photos: [] as string[],
    maxPhotos: MAX_PHOTOS,
    refused: [] as string[],
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
        const { items, uploadDir } = await call('case.mine', { limit: 10 });
        runtimeOf(this).uploadDir = uploadDir;
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

    async onAddPhoto() {
      const rt = runtimeOf(this);
      const room = MAX_PHOTOS - rt.files.length;
      if (room <= 0 || this.data.submitting) return;
      const picked = await pickPhotos(room);
      rt.files = [...rt.files, ...picked.files].slice(0, MAX_PHOTOS);
      this.setData({ refused: picked.refused, photos: rt.files.map((f) => f.tempFilePath) });
    },

    onRemovePhoto(e: Tap<{ index: number }>) {
      const rt = runtimeOf(this);
      if (this.data.submitting) return;
      rt.files = rt.files.filter((_, i) => i !== Number(e.currentTarget.dataset.index));
      this.setData({ photos: rt.files.map((f) => f.tempFilePath) });
    },

    /** Uploads the photos not yet uploaded for this report; the file ids of all, in order. */
    async uploadAll(): Promise<string[]> {
      const rt = runtimeOf(this);
      if (!rt.files.length) return [];
      if (!rt.uploadDir) await this.loadMine();
      if (!rt.uploadDir) throw new ApiCallError('INTERNAL', '照片暂时无法上传，请稍后重试');
      const todo = rt.files.filter((f) => !rt.uploaded[f.tempFilePath]);
      const ids = await uploadPhotos(todo, { kind: 'case', uploadDir: rt.uploadDir, key: rt.requestId, first: rt.nextName });
      rt.nextName += todo.length;
      todo.forEach((f, i) => (rt.uploaded[f.tempFilePath] = ids[i]));
      return rt.files.map((f) => rt.uploaded[f.tempFilePath]);
    },

    async onSubmit() {
      if (!this.data.canSubmit || this.data.submitting) return;
      const rt = runtimeOf(this);
      this.setData({ submitting: true, formError: '' });
      try {
        const photos = await this.uploadAll();
        await call('case.report', { ...reportRequest(this.data.form, rt.compoundId, rt.requestId), ...(photos.length ? { photos } : {}) });
        Object.assign(rt, { requestId: newId(), touched: {}, server: NO_MESSAGES, ...freshPhotos() });
        this.setData({ submitting: false, photos: [], refused: [] });
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
