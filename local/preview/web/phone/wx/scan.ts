/**
 * wx.scanCode: WeChat's scanner, with what a browser has. The camera (getUserMedia, where the
 * browser allows it) is read frame by frame; an image can be picked instead; or the code's text
 * pasted. QR codes are decoded with jsQR; the result is what was actually read or pasted.
 * Cancelling fails with 'scanCode:fail cancel', as on the phone.
 */
import jsQR from 'jsqr';
import { h, overlayRoot } from '../dom';
import { asyncApi, failure } from './callbacks';

interface ScanResult {
  result: string;
  scanType: string;
  charSet: string;
  path: string;
  rawData: string;
}

function base64(bytes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
}

function decode(pixels: ImageData, invert: boolean): ScanResult | null {
  const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: invert ? 'attemptBoth' : 'dontInvert' });
  return code ? { result: code.data, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: base64(code.binaryData) } : null;
}

function pixelsOf(source: CanvasImageSource, width: number, height: number): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(source, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}

/** The QR code in an image file, or null. */
export async function decodeImage(file: Blob): Promise<ScanResult | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return decode(pixelsOf(bitmap, bitmap.width, bitmap.height), true);
  } finally {
    bitmap.close();
  }
}

function openScanner(onlyFromCamera: boolean, finish: (result: ScanResult | null) => void): void {
  let stream: MediaStream | null = null;
  let frame = 0;
  let done = false;
  const status = h('div', { class: 'lf-scan-status', role: 'status' }, '正在打开摄像头…');
  const video = h('video', { class: 'lf-scan-video', muted: true, playsinline: true });
  const file = h('input', { type: 'file', accept: 'image/*', class: 'lf-scan-file', 'aria-label': '选择含二维码的图片' });
  const text = h('textarea', { class: 'lf-scan-text', placeholder: '粘贴二维码里的文字', rows: 3 });
  const pick = h('button', { class: 'lf-scan-btn', id: 'lf-scan-pick' }, '从相册选择图片');
  const paste = h('button', { class: 'lf-scan-btn', id: 'lf-scan-paste' }, '使用粘贴的内容');
  const cancel = h('button', { class: 'lf-scan-btn lf-scan-cancel', id: 'lf-scan-cancel' }, '取消');
  const layer = h(
    'div',
    { class: 'lf-scan', role: 'dialog', 'aria-label': '扫码' },
    h('div', { class: 'lf-scan-title' }, '扫一扫'),
    h('div', { class: 'lf-scan-view' }, video, h('div', { class: 'lf-scan-frame' })),
    status,
    h('div', { class: 'lf-scan-alt' }, pick, file, text, paste),
    onlyFromCamera ? h('div', { class: 'lf-scan-note' }, '小程序要求只用相机扫码；预览另外提供图片和粘贴，方便没有摄像头时使用') : '',
    cancel,
  );

  const close = (result: ScanResult | null) => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    stream?.getTracks().forEach((t) => t.stop());
    layer.remove();
    finish(result);
  };

  pick.onclick = () => file.click();
  file.onchange = async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    status.textContent = '正在识别图片…';
    try {
      const found = await decodeImage(chosen);
      if (found) close(found);
      else status.textContent = '图片中没有识别到二维码';
    } catch (err) {
      status.textContent = `图片无法读取：${err instanceof Error ? err.message : String(err)}`;
    }
    file.value = '';
  };
  paste.onclick = () => {
    const value = text.value.trim();
    if (value) close({ result: value, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: base64(new TextEncoder().encode(value)) });
    else status.textContent = '请先粘贴二维码里的文字';
  };
  cancel.onclick = () => close(null);
  overlayRoot().append(layer);

  const camera = async () => {
    if (!navigator.mediaDevices?.getUserMedia) throw new Error('这个浏览器（或非安全地址）不提供摄像头');
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    if (done) {
      stream.getTracks().forEach((t) => t.stop());
      return;
    }
    video.srcObject = stream;
    await video.play();
    status.textContent = '将二维码放入框内';
    let last = 0;
    const read = (t: number) => {
      if (done) return;
      if (t - last > 150 && video.videoWidth) {
        last = t;
        const found = decode(pixelsOf(video, video.videoWidth, video.videoHeight), false);
        if (found) return close(found);
      }
      frame = requestAnimationFrame(read);
    };
    frame = requestAnimationFrame(read);
  };
  camera().catch((err: unknown) => {
    if (!done) status.textContent = `无法使用摄像头（${err instanceof Error ? err.message : String(err)}），可选择图片或粘贴内容`;
  });
}

export function scanApi() {
  return {
    scanCode: asyncApi('scanCode', (options: { onlyFromCamera?: boolean; scanType?: string[] }) => {
      const types = options.scanType ?? ['barCode', 'qrCode'];
      if (!types.includes('qrCode')) return Promise.reject(failure('scanCode', '预览只能识别二维码（qrCode）'));
      return new Promise<ScanResult>((resolve, reject) =>
        openScanner(Boolean(options.onlyFromCamera), (result) => (result ? resolve(result) : reject(failure('scanCode', 'cancel')))),
      );
    }),
  };
}
