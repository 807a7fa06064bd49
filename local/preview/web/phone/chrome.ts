/**
 * What the phone shows of its own state around the pages: badges in the status bar (screen kept
 * on, hidden from captures, offline), a shake for vibration, and a dimming layer for brightness.
 */

export type Badge = 'keep-on' | 'capture' | 'offline' | 'sound';

const BADGES: Record<Badge, { text: string; title: string }> = {
  'keep-on': { text: '常亮', title: '页面要求屏幕常亮（wx.setKeepScreenOn）' },
  capture: { text: '防截屏', title: '页面要求截屏、录屏时隐藏（wx.setVisualEffectOnCapture）；浏览器无法阻止截屏' },
  offline: { text: '断网', title: '手机面板设为断网：请求都会失败' },
  sound: { text: '播报', title: '页面播放了提示音（wx.createInnerAudioContext）；预览不出声' },
};

export function setBadge(badge: Badge, on: boolean, title = BADGES[badge].title): void {
  const bar = document.getElementById('lf-badges')!;
  let el = bar.querySelector<HTMLElement>(`[data-badge="${badge}"]`);
  if (on && !el) {
    el = document.createElement('span');
    el.className = 'lf-badge';
    el.dataset.badge = badge;
    el.textContent = BADGES[badge].text;
    bar.append(el);
  }
  if (el) el.title = title;
  if (!on) el?.remove();
}

/** A short shake of the screen ('heavy' shakes harder), and the device's own vibration where there is one. */
export function vibrate(kind: 'light' | 'medium' | 'heavy' | 'long'): void {
  const screen = document.getElementById('lf-screen')!;
  screen.classList.remove('lf-vibrate', 'lf-vibrate-heavy');
  void screen.offsetWidth; // restart the animation
  screen.classList.add(kind === 'heavy' || kind === 'long' ? 'lf-vibrate-heavy' : 'lf-vibrate');
  navigator.vibrate?.(kind === 'long' ? 400 : 15);
}

/** Dims the screen to the brightness asked (0–1). */
export function setBrightness(value: number): void {
  document.getElementById('lf-screen')!.style.setProperty('--lf-dim', String(1 - Math.max(0, Math.min(1, value))));
}
