/**
 * 环境消毒 (volunteers on the 环境消毒岗, the secretary): today's areas of the caller's compound
 * with what is done. 拍照登记 on an area opens the camera at once; the photos taken (checked for type
 * and size on the phone, refusals said), the agent chosen (the last one used is kept), 提交 uploads
 * them and logs the disinfection (`disinfect.log`). One log keeps one request id, so a tap retried
 * after a lost reply counts once; its photos are uploaded once under that id.
 */
import type { ActionResponse } from '../../../../typings/api';
import { MAX_PHOTOS } from '../../../shared/photos';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { PhotoDraft } from '../../../services/photo-draft';
import { pickPhotos } from '../../../services/photos';
import { newRequestId } from '../../../services/subscribe';
import type { Tap } from '../../../utils/events';
import { pageState } from '../../../utils/page-state';
import { compoundsOf } from '../../../utils/roles';
import type { AreaRow } from '../../../services/disinfect-rows';
import { areaRows, summaryText } from '../../../services/disinfect-rows';
import { reloads } from '../../../utils/reloads';

type Status = 'loading' | 'error' | 'none' | 'ready';
type Today = ActionResponse<'disinfect.today'>;

interface Draft {
  areaId: string;
  requestId: string;
  /** Uploaded once each under the request id. */
  photos: PhotoDraft;
}

const runtimeOf = pageState<{ compoundId: string; uploadDir: string; draft?: Draft; agent: string }>(() => ({ compoundId: '', uploadDir: '', agent: '' }));

Component({
  behaviors: [reloads],

  data: {
    status: 'loading' as Status,
    loadError: '',
    compoundName: '',
    canLog: false,
    reason: '',
    summary: '',
    rows: [] as AreaRow[],
    agents: [] as string[],
    /** The log being made: its area and photos. */
    form: null as null | { areaName: string; photos: string[]; agentIndex: number },
    refused: [] as string[],
    formError: '',
    busy: false,
    maxPhotos: MAX_PHOTOS,
  },

  methods: {
    onLoad() {
      void this.load();
    },

    async load() {
      const rt = runtimeOf(this);
      if (!this.data.rows.length) this.setData({ status: 'loading', loadError: '' });
      try {
        if (!rt.compoundId) {
          const me = await call('account.me', {});
          const [compound] = compoundsOf(me.grants, ['volunteer', 'secretary']);
          if (!compound) {
            this.setData({ status: 'none' });
            return;
          }
          rt.compoundId = compound.id;
        }
        this.show(await call('disinfect.today', { compoundId: rt.compoundId }));
      } catch (err) {
        this.setData({ status: 'error', loadError: toCallError(err).message });
      }
    },

    show(today: Today) {
      const rt = runtimeOf(this);
      rt.uploadDir = today.uploadDir;
      rt.agent ||= today.agents[0] ?? '';
      const rows = areaRows(today.items);
      this.setData({
        status: 'ready',
        compoundName: today.compoundName,
        canLog: today.canLog,
        reason: today.reason ?? '',
        rows,
        summary: summaryText(rows),
        agents: today.agents,
      });
    },

    /** 拍照登记: the camera first, then the form with what was taken. */
    async onLog(e: Tap<{ id: string }>) {
      const row = this.data.rows.find((r) => r.id === e.currentTarget.dataset.id);
      if (!row || !this.data.canLog || this.data.busy) return;
      const picked = await pickPhotos(MAX_PHOTOS);
      this.setData({ refused: picked.refused });
      if (!picked.files.length) return;
      const rt = runtimeOf(this);
      const requestId = newRequestId();
      rt.draft = { areaId: row.id, requestId, photos: new PhotoDraft('disinfect', requestId) };
      rt.draft.photos.files = picked.files;
      const agentIndex = Math.max(0, this.data.agents.indexOf(rt.agent));
      this.setData({ form: { areaName: row.name, photos: picked.files.map((f) => f.tempFilePath), agentIndex }, formError: '' });
    },

    async onAddPhoto() {
      const draft = runtimeOf(this).draft;
      if (!draft || !this.data.form || this.data.busy) return;
      if (draft.photos.room <= 0) return;
      const refused = await draft.photos.add();
      this.setData({ refused, 'form.photos': draft.photos.paths });
    },

    onRemovePhoto(e: Tap<{ index: number }>) {
      const draft = runtimeOf(this).draft;
      if (!draft || this.data.busy) return;
      draft.photos.remove(Number(e.currentTarget.dataset.index));
      this.setData({ 'form.photos': draft.photos.paths });
    },

    onAgent(e: WechatMiniprogram.PickerChange) {
      const index = Number(e.detail.value);
      runtimeOf(this).agent = this.data.agents[index] ?? '';
      this.setData({ 'form.agentIndex': index });
    },

    onCancel() {
      runtimeOf(this).draft = undefined;
      this.setData({ form: null, formError: '', refused: [] });
    },

    async onSubmit() {
      const rt = runtimeOf(this);
      const draft = rt.draft;
      if (!draft || !this.data.form || this.data.busy) return;
      if (!draft.photos.files.length) {
        this.setData({ formError: '请至少拍一张消毒现场照片' });
        return;
      }
      this.setData({ busy: true, formError: '' });
      try {
        const photos = await draft.photos.fileIds(rt.uploadDir);
        await call('disinfect.log', {
          requestId: draft.requestId,
          areaId: draft.areaId,
          agent: this.data.agents[this.data.form.agentIndex] ?? rt.agent,
          photos,
        });
        rt.draft = undefined;
        this.setData({ form: null, busy: false });
        wx.showToast({ title: '已登记消毒', icon: 'success' });
        await this.load();
      } catch (err) {
        this.setData({ busy: false, formError: toCallError(err).message });
      }
    },
  },
});
