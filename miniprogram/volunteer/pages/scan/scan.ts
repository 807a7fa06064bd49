/**
 * The gate (门岗扫码核验). A volunteer (or the compound's secretary) picks the gate once
 * (remembered), then decides people and vehicles one after another, with or without a network:
 * the pass is verified on the phone against the cached trust bundle, the verdict fills the screen
 * in green or red and is heard (scan-sound.ts), and the event is stored at once and synced when
 * the server can be reached. Decisions and their times use the server's time as the phone last
 * measured it (services/clock.ts), not the phone's own clock.
 *
 * Residents are read by the live camera (`<camera mode="scanCode">`), the next code as soon as it
 * is in view, even under the last verdict: no tap on the way out, one (正常) on the way in.
 * Without a camera, 扫码 opens `wx.scanCode`. The page is dark whatever the phone's theme.
 */
import type { Direction, TrustBundle } from '../../../../typings/pass';
import type { LookupPick } from '../../components/gate-lookup/gate-lookup';
import type { GateOutcome } from '../../../shared/gate/decide';
import { idTailToCheck } from '../../../shared/gate/decide';
import * as clock from '../../../services/clock';
import { toCallError } from '../../../services/errors';
import { primeIds } from '../../../services/event-ids';
import type { GateSubject } from '../../../services/gate-decision';
import { decide, shownCredential } from '../../../services/gate-decision';
import type { EventRowView } from '../../../services/gate-event-row';
import { eventRowView } from '../../../services/gate-event-row';
import type { CourierKind } from '../../../services/gate-labels';
import { readLog } from '../../../services/gate-log';
import type { Post } from '../../../services/gate-post';
import { savedPost } from '../../../services/gate-post';
import { isPending, pendingCount, record, syncQueue } from '../../../services/gate-queue';
import type { TrustStatus } from '../../../services/gate-trust';
import { TRUST_REFRESH_MS, cachedTrust, refreshTrust, trustStatus } from '../../../services/gate-trust';
import { watchNetwork } from '../../../services/network';
import { scanCode } from '../../../services/scan-code';
import type { NumpadConfirm } from '../../../components/numpad/numpad';
import type { Tap } from '../../../utils/events';
import { fieldPatch } from '../../../utils/form';
import { pageState } from '../../../utils/page-state';
import { startTicking, stopTicking } from '../../../utils/ticking';
import type { FormField, GateForm, ResultView } from './scan-view';
import { gatePicking } from './scan-post';
import { EMPTY_FORM, FORM_VALIDATORS, MODES, MODE_FIELDS, NO_ERRORS, SYNC_TEXT, formSubject, resultView } from './scan-view';
import { announce, isMuted, keepScreenOn, releaseSound, setMuted } from './scan-device';

type Mode = (typeof MODES)[number]['key'];
type Step = 'idle' | 'idcheck' | 'temperature' | 'result' | 'lookup';

/** The camera sees a code many times a second: the same text is decided once in this long (a code lives ≤ 90 s). */
const SAME_CODE_MS = 90_000;
/** …and the same pass (its next code) once in this long, so a resident lingering in view is not counted twice. */
const SAME_PASS_MS = 15_000;

/** Rows of the phone's own log shown under the controls. */
const LOG_SHOWN = 20;

/** What a page instance keeps outside `data`. */
interface Runtime {
  /** Stops listening for the network's return. */
  unwatch: (() => void) | null;
  /** A person whose pass checked out, waiting for the ID check (a paper pass) or the temperature. */
  waiting: { subject: GateSubject; at: number; bundle: TrustBundle } | null;
  /** wx.scanCode is open (a second tap opens nothing). */
  scanning: boolean;
  /** The last code the live camera decided: its text, its pass and when. */
  lastCode: { qr: string; pid: string; at: number } | null;
}

const runtimeOf = pageState<Runtime>(() => ({ unwatch: null, waiting: null, scanning: false, lastCode: null }));

Component({
  behaviors: [gatePicking],

  data: {
    status: 'loading' as 'loading' | 'choose' | 'ready' | 'error',
    errorMessage: '',
    post: null as Post | null,

    /* the cache and the queue */
    trust: trustStatus(null, 0) as TrustStatus,
    visitorsAllowed: false,
    offline: false,
    pending: 0,
    syncError: '',

    /* deciding */
    modes: MODES,
    mode: 'resident' as Mode,
    direction: 'in' as Direction,
    step: 'idle' as Step,
    numpadTitle: '',
    /** A paper pass: the ID card's last 4 characters to compare. */
    idTail: '',
    /** The live camera reads residents' codes; false once it failed (no permission, no camera). */
    cameraOk: true,
    muted: false,
    form: EMPTY_FORM as GateForm,
    errors: NO_ERRORS as Record<FormField, string>,
    result: null as ResultView | null,
    log: [] as EventRowView[],
  },

  lifetimes: {
    detached() {
      stopTicking(this);
      keepScreenOn(false);
      releaseSound();
      const rt = runtimeOf(this);
      rt.unwatch?.();
      rt.unwatch = null;
    },
  },

  methods: {
    onLoad() {
      primeIds();
      runtimeOf(this).unwatch ??= watchNetwork(() => void this.online());
      this.setData({ muted: isMuted() });
    },

    onShow() {
      keepScreenOn(true);
      const post = savedPost();
      if (post) this.usePost(post);
      else void this.loadChoices();
      startTicking(this, () => void this.online(), TRUST_REFRESH_MS);
    },

    onHide() {
      stopTicking(this);
      keepScreenOn(false);
    },

    onUnload() {
      stopTicking(this);
      keepScreenOn(false);
    },

    onToggleMute() {
      const muted = !this.data.muted;
      setMuted(muted);
      this.setData({ muted });
    },

    /** The gate is chosen (scan-post.ts) or was remembered. */
    usePost(post: Post) {
      this.setData({ status: 'ready', post });
      this.showBook();
      void this.online();
    },

    /* ───────────── cache and queue ───────────── */

    /** Trust age, visitor policy, queue length and the phone's log, from storage. */
    showBook() {
      const post = this.data.post;
      const bundle = post ? cachedTrust(post.compoundId) : null;
      this.setData({
        trust: trustStatus(bundle, clock.now()),
        visitorsAllowed: bundle?.visitorsAllowed ?? false,
        pending: pendingCount(),
        log: readLog()
          .slice(0, LOG_SHOWN)
          .map((row) => eventRowView(row, 'phone')),
      });
      const result = this.data.result;
      if (result && result.sync === SYNC_TEXT.pending && !isPending(result.id)) this.setData({ 'result.sync': SYNC_TEXT.synced });
    },

    /** Whenever the network may be there: refresh the trust bundle, send the queue. */
    async online() {
      const post = this.data.post;
      if (!post) return;
      const refreshed = refreshTrust(post.compoundId).then(
        () => this.setData({ offline: false }),
        (err) => this.setData({ offline: toCallError(err).code === 'NETWORK' }),
      );
      await Promise.all([refreshed, this.sync()]);
      this.showBook();
    },

    async sync() {
      const { error } = await syncQueue();
      this.setData({ syncError: error });
      this.showBook();
    },

    onSyncNow() {
      void this.online();
    },

    /* ───────────── deciding ───────────── */

    onMode(e: Tap<{ mode: Mode }>) {
      this.setData({ mode: e.currentTarget.dataset.mode, step: 'idle', result: null, errors: NO_ERRORS });
    },

    onDirection(e: Tap<{ direction: Direction }>) {
      this.setData({ direction: e.currentTarget.dataset.direction });
    },

    async onScan() {
      const post = this.data.post;
      const rt = runtimeOf(this);
      if (!post || this.data.trust.missing || rt.scanning) return;
      rt.scanning = true;
      const qr = await scanCode();
      rt.scanning = false;
      // Cancelled, or no camera: nothing to decide.
      if (qr !== null) this.begin({ kind: 'resident', direction: this.data.direction, qr });
    },

    /** The live camera read a code: decided at once, unless the pad is up or it is the one just decided. */
    onCameraScan(e: WechatMiniprogram.CustomEvent<{ result: string }>) {
      const qr = e.detail.result;
      const { step, mode, post, trust, direction } = this.data;
      if (!qr || !post || trust.missing || mode !== 'resident' || step === 'temperature' || step === 'idcheck' || step === 'lookup') return;
      const last = runtimeOf(this).lastCode;
      if (last && last.qr === qr && clock.now() - last.at < SAME_CODE_MS) return;
      this.begin({ kind: 'resident', direction, qr }, true);
    },

    onCameraError() {
      this.setData({ cameraOk: false });
    },

    /* ───────────── a resident without a code ───────────── */

    onLookupOpen() {
      if (this.data.post && !this.data.trust.missing) this.setData({ step: 'lookup', result: null });
    },

    onLookupCancel() {
      this.setData({ step: 'idle' });
    },

    /** The volunteer matched the person to a pass of the household: decided like any entry, recorded as manual. */
    onLookupPick(e: WechatMiniprogram.CustomEvent<LookupPick>) {
      const { passId, who, household, validUntil, reason } = e.detail;
      const pass = { id: passId, compoundId: (this.data.post as Post).compoundId, status: 'approved' as const, validUntil };
      this.begin({ kind: 'resident', direction: this.data.direction, method: 'manual', passId, manualReason: reason, manual: { pass, who, household } });
    },

    /**
     * Decides at once; a person allowed in still needs a temperature, so the pad comes up
     * (a refused pass is shown straight away: no need to measure someone who cannot enter).
     * The decision time is when the code was read, so a slow temperature does not age the code.
     */
    begin(subject: GateSubject, fromCamera = false) {
      const post = this.data.post;
      const bundle = post && cachedTrust(post.compoundId);
      if (!post || !bundle) return;
      const at = clock.now();
      const outcome = decide(subject, at, bundle);
      const rt = runtimeOf(this);
      if (fromCamera) {
        const pid = shownCredential(outcome)?.pid ?? '';
        if (pid && rt.lastCode?.pid === pid && at - rt.lastCode.at < SAME_PASS_MS) return;
        rt.lastCode = { qr: subject.qr ?? '', pid, at };
      }
      const tail = idTailToCheck(outcome);
      if (tail) {
        // A paper pass: the volunteer compares the ID card first (id-check), then as any pass.
        rt.waiting = { subject, at, bundle };
        const cred = shownCredential(outcome);
        this.setData({ step: 'idcheck', result: null, idTail: tail, numpadTitle: cred ? `${cred.nm} · ${cred.hh}` : '' });
        return;
      }
      const person = subject.kind === 'resident' || subject.kind === 'visitor';
      if (person && subject.direction === 'in' && outcome.verdict === 'allow') {
        rt.waiting = { subject, at, bundle };
        const cred = shownCredential(outcome) ?? (subject.manual && { nm: subject.manual.who, hh: subject.manual.household });
        this.setData({ step: 'temperature', result: null, numpadTitle: cred ? `${cred.nm} · ${cred.hh}` : '请输入访客体温' });
        return;
      }
      this.finish(subject, at, outcome);
    },

    onTemperature(e: WechatMiniprogram.CustomEvent<NumpadConfirm>) {
      this.measured({ temperature: e.detail.value });
    },

    /** 正常: the thermometer showed < 37.3 ℃; recorded as that band, with no reading made up. */
    onTemperatureNormal() {
      this.measured({ temperatureBand: 'normal' });
    },

    measured(temperature: Pick<GateSubject, 'temperature' | 'temperatureBand'>) {
      const rt = runtimeOf(this);
      const waiting = rt.waiting;
      if (!waiting) return;
      rt.waiting = null;
      const subject = { ...waiting.subject, ...temperature };
      this.finish(subject, waiting.at, decide(subject, waiting.at, waiting.bundle));
    },

    onIdConfirm() {
      this.idChecked('confirmed');
    },

    onIdMismatch() {
      this.idChecked('mismatch');
    },

    /** Decides again with the ID check, at the time the code was read. */
    idChecked(idCheck: 'confirmed' | 'mismatch') {
      const rt = runtimeOf(this);
      const waiting = rt.waiting;
      if (!waiting) return;
      rt.waiting = null;
      const subject = { ...waiting.subject, idCheck };
      const outcome = decide(subject, waiting.at, waiting.bundle);
      if (subject.direction === 'in' && outcome.verdict === 'allow') {
        rt.waiting = { ...waiting, subject };
        this.setData({ step: 'temperature' });
        return;
      }
      this.finish(subject, waiting.at, outcome);
    },

    onTemperatureCancel() {
      runtimeOf(this).waiting = null;
      this.setData({ step: 'idle' });
    },

    finish(subject: GateSubject, at: number, outcome: GateOutcome) {
      const post = this.data.post as Post;
      const { event, stored } = record(post.gateId, subject, at, outcome);
      announce(outcome.verdict, outcome.reason, this.data.muted);
      this.setData({ step: 'result', result: resultView(event.id, subject, outcome, stored ? SYNC_TEXT.pending : SYNC_TEXT.lost) });
      this.showBook();
      void this.sync();
    },

    /** 下一位: back to the live camera (or wx.scanCode where it cannot run), or an empty form. */
    onNext() {
      this.setData({ step: 'idle', result: null, form: { ...EMPTY_FORM, courierKind: this.data.form.courierKind }, errors: NO_ERRORS });
      if (this.data.mode === 'resident' && !this.data.cameraOk) void this.onScan();
    },

    /* ───────────── typed-in modes ───────────── */

    /** Typing into or leaving a field. */
    onField(e: WechatMiniprogram.Input<Record<string, never>, { field: FormField }>) {
      this.setData(fieldPatch({ form: 'form', errors: 'errors' }, FORM_VALIDATORS, this.data.errors, e.currentTarget.dataset.field, e));
    },

    onCourierKind(e: Tap<{ kind: CourierKind }>) {
      this.setData({ 'form.courierKind': e.currentTarget.dataset.kind });
    },

    /** Checks the current mode's fields; true when all are fine. */
    validate(mode: Exclude<Mode, 'resident'>): boolean {
      const errors = { ...this.data.errors };
      for (const field of MODE_FIELDS[mode]) errors[field] = FORM_VALIDATORS[field](this.data.form[field]);
      this.setData({ errors });
      return MODE_FIELDS[mode].every((field) => !errors[field]);
    },

    onSubmitForm() {
      const mode = this.data.mode;
      if (mode === 'resident' || this.data.trust.missing || !this.validate(mode)) return;
      this.begin(formSubject(mode, this.data.form, this.data.direction));
    },
  },
});
