/**
 * wx.downloadFile and wx.openDocument with what a browser has: downloading fetches the URL (a
 * loopback URL goes to this page's origin) and keeps the bytes as an object URL, the temporary
 * path; opening a document hands it to the browser as a download under the name the server gave
 * it (Content-Disposition), as a phone opens it in the system's viewer to read or forward.
 */
import { h } from '../dom';
import type { PhoneState } from '../state';
import { asyncApi, failure } from './callbacks';
import { previewUrl } from './request';

/** The file name from a Content-Disposition header (RFC 6266 `filename*` first). */
export function dispositionName(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1].trim());
  return /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1];
}

export function filesApi(state: PhoneState) {
  /** temporary path → the name it was served under. */
  const names = new Map<string, string>();
  return {
    downloadFile: asyncApi('downloadFile', async (options: { url: string; header?: Record<string, string> }) => {
      if (state.settings().offline) throw failure('downloadFile', 'net::ERR_INTERNET_DISCONNECTED');
      const res = await fetch(previewUrl(options.url), { headers: options.header ?? {} });
      const tempFilePath = URL.createObjectURL(await res.blob());
      const name = dispositionName(res.headers.get('content-disposition'));
      if (name) names.set(tempFilePath, name);
      return { tempFilePath, statusCode: res.status };
    }),

    openDocument: asyncApi('openDocument', async (options: { filePath: string; fileType?: string; showMenu?: boolean }) => {
      const name = names.get(options.filePath) ?? `lianfang.${options.fileType ?? 'bin'}`;
      const link = h('a', { href: options.filePath, download: name }) as HTMLAnchorElement;
      link.click();
      return {};
    }),
  };
}
