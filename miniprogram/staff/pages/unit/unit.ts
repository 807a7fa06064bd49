/**
 * 单位报到 (a unit's contact): the requests sent to my unit, 认领 one, then 报到 what was sent —
 * people and hours each, supplies delivered. Someone who is no unit's contact yet types the
 * code their street or district staff gave them (whistle.join). A report may carry photos
 * (camera or album), uploaded under the request's id when it is sent.
 */
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { PhotoDraft } from '../../../services/photo-draft';
import { previewPhotos } from '../../../services/photos';
import { MAX_PHOTOS } from '../../../shared/photos';
import type { Tap } from '../../../utils/events';
import { pageState } from '../../../utils/page-state';
import type { WhistleRow } from '../whistle/whistle-view';
import { checkReport, whistleRow } from '../whistle/whistle-view';

/** The caller's folder for photos, and the photos of the report being written. */
const runtimeOf = pageState<{ uploadDir: string; draft?: PhotoDraft }>(() => ({ uploadDir: '' }));

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
    /** Local paths of the report's photos. */
    photos: [] as string[],
    refused: [] as string[],
    maxPhotos: MAX_PHOTOS,
  },

  methods: {
    onLoad() {
      void this.load();
    },

    async load() {
      this.setData({ status: 'loading', loadError: '' });
      try {
        const inbox = await call('whistle.inbox', {});
        runtimeOf(this).uploadDir = inbox.uploadDir;
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
      const whistleId = e.currentTarget.dataset.id;
      runtimeOf(this).draft = new PhotoDraft('whistle', whistleId);
      this.setData({ reportId: whistleId, report: { people: '', hours: '', supplies: '', note: '' }, reportError: '', photos: [], refused: [] });
    },

    async onAddPhoto() {
      const draft = runtimeOf(this).draft;
      if (!draft || this.data.busy) return;
      const refused = await draft.add();
      this.setData({ refused, photos: draft.paths });
    },

    onRemovePhoto(e: Tap<{ index: number }>) {
      const draft = runtimeOf(this).draft;
      if (!draft || this.data.busy) return;
      draft.remove(Number(e.currentTarget.dataset.index));
      this.setData({ photos: draft.paths });
    },

    onPreview(e: Tap<{ src: string; all: string[] }>) {
      previewPhotos(e.currentTarget.dataset.src, e.currentTarget.dataset.all);
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
        const rt = runtimeOf(this);
        const photos = rt.draft ? await rt.draft.fileIds(rt.uploadDir) : [];
        await call('whistle.report', {
          whistleId: this.data.reportId,
          people: Number(r.people || 0),
          hours: Number(r.hours || 0),
          ...(r.supplies.trim() ? { supplies: r.supplies.trim() } : {}),
          ...(r.note.trim() ? { note: r.note.trim() } : {}),
          photos,
        });
        rt.draft = undefined;
        this.setData({ busy: false, reportId: '', photos: [], refused: [] });
        await this.load();
      } catch (err) {
        this.setData({ busy: false, reportError: toCallError(err).message });
      }
    },
  },
});
