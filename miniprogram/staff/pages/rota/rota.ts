/**
 * Secretary: the rota of a compound. At the top, coverage now (`duty.coverage`): required vs
 * checked-in heads, posts short of people first, refreshed every minute. Below, a day (today and
 * the next six) with every post (`duty.posts`) and its shifts that day (`duty.shifts`): the crew
 * against the minimum and maximum, shifts short of people marked. A shift is staffed from
 * suggestions (`duty.suggest`: free qualified volunteers by skill fit, then fewest hours this
 * week) with one tap (`duty.assign`); crew may be taken off before the start (`duty.withdraw`).
 *
 * The rest comes as behaviors: 生成排班 (pattern-editor.ts), 新增岗位 / 编辑 (post-editor.ts),
 * 签到码 (post-code.ts), over what they all share (day-rota.ts).
 */
import type { CompoundChange } from '../../../components/compound-picker/compound-picker';
import { call } from '../../../services/api';
import * as clock from '../../../services/clock';
import { toCallError } from '../../../services/errors';
import { shanghaiDate } from '../../../shared/time';
import { confirmDialog } from '../../../utils/dialog';
import type { Tap } from '../../../utils/events';
import { startTicking, stopTicking } from '../../../utils/ticking';
import { CLOSED_SUGGEST, dayRota, runtimeOf } from './day-rota';
import { patternEditor } from './pattern-editor';
import { postCode } from './post-code';
import { postEditor } from './post-editor';
import { dayChips, suggestionRow } from './rota-view';

/** Coverage now is asked for again this often while the page is shown. */
const COVERAGE_MS = 60_000;
const SUGGESTIONS = 10;

Component({
  behaviors: [dayRota, patternEditor, postEditor, postCode],

  lifetimes: {
    detached() {
      stopTicking(this);
    },
  },

  methods: {
    onLoad() {
      const today = shanghaiDate(clock.now());
      this.setData({ today, day: today, days: dayChips(today) });
    },

    onShow() {
      startTicking(this, () => void this.loadCoverage(), COVERAGE_MS);
      if (this.data.compoundId) void Promise.all([this.loadCoverage(), this.loadDay()]);
    },

    onHide() {
      stopTicking(this);
    },

    onUnload() {
      stopTicking(this);
    },

    onPullDownRefresh() {
      void Promise.all([this.loadCoverage(), this.loadDay()]).then(() => wx.stopPullDownRefresh());
    },

    onCompound(e: WechatMiniprogram.CustomEvent<CompoundChange>) {
      runtimeOf(this).posts = [];
      this.setData({ compoundId: e.detail.compoundId, mode: 'rota', coverage: null, suggest: CLOSED_SUGGEST, info: '', gates: [] });
      void Promise.all([this.loadCoverage(), this.loadDay(true)]);
    },

    onDay(e: Tap<{ day: string }>) {
      const day = e.currentTarget.dataset.day;
      if (day === this.data.day) return;
      this.setData({ day });
      void this.loadDay();
    },

    onRetryDay() {
      void this.loadDay(true);
    },

    /** Back from an editor to the rota. */
    onBack() {
      this.setData({ mode: 'rota' });
    },

    /* ───────────── staffing a shift ───────────── */

    async onSuggest(e: Tap<{ id: string }>) {
      const shiftId = e.currentTarget.dataset.id;
      if (this.data.suggest.shiftId === shiftId) {
        this.setData({ suggest: CLOSED_SUGGEST });
        return;
      }
      this.setData({ suggest: { ...CLOSED_SUGGEST, shiftId, loading: true } });
      try {
        const { items } = await call('duty.suggest', { shiftId, limit: SUGGESTIONS });
        if (this.data.suggest.shiftId === shiftId) this.setData({ 'suggest.loading': false, 'suggest.items': items.map(suggestionRow) });
      } catch (err) {
        if (this.data.suggest.shiftId === shiftId) this.setData({ 'suggest.loading': false, 'suggest.error': toCallError(err).message });
      }
    },

    async onAssign(e: Tap<{ openid: string }>) {
      const openid = e.currentTarget.dataset.openid;
      const { shiftId, busy, items } = this.data.suggest;
      if (!shiftId || busy) return;
      this.setData({ 'suggest.busy': openid, 'suggest.error': '' });
      try {
        const shift = await call('duty.assign', { shiftId, openid });
        this.setData({ suggest: CLOSED_SUGGEST });
        this.shiftChanged(shift);
        wx.showToast({ title: `已安排${items.find((s) => s.openid === openid)?.name ?? ''}`, icon: 'success' });
      } catch (err) {
        this.setData({ 'suggest.busy': '', 'suggest.error': toCallError(err).message });
      }
    },

    async onRemove(e: Tap<{ id: string; openid: string; name: string; time: string }>) {
      const { id, openid, name, time } = e.currentTarget.dataset;
      const rt = runtimeOf(this);
      if (rt.acting) return;
      rt.acting = true;
      try {
        if (!(await confirmDialog('调整班次', `将 ${name} 移出 ${time} 的班次？`, '移出'))) return;
        this.shiftChanged(await call('duty.withdraw', { shiftId: id, openid }));
        wx.showToast({ title: '已移出', icon: 'success' });
      } catch (err) {
        this.setData({ rotaError: toCallError(err).message });
      } finally {
        rt.acting = false;
      }
    },
  },
});
