/**
 * 生成排班 on the rota page (a behavior): shifts from a pattern (`duty.generate`) — the posts,
 * the first day, how many days, and the shifts of a day: the preset 门岗 24 小时三班 or rows
 * edited by hand (each ends after it starts, ≤ 12 hours, no overlaps).
 */
import type { ShiftRule } from '../../../../typings/duty';
import { call } from '../../../services/api';
import { POST_KIND_LABELS } from '../../../services/duty-labels';
import { addDays } from '../../../services/duty-time';
import { toCallError } from '../../../services/errors';
import { confirmDialog } from '../../../utils/dialog';
import type { Tap } from '../../../utils/events';
import { followShown } from '../../../utils/form';
import { dayRota, runtimeOf } from './day-rota';
import type { PatternErrors, PatternForm, RuleRow } from './pattern';
import { GATE_THREE_SHIFTS, NO_PATTERN_ERRORS, TIMES, generatedText, nextRule, patternErrors, patternRequest, patternSummary, ruleRows } from './pattern';

export const patternEditor = Behavior({
  behaviors: [dayRota],

  data: {
    pattern: { postIds: [], from: '', days: '7', rules: [] } as PatternForm,
    patternPosts: [] as Array<{ id: string; label: string; checked: boolean }>,
    rules: [] as RuleRow[],
    times: TIMES,
    patternErrors: NO_PATTERN_ERRORS as PatternErrors,
    patternBusy: false,
    patternError: '',
  },

  methods: {
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
      this.setData({
        pattern,
        rules: ruleRows(pattern.rules),
        patternPosts: this.data.patternPosts.map((p) => ({ ...p, checked: pattern.postIds.includes(p.id) })),
        patternErrors: followShown(this.data.patternErrors, patternErrors(pattern, this.data.today)),
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
      const gates = runtimeOf(this)
        .posts.filter((p) => p.active && p.kind === 'gate')
        .map((p) => p.id);
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
  },
});
