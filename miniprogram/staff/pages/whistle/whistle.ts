/**
 * 社区吹哨 (community staff): raise a request to the agencies of the street and district —
 * need, quantity, place, urgency, how soon, which units — and follow it: who claimed it, what
 * they reported, then 确认办结 or 退回重办 with a reason. One request keeps one request id, so a
 * tap retried after a lost reply is the same request.
 */
import type { WhistleUnitView } from '../../../../typings/whistle';
import { call } from '../../../services/api';
import { now } from '../../../services/clock';
import { toCallError } from '../../../services/errors';
import { previewPhotos } from '../../../services/photos';
import { newRequestId } from '../../../services/subscribe';
import type { Tap } from '../../../utils/events';
import { pageState } from '../../../utils/page-state';
import type { RaiseForm, WhistleRow } from './whistle-view';
import { checkRaise, NEED_CHOICES, URGENCY_CHOICES, whistleRow, WITHIN_CHOICES } from './whistle-view';

const runtimeOf = pageState<{ orgId: string; requestId: string }>(() => ({ orgId: '', requestId: newRequestId() }));

const EMPTY_FORM: RaiseForm = { need: '', quantity: '', detail: '', place: '', urgency: 'urgent', within: WITHIN_CHOICES[1].value, unitIds: [] };

type UnitChoice = { id: string; name: string; record: string; on: boolean };

const unitChoice = (u: WhistleUnitView, chosen: string[]): UnitChoice => ({
  id: u.id,
  name: u.name,
  record: u.claimed ? `平均 ${u.avgResponseMinutes} 分钟响应 · 完成率 ${Math.round((u.completionRate ?? 0) * 100)}%` : '暂无响应记录',
  on: chosen.includes(u.id),
});

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'none' | 'ready',
    loadError: '',
    orgName: '',
    needs: NEED_CHOICES,
    urgencies: URGENCY_CHOICES,
    withins: WITHIN_CHOICES,
    units: [] as UnitChoice[],
    form: { ...EMPTY_FORM },
    errors: {} as Record<string, string>,
    formError: '',
    busy: false,
    done: '',
    items: [] as WhistleRow[],
    reopenId: '',
    reopenNote: '',
    actionError: '',
  },

  methods: {
    onLoad() {
      void this.load();
    },

    async load() {
      this.setData({ status: 'loading', loadError: '' });
      try {
        const me = await call('account.me', {});
        const grant =
          me.grants.find((g) => (g.role === 'staff' || g.role === 'admin') && g.orgLevel === 'community') ?? me.grants.find((g) => g.role === 'staff');
        if (!grant) {
          this.setData({ status: 'none' });
          return;
        }
        runtimeOf(this).orgId = grant.orgId;
        const [units, list] = await Promise.all([call('whistle.units', { orgId: grant.orgId }), call('whistle.list', { orgId: grant.orgId })]);
        this.setData({
          status: 'ready',
          orgName: grant.orgName,
          units: units.items.map((u) => unitChoice(u, this.data.form.unitIds)),
          items: list.items.map(whistleRow),
        });
      } catch (err) {
        this.setData({ status: 'error', loadError: toCallError(err).message });
      }
    },

    async reloadList() {
      const list = await call('whistle.list', { orgId: runtimeOf(this).orgId });
      this.setData({ items: list.items.map(whistleRow) });
    },

    onPreview(e: Tap<{ src: string; all: string[] }>) {
      previewPhotos(e.currentTarget.dataset.src, e.currentTarget.dataset.all);
    },

    onRetry() {
      void this.load();
    },

    onChoice(e: Tap<{ field: 'need' | 'urgency' | 'within'; value: string }>) {
      const { field, value } = e.currentTarget.dataset;
      this.setData({ [`form.${field}`]: field === 'within' ? Number(value) : value, [`errors.${field}`]: '', formError: '', done: '' });
    },

    onText(e: WechatMiniprogram.Input<Record<string, never>, { field: 'quantity' | 'detail' | 'place' }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, [`errors.${e.currentTarget.dataset.field}`]: '', formError: '', done: '' });
    },

    onUnit(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      const chosen = this.data.form.unitIds.includes(id) ? this.data.form.unitIds.filter((u) => u !== id) : [...this.data.form.unitIds, id];
      this.setData({ 'form.unitIds': chosen, units: this.data.units.map((u) => ({ ...u, on: chosen.includes(u.id) })), 'errors.unitIds': '', done: '' });
    },

    async onRaise() {
      if (this.data.busy) return;
      const f = this.data.form;
      const problem = checkRaise(f);
      if (problem) {
        this.setData({ [`errors.${problem.field}`]: problem.message });
        return;
      }
      this.setData({ busy: true, formError: '' });
      try {
        const rt = runtimeOf(this);
        await call('whistle.raise', {
          orgId: rt.orgId,
          requestId: rt.requestId,
          need: f.need as Exclude<RaiseForm['need'], ''>,
          quantity: Number(f.quantity),
          detail: f.detail.trim(),
          place: f.place.trim(),
          urgency: f.urgency,
          deadline: now() + f.within,
          unitIds: f.unitIds,
        });
        rt.requestId = newRequestId();
        this.setData({
          busy: false,
          form: { ...EMPTY_FORM },
          units: this.data.units.map((u) => ({ ...u, on: false })),
          done: '已吹哨，单位认领后会在下方显示',
        });
        await this.reloadList();
      } catch (err) {
        const e2 = toCallError(err);
        const field = e2.field?.replace(/^data\./, '').replace(/\.\d+$/, '');
        this.setData({ busy: false, ...(field ? { [`errors.${field}`]: e2.message } : { formError: e2.message }) });
      }
    },

    async onConfirm(e: Tap<{ id: string }>) {
      await this.close(e.currentTarget.dataset.id, 'confirm');
    },

    onReopen(e: Tap<{ id: string }>) {
      this.setData({ reopenId: e.currentTarget.dataset.id, reopenNote: '', actionError: '' });
    },

    onReopenNote(e: WechatMiniprogram.Input<Record<string, never>, Record<string, never>>) {
      this.setData({ reopenNote: e.detail.value, actionError: '' });
    },

    async onReopenSend() {
      if (this.data.reopenNote.trim().length < 2) {
        this.setData({ actionError: '请写明退回的原因' });
        return;
      }
      await this.close(this.data.reopenId, 'reopen', this.data.reopenNote.trim());
    },

    async close(whistleId: string, decision: 'confirm' | 'reopen', note?: string) {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '' });
      try {
        await call('whistle.close', { whistleId, decision, ...(note ? { note } : {}) });
        this.setData({ busy: false, reopenId: '', reopenNote: '' });
        await this.reloadList();
      } catch (err) {
        this.setData({ busy: false, actionError: toCallError(err).message });
      }
    },
  },
});
