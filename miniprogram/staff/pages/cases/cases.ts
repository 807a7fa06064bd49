/**
 * Cases (returnees, close contacts, risky behaviour) under the caller's node: a secretary's or
 * staff member's area, with the buttons of the lifecycle — 确认, the actions (已劝阻, 居家观察,
 * 移交卫生院, 不采取措施 with a reason), 办结 with an outcome — or a building leader's building,
 * read only. Each case shows the report → first action time, or how long it has waited (red once
 * past its alert's deadline). A step's request id is kept until it succeeds, so retrying after a
 * lost reply is the same step on the server. 居家观察 of a case naming nobody on the census opens a
 * picker under it: the building's recorded rooms (census.building), the report's room first, then
 * that room's members (census.household) as the server lets the caller see them.
 */
import type { CaseAction, CaseState, CaseUpdateReq, CaseView } from '../../../../typings/cases';
import { call } from '../../../services/api';
import { caseRow, type CaseRow } from '../../../services/case-rows';
import * as clock from '../../../services/clock';
import { toCallError } from '../../../services/errors';
import type { Tap } from '../../../utils/events';
import type { PagedData, PagedSource } from '../../../utils/paged-list';
import { emptyPage, loadPage } from '../../../utils/paged-list';
import { pageState } from '../../../utils/page-state';
import {
  ACTION_BUTTONS,
  CLOSED_PICKER,
  EMPTY_TEXT,
  OUTCOME_CHOICES,
  TABS,
  newRequestId,
  pendingKey,
  personChoices,
  roomChoices,
  scopeOf,
  type CaseScope,
} from './cases-view';
import { reloads } from '../../../utils/reloads';

const PAGE_SIZE = 20;

interface Runtime {
  scope: CaseScope | null;
  /** Request ids of steps not yet answered, by pendingKey. */
  pending: Map<string, string>;
}

const runtimeOf = pageState<Runtime>(() => ({ scope: null, pending: new Map() }));

/** Text typed into a modal, or null when cancelled. */
function ask(title: string, placeholderText: string): Promise<string | null> {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      editable: true,
      placeholderText,
      confirmText: '提交',
      success: (r) => resolve(r.confirm ? (r.content ?? '').trim() : null),
      fail: () => resolve(null),
    });
  });
}

Component({
  behaviors: [reloads],

  data: {
    tabs: TABS,
    tab: 'all' as CaseState | 'all',
    scopeName: '',
    canAct: false,
    noScope: false,
    actions: ACTION_BUTTONS,
    list: emptyPage<CaseRow>() as PagedData<CaseRow>,
    emptyText: EMPTY_TEXT.all,
    expanded: '',
    busy: '',
    error: { id: '', text: '' },
    picker: CLOSED_PICKER,
  },

  methods: {
    async onLoad() {
      try {
        const me = await call('account.me', {});
        const scope = scopeOf(me.grants);
        runtimeOf(this).scope = scope;
        if (!scope) return this.setData({ noScope: true });
        this.setData({ scopeName: scope.name, canAct: scope.canAct });
        if (!scope.canAct) wx.setNavigationBarTitle({ title: '本楼线索' });
        await this.load();
      } catch (err) {
        this.setData({ 'list.error': toCallError(err).message });
      }
    },

    source(): PagedSource<CaseView, CaseRow> {
      const scope = runtimeOf(this).scope!;
      const tab = this.data.tab;
      return {
        key: 'list',
        view: (c) => caseRow(c, clock.now()),
        fetch: (cursor) => call('case.list', { orgId: scope.orgId, limit: PAGE_SIZE, ...(tab === 'all' ? {} : { state: tab }), ...(cursor ? { cursor } : {}) }),
      };
    },

    load() {
      return runtimeOf(this).scope ? loadPage(this, this.source()) : Promise.resolve();
    },

    onMore() {
      void loadPage(this, this.source(), true);
    },

    onTab(e: Tap<{ tab: CaseState | 'all' }>) {
      const tab = e.currentTarget.dataset.tab;
      if (tab === this.data.tab) return;
      this.setData({ tab, emptyText: EMPTY_TEXT[tab], expanded: '', error: { id: '', text: '' } });
      void this.load();
    },

    onToggle(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      this.setData({ expanded: this.data.expanded === id ? '' : id });
    },

    /** Sends one step; on success the row shows the case as the server now has it. */
    async send(req: Omit<CaseUpdateReq, 'requestId'>, done: string) {
      if (this.data.busy) return;
      const rt = runtimeOf(this);
      const key = pendingKey(req.caseId, req.step, req.action);
      const requestId = rt.pending.get(key) ?? newRequestId(Date.now(), Math.random());
      rt.pending.set(key, requestId);
      this.setData({ busy: req.caseId, error: { id: '', text: '' } });
      try {
        const c = await call('case.update', { ...req, requestId });
        rt.pending.delete(key);
        const row = caseRow(c, clock.now());
        this.setData({ busy: '', 'list.items': this.data.list.items.map((r) => (r.id === c.id ? row : r)) });
        wx.showToast({ title: done, icon: 'success' });
      } catch (err) {
        const error = toCallError(err);
        // Refused: nothing was written, so the next try is a new step.
        if (error.code !== 'NETWORK') rt.pending.delete(key);
        this.setData({ busy: '', error: { id: req.caseId, text: error.message } });
      }
    },

    onAck(e: Tap<{ id: string }>) {
      void this.send({ caseId: e.currentTarget.dataset.id, step: 'acknowledge' }, '已确认');
    },

    async onAction(e: Tap<{ id: string; action: CaseAction; person: boolean }>) {
      const { id, action, person } = e.currentTarget.dataset;
      const req: Omit<CaseUpdateReq, 'requestId'> = { caseId: id, step: 'action', action };
      if (action === 'none') {
        const note = await ask('不采取措施的理由', '例如：经核实为本地常住居民');
        if (note === null) return;
        if (note.length < 2) return this.setData({ error: { id, text: '请说明不采取措施的理由（至少 2 个字）' } });
        req.note = note;
      }
      if (action === 'observation' && !person) return this.openPicker(id);
      await this.send(req, '已记录');
    },

    /** Opens the census picker under a case: the building's recorded rooms, and the report's room's members at once. */
    async openPicker(caseId: string) {
      const row = this.data.list.items.find((r) => r.id === caseId)!;
      this.setData({ picker: { ...CLOSED_PICKER, caseId, loading: true }, error: { id: '', text: '' } });
      try {
        const rooms = roomChoices((await call('census.building', { buildingId: row.buildingId })).rooms);
        const roomIndex = rooms.findIndex((r) => r.unit === row.unit && r.room === row.room);
        const error = rooms.length ? '' : '本楼栋还没有摸底登记的住户，请先完成摸底';
        this.setData({ picker: { ...CLOSED_PICKER, caseId, rooms, error } });
        if (roomIndex >= 0) await this.pickRoom(roomIndex);
      } catch (err) {
        this.setData({ picker: { ...CLOSED_PICKER, caseId, error: toCallError(err).message } });
      }
    },

    async pickRoom(roomIndex: number) {
      const picker = this.data.picker;
      const room = picker.rooms[roomIndex];
      const row = this.data.list.items.find((r) => r.id === picker.caseId)!;
      this.setData({ picker: { ...picker, roomIndex, people: [], loading: true, error: '' } });
      try {
        const people = personChoices(await call('census.household', { buildingId: row.buildingId, unit: room.unit, room: room.room }));
        this.setData({ 'picker.people': people, 'picker.loading': false, 'picker.error': people.length ? '' : '该户摸底名单中没有人员' });
      } catch (err) {
        this.setData({ 'picker.loading': false, 'picker.error': toCallError(err).message });
      }
    },

    onPickRoom(e: WechatMiniprogram.PickerChange) {
      void this.pickRoom(Number(e.detail.value));
    },

    onPickPerson(e: Tap<{ personId: string }>) {
      const caseId = this.data.picker.caseId;
      this.setData({ picker: CLOSED_PICKER });
      void this.send({ caseId, step: 'action', action: 'observation', personId: e.currentTarget.dataset.personId }, '已开始居家观察');
    },

    onPickCancel() {
      this.setData({ picker: CLOSED_PICKER });
    },

    onClose(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      wx.showActionSheet({
        itemList: OUTCOME_CHOICES.map((o) => o.label),
        success: (r) => void this.send({ caseId: id, step: 'close', outcome: OUTCOME_CHOICES[r.tapIndex].outcome }, '已办结'),
      });
    },
  },
});
