/**
 * 我的数据: a person's rights over what the app holds about them (docs/PRIVACY.md) — a copy of
 * it (account.export, shown as its Chinese summary), who was shown it (account.accessLog, paged),
 * and deleting the account (account.delete, only once 确认注销 is typed). After a deletion the
 * kept profile is dropped, so home opens as a newcomer's.
 */
import type { AccessRecordView } from '../../../../typings/api';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { profileKey, saveProfile } from '../../../services/profile-cache';
import { shanghaiDateTime } from '../../../shared/time';
import { emptyPage, loadPage, type PagedData } from '../../../utils/paged-list';
import { ROUTES } from '../../../utils/routes';

export const CONFIRM_TEXT = '确认注销';

interface AccessRow {
  key: string;
  who: string;
  what: string;
  where: string;
  when: string;
}

const accessRow = (r: AccessRecordView, i: number): AccessRow => ({
  key: `${r.at}-${i}`,
  who: r.who,
  what: r.what,
  where: r.orgName,
  when: shanghaiDateTime(r.at),
});

Component({
  data: {
    access: emptyPage<AccessRow>() as PagedData<AccessRow>,
    summary: '',
    exporting: false,
    exportError: '',
    confirm: '',
    canDelete: false,
    deleting: false,
    deleteError: '',
    deleted: false,
  },

  methods: {
    onLoad() {
      void this.loadAccess(false);
    },

    loadAccess(more: boolean) {
      let n = more ? this.data.access.items.length : 0;
      return loadPage(
        this,
        { key: 'access', fetch: (cursor) => call('account.accessLog', cursor ? { cursor } : {}), view: (r: AccessRecordView) => accessRow(r, n++) },
        more,
      );
    },

    onMoreAccess() {
      void this.loadAccess(true);
    },

    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true, exportError: '' });
      try {
        const { summary } = await call('account.export', {});
        this.setData({ exporting: false, summary });
      } catch (err) {
        this.setData({ exporting: false, exportError: toCallError(err).message });
      }
    },

    onConfirmInput(e: WechatMiniprogram.Input) {
      const confirm = e.detail.value;
      this.setData({ confirm, canDelete: confirm.trim() === CONFIRM_TEXT, deleteError: '' });
    },

    async onDelete() {
      if (!this.data.canDelete || this.data.deleting) return;
      this.setData({ deleting: true, deleteError: '' });
      const key = profileKey();
      try {
        await call('account.delete', { confirm: CONFIRM_TEXT });
        this.setData({ deleting: false, deleted: true });
        try {
          saveProfile(key, await call('account.me', {}));
        } catch {
          // Home loads account.me itself when it shows.
        }
      } catch (err) {
        this.setData({ deleting: false, deleteError: toCallError(err).message });
      }
    },

    onHome() {
      wx.reLaunch({ url: ROUTES.home });
    },
  },
});
