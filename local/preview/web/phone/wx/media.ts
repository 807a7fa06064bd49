/**
 * wx.chooseMedia, wx.uploadFile, wx.previewImage, wx.canvasToTempFilePath and wx.saveImageToPhotosAlbum
 * (a download) with what a browser has. Choosing opens a
 * dialog with a file input (the album; no camera); each file picked becomes a temporary path — an
 * object URL with `#photo.<ext>` after it, so the path ends with the file's extension as a
 * phone's does and the page's checks see the type — with its real size. Uploading reads the file
 * back from that URL and posts it as multipart form data, as WeChat does, to the local runtime
 * (loopback URLs go to this page's origin); the answer's body is handed over as text.
 */
import { h, overlayRoot } from '../dom';
import type { PhoneState } from '../state';
import { asyncApi, failure } from './callbacks';
import { previewUrl } from './request';

interface TempFile {
  tempFilePath: string;
  size: number;
  fileType: 'image' | 'video';
}

const extOf = (name: string) => /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1].toLowerCase() ?? 'bin';

function openPicker(count: number, finish: (files: TempFile[] | null) => void): void {
  const file = h('input', { type: 'file', accept: 'image/*,video/*', multiple: count > 1, class: 'lf-media-file', 'aria-label': '选择照片' });
  const note = h('div', { class: 'lf-scan-note' }, `预览没有相机，请从电脑里选择照片（最多 ${count} 张）`);
  const pick = h('button', { class: 'lf-scan-btn', id: 'lf-media-pick' }, '从相册选择');
  const cancel = h('button', { class: 'lf-scan-btn lf-scan-cancel', id: 'lf-media-cancel' }, '取消');
  const layer = h(
    'div',
    { class: 'lf-scan lf-media', role: 'dialog', 'aria-label': '选择照片' },
    h('div', { class: 'lf-scan-title' }, '拍摄或从相册选择'),
    note,
    pick,
    file,
    cancel,
  );
  const close = (files: TempFile[] | null) => {
    layer.remove();
    finish(files);
  };
  pick.onclick = () => file.click();
  file.onchange = () => {
    const chosen = Array.from(file.files ?? []).slice(0, count);
    if (!chosen.length) return;
    close(
      chosen.map((f) => ({
        tempFilePath: `${URL.createObjectURL(f)}#photo.${extOf(f.name)}`,
        size: f.size,
        fileType: f.type.startsWith('video/') ? 'video' : 'image',
      })),
    );
  };
  cancel.onclick = () => close(null);
  overlayRoot().append(layer);
}

export function mediaApi(state: PhoneState) {
  return {
    chooseMedia: asyncApi('chooseMedia', (options: { count?: number }) => {
      const count = Math.max(1, Math.min(options.count ?? 9, 20));
      return new Promise<{ tempFiles: TempFile[]; type: string }>((resolve, reject) =>
        openPicker(count, (files) => (files ? resolve({ tempFiles: files, type: 'image' }) : reject(failure('chooseMedia', 'cancel')))),
      );
    }),

    uploadFile: asyncApi(
      'uploadFile',
      async (options: { url: string; filePath: string; name: string; header?: Record<string, string>; formData?: Record<string, string> }) => {
        if (state.settings().offline) throw failure('uploadFile', 'net::ERR_INTERNET_DISCONNECTED');
        const blob = await (await fetch(options.filePath.replace(/#.*$/, ''))).blob();
        const form = new FormData();
        for (const [k, v] of Object.entries(options.formData ?? {})) form.append(k, v);
        form.append(options.name, blob, `upload.${extOf(options.filePath)}`);
        const res = await fetch(previewUrl(options.url), { method: 'POST', headers: options.header ?? {}, body: form });
        return { data: await res.text(), statusCode: res.status };
      },
    ),

    previewImage: asyncApi('previewImage', async (options: { current?: string; urls: string[] }) => {
      window.open(previewUrl(options.current ?? options.urls[0]), '_blank');
      return {};
    }),

    /** A 2D canvas's picture as a data URL, standing for the temporary file. */
    canvasToTempFilePath: asyncApi('canvasToTempFilePath', async (options: { canvas: HTMLCanvasElement; fileType?: 'png' | 'jpg' }) => ({
      tempFilePath: options.canvas.toDataURL(options.fileType === 'jpg' ? 'image/jpeg' : 'image/png'),
    })),

    /** The album is the browser's downloads: the image is saved as a file. */
    saveImageToPhotosAlbum: asyncApi('saveImageToPhotosAlbum', async (options: { filePath: string }) => {
      const link = h('a', { href: options.filePath, download: 'lianfang.png' }) as HTMLAnchorElement;
      link.click();
      return {};
    }),
  };
}
