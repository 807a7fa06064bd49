/**
 * Secretary: pass applications (待审核, oldest first), all passes by status (revoke an approved
 * one), registered vehicles, and the compound's visitor policy. Every decision that needs a
 * reason asks for it inline and sends nothing without it.
 */
import type { PassStatus, PassView } from '../../../../typings/pass';
import type { CompoundChange } from '../../../components/compound-picker/compound-picker';
import { normalizePlate } from '../../../shared/plate';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { shanghaiDateTime } from '../../../shared/time';
import type { Tap } from '../../../utils/events';
import { ROUTES } from '../../../utils/routes';
import { fieldPatch } from '../../../utils/form';
import { normalizePhone, reasonError } from '../../../utils/validate';
import type { PagedData, PagedSource } from '../../../utils/paged-list';
import { emptyPage, loadPage } from '../../../utils/paged-list';
import type { Panel, PanelAction, PassRow, Tab, VehicleField, VehicleForm, VehicleRow } from './passes-view';
import { CLOSED_PANEL, EMPTY_VEHICLE, PANEL_TEXT, STATUS_FILTERS, TABS, VEHICLE_VALIDATORS, passRow, validDaysError, vehicleRow } from './passes-view';

const PAGE_SIZE = 20;

type ListKey = 'pendingList' | 'allList';

/** Passes approved by one call (the server's MAX_APPROVE). */
const MAX_BATCH = 50;

interface PolicyState {
  loading: boolean;
  /** null until loaded. */
  current: boolean | null;
  desired: boolean;
  reason: string;
  error: string;
  busy: boolean;
  /** "已于 … 更新：…" after a change. */
  info: string;
}

const POLICY: PolicyState = { loading: false, current: null, desired: false, reason: '', error: '', busy: false, info: '' };
const NO_VEHICLE_ERRORS: Record<VehicleField, string> = { plate: '', ownerName: '', ownerPhone: '' };

const withCursor = (cursor: string | undefined) => (cursor ? { cursor } : {});

Component({
  data: {
    compoundId: '',
    tabs: TABS,
    tab: 'pending' as Tab,
    statusFilters: STATUS_FILTERS,
    statusFilter: '' as PassStatus | '',
    pendingList: emptyPage<PassRow>() as PagedData<PassRow>,
    allList: emptyPage<PassRow>() as PagedData<PassRow>,
    vehicleList: emptyPage<VehicleRow>() as PagedData<VehicleRow>,
    panel: CLOSED_PANEL as Panel,
    /** Pending passes ticked for 批准所选. */
    selected: {} as Record<string, boolean>,
    selectedCount: 0,
    batchBusy: false,
    /** What the last batch did: "已批准 3 份" and any that could not be. */
    batchMessage: '',
    panelText: PANEL_TEXT,
    policy: POLICY,
    vehicle: EMPTY_VEHICLE as VehicleForm,
    vehicleErrors: NO_VEHICLE_ERRORS,
    vehicleBusy: false,
    vehicleFormError: '',
  },

  methods: {
    onPullDownRefresh() {
      void this.loadTab().then(() => wx.stopPullDownRefresh());
    },

    onCompound(e: WechatMiniprogram.CustomEvent<CompoundChange>) {
      this.setData({ compoundId: e.detail.compoundId, panel: CLOSED_PANEL, policy: POLICY });
      void this.loadTab();
    },

    onTab(e: Tap<{ tab: Tab }>) {
      this.setData({ tab: e.currentTarget.dataset.tab, panel: CLOSED_PANEL });
      void this.loadTab();
    },

    async loadTab() {
      if (!this.data.compoundId) return;
      const tab = this.data.tab;
      if (tab === 'policy') await this.loadPolicy();
      else await loadPage(this, this.source(tab));
    },

    onMore() {
      const tab = this.data.tab;
      if (tab !== 'policy') void loadPage(this, this.source(tab), true);
    },

    source(tab: Exclude<Tab, 'policy'>): PagedSource<unknown, unknown> {
      const compoundId = this.data.compoundId;
      const page = { compoundId, limit: PAGE_SIZE };
      const sources = {
        pending: { key: 'pendingList', view: passRow, fetch: (c?: string) => call('pass.pending', { ...page, ...withCursor(c) }) },
        all: {
          key: 'allList',
          view: passRow,
          fetch: (c?: string) => call('pass.list', { ...page, ...withCursor(c), ...(this.data.statusFilter ? { status: this.data.statusFilter } : {}) }),
        },
        vehicles: { key: 'vehicleList', view: vehicleRow, fetch: (c?: string) => call('vehicle.list', { ...page, ...withCursor(c) }) },
      };
      return sources[tab] as PagedSource<unknown, unknown>;
    },

    onStatusFilter(e: Tap<{ status: PassStatus | '' }>) {
      this.setData({ statusFilter: e.currentTarget.dataset.status, panel: CLOSED_PANEL });
      void loadPage(this, this.source('all'));
    },

    /* ───────────── approve / reject / revoke, inline under the pass ───────────── */

    /** 打印离线码: the paper pass page for a resident without a phone. */
    onPaper(e: Tap<{ id: string; serial: number }>) {
      const { id, serial } = e.currentTarget.dataset;
      wx.navigateTo({ url: `${ROUTES.paperPass}?passId=${id}${serial ? `&serial=${serial}` : ''}` });
    },

    onAct(e: Tap<{ id: string; action: PanelAction }>) {
      const { id, action } = e.currentTarget.dataset;
      if (this.data.panel.busy) return;
      this.setData({ panel: { ...CLOSED_PANEL, id, action } });
    },

    onPanelInput(e: WechatMiniprogram.Input<Record<string, never>, { field: 'days' | 'reason' }>) {
      const field = e.currentTarget.dataset.field;
      const patch: Record<string, string> = { [`panel.${field}`]: e.detail.value };
      if (this.data.panel.error) patch['panel.error'] = this.panelError({ ...this.data.panel, [field]: e.detail.value });
      this.setData(patch);
    },

    onPanelCancel() {
      if (!this.data.panel.busy) this.setData({ panel: CLOSED_PANEL });
    },

    panelError(panel: Panel): string {
      if (panel.action === 'approve') return validDaysError(panel.days);
      return panel.action ? reasonError(panel.reason, PANEL_TEXT[panel.action].missing) : '';
    },

    async onPanelConfirm() {
      const panel = this.data.panel;
      if (!panel.action || panel.busy) return;
      const error = this.panelError(panel);
      if (error) {
        this.setData({ 'panel.error': error });
        return;
      }
      this.setData({ 'panel.busy': true, 'panel.error': '' });
      try {
        const reason = panel.reason.trim();
        let pass: PassView;
        if (panel.action === 'approve') pass = await call('pass.review', { passId: panel.id, decision: 'approve', validDays: Number(panel.days.trim()) });
        else if (panel.action === 'reject') pass = await call('pass.review', { passId: panel.id, decision: 'reject', reason });
        else pass = await call('pass.revoke', { passId: panel.id, reason });
        this.settled(pass);
        this.setData({ panel: CLOSED_PANEL });
        wx.showToast({ title: PANEL_TEXT[panel.action].done, icon: 'success' });
      } catch (err) {
        this.setData({ 'panel.busy': false, 'panel.error': toCallError(err).message });
      }
    },

    /* ───────────── batch approval ───────────── */

    select(selected: Record<string, boolean>) {
      this.setData({ selected, selectedCount: Object.keys(selected).length, batchMessage: '' });
    },

    onSelect(e: Tap<{ id: string }>) {
      const { [e.currentTarget.dataset.id]: was, ...rest } = this.data.selected;
      this.select(was ? rest : { ...rest, [e.currentTarget.dataset.id]: true });
    },

    onSelectAll() {
      const items = this.data.pendingList.items;
      this.select(this.data.selectedCount === items.length ? {} : Object.fromEntries(items.map((row) => [row.id, true])));
    },

    /** One call for the ticked passes (≤ 50 at a time); each is approved or reported on its own. */
    async onApproveSelected() {
      const passIds = this.data.pendingList.items
        .filter((row) => this.data.selected[row.id])
        .map((row) => row.id)
        .slice(0, MAX_BATCH);
      if (!passIds.length || this.data.batchBusy) return;
      this.setData({ batchBusy: true, batchMessage: '' });
      try {
        const { approved, results } = await call('pass.approveMany', { passIds });
        for (const r of results) if (r.ok) this.settled(r.pass);
        const refused = results.flatMap((r) =>
          r.ok ? [] : [`${this.data.pendingList.items.find((row) => row.id === r.passId)?.name ?? r.passId}：${r.message}`],
        );
        this.select({});
        this.setData({ batchBusy: false, batchMessage: [`已批准 ${approved} 份`, ...refused].join('；') });
      } catch (err) {
        this.setData({ batchBusy: false, batchMessage: toCallError(err).message });
      }
    },

    /** A reviewed pass leaves 待审核 and is shown anew in 全部. */
    settled(pass: PassView) {
      const lists: ListKey[] = ['pendingList', 'allList'];
      const patch: Record<string, PassRow[]> = {};
      for (const key of lists) {
        const items = this.data[key].items;
        if (!items.some((row) => row.id === pass.id)) continue;
        patch[`${key}.items`] =
          key === 'pendingList' ? items.filter((row) => row.id !== pass.id) : items.map((row) => (row.id === pass.id ? passRow(pass) : row));
      }
      this.setData(patch);
    },

    /* ───────────── visitor policy ───────────── */

    async loadPolicy() {
      const compoundId = this.data.compoundId;
      this.setData({ policy: { ...POLICY, loading: true } });
      try {
        const bundle = await call('pass.trust', { compoundId });
        if (compoundId !== this.data.compoundId) return;
        this.setData({ policy: { ...POLICY, current: bundle.visitorsAllowed, desired: bundle.visitorsAllowed } });
      } catch (err) {
        this.setData({ policy: { ...POLICY, error: toCallError(err).message } });
      }
    },

    onPolicyChoose(e: Tap<{ allowed: 'yes' | 'no' }>) {
      this.setData({ 'policy.desired': e.currentTarget.dataset.allowed === 'yes', 'policy.error': '' });
    },

    onPolicyReason(e: WechatMiniprogram.Input) {
      const patch: Record<string, string> = { 'policy.reason': e.detail.value };
      if (this.data.policy.error) patch['policy.error'] = reasonError(e.detail.value, '请填写调整原因');
      this.setData(patch);
    },

    async onPolicySave() {
      const { policy, compoundId } = this.data;
      if (policy.busy || policy.current === null || policy.desired === policy.current) return;
      const error = reasonError(policy.reason, '请填写调整原因');
      if (error) {
        this.setData({ 'policy.error': error });
        return;
      }
      this.setData({ 'policy.busy': true, 'policy.error': '' });
      try {
        const res = await call('gate.policy', { compoundId, visitorsAllowed: policy.desired, reason: policy.reason.trim() });
        const info = `已于 ${shanghaiDateTime(res.updatedAt)} 更新：${res.reason}`;
        this.setData({ policy: { ...POLICY, current: res.visitorsAllowed, desired: res.visitorsAllowed, info } });
      } catch (err) {
        this.setData({ 'policy.busy': false, 'policy.error': toCallError(err).message });
      }
    },

    /* ───────────── vehicles ───────────── */

    /** Typing into or leaving a field. */
    onVehicleField(e: WechatMiniprogram.Input<Record<string, never>, { field: VehicleField }>) {
      this.setData(fieldPatch({ form: 'vehicle', errors: 'vehicleErrors' }, VEHICLE_VALIDATORS, this.data.vehicleErrors, e.currentTarget.dataset.field, e));
    },

    async onVehicleSubmit() {
      const { vehicle, compoundId } = this.data;
      if (this.data.vehicleBusy) return;
      const fields = Object.keys(VEHICLE_VALIDATORS) as VehicleField[];
      const errors = { ...NO_VEHICLE_ERRORS };
      for (const field of fields) errors[field] = VEHICLE_VALIDATORS[field](vehicle[field]);
      this.setData({ vehicleErrors: errors, vehicleFormError: '' });
      if (fields.some((field) => errors[field])) return;
      this.setData({ vehicleBusy: true });
      try {
        const saved = await call('vehicle.register', {
          compoundId,
          plate: normalizePlate(vehicle.plate),
          ownerName: vehicle.ownerName.trim(),
          ownerPhone: normalizePhone(vehicle.ownerPhone),
        });
        const items = [vehicleRow(saved), ...this.data.vehicleList.items.filter((v) => v.plate !== saved.plate)];
        this.setData({ vehicleBusy: false, vehicle: EMPTY_VEHICLE, 'vehicleList.items': items });
        wx.showToast({ title: '车辆已登记', icon: 'success' });
      } catch (err) {
        const error = toCallError(err);
        const field = error.field?.replace(/^data\./, '') as VehicleField | undefined;
        if (field && field in NO_VEHICLE_ERRORS) this.setData({ vehicleBusy: false, [`vehicleErrors.${field}`]: error.message });
        else this.setData({ vehicleBusy: false, vehicleFormError: error.message });
      }
    },
  },
});
