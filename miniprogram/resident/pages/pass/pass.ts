/**
 * The resident's entry pass. Opens at once from the phone's cache (no network needed at the
 * gate), then refreshes from `pass.mine`; with no network it keeps the cached pass and says so.
 *
 * A live pass shows a QR that changes with every 30-second slot (the credential the server
 * signed plus this phone's signature over the slot), a clock ticking every second and a mark
 * walking with the seconds, so a still screenshot is obvious; where the client supports it the
 * page is hidden from screenshots and recordings. Passes that show no code (审核中, 未通过,
 * 已注销, 已过期, 未生效) each say so in large type.
 *
 * All of it runs on the server's time as the phone last measured it (services/clock.ts), not the
 * phone's own clock: a resident whose clock is wrong still shows a code the gate accepts, and is
 * told kindly that the clock is off.
 *
 * While a code shows the screen is raised to full brightness (read at a gate in daylight) and put
 * back to what it was when the code goes (hidden, left, another pass). Family members' passes are
 * one swipe away: swiping the pass left or right shows the next or previous one (the tabs above
 * do the same with a tap).
 */
import type { PassView } from '../../../../typings/pass';
import { call } from '../../../services/api';
import * as clock from '../../../services/clock';
import type { ApiCallError } from '../../../services/errors';
import { toCallError } from '../../../services/errors';
import type { WalletEntry } from '../../../services/pass-wallet';
import { cachedEntries, credentialFor, isUnexpired, prune, qrTextAt, readEntry } from '../../../services/pass-wallet';
import { slotOf } from '../../../shared/pass/codec';
import type { Tap } from '../../../utils/events';
import { pageState } from '../../../utils/page-state';
import { paintQrCanvas } from '../../../utils/qr-canvas';
import { ROUTES } from '../../../utils/routes';
import { fontScale } from '../../../utils/font-scale';
import type { PassCard } from './pass-view';
import { cardOfEntry, cardOfPass, clockNote, clockText, markPercent, sortCards } from './pass-view';
import { qrMatrix } from '../../../shared/qr-draw';
import { reloads } from '../../../utils/reloads';

const OFFLINE_NOTICE = '网络不可用，已显示离线出入证';
const STALE_NOTICE = '暂时无法更新，已显示本机保存的出入证';

const noticeFor = (error: ApiCallError) => (error.code === 'NETWORK' ? OFFLINE_NOTICE : STALE_NOTICE);

/** What a page instance keeps outside `data`: timers and what its code is made from. */
interface Runtime {
  loadSeq: number;
  /** Bumped whenever the code on screen is replaced or stopped; late replies for an older one are dropped. */
  codeSeq: number;
  timer?: ReturnType<typeof setTimeout>;
  /** The credential whose code is on screen. */
  entry: WalletEntry | null;
  /** The slot whose code the canvas shows (-1: none yet). */
  drawnSlot: number;
  drawing: boolean;
  /** The passes as the server last described them (online), or the cached entries (offline). */
  passes: Map<string, PassView>;
  offline: Map<string, WalletEntry>;
  /** Whether this page asked to be hidden from captures and to keep the screen on. */
  guarded: boolean;
  /** The brightness before the page raised it (null: not raised, or not known yet). */
  brightness: number | null;
  /** Where a touch on the pass started, for the swipe between passes. */
  touch: { x: number; y: number } | null;
}

const runtimeOf = pageState<Runtime>(() => ({
  loadSeq: 0,
  codeSeq: 0,
  entry: null,
  drawnSlot: -1,
  drawing: false,
  passes: new Map(),
  offline: new Map(),
  guarded: false,
  brightness: null,
  touch: null,
}));

/** How far (px) a finger must travel sideways, more than up or down, to turn to another pass. */
const SWIPE_PX = 50;

/**
 * Raises the screen to full brightness, remembering what it was; or puts it back. Turned off
 * before the old value is known, nothing is raised and nothing restored.
 */
function raiseBrightness(rt: Runtime, on: boolean): void {
  if (typeof wx.setScreenBrightness !== 'function' || typeof wx.getScreenBrightness !== 'function') return;
  if (!on) {
    if (rt.brightness !== null) wx.setScreenBrightness({ value: rt.brightness, fail: () => undefined });
    rt.brightness = null;
    return;
  }
  wx.getScreenBrightness({
    success: ({ value }) => {
      if (!rt.guarded || rt.brightness !== null) return;
      rt.brightness = value;
      wx.setScreenBrightness({ value: 1, fail: () => undefined });
    },
    fail: () => undefined,
  });
}

/** Hides the page from screenshots and recordings and keeps the screen on while a code shows; undoes both. */
function guardScreen(rt: Runtime, on: boolean): void {
  if (rt.guarded === on) return;
  rt.guarded = on;
  const canUse = (api: string) => typeof wx.canIUse !== 'function' || wx.canIUse(api);
  if (typeof wx.setVisualEffectOnCapture === 'function' && canUse('setVisualEffectOnCapture')) {
    wx.setVisualEffectOnCapture({ visualEffect: on ? 'hidden' : 'none', fail: () => undefined });
  }
  if (typeof wx.setKeepScreenOn === 'function') wx.setKeepScreenOn({ keepScreenOn: on, fail: () => undefined });
  raiseBrightness(rt, on);
}

Component({
  behaviors: [fontScale, reloads],

  data: {
    status: 'loading' as 'loading' | 'ready' | 'none' | 'offline' | 'error',
    /** Why the page shows nothing ('offline' / 'error'). */
    message: '',
    /** Above the pass: that it comes from the phone's cache. */
    notice: '',
    /** Whether the passes shown are the server's (else the phone's cache). */
    online: false,
    cards: [] as PassCard[],
    card: null as PassCard | null,
    code: 'none' as 'none' | 'loading' | 'ready' | 'error',
    codeError: '',
    clock: '',
    markLeft: 0,
    /** That the phone's clock is off (the code is right all the same); '' when it is not. */
    clockNote: '',
  },

  lifetimes: {
    detached() {
      this.stopCode();
    },
  },

  methods: {
    onShow() {
      void this.load();
    },

    onHide() {
      this.stopCode();
    },

    onUnload() {
      this.stopCode();
    },

    /** Shows at once what the phone has (the code resumes, or the cache on first open), then what the server says. */
    async load() {
      const rt = runtimeOf(this);
      const seq = ++rt.loadSeq;
      if (this.data.status === 'ready' && this.data.card) {
        this.focus(this.data.card);
      } else {
        const cached = cachedEntries();
        if (cached.length) this.showEntries(cached, '');
        else this.setData({ status: 'loading' });
      }
      try {
        const { items } = await call('pass.mine', {});
        if (seq !== rt.loadSeq) return;
        prune(items);
        rt.passes = new Map(items.map((p) => [p.id, p]));
        rt.offline = new Map();
        const now = clock.now();
        this.present(
          items.map((p) => cardOfPass(p, now)),
          '',
          true,
        );
      } catch (err) {
        if (seq !== rt.loadSeq) return;
        const error = toCallError(err);
        const cached = cachedEntries();
        if (cached.length) {
          this.showEntries(cached, noticeFor(error));
        } else {
          this.stopCode();
          this.setData({ status: error.code === 'NETWORK' ? 'offline' : 'error', message: error.message, notice: '', cards: [], card: null });
        }
      }
    },

    showEntries(entries: WalletEntry[], notice: string) {
      const rt = runtimeOf(this);
      rt.passes = new Map();
      rt.offline = new Map(entries.map((e) => [e.passId, e]));
      const now = clock.now();
      this.present(
        entries.map((e) => cardOfEntry(e, now)),
        notice,
        false,
      );
    },

    /** Shows the cards, keeping the one the resident was looking at, else the one for the gate. */
    present(unsorted: PassCard[], notice: string, online: boolean) {
      if (!unsorted.length) {
        this.stopCode();
        this.setData({ status: 'none', notice, online, cards: [], card: null });
        return;
      }
      const cards = sortCards(unsorted);
      const card = cards.find((c) => c.id === this.data.card?.id) ?? cards[0];
      this.setData({ status: 'ready', notice, online, cards, card });
      this.focus(card);
    },

    onTab(e: Tap<{ id: string }>) {
      this.turnTo(e.currentTarget.dataset.id);
    },

    turnTo(id: string | undefined) {
      const card = this.data.cards.find((c) => c.id === id);
      if (!card || card.id === this.data.card?.id) return;
      this.setData({ card });
      this.focus(card);
    },

    onTouchStart(e: WechatMiniprogram.TouchEvent) {
      const t = e.touches[0] ?? e.changedTouches[0];
      runtimeOf(this).touch = t ? { x: t.clientX, y: t.clientY } : null;
    },

    /** A sideways swipe on the pass turns to the next pass (leftwards) or the previous one. */
    onTouchEnd(e: WechatMiniprogram.TouchEvent) {
      const rt = runtimeOf(this);
      const start = rt.touch;
      rt.touch = null;
      const t = e.changedTouches[0];
      if (!start || !t || this.data.cards.length < 2) return;
      const dx = t.clientX - start.x;
      if (Math.abs(dx) < SWIPE_PX || Math.abs(dx) <= Math.abs(t.clientY - start.y)) return;
      const cards = this.data.cards;
      const at = cards.findIndex((c) => c.id === this.data.card?.id);
      const next = (at + (dx < 0 ? 1 : -1) + cards.length) % cards.length;
      this.turnTo(cards[next].id);
    },

    focus(card: PassCard) {
      if (card.state === 'live') void this.showCode(card.id);
      else {
        this.stopCode();
        this.setData({ code: 'none' });
      }
    },

    /** Gets the credential for a live pass (cached or signed now) and starts the changing code. */
    async showCode(passId: string) {
      const rt = runtimeOf(this);
      const seq = ++rt.codeSeq;
      // Refreshing the pass on screen keeps its code until the new one is ready.
      if (rt.entry?.passId !== passId) {
        this.pauseCode();
        rt.entry = null;
        this.setData({ code: 'loading', codeError: '' });
      }
      let entry = rt.offline.get(passId) ?? null;
      let notice = this.data.notice;
      const pass = rt.passes.get(passId);
      if (!entry && pass) {
        try {
          entry = await credentialFor(pass);
        } catch (err) {
          const error = toCallError(err);
          const cached = readEntry(passId);
          const now = clock.now();
          if (cached && isUnexpired(cached, now) && cached.credential.nbf * 1000 <= now) {
            entry = cached;
            notice = noticeFor(error);
          } else if (seq === rt.codeSeq) {
            this.pauseCode();
            rt.entry = null;
            this.setData({ code: 'error', codeError: error.message });
            return;
          }
        }
      }
      if (seq !== rt.codeSeq || !entry) return;
      const changed = rt.entry?.signed !== entry.signed || rt.entry.seed !== entry.seed;
      rt.entry = entry;
      if (changed) rt.drawnSlot = -1;
      this.setData({ code: 'ready', codeError: '', notice }, () => this.tick());
      guardScreen(rt, true);
    },

    onCodeRetry() {
      if (this.data.card) void this.showCode(this.data.card.id);
    },

    /** Every second: the clock and the mark; at each new slot, a new code. */
    tick() {
      const rt = runtimeOf(this);
      if (rt.timer !== undefined) clearTimeout(rt.timer);
      rt.timer = undefined;
      const entry = rt.entry;
      if (!entry) return;
      const now = clock.now();
      if (!isUnexpired(entry, now)) {
        // Ended while on screen: say so (the next load asks the server again).
        this.stopCode();
        const ended = cardOfEntry(entry, now);
        this.setData({ code: 'none', card: ended, cards: this.data.cards.map((c) => (c.id === ended.id ? ended : c)) });
        return;
      }
      this.setData({ clock: clockText(now), markLeft: markPercent(now), clockNote: clockNote(clock.offsetMs()) });
      if (slotOf(now) !== rt.drawnSlot) this.draw(entry, now);
      rt.timer = setTimeout(() => this.tick(), 1000 - (now % 1000));
    },

    draw(entry: WalletEntry, now: number) {
      const rt = runtimeOf(this);
      if (rt.drawing) return;
      rt.drawing = true;
      const seq = rt.codeSeq;
      const slot = slotOf(now);
      // Not drawn (not on screen yet): the next tick tries again.
      paintQrCanvas(
        this,
        '#qr',
        qrMatrix(qrTextAt(entry, now)),
        () => seq === rt.codeSeq,
        (drawn) => {
          rt.drawing = false;
          if (drawn) rt.drawnSlot = slot;
        },
      );
    },

    /** Stops the clock and lifts the screen guard; the code can resume. */
    pauseCode() {
      const rt = runtimeOf(this);
      if (rt.timer !== undefined) clearTimeout(rt.timer);
      rt.timer = undefined;
      rt.drawnSlot = -1;
      guardScreen(rt, false);
    },

    /** No code on screen any more (hidden, left, or a pass without one). */
    stopCode() {
      const rt = runtimeOf(this);
      rt.codeSeq++;
      rt.entry = null;
      this.pauseCode();
    },

    onApply() {
      wx.navigateTo({ url: ROUTES.passApply });
    },

    /** 打印离线码: the paper pass of the pass on screen (the holder may print it: 代办). */
    onPrintPaper(e: Tap<{ id: string; serial: number }>) {
      const { id, serial } = e.currentTarget.dataset;
      wx.navigateTo({ url: `${ROUTES.paperPass}?passId=${id}${serial ? `&serial=${serial}` : ''}` });
    },
  },
});
