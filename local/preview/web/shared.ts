/** How the preview's page (the shell) and each phone (an iframe) talk: the phone's handle, and its reports. */
import type { PhoneSettings } from './phone/state';

export interface StackItem {
  path: string;
  query: Record<string, string>;
  title: string;
}

/** What a phone offers its shell, as `window.lfPhone` in the phone's frame. */
export interface PhoneHandle {
  account: string;
  back(): void;
  /** Opens a page URL ('/pages/home/home?x=1') on top of the stack, or instead of all of it. */
  open(url: string, how: 'navigateTo' | 'reLaunch'): void;
  refresh(): boolean;
  settings(): PhoneSettings;
  updateSettings(patch: Partial<PhoneSettings>): void;
  /** Forgets the user's privacy agreement and permission answers (WeChat's 设置 → 清除). */
  forgetPermissions(): void;
  /** Every page path app.json registers. */
  pages(): string[];
  stack(): StackItem[];
}

/** Posted to the shell whenever the phone's page stack changes. */
export interface PhoneReport {
  type: 'lf-phone';
  account: string;
  stack: StackItem[];
}
