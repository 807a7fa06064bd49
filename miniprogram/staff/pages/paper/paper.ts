/**
 * 打印离线出入证: the paper pass for a person without a phone. Opened by the secretary from the
 * passes list, or by the holder from their pass page (代办), with `passId` and, when a card was
 * printed before, its `serial`. The ID card's last 4 characters are typed in; the server signs the
 * code (printing again gives the same one); the card is drawn at A6 proportions and saved to the
 * album for printing. A card printed before with another tail, or lost, is replaced with 补办新码,
 * which voids the old one at every gate.
 */
import type { PaperCredential, PassView } from '../../../../typings/pass';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import type { ApiFailure } from '../../../services/privacy';
import { privacyRefusal } from '../../../services/privacy';
import { pageState } from '../../../utils/page-state';
import type { CardPainter } from './paper-view';
import { A6_RATIO, idTailError, layoutCard, normalizeIdTail, paintCard } from './paper-view';

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): CardPainter;
}

/** The card's canvas, kept for saving. */
const runtimeOf = pageState<{ canvas: CanvasNode | null }>(() => ({ canvas: null }));

function pixelRatio(): number {
  if (typeof wx.getWindowInfo === 'function') return wx.getWindowInfo().pixelRatio || 1;
  return 1;
}

/** Why saving to the album failed, in words the user can act on. */
function saveFailure(err: ApiFailure): string {
  const refused = privacyRefusal(err);
  if (refused === 'not-agreed') return '未同意隐私保护指引，无法保存到相册。可以截屏保存后打印';
  if (refused === 'not-declared') return '保存到相册暂不可用，请联系工作人员。可以截屏保存后打印';
  if (/auth|authorize|deny/i.test(err.errMsg ?? '')) return '没有保存到相册的权限，请在右上角 ··· → 设置 中允许后重试';
  return '保存没有成功，请重试';
}

Component({
  data: {
    passId: '',
    /** Serial of the card printed before (0: none yet). */
    serial: 0,
    idTail: '',
    idTailError: '',
    busy: false,
    formError: '',
    /** The code and its card, once signed. */
    code: '',
    cardHeight: 0,
    summary: '',
    saving: false,
    saveMessage: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ passId: query.passId ?? '', serial: Number(query.serial) || 0 });
    },

    onIdTail(e: WechatMiniprogram.Input) {
      const value = e.detail.value;
      this.setData({ idTail: value, idTailError: e.type === 'blur' ? idTailError(value) : '', formError: '' });
    },

    onPrint() {
      void this.issue(undefined);
    },

    onReplace() {
      void this.issue(this.data.serial);
    },

    async issue(replaces: number | undefined) {
      const error = idTailError(this.data.idTail);
      this.setData({ idTailError: error, formError: '', saveMessage: '' });
      if (error || this.data.busy || !this.data.passId) return;
      this.setData({ busy: true });
      try {
        const req = { passId: this.data.passId, idTail: normalizeIdTail(this.data.idTail), ...(replaces ? { replaces } : {}) };
        const res = await call('pass.paper', req);
        this.setData({
          busy: false,
          code: res.code,
          serial: res.credential.ps,
          summary: `第 ${res.credential.ps} 张 · 身份证尾号 ${res.credential.idt}`,
        });
        this.drawCard(res.code, res.credential, res.pass);
      } catch (err) {
        this.setData({ busy: false, formError: toCallError(err).message });
      }
    },

    drawCard(code: string, cred: PaperCredential, pass: PassView) {
      wx.createSelectorQuery()
        .in(this)
        .select('#card')
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: CanvasNode; width?: number } | null>) => {
          const hit = res[0];
          if (!hit?.node || !hit.width || this.data.code !== code) return;
          const width = Math.round(hit.width * pixelRatio());
          const card = layoutCard(code, cred, pass, width);
          hit.node.width = card.width;
          hit.node.height = card.height;
          paintCard(hit.node.getContext('2d'), card);
          runtimeOf(this).canvas = hit.node;
          this.setData({ cardHeight: Math.round(hit.width * A6_RATIO) });
        });
    },

    /** 保存到相册: the drawn card as an image (wx.saveImageToPhotosAlbum is a privacy API: the sheet answers). */
    onSave() {
      const canvas = runtimeOf(this).canvas;
      if (!canvas || this.data.saving) return;
      this.setData({ saving: true, saveMessage: '' });
      const failed = (err: ApiFailure) => this.setData({ saving: false, saveMessage: saveFailure(err) });
      wx.canvasToTempFilePath({
        canvas: canvas as unknown as WechatMiniprogram.Canvas,
        fileType: 'png',
        success: ({ tempFilePath }) =>
          wx.saveImageToPhotosAlbum({
            filePath: tempFilePath,
            success: () => {
              this.setData({ saving: false, saveMessage: '已保存到相册，可用 A6 纸或照片纸打印' });
              wx.showToast({ title: '已保存', icon: 'success' });
            },
            fail: failed,
          }),
        fail: failed,
      });
    },
  },
});
