/**
 * 我的家庭 (摸底): the members of the caller's household as the building's census holds them, and
 * adding or removing one. Flags that matter in an outbreak (独居老人, 需送药, …) are ticked per
 * member, so the building leader knows whom to look after first.
 */
import type { HouseholdView } from '../../../../typings/census';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { checkMember, emptyMember, FLAG_CHOICES, memberRows, RELATION_CHOICES, saveRequest, type MemberRow, type NewMember } from './household-form';

let household: HouseholdView | null = null;

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorMessage: '',
    place: '',
    rows: [] as MemberRow[],
    canEdit: false,
    adding: false,
    form: emptyMember() as NewMember,
    relations: RELATION_CHOICES.map((r) => r.label),
    flags: FLAG_CHOICES.map((f) => ({ ...f, on: false })),
    formError: '',
    saving: false,
  },

  methods: {
    onLoad() {
      void this.load();
    },

    show(h: HouseholdView) {
      household = h;
      this.setData({ status: 'ready', place: `${h.unit}单元 ${h.room}室`, rows: memberRows(h), canEdit: h.canEdit });
    },

    async load() {
      try {
        this.show(await call('census.household', {}));
      } catch (err) {
        this.setData({ status: 'error', errorMessage: toCallError(err).message });
      }
    },

    onAdd() {
      this.setData({ adding: true, form: emptyMember(), flags: FLAG_CHOICES.map((f) => ({ ...f, on: false })), formError: '' });
    },

    onName(e: WechatMiniprogram.Input) {
      this.setData({ 'form.name': e.detail.value, formError: '' });
    },

    onYear(e: WechatMiniprogram.Input) {
      this.setData({ 'form.birthYear': e.detail.value, formError: '' });
    },

    onRelation(e: WechatMiniprogram.PickerChange) {
      this.setData({ 'form.relationIndex': Number(e.detail.value) });
    },

    onFlag(e: WechatMiniprogram.TouchEvent) {
      const key = (e.currentTarget.dataset as { key: string }).key;
      const flags = this.data.flags.map((f) => (f.key === key ? { ...f, on: !f.on } : f));
      this.setData({ flags, 'form.flags': flags.filter((f) => f.on).map((f) => f.key) });
    },

    onParty() {
      this.setData({ 'form.partyMember': !this.data.form.partyMember });
    },

    onCancel() {
      this.setData({ adding: false, formError: '' });
    },

    async onSave() {
      const problem = checkMember(this.data.form, new Date().getFullYear());
      if (problem) return this.setData({ formError: problem });
      await this.save(saveRequest(household!, this.data.form));
    },

    async onRemove(e: WechatMiniprogram.TouchEvent) {
      const id = Number((e.currentTarget.dataset as { id: number }).id);
      const name = this.data.rows.find((r) => r.id === id)?.name ?? '';
      const { confirm } = await wx.showModal({ title: '删除成员', content: `确定把「${name}」从本户删除吗？`, confirmText: '删除' });
      if (confirm) await this.save(saveRequest(household!, null, id));
    },

    async save(req: ReturnType<typeof saveRequest>) {
      if (this.data.saving) return;
      this.setData({ saving: true, formError: '' });
      try {
        const h = await call('census.save', req);
        this.setData({ saving: false, adding: false });
        this.show(h);
      } catch (err) {
        this.setData({ saving: false, formError: toCallError(err).message });
      }
    },
  },
});
