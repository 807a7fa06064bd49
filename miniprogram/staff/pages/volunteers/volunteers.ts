/**
 * Secretary: volunteers of a compound. 待审核 — applications (`volunteer.list { status: 'pending' }`),
 * each approved or rejected inline (`volunteer.approve`; a rejection needs a reason, which the
 * applicant sees). 志愿者 — the approved, with skills, the party member mark and their unit.
 * 党组织 — the compound's party units and those reporting in (`party.list`); a new 楼栋党小组 or
 * 党员责任区 over some of the compound's buildings (`party.save`).
 */
import type { PartyUnitView, VolunteerStatus, VolunteerView } from '../../../../typings/duty';
import type { CompoundChange } from '../../../components/compound-picker/compound-picker';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import type { Tap } from '../../../utils/events';
import type { PagedData, PagedSource } from '../../../utils/paged-list';
import { emptyPage, loadPage } from '../../../utils/paged-list';
import { pageState } from '../../../utils/page-state';
import { reasonError } from '../../../utils/validate';
import type { Panel, Tab, UnitRow, VolunteerRow } from './volunteers-view';
import { CLOSED_PANEL, NEW_UNIT_KINDS, TABS, buildingsError, unitNameError, unitRow, volunteerRow } from './volunteers-view';

const PAGE_SIZE = 20;
const BUILDINGS_PAGE = 200;

type UnitKind = (typeof NEW_UNIT_KINDS)[number]['key'];

interface UnitForm {
  kind: UnitKind;
  name: string;
  buildingIds: string[];
  errors: { name: string; buildings: string };
  error: string;
  busy: boolean;
}

const EMPTY_UNIT: UnitForm = { kind: 'group', name: '', buildingIds: [], errors: { name: '', buildings: '' }, error: '', busy: false };

interface Runtime {
  units: PartyUnitView[];
  buildingNames: Map<string, string>;
}

const runtimeOf = pageState<Runtime>(() => ({ units: [], buildingNames: new Map() }));

Component({
  data: {
    compoundId: '',
    tabs: TABS,
    tab: 'pending' as Tab,
    pendingList: emptyPage<VolunteerRow>() as PagedData<VolunteerRow>,
    approvedList: emptyPage<VolunteerRow>() as PagedData<VolunteerRow>,
    panel: CLOSED_PANEL as Panel,

    units: [] as UnitRow[],
    unitsLoading: false,
    unitsError: '',
    buildings: [] as Array<{ id: string; name: string; checked: boolean }>,
    unitKinds: NEW_UNIT_KINDS,
    creating: false,
    unitForm: EMPTY_UNIT as UnitForm,
  },

  methods: {
    onPullDownRefresh() {
      void this.loadTab().then(() => wx.stopPullDownRefresh());
    },

    onCompound(e: WechatMiniprogram.CustomEvent<CompoundChange>) {
      runtimeOf(this).buildingNames = new Map();
      this.setData({ compoundId: e.detail.compoundId, panel: CLOSED_PANEL, creating: false, unitForm: EMPTY_UNIT, buildings: [] });
      void this.loadTab();
    },

    onTab(e: Tap<{ tab: Tab }>) {
      this.setData({ tab: e.currentTarget.dataset.tab, panel: CLOSED_PANEL });
      void this.loadTab();
    },

    async loadTab() {
      if (!this.data.compoundId) return;
      if (this.data.tab === 'units') await this.loadUnits();
      else await loadPage(this, this.source(this.data.tab));
    },

    onMore() {
      if (this.data.tab !== 'units') void loadPage(this, this.source(this.data.tab), true);
    },

    source(status: Extract<VolunteerStatus, 'pending' | 'approved'>): PagedSource<VolunteerView, VolunteerRow> {
      const compoundId = this.data.compoundId;
      return {
        key: `${status}List`,
        view: volunteerRow,
        fetch: (cursor) => call('volunteer.list', { compoundId, status, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
      };
    },

    /* ───────────── approve / reject ───────────── */

    onAct(e: Tap<{ openid: string; action: 'approve' | 'reject' }>) {
      if (this.data.panel.busy) return;
      const { openid, action } = e.currentTarget.dataset;
      this.setData({ panel: { ...CLOSED_PANEL, openid, action } });
    },

    onReason(e: WechatMiniprogram.Input) {
      const patch: Record<string, string> = { 'panel.reason': e.detail.value };
      if (this.data.panel.error) patch['panel.error'] = reasonError(e.detail.value, '请填写不通过的原因');
      this.setData(patch);
    },

    onPanelCancel() {
      if (!this.data.panel.busy) this.setData({ panel: CLOSED_PANEL });
    },

    async onPanelConfirm() {
      const { panel, compoundId } = this.data;
      if (!panel.action || panel.busy) return;
      const error = panel.action === 'reject' ? reasonError(panel.reason, '请填写不通过的原因') : '';
      if (error) {
        this.setData({ 'panel.error': error });
        return;
      }
      this.setData({ 'panel.busy': true, 'panel.error': '' });
      try {
        const decided = await call('volunteer.approve', {
          compoundId,
          openid: panel.openid,
          decision: panel.action,
          ...(panel.action === 'reject' ? { reason: panel.reason.trim() } : {}),
        });
        const approved = decided.status === 'approved';
        this.setData({
          panel: CLOSED_PANEL,
          'pendingList.items': this.data.pendingList.items.filter((row) => row.openid !== decided.openid),
          ...(approved ? { 'approvedList.items': [...this.data.approvedList.items.filter((r) => r.openid !== decided.openid), volunteerRow(decided)] } : {}),
        });
        wx.showToast({ title: approved ? '已通过' : '已拒绝', icon: 'success' });
      } catch (err) {
        this.setData({ 'panel.busy': false, 'panel.error': toCallError(err).message });
      }
    },

    /* ───────────── party units ───────────── */

    async loadUnits() {
      const compoundId = this.data.compoundId;
      const rt = runtimeOf(this);
      this.setData({ unitsLoading: true, unitsError: '' });
      try {
        const [units, buildings] = await Promise.all([
          call('party.list', { orgId: compoundId }),
          rt.buildingNames.size ? null : call('org.tree', { parentId: compoundId, limit: BUILDINGS_PAGE }),
        ]);
        if (compoundId !== this.data.compoundId) return;
        if (buildings) {
          const items = buildings.items.filter((b) => b.level === 'building');
          rt.buildingNames = new Map(items.map((b) => [b.id, b.name]));
          this.setData({ buildings: items.map((b) => ({ id: b.id, name: b.name, checked: false })) });
        }
        rt.units = units.items;
        this.setData({ unitsLoading: false, units: units.items.map((u) => unitRow(u, rt.buildingNames)) });
      } catch (err) {
        if (compoundId === this.data.compoundId) this.setData({ unitsLoading: false, unitsError: toCallError(err).message });
      }
    },

    onNewUnit() {
      this.setData({ creating: !this.data.creating, unitForm: EMPTY_UNIT, buildings: this.data.buildings.map((b) => ({ ...b, checked: false })) });
    },

    onUnitKind(e: Tap<{ kind: UnitKind }>) {
      this.setData({ 'unitForm.kind': e.currentTarget.dataset.kind });
    },

    onUnitName(e: WechatMiniprogram.Input) {
      const shown = this.data.unitForm.errors.name;
      this.setData({ 'unitForm.name': e.detail.value, ...(shown || e.type === 'blur' ? { 'unitForm.errors.name': unitNameError(e.detail.value) } : {}) });
    },

    onBuildings(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const ids = e.detail.value;
      this.setData({
        'unitForm.buildingIds': ids,
        'unitForm.errors.buildings': '',
        buildings: this.data.buildings.map((b) => ({ ...b, checked: ids.includes(b.id) })),
      });
    },

    async onUnitSave() {
      const { unitForm: form, compoundId } = this.data;
      if (form.busy) return;
      const errors = { name: unitNameError(form.name), buildings: buildingsError(form.buildingIds) };
      this.setData({ 'unitForm.errors': errors, 'unitForm.error': '' });
      if (errors.name || errors.buildings) return;
      this.setData({ 'unitForm.busy': true });
      // Buildings in the compound's order, whatever order they were ticked in.
      const buildingIds = this.data.buildings.filter((b) => form.buildingIds.includes(b.id)).map((b) => b.id);
      try {
        const saved = await call('party.save', {
          orgId: compoundId,
          kind: form.kind,
          name: form.name.trim(),
          ...(form.kind === 'group' ? { buildingIds } : { areas: buildingIds.map((buildingId) => ({ buildingId })) }),
        });
        const rt = runtimeOf(this);
        rt.units = [...rt.units.filter((u) => u.id !== saved.id), saved];
        this.setData({ creating: false, unitForm: EMPTY_UNIT, units: rt.units.map((u) => unitRow(u, rt.buildingNames)) });
        wx.showToast({ title: '已创建', icon: 'success' });
      } catch (err) {
        this.setData({ 'unitForm.busy': false, 'unitForm.error': toCallError(err).message });
      }
    },
  },
});
