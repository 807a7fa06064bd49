/**
 * 单位报到 (a unit's contact): the requests sent to my unit, 认领 one, then 报到 what was sent —
 * people and hours each, supplies delivered. Someone who is no unit's contact yet types the
 * code their street or district staff gave them (whistle.join).
 */
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import type { Tap } from '../../../utils/events';
import type { WhistleRow } from '../whistle/whistle-view';
import { checkReport, whistleRow } from '../whistle/whistle-view';

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'join' | 'ready',
    loadError: '',
    unitName: '',
    code: '',
    codeError: '',
    items: [] as WhistleRow[],
    reportId: '',
    report: { people: '', hours: '', supplies: '', note: '' },
    reportError: '',
    actionError: '',
    busy: false,
  },

  methods: {
    onLoad() {
      void this.load();
    },

    async load() {
      this.setData({ status: 'loading', loadError: '' });
      try {
        const inbox = await call('whistle.inbox', {});
        this.setData({ status: 'ready', unitName: inbox.units[0]?.name ?? '', items: inbox.items.map(whistleRow) });
      } catch (err) {
        const e = toCallError(err);
        if (e.code === 'FORBIDDEN') this.setData({ status: 'join' });
        else this.setData({ status: 'error', loadError: e.message });
      }
    },

    onRetry() {
      void this.load();
    },

    onCode(e: WechatMiniprogram.Input<Record<string, never>, Record<string, never>>) {
      this.setData({ code: e.detail.value, codeError: '' });
    },

    async onJoin() {
      if (this.data.busy) return;
      this.setData({ busy: true, codeError: '' });
      try {
        await call('whistle.join', { code: this.data.code.trim() });
        this.setData({ busy: false, code: '' });
        await this.load();
      } catch (err) {
        this.setData({ busy: false, codeError: toCallError(err).message });
      }
    },

    async onClaim(e: Tap<{ id: string }>) {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '' });
      try {
        await call('whistle.claim', { whistleId: e.currentTarget.dataset.id });
        this.setData({ busy: false });
        await this.load();
      } catch (err) {
        this.setData({ busy: false, actionError: toCallError(err).message });
      }
    },

    onOpenReport(e: Tap<{ id: string }>) {
      this.setData({ reportId: e.currentTarget.dataset.id, report: { people: '', hours: '', supplies: '', note: '' }, reportError: '' });
    },

    onReportText(e: WechatMiniprogram.Input<Record<string, never>, { field: 'people' | 'hours' | 'supplies' | 'note' }>) {
      this.setData({ [`report.${e.currentTarget.dataset.field}`]: e.detail.value, reportError: '' });
    },

    async onSendReport() {
      const r = this.data.report;
      const problem = checkReport(r.people, r.hours, r.supplies);
      if (problem) {
        this.setData({ reportError: problem.message });
        return;
      }
      if (this.data.busy) return;
      this.setData({ busy: true, reportError: '' });
      try {
        await call('whistle.report', {
          whistleId: this.data.reportId,
          people: Number(r.people || 0),
          hours: Number(r.hours || 0),
          ...(r.supplies.trim() ? { supplies: r.supplies.trim() } : {}),
          ...(r.note.trim() ? { note: r.note.trim() } : {}),
          photos: [],
        });
        this.setData({ busy: false, reportId: '' });
        await this.load();
      } catch (err) {
        this.setData({ busy: false, reportError: toCallError(err).message });
      }
    },
  },
});
