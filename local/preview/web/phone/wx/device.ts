/**
 * The phone itself: window and system info (a 375-px-wide screen), the develop build's account
 * info, secure random bytes, the network and its changes (the panel's offline switch, and the
 * browser's own), vibration, brightness, the clipboard, keeping the screen on and hiding from
 * captures — each shown on the phone's frame where the browser cannot do it for real.
 */
import { setBadge, setBrightness, vibrate } from '../chrome';
import type { PhoneState } from '../state';
import { notice, showToast } from '../ui';
import { asyncApi, failure } from './callbacks';
import { checkPrivacy } from './privacy';

type NetworkListener = (res: { isConnected: boolean; networkType: string }) => void;

const networkListeners = new Set<NetworkListener>();

/** The WeChat version WeChat DevTools reports for itself (the preview is no WeChat client either). */
const WECHAT_VERSION = '8.0.5';

/** WeChat's text-size setting in px: 16 as standard, or what the preview's `font` query asks (24 is 1.5×). */
export function fontSizeSetting(): number {
  const asked = Number(new URLSearchParams(location.search).get('font'));
  return Number.isFinite(asked) && asked > 0 ? asked : 16;
}

/** The phone went on or off line: the listeners hear of it, as WeChat tells them. */
export function networkChanged(online: boolean): void {
  setBadge('offline', !online);
  // What kind of network the computer has is not known: 'unknown', as WeChat says then.
  for (const listener of [...networkListeners]) listener({ isConnected: online, networkType: online ? 'unknown' : 'none' });
}

export interface DeviceInfo {
  appId: string;
  libVersion: string;
}

export function deviceApi(state: PhoneState, info: DeviceInfo) {
  const online = () => !state.settings().offline && navigator.onLine;
  let brightness: number | null = null;
  let wakeLock: { release(): Promise<void> } | null = null;

  const windowInfo = () => {
    const pages = document.getElementById('lf-pages')!;
    return {
      pixelRatio: window.devicePixelRatio || 1,
      screenWidth: window.innerWidth,
      screenHeight: window.innerHeight,
      windowWidth: pages.clientWidth,
      windowHeight: pages.clientHeight,
      statusBarHeight: document.getElementById('lf-status')!.offsetHeight,
      screenTop: 0,
      safeArea: { left: 0, right: window.innerWidth, top: 0, bottom: window.innerHeight, width: window.innerWidth, height: window.innerHeight },
    };
  };
  // Described as WeChat DevTools describes itself: the preview is no real phone model.
  const systemInfo = () => ({
    ...windowInfo(),
    brand: 'devtools',
    model: 'lianfang preview',
    platform: 'devtools',
    system: navigator.userAgent,
    language: 'zh_CN',
    version: WECHAT_VERSION,
    SDKVersion: info.libVersion,
    fontSizeSetting: fontSizeSetting(),
    theme: 'light',
    enableDebug: false,
  });

  return {
    getWindowInfo: windowInfo,
    getSystemInfoSync: systemInfo,
    getSystemInfo: asyncApi('getSystemInfo', async () => systemInfo()),
    getDeviceInfo: () => ({
      brand: 'devtools',
      model: 'lianfang preview',
      platform: 'devtools',
      system: navigator.userAgent,
      pixelRatio: window.devicePixelRatio || 1,
    }),
    getAppBaseInfo: () => ({
      SDKVersion: info.libVersion,
      version: WECHAT_VERSION,
      language: 'zh_CN',
      theme: 'light',
      enableDebug: false,
      fontSizeSetting: fontSizeSetting(),
    }),
    getAccountInfoSync: () => ({ miniProgram: { appId: info.appId, envVersion: 'develop', version: '' }, plugin: { appId: '', version: '' } }),

    getRandomValues: asyncApi('getRandomValues', async ({ length }: { length: number }) => {
      if (!Number.isInteger(length) || length <= 0 || length > 1048576) throw failure('getRandomValues', 'invalid length');
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(length, i + 65536)));
      return { randomValues: bytes.buffer };
    }),

    getNetworkType: asyncApi('getNetworkType', async () => ({ networkType: online() ? 'unknown' : 'none' })),
    onNetworkStatusChange(listener: NetworkListener) {
      networkListeners.add(listener);
    },
    offNetworkStatusChange(listener?: NetworkListener) {
      if (listener) networkListeners.delete(listener);
      else networkListeners.clear();
    },

    vibrateShort: asyncApi('vibrateShort', async ({ type = 'medium' }: { type?: 'light' | 'medium' | 'heavy' }) => {
      vibrate(type);
      return {};
    }),
    vibrateLong: asyncApi('vibrateLong', async () => {
      vibrate('long');
      return {};
    }),

    // Sound: the preview does not play the package's clips; the status bar names the last one.
    setInnerAudioOption: asyncApi('setInnerAudioOption', async () => ({})),
    createInnerAudioContext() {
      const player = {
        src: '',
        play: () => setBadge('sound', true, `页面播放了提示音：${player.src}（预览不出声）`),
        stop: () => undefined,
        pause: () => undefined,
        destroy: () => setBadge('sound', false),
      };
      return player;
    },

    setScreenBrightness: asyncApi('setScreenBrightness', async ({ value }: { value: number }) => {
      brightness = Math.max(0, Math.min(1, value));
      setBrightness(brightness);
      return {};
    }),
    getScreenBrightness: asyncApi('getScreenBrightness', async () => {
      if (brightness === null) throw failure('getScreenBrightness', '预览读不到屏幕的真实亮度（只知道页面设置过的值）');
      return { value: brightness };
    }),

    setKeepScreenOn: asyncApi('setKeepScreenOn', async ({ keepScreenOn }: { keepScreenOn: boolean }) => {
      setBadge('keep-on', keepScreenOn);
      const lock = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } }).wakeLock;
      if (keepScreenOn && lock && !wakeLock) wakeLock = await lock.request('screen').catch(() => null);
      if (!keepScreenOn && wakeLock) {
        void wakeLock.release();
        wakeLock = null;
      }
      return {};
    }),
    setVisualEffectOnCapture: asyncApi('setVisualEffectOnCapture', async ({ visualEffect }: { visualEffect: 'hidden' | 'none' }) => {
      setBadge('capture', visualEffect === 'hidden');
      return {};
    }),

    setClipboardData: asyncApi('setClipboardData', async ({ data }: { data: string }) => {
      await checkPrivacy('setClipboardData');
      if (!navigator.clipboard) throw failure('setClipboardData', '预览：浏览器不允许写剪贴板');
      await navigator.clipboard.writeText(String(data)).catch((err: Error) => {
        throw failure('setClipboardData', `预览：浏览器拒绝写剪贴板（${err.message}）`);
      });
      showToast('内容已复制', 'none', 1500, false);
      return {};
    }),
    getClipboardData: asyncApi('getClipboardData', async () => {
      await checkPrivacy('getClipboardData');
      const text = await navigator.clipboard?.readText().catch((err: Error) => {
        notice(`浏览器拒绝读剪贴板：${err.message}`);
        throw failure('getClipboardData', err.message);
      });
      if (text === undefined) throw failure('getClipboardData', '预览：浏览器不允许读剪贴板');
      return { data: text };
    }),
  };
}
