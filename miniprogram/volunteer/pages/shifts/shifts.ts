/**
 * 我的班次 (volunteers). The caller's shifts from today for a week (`duty.mine`), by day, with
 * this week's hours; check-in from 15 minutes before the start by scanning the post's printed
 * code (`wx.scanCode`) and/or by location (`wx.getLocation`, gcj02) — as the post asks
 * (`duty.posts` → checkInBy) — then check-out; leaving a shift before it starts. Below, the open
 * shifts of the caller's compound (`duty.shifts`) to sign up for; a refused sign-up shows the
 * server's reason under that shift. A caller who is not a volunteer is sent to apply.
 * Signing up asks, within the tap, for the shift reminder push; the pushes left show above the open shifts.
 *
 * Location is a privacy API: the page hosts the consent sheet WeChat's privacy check asks for, and
 * a refused location says why (privacy not agreed, permission, location off) and what to do next.
 */
import type { ActionRequest } from '../../../../typings/api';
import type { DutyView, HoursRow, PostView, ShiftView } from '../../../../typings/duty';
import { call } from '../../../services/api';
import * as clock from '../../../services/clock';
import { ApiCallError, toCallError } from '../../../services/errors';
import { allShifts } from '../../../services/duty-shifts';
import type { DayGroup } from '../../../services/duty-time';
import { byDay } from '../../../services/duty-time';
import { locate } from '../../../services/location';
import { scanCode } from '../../../services/scan-code';
import { askConsent } from '../../../services/subscribe';
import { shanghaiDate } from '../../../shared/time';
import { confirmDialog } from '../../../utils/dialog';
import type { Tap } from '../../../utils/events';
import { pageState } from '../../../utils/page-state';
import type { CompoundChoice } from '../../../utils/roles';
import { compoundsOf } from '../../../utils/roles';
import { ROUTES } from '../../../utils/routes';
import { startTicking, stopTicking } from '../../../utils/ticking';
import type { CheckInHow, MineCard, OpenCard } from './shifts-view';
import { checkInLocationError, mineCard, openCard, openShifts, weekText } from './shifts-view';
import { reloads } from '../../../utils/reloads';

/** How often the buttons follow the clock (check-in opening, a start passing). */
const TICK_MS = 30_000;
const DAYS_SHOWN = 7;
const NO_REFUSAL = { id: '', text: '' };

/** What a page instance keeps outside `data`: the server's views the cards are made from. */
interface Runtime {
  duties: DutyView[];
  week: HoursRow;
  posts: Map<string, PostView>;
  shifts: ShiftView[];
  /** One action at a time (a double tap sends one request). */
  acting: boolean;
}

const runtimeOf = pageState<Runtime>(() => ({ duties: [], week: { minutes: 0, shifts: 0 }, posts: new Map(), shifts: [], acting: false }));

Component({
  behaviors: [reloads],

  data: {
    status: 'loading' as 'loading' | 'error' | 'none' | 'ready',
    loadError: '',
    week: '',
    mineDays: [] as DayGroup<MineCard>[],
    /** The shift being acted on ('' none), and the last refusal under a shift. */
    busy: '',
    cardError: NO_REFUSAL,

    compounds: [] as CompoundChoice[],
    compoundNames: [] as string[],
    compoundIndex: 0,
    openDays: [] as DayGroup<OpenCard>[],
    openLoading: false,
    openError: '',
    signupError: NO_REFUSAL,
  },

  lifetimes: {
    detached() {
      stopTicking(this);
    },
  },

  methods: {
    onShow() {
      void this.load();
      startTicking(this, () => this.render(), TICK_MS);
    },

    onHide() {
      stopTicking(this);
    },

    onUnload() {
      stopTicking(this);
    },

    /** Who the caller is, then their shifts and the open ones (a reload keeps what is shown until the replies come). */
    async load() {
      if (this.data.status !== 'ready') this.setData({ status: 'loading', loadError: '' });
      try {
        const me = await call('account.me', {});
        const compounds = compoundsOf(me.grants, ['volunteer']);
        if (!compounds.length) {
          this.setData({ status: 'none' });
          return;
        }
        const index = Math.max(
          0,
          compounds.findIndex((c) => c.id === this.data.compounds[this.data.compoundIndex]?.id),
        );
        this.setData({ compounds, compoundNames: compounds.map((c) => c.name), compoundIndex: index });
        await this.loadMine();
        this.setData({ status: 'ready' });
        await this.loadOpen();
      } catch (err) {
        const message = toCallError(err).message;
        // A refresh that fails keeps what is shown, and says so.
        if (this.data.status === 'ready') wx.showToast({ title: message, icon: 'none' });
        else this.setData({ status: 'error', loadError: message });
      }
    },

    /** `duty.mine`, and the posts of its compounds for how each takes a check-in. */
    async loadMine() {
      const rt = runtimeOf(this);
      const mine = await call('duty.mine', {});
      rt.duties = mine.items;
      rt.week = mine.week;
      const compoundIds = [...new Set(mine.items.map((d) => d.compoundId))].filter((id) => ![...rt.posts.values()].some((p) => p.compoundId === id));
      const replies = await Promise.all(compoundIds.map((compoundId) => call('duty.posts', { compoundId }).catch(() => ({ items: [] as PostView[] }))));
      for (const post of replies.flatMap((r) => r.items)) rt.posts.set(post.id, post);
      this.render();
    },

    async loadOpen() {
      const compound = this.data.compounds[this.data.compoundIndex];
      if (!compound) return;
      this.setData({ openLoading: true, openError: '' });
      try {
        const today = shanghaiDate(clock.now());
        const shifts = await allShifts({ compoundId: compound.id, day: today, days: DAYS_SHOWN });
        if (compound.id !== this.data.compounds[this.data.compoundIndex]?.id) return;
        runtimeOf(this).shifts = shifts;
        this.setData({ openLoading: false });
        this.render();
      } catch (err) {
        this.setData({ openLoading: false, openError: toCallError(err).message });
      }
    },

    /** The cards from the server's views as of now. */
    render() {
      const rt = runtimeOf(this);
      const now = clock.now();
      const today = shanghaiDate(now);
      const several = new Set(rt.duties.map((d) => d.compoundId)).size > 1;
      const cards = rt.duties.map((d) => ({ ...mineCard(d, rt.posts.get(d.postId)?.checkInBy, now, several), day: d.day }));
      const taken = new Set(rt.duties.map((d) => d.shiftId));
      this.setData({
        week: weekText(rt.week),
        mineDays: byDay(cards, today),
        openDays: byDay(openShifts(rt.shifts, taken, now).map(openCard), today),
      });
    },

    onCompound(e: WechatMiniprogram.PickerChange) {
      const index = Number(e.detail.value);
      if (index === this.data.compoundIndex || !this.data.compounds[index]) return;
      runtimeOf(this).shifts = [];
      this.setData({ compoundIndex: index, signupError: NO_REFUSAL });
      this.render();
      void this.loadOpen();
    },

    /* ───────────── acting on a shift ───────────── */

    /**
     * One action at a time (a double tap sends one request): the shift busy while it runs, a
     * refusal shown under it — under my shift (`cardError`) or the open one (`signupError`).
     */
    async act(id: string, where: 'cardError' | 'signupError', run: () => Promise<void>) {
      const rt = runtimeOf(this);
      if (rt.acting) return;
      rt.acting = true;
      this.setData({ busy: id, cardError: NO_REFUSAL, signupError: NO_REFUSAL });
      try {
        await run();
      } catch (err) {
        this.setData({ [where]: { id, text: toCallError(err).message } });
      } finally {
        rt.acting = false;
        this.setData({ busy: '' });
      }
    },

    /** The server's new view of one of my shifts. */
    updated(duty: DutyView, toast: string) {
      const rt = runtimeOf(this);
      rt.duties = rt.duties.map((d) => (d.shiftId === duty.shiftId ? duty : d));
      this.render();
      wx.showToast({ title: toast, icon: 'success' });
    },

    onCheckIn(e: Tap<{ id: string; how: CheckInHow }>) {
      const { id, how } = e.currentTarget.dataset;
      void this.act(id, 'cardError', async () => {
        const req: ActionRequest<'duty.checkIn'> = { shiftId: id };
        if (how !== 'location') {
          const code = await scanCode();
          if (code === null) return; // cancelled
          req.code = code;
        }
        if (how !== 'code') {
          const found = await locate();
          if ('failure' in found) {
            const rt = runtimeOf(this);
            const postId = rt.duties.find((d) => d.shiftId === id)?.postId ?? '';
            // Shown under the shift like a refusal.
            throw new ApiCallError('INVALID_ARGUMENT', checkInLocationError(found.failure, rt.posts.get(postId)?.checkInBy));
          }
          req.location = found.point;
        }
        this.updated(await call('duty.checkIn', req), '签到成功');
      });
    },

    onCheckOut(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      void this.act(id, 'cardError', async () => {
        if (await confirmDialog('签退', '确定现在签退吗？签退后本班次停止计时。', '签退')) this.updated(await call('duty.checkOut', { shiftId: id }), '已签退');
      });
    },

    onWithdraw(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      void this.act(id, 'cardError', async () => {
        if (!(await confirmDialog('不参加这个班次', '确定不参加这个班次吗？书记会安排其他志愿者。', '不参加'))) return;
        await call('duty.withdraw', { shiftId: id });
        await this.reload();
        wx.showToast({ title: '已取消报名', icon: 'success' });
      });
    },

    onSignup(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (runtimeOf(this).acting) return;
      // Within the tap, before anything is awaited: a push before the shift starts (services/subscribe.ts).
      void askConsent(['shiftReminder']);
      void this.act(id, 'signupError', async () => {
        await call('duty.signup', { shiftId: id });
        await this.reload();
        wx.showToast({ title: '报名成功', icon: 'success' });
      });
    },

    /** After a sign-up or a withdrawal: both lists again. */
    async reload() {
      await Promise.all([this.loadMine(), this.loadOpen()]);
    },

    onJoin() {
      wx.navigateTo({ url: ROUTES.volunteerJoin });
    },
  },
});
