/**
 * Secretary: the rota of a compound. At the top, coverage now (`duty.coverage`): required vs
 * checked-in heads, posts short of people first, refreshed every minute. Below, a day (today and
 * the next six) with every post (`duty.posts`) and its shifts that day (`duty.shifts`): the crew
 * against the minimum and maximum, shifts short of people marked. A shift is staffed from
 * suggestions (`duty.suggest`: free qualified volunteers by skill fit, then fewest hours this
 * week) with one tap (`duty.assign`); crew may be taken off before the start (`duty.withdraw`).
 *
 * 生成排班 makes shifts from a pattern (`duty.generate`): the posts, the first day, how many
 * days, and the shifts of a day — the preset 门岗 24 小时三班 or rows edited by hand (each
 * ends after it starts, ≤ 12 hours, no overlaps). 签到码 shows a post's signed check-in code
 * (`duty.postCode`) as a QR to print and put up at the post. 新增岗位 / 编辑 is a simple post
 * editor (`duty.savePost`); a post's place is taken from the phone (a privacy API: the page hosts
 * the consent sheet, and a refused location says why).
 */
import type { GateView } from '../../../../typings/pass';
import type { PostView, ShiftRule, ShiftView, Skill } from '../../../../typings/duty';
import type { CompoundChange } from '../../../components/compound-picker/compound-picker';
import { qrMatrix } from '../../../shared/qr-draw';
import { call } from '../../../services/api';
import * as clock from '../../../services/clock';
import { toCallError } from '../../../services/errors';
import { locate, locationText } from '../../../services/location';
import { CHECK_IN_BY_LABELS, POST_KIND_LABELS, skillOptions } from '../../../services/duty-labels';
import { allShifts } from '../../../services/duty-shifts';
import { addDays } from '../../../services/duty-time';
import { shanghaiDate, shanghaiDateTime } from '../../../shared/time';
import { confirmDialog } from '../../../utils/dialog';
import { optionsOf } from '../../../utils/form';
import { pageState } from '../../../utils/page-state';
import { paintQrCanvas } from '../../../utils/qr-canvas';
import { startTicking, stopTicking } from '../../../utils/ticking';
import type { PatternErrors, PatternForm, RuleRow } from './pattern';
import { GATE_THREE_SHIFTS, NO_PATTERN_ERRORS, TIMES, generatedText, nextRule, patternErrors, patternRequest, patternSummary, ruleRows } from './pattern';
import type { PostErrors, PostForm } from './post-form';
import { NEW_POST, NO_POST_ERRORS, formOfPost, postErrors, postFieldOf, postRequest } from './post-form';
import type { CoverageSummary, PostBlock, SuggestionRow } from './rota-view';
import { coverageSummary, dayChips, postBlocks, suggestionRow } from './rota-view';
import type { Tap } from '../../../utils/events';

type Mode = 'rota' | 'generate' | 'post';

/** Coverage now is asked for again this often while the page is shown. */
const COVERAGE_MS = 60_000;
const SUGGESTIONS = 10;

interface Runtime {
  posts: PostView[];
  /** The shifts of the day shown. */
  shifts: ShiftView[];
  /** Replies for a day or compound left meanwhile are dropped. */
  seq: number;
  acting: boolean;
}

const runtimeOf = pageState<Runtime>(() => ({ posts: [], shifts: [], seq: 0, acting: false }));

const CLOSED_SUGGEST = { shiftId: '', loading: false, error: '', items: [] as SuggestionRow[], busy: '' };
const CLOSED_CODE = { postId: '', postName: '', loading: false, error: '', text: '', expires: '' };

Component({
  data: {
    compoundId: '',
    mode: 'rota' as Mode,
    coverage: null as CoverageSummary | null,
    coverageError: '',
    days: [] as ReturnType<typeof dayChips>,
    day: '',
    blocks: [] as PostBlock[],
    rotaLoading: false,
    rotaError: '',
    /** After a generation: what it did. */
    info: '',
    suggest: CLOSED_SUGGEST,
    code: CLOSED_CODE,

    /* 生成排班 */
    today: '',
    pattern: { postIds: [], from: '', days: '7', rules: [] } as PatternForm,
    patternPosts: [] as Array<{ id: string; label: string; checked: boolean }>,
    rules: [] as RuleRow[],
    times: TIMES,
    patternErrors: NO_PATTERN_ERRORS as PatternErrors,
    patternBusy: false,
    patternError: '',

    /* 岗位 */
    postId: '',
    post: NEW_POST as PostForm,
    postErrors: NO_POST_ERRORS as PostErrors,
    postBusy: false,
    postError: '',
    kinds: optionsOf(POST_KIND_LABELS),
    checkInWays: optionsOf(CHECK_IN_BY_LABELS),
    skillChoices: skillOptions([]),
    gates: [] as GateView[],
  },

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

    /* ───────────── coverage and the day ───────────── */

    async loadCoverage() {
      const compoundId = this.data.compoundId;
      if (!compoundId) return;
      try {
        const report = await call('duty.coverage', { orgId: compoundId });
        if (compoundId === this.data.compoundId) this.setData({ coverage: coverageSummary(report), coverageError: '' });
      } catch (err) {
        if (compoundId === this.data.compoundId) this.setData({ coverageError: toCallError(err).message });
      }
    },

    /** The posts (once per compound, or again when asked) and the day's shifts. */
    async loadDay(withPosts = false) {
      const { compoundId, day } = this.data;
      if (!compoundId) return;
      const rt = runtimeOf(this);
      const seq = ++rt.seq;
      this.setData({ rotaLoading: true, rotaError: '', suggest: CLOSED_SUGGEST });
      try {
        const [posts, shifts] = await Promise.all([
          withPosts || !rt.posts.length ? call('duty.posts', { compoundId }).then((r) => r.items) : Promise.resolve(rt.posts),
          allShifts({ compoundId, day, days: 1 }),
        ]);
        if (seq !== rt.seq) return;
        rt.posts = posts;
        rt.shifts = shifts;
        this.setData({ rotaLoading: false });
        this.render();
      } catch (err) {
        if (seq === rt.seq) this.setData({ rotaLoading: false, rotaError: toCallError(err).message });
      }
    },

    render() {
      const rt = runtimeOf(this);
      this.setData({ blocks: postBlocks(rt.posts, rt.shifts, clock.now()) });
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

    /** A shift changed on the server: shown at once, coverage asked again. */
    shiftChanged(shift: ShiftView) {
      const rt = runtimeOf(this);
      rt.shifts = rt.shifts.map((s) => (s.id === shift.id ? shift : s));
      this.render();
      void this.loadCoverage();
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

    /* ───────────── a post's check-in code ───────────── */

    async onCode(e: Tap<{ id: string }>) {
      const post = runtimeOf(this).posts.find((p) => p.id === e.currentTarget.dataset.id);
      if (!post) return;
      this.setData({ code: { ...CLOSED_CODE, postId: post.id, postName: post.name, loading: true } });
      try {
        const res = await call('duty.postCode', { postId: post.id });
        if (this.data.code.postId !== post.id) return;
        this.setData({ code: { ...this.data.code, loading: false, text: res.code, expires: `有效期至 ${shanghaiDateTime(res.expiresAt)}` } });
        this.drawCode(post.id, res.code);
      } catch (err) {
        if (this.data.code.postId === post.id) this.setData({ 'code.loading': false, 'code.error': toCallError(err).message });
      }
    },

    /** The code as a QR on the canvas, drawn with the pass page's painter. */
    drawCode(postId: string, text: string) {
      paintQrCanvas(this, '#qr', qrMatrix(text), () => this.data.code.postId === postId);
    },

    onCodeClose() {
      this.setData({ code: CLOSED_CODE });
    },

    /* ───────────── 生成排班 ───────────── */

    onGenerateOpen() {
      const posts = runtimeOf(this).posts.filter((p) => p.active);
      const pattern: PatternForm = { postIds: [], from: addDays(this.data.today, 1), days: '7', rules: [] };
      this.setData({
        mode: 'generate',
        pattern,
        patternPosts: posts.map((p) => ({ id: p.id, label: `${p.name}（${POST_KIND_LABELS[p.kind]}）`, checked: false })),
        rules: [],
        patternErrors: NO_PATTERN_ERRORS,
        patternError: '',
        info: '',
      });
    },

    setPattern(pattern: PatternForm) {
      const errors = this.data.patternErrors;
      const again = patternErrors(pattern, this.data.today);
      this.setData({
        pattern,
        rules: ruleRows(pattern.rules),
        patternPosts: this.data.patternPosts.map((p) => ({ ...p, checked: pattern.postIds.includes(p.id) })),
        // Messages already shown follow the corrections.
        patternErrors: { posts: errors.posts && again.posts, from: errors.from && again.from, days: errors.days && again.days, rules: errors.rules && again.rules },
        patternError: '',
      });
    },

    onPatternPosts(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const chosen = e.detail.value;
      this.setPattern({ ...this.data.pattern, postIds: this.data.patternPosts.filter((p) => chosen.includes(p.id)).map((p) => p.id) });
    },

    /** 门岗 24 小时三班: the three rules, and the gate posts if none is chosen yet. */
    onPresetGate() {
      const pattern = this.data.pattern;
      const gates = runtimeOf(this).posts.filter((p) => p.active && p.kind === 'gate').map((p) => p.id);
      this.setPattern({ ...pattern, rules: GATE_THREE_SHIFTS.map((r) => ({ ...r })), postIds: pattern.postIds.length ? pattern.postIds : gates });
    },

    onAddRule() {
      const rules = this.data.pattern.rules;
      this.setPattern({ ...this.data.pattern, rules: [...rules, nextRule(rules)] });
    },

    onRemoveRule(e: Tap<{ index: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      this.setPattern({ ...this.data.pattern, rules: this.data.pattern.rules.filter((_, i) => i !== index) });
    },

    onRuleTime(e: WechatMiniprogram.PickerChange<Record<string, never>, { index: number; edge: 'start' | 'end' }>) {
      const { index, edge } = e.currentTarget.dataset;
      const time = TIMES[Number(e.detail.value)];
      if (!time) return;
      const rules: ShiftRule[] = this.data.pattern.rules.map((r, i) => (i === Number(index) ? { ...r, [edge]: time } : r));
      this.setPattern({ ...this.data.pattern, rules });
    },

    onFrom(e: WechatMiniprogram.PickerChange) {
      this.setPattern({ ...this.data.pattern, from: String(e.detail.value) });
    },

    onPatternDays(e: WechatMiniprogram.Input) {
      const pattern = { ...this.data.pattern, days: e.detail.value };
      this.setPattern(pattern);
      if (e.type === 'blur') this.setData({ 'patternErrors.days': patternErrors(pattern, this.data.today).days });
    },

    async onGenerate() {
      const { pattern, compoundId, patternBusy } = this.data;
      if (patternBusy) return;
      const errors = patternErrors(pattern, this.data.today);
      this.setData({ patternErrors: errors, patternError: '' });
      if (Object.values(errors).some(Boolean)) return;
      this.setData({ patternBusy: true });
      try {
        if (!(await confirmDialog('生成排班', patternSummary(pattern), '生成'))) return;
        const res = await call('duty.generate', patternRequest(pattern, compoundId));
        this.setData({ mode: 'rota', info: generatedText(res), day: this.data.days.some((d) => d.day === pattern.from) ? pattern.from : this.data.day });
        wx.showToast({ title: '排班已生成', icon: 'success' });
        void Promise.all([this.loadDay(), this.loadCoverage()]);
      } catch (err) {
        this.setData({ patternError: toCallError(err).message });
      } finally {
        this.setData({ patternBusy: false });
      }
    },

    onBack() {
      this.setData({ mode: 'rota' });
    },

    /* ───────────── 岗位 ───────────── */

    openPost(postId: string, form: PostForm) {
      this.setData({ mode: 'post', postId, post: form, postErrors: NO_POST_ERRORS, postError: '', skillChoices: skillOptions(form.requiredSkills) });
      if (!this.data.gates.length) void this.loadGates();
    },

    onNewPost() {
      this.openPost('', NEW_POST);
    },

    onEditPost(e: Tap<{ id: string }>) {
      const post = runtimeOf(this).posts.find((p) => p.id === e.currentTarget.dataset.id);
      if (post) this.openPost(post.id, formOfPost(post));
    },

    async loadGates() {
      const compoundId = this.data.compoundId;
      try {
        const { items } = await call('gate.list', { compoundId });
        if (compoundId === this.data.compoundId) this.setData({ gates: items });
      } catch {
        // Shown as 没有门岗 in the editor; saving a gate post then says what is missing.
      }
    },

    /** The post form changed: messages already shown follow it. */
    setPost(post: PostForm) {
      const shown = this.data.postErrors;
      const again = postErrors(post);
      const errors = Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, v && again[k as keyof PostErrors]])) as PostErrors;
      this.setData({ post, postErrors: errors, postError: '' });
    },

    onPostKind(e: Tap<{ key: PostForm['kind'] }>) {
      const kind = e.currentTarget.dataset.key;
      this.setPost({ ...this.data.post, kind, gateId: kind === 'gate' ? this.data.post.gateId : '' });
    },

    onPostGate(e: Tap<{ id: string }>) {
      this.setPost({ ...this.data.post, gateId: e.currentTarget.dataset.id });
    },

    onPostText(e: WechatMiniprogram.Input<Record<string, never>, { field: 'name' | 'minHeads' | 'maxHeads' | 'radius' }>) {
      const field = e.currentTarget.dataset.field;
      const post = { ...this.data.post, [field]: e.detail.value };
      this.setPost(post);
      if (e.type === 'blur' && e.detail.value) {
        const key = field === 'name' ? 'name' : field === 'radius' ? 'location' : 'heads';
        this.setData({ [`postErrors.${key}`]: postErrors(post)[key] });
      }
    },

    onPostSkills(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const skills = e.detail.value as Skill[];
      this.setPost({ ...this.data.post, requiredSkills: skills });
      this.setData({ skillChoices: skillOptions(skills) });
    },

    onPostCheckIn(e: Tap<{ key: PostForm['checkInBy'] }>) {
      this.setPost({ ...this.data.post, checkInBy: e.currentTarget.dataset.key });
    },

    onPostSwitch(e: WechatMiniprogram.SwitchChange<Record<string, never>, { field: 'alwaysOn' | 'active' }>) {
      this.setPost({ ...this.data.post, [e.currentTarget.dataset.field]: Boolean(e.detail.value) });
    },

    /** The post's place is where the secretary stands now. */
    async onPostLocate() {
      const here = await locate();
      if ('point' in here) this.setPost({ ...this.data.post, location: { lat: here.point.lat, lng: here.point.lng } });
      else this.setData({ 'postErrors.location': locationText(here.failure, '设置岗位位置') });
    },

    async onPostSave() {
      const { post, postId, compoundId, postBusy } = this.data;
      if (postBusy) return;
      const errors = postErrors(post);
      // A gate has one gate post: saving another there would change that one.
      const holder = post.kind === 'gate' && runtimeOf(this).posts.find((p) => p.gateId === post.gateId && p.id !== postId);
      if (holder && !errors.gate) errors.gate = `该门岗已有「${holder.name}」，请直接编辑它`;
      this.setData({ postErrors: errors, postError: '' });
      if (Object.values(errors).some(Boolean)) return;
      this.setData({ postBusy: true });
      try {
        const saved = await call('duty.savePost', postRequest(post, compoundId, postId));
        const rt = runtimeOf(this);
        rt.posts = rt.posts.some((p) => p.id === saved.id) ? rt.posts.map((p) => (p.id === saved.id ? saved : p)) : [...rt.posts, saved];
        this.setData({ postBusy: false, mode: 'rota' });
        this.render();
        wx.showToast({ title: '岗位已保存', icon: 'success' });
      } catch (err) {
        const error = toCallError(err);
        const field = postFieldOf(error.field);
        this.setData({ postBusy: false, ...(field ? { [`postErrors.${field}`]: error.message } : { postError: error.message }) });
      }
    },
  },
});
