/**
 * wx storage, one per account (each account is its own phone), kept in the browser's
 * localStorage under `lf.preview.<account>.s.<key>`. Values keep their type as WeChat's do
 * (strings, numbers, booleans, objects, arrays, Dates); a missing key reads as ''.
 */
import { asyncApi, failure } from './callbacks';

type Stored = { v: unknown } | { d: string };

export function storageApi(account: string) {
  const prefix = `lf.preview.${account}.s.`;
  const keys = () => Object.keys(localStorage).filter((k) => k.startsWith(prefix));

  const get = (key: string): unknown => {
    const raw = localStorage.getItem(prefix + key);
    if (raw === null) return '';
    const stored = JSON.parse(raw) as Stored;
    return 'd' in stored ? new Date(stored.d) : stored.v;
  };
  const set = (key: string, value: unknown): void => {
    if (typeof key !== 'string' || key === '') throw new Error('setStorageSync:fail parameter error: key 必须是非空字符串');
    const stored: Stored = value instanceof Date ? { d: value.toISOString() } : { v: value };
    try {
      localStorage.setItem(prefix + key, JSON.stringify(stored));
    } catch {
      // The browser's localStorage is full (WeChat's limit is 10 MB per mini program and user).
      throw new Error('setStorageSync:fail exceed storage max size 10Mb');
    }
  };
  const remove = (key: string) => localStorage.removeItem(prefix + key);
  const clear = () => keys().forEach((k) => localStorage.removeItem(k));
  const info = () => ({
    keys: keys().map((k) => k.slice(prefix.length)),
    currentSize: Math.ceil(keys().reduce((n, k) => n + k.length + (localStorage.getItem(k)?.length ?? 0), 0) / 1024),
    limitSize: 10240,
  });

  return {
    getStorageSync: get,
    setStorageSync: set,
    removeStorageSync: remove,
    clearStorageSync: clear,
    getStorageInfoSync: info,
    getStorage: asyncApi('getStorage', async ({ key }: { key: string }) => {
      if (localStorage.getItem(prefix + key) === null) throw failure('getStorage', 'data not found');
      return { data: get(key) };
    }),
    setStorage: asyncApi('setStorage', async ({ key, data }: { key: string; data: unknown }) => {
      set(key, data);
      return {};
    }),
    removeStorage: asyncApi('removeStorage', async ({ key }: { key: string }) => {
      remove(key);
      return {};
    }),
    clearStorage: asyncApi('clearStorage', async () => {
      clear();
      return {};
    }),
    getStorageInfo: asyncApi('getStorageInfo', async () => info()),
  };
}
