/**
 * wx.request over the browser's fetch. The mini program's develop build talks to the local
 * runtime at a loopback address (services/config.ts); in the preview that is the runtime serving
 * this page, wherever it listens, so loopback URLs go to this page's origin. With the phone set
 * offline every request fails as with no signal, as it would on the phone.
 */
import { notice } from '../ui';
import type { PhoneState } from '../state';
import { failure, type ApiFailure } from './callbacks';

const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(?=\/|$)/i;

/** The URL the browser fetches for the one the mini program asked for. */
export function previewUrl(url: string): string {
  return url.replace(LOOPBACK, location.origin);
}

function query(data: unknown): string {
  if (!data || typeof data !== 'object') return typeof data === 'string' ? data : '';
  return Object.entries(data as Record<string, unknown>)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'object' ? JSON.stringify(v) : String(v))}`)
    .join('&');
}

function body(data: unknown, contentType: string): BodyInit | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string' || data instanceof ArrayBuffer) return data;
  if (/application\/x-www-form-urlencoded/i.test(contentType)) return query(data);
  return JSON.stringify(data);
}

export function requestApi(state: PhoneState) {
  return function request(options: WechatMiniprogram.RequestOption): WechatMiniprogram.RequestTask {
    const controller = new AbortController();
    let aborted = false;
    const method = (options.method ?? 'GET').toUpperCase();
    const header: Record<string, string> = { 'content-type': 'application/json', ...(options.header as Record<string, string> | undefined) };
    const contentType = Object.entries(header).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
    let url = previewUrl(options.url);
    if (url === options.url && /^https?:/i.test(url) && !url.startsWith(location.origin)) {
      notice(`wx.request 发往 ${new URL(url).host}：预览由浏览器直接请求，受跨域限制，也不校验合法域名`, 'info');
    }
    const carriesBody = !['GET', 'HEAD'].includes(method);
    if (!carriesBody && options.data !== undefined) url += (url.includes('?') ? '&' : '?') + query(options.data);

    const fail = (err: ApiFailure) => {
      options.fail?.(err as WechatMiniprogram.RequestFailCallbackErr);
      options.complete?.(err as WechatMiniprogram.GeneralCallbackResult);
    };

    void (async () => {
      // A tick first, as wx.request never answers synchronously.
      await Promise.resolve();
      if (state.settings().offline) return fail(failure('request', 'net::ERR_INTERNET_DISCONNECTED'));
      const timeout = setTimeout(() => controller.abort('timeout'), options.timeout ?? 60000);
      let result: WechatMiniprogram.RequestSuccessCallbackResult;
      try {
        const res = await fetch(url, { method, headers: header, body: carriesBody ? body(options.data, contentType) : undefined, signal: controller.signal });
        const headers: Record<string, string> = {};
        res.headers.forEach((v, k) => (headers[k] = v));
        let data: unknown;
        if (options.responseType === 'arraybuffer') data = await res.arrayBuffer();
        else {
          const text = await res.text();
          data = text;
          if ((options.dataType ?? 'json') === 'json') {
            try {
              data = JSON.parse(text);
            } catch {
              // Not JSON: WeChat hands over the text.
            }
          }
        }
        result = {
          data,
          statusCode: res.status,
          header: headers,
          cookies: [],
          errMsg: 'request:ok',
        } as unknown as WechatMiniprogram.RequestSuccessCallbackResult;
      } catch (err) {
        if (aborted) return fail(failure('request', 'abort'));
        if (controller.signal.aborted) return fail(failure('request', 'timeout', { errno: 5 }));
        return fail(failure('request', err instanceof Error ? err.message : String(err)));
      } finally {
        clearTimeout(timeout);
      }
      options.success?.(result);
      options.complete?.(result);
    })();

    const task = {
      abort() {
        aborted = true;
        controller.abort('abort');
      },
      onHeadersReceived: () => undefined,
      offHeadersReceived: () => undefined,
      onChunkReceived: () => undefined,
      offChunkReceived: () => undefined,
    };
    return task as unknown as WechatMiniprogram.RequestTask;
  };
}
