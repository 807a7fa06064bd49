import { networkError } from './errors';

export interface HttpResponse {
  statusCode: number;
  data: unknown;
}

export interface HttpOptions {
  url: string;
  method: 'GET' | 'POST';
  data?: WechatMiniprogram.IAnyObject;
  header?: Record<string, string>;
}

/** Waits this long for the server; a cold gate at 7 a.m. can have a poor signal. */
export const TIMEOUT_MS = 15000;

/** `wx.request` as a promise; a transport failure rejects with a NETWORK ApiCallError. */
export function httpRequest({ url, method, data, header }: HttpOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    wx.request({
      url,
      method,
      data,
      header: { 'content-type': 'application/json', ...header },
      dataType: 'json',
      timeout: TIMEOUT_MS,
      success: (res) => resolve({ statusCode: res.statusCode, data: res.data }),
      fail: (err) => reject(networkError(err.errMsg)),
    });
  });
}
