/** 签到码 on the rota page (a behavior): a post's signed check-in code (`duty.postCode`) as a QR to print and put up at the post. */
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { qrMatrix } from '../../../shared/qr-draw';
import { shanghaiDateTime } from '../../../shared/time';
import type { Tap } from '../../../utils/events';
import { paintQrCanvas } from '../../../utils/qr-canvas';
import { runtimeOf } from './day-rota';

const CLOSED_CODE = { postId: '', postName: '', loading: false, error: '', text: '', expires: '' };

export const postCode = Behavior({
  data: {
    code: CLOSED_CODE,
  },

  methods: {
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
  },
});
