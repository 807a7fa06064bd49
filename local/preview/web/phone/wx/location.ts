/**
 * wx.getLocation and the permission scopes around it. As on the phone: the privacy check first
 * (privacy.ts), then the scope.userLocation prompt with app.json's stated purpose (remembered;
 * refused → 'getLocation:fail auth deny'), then the position: the one set in the phone's
 * panel (gcj02, as WeChat reports in China), else the browser's own (WGS-84, converted to gcj02
 * when that is asked for). No position to be had fails, as without a fix.
 */
import type { PhoneState, Position } from '../state';
import { notice, showModal } from '../ui';
import { asyncApi, failure } from './callbacks';
import { checkPrivacy } from './privacy';

const PI = Math.PI;
const A = 6378245.0;
const EE = 0.006693421622965943;

function outOfChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function offsetLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2) / 3;
  r += ((20 * Math.sin(y * PI) + 40 * Math.sin((y / 3) * PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * PI) + 320 * Math.sin((y * PI) / 30)) * 2) / 3;
  return r;
}

function offsetLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2) / 3;
  r += ((20 * Math.sin(x * PI) + 40 * Math.sin((x / 3) * PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * PI) + 300 * Math.sin((x / 30) * PI)) * 2) / 3;
  return r;
}

/** WGS-84 → GCJ-02 (the published transform China's maps use); unchanged outside China. */
export function wgs84ToGcj02({ latitude, longitude }: Position): Position {
  if (outOfChina(longitude, latitude)) return { latitude, longitude };
  const rad = (latitude / 180) * PI;
  const magic = 1 - EE * Math.sin(rad) * Math.sin(rad);
  const dLat = (offsetLat(longitude - 105, latitude - 35) * 180) / (((A * (1 - EE)) / (magic * Math.sqrt(magic))) * PI);
  const dLng = (offsetLng(longitude - 105, latitude - 35) * 180) / ((A / Math.sqrt(magic)) * Math.cos(rad) * PI);
  return { latitude: latitude + dLat, longitude: longitude + dLng };
}

/** GCJ-02 → WGS-84, by one step back (metres off, enough for a preview). */
function gcj02ToWgs84(p: Position): Position {
  const there = wgs84ToGcj02(p);
  return { latitude: 2 * p.latitude - there.latitude, longitude: 2 * p.longitude - there.longitude };
}

function browserPosition(): Promise<{ position: Position; accuracy: number }> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(failure('getLocation', '预览：浏览器不提供定位，请在手机面板里设置位置'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ position: { latitude: p.coords.latitude, longitude: p.coords.longitude }, accuracy: p.coords.accuracy }),
      (err) => reject(failure('getLocation', `预览：浏览器定位失败（${err.message}），请在手机面板里设置位置`)),
      { enableHighAccuracy: true, timeout: 10000 },
    );
  });
}

export function locationApi(state: PhoneState, permissions: Record<string, { desc: string }>) {
  /** Asks for a scope once (WeChat remembers the answer); true when allowed. */
  const scope = async (name: string): Promise<boolean> => {
    const known = state.memory().scopes[name];
    if (known !== undefined) return known;
    const { confirm } = await showModal({
      title: '申请获取你的位置信息',
      content: permissions[name]?.desc ?? '',
      showCancel: true,
      cancelText: '拒绝',
      cancelColor: '#000000',
      confirmText: '允许',
      confirmColor: '#576B95',
      editable: false,
      placeholderText: '',
    });
    state.updateMemory({ scopes: { ...state.memory().scopes, [name]: confirm } });
    return confirm;
  };

  return {
    getLocation: asyncApi('getLocation', async ({ type = 'wgs84' }: { type?: 'wgs84' | 'gcj02' }) => {
      await checkPrivacy('getLocation');
      if (!(await scope('scope.userLocation'))) throw failure('getLocation', 'auth deny');
      const set = state.settings().position;
      if (set) {
        const p = type === 'gcj02' ? set : gcj02ToWgs84(set);
        // A position typed in has no accuracy to report; speed -1 is WeChat's "unknown".
        return { latitude: p.latitude, longitude: p.longitude, speed: -1 };
      }
      const { position, accuracy } = await browserPosition();
      notice(`位置来自浏览器定位（WGS-84${type === 'gcj02' ? '，已换算为 gcj02' : ''}），可在手机面板里设定`, 'info');
      const p = type === 'gcj02' ? wgs84ToGcj02(position) : position;
      return { latitude: p.latitude, longitude: p.longitude, accuracy, horizontalAccuracy: accuracy, speed: -1 };
    }),
    getSetting: asyncApi('getSetting', async () => ({ authSetting: { ...state.memory().scopes } })),
    authorize: asyncApi('authorize', async ({ scope: name }: { scope: string }) => {
      if (!(await scope(name))) throw failure('authorize', 'auth deny');
      return {};
    }),
    openSetting: asyncApi('openSetting', async () => {
      notice('微信的设置页在预览里是手机面板：可以清除权限和隐私同意');
      throw failure('openSetting', '预览中没有微信设置页');
    }),
  };
}
