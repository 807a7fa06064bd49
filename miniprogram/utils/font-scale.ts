/**
 * Text that follows WeChat's text-size setting (我 › 设置 › 通用 › 字体大小). Rpx does not
 * scale with it, so the pages size their text in rem and set the root font size from the setting
 * with <page-meta root-font-size="{{rootFontSize}}">: 1rem is the size the user chose.
 *
 * Why the setting rather than root-font-size="system": the setting is a number we can floor and
 * cap (a smaller-than-standard choice must not take text under the 16/18 pt floors; past 2× the
 * layout has no room), and the same number reaches the tests and the browser preview.
 */

/** The root font size at WeChat's standard setting, in px (the browser's default too). */
export const STANDARD_FONT_PX = 16;
/** The largest root font size: twice the standard. */
export const MAX_FONT_PX = 32;

/** The user's text size in px as WeChat reports it; the standard when the client does not say. */
export function fontSizeSetting(): number {
  const base = typeof wx.getAppBaseInfo === 'function' ? (wx.getAppBaseInfo() as { fontSizeSetting?: number }) : {};
  const setting = base.fontSizeSetting ?? wx.getSystemInfoSync().fontSizeSetting;
  return typeof setting === 'number' && Number.isFinite(setting) && setting > 0 ? setting : STANDARD_FONT_PX;
}

/** The root font size for <page-meta>: "16px" at the standard setting, "24px" at 1.5×. */
export function rootFontSize(setting = fontSizeSetting()): string {
  return `${Math.min(MAX_FONT_PX, Math.max(STANDARD_FONT_PX, Math.round(setting)))}px`;
}

/** Gives a page `rootFontSize`, read from the setting when the page is attached. */
export const fontScale = Behavior({
  data: { rootFontSize: `${STANDARD_FONT_PX}px` },
  lifetimes: {
    attached() {
      this.setData({ rootFontSize: rootFontSize() });
    },
  },
});
