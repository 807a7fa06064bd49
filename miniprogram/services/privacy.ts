/**
 * WeChat's privacy consent (《用户隐私保护指引》, filled in the WeChat console; see docs/PRIVACY.md).
 *
 * Before a privacy API (in this app: wx.getLocation) runs for a user who has not agreed yet,
 * WeChat asks through `wx.onNeedPrivacyAuthorization`, and the API waits until the listener's
 * `resolve` is told `agree` (naming the `<button open-type="agreePrivacyAuthorization">` the user
 * tapped) or `disagree` (the API then fails with errno 104, "privacy permission is not authorized").
 *
 * WeChat keeps only the last listener registered, so one is registered at app launch; it hands
 * each request to the consent sheet (components/privacy-sheet) attached last — the page on top,
 * as every page that calls a privacy API hosts one. With no sheet attached the request is refused
 * at once: the API fails and the page explains, rather than wait for an answer that never comes.
 */

export type PrivacyAnswer = { event: 'exposureAuthorization' } | { event: 'agree'; buttonId: string } | { event: 'disagree' };

export type PrivacyResolve = (answer: PrivacyAnswer) => void;

type NeedPrivacyListener = (resolve: PrivacyResolve, info?: { referrer?: string }) => void;

/** A consent sheet: shows the request, tells WeChat it is shown, and answers through `resolve`. */
export interface PrivacyHost {
  ask(resolve: PrivacyResolve): void;
}

const hosts: PrivacyHost[] = [];
let watching = false;

/** Registers the one listener (once; later calls do nothing). Where WeChat has no such API, nothing to do. */
export function watchPrivacy(): void {
  if (watching || typeof wx.onNeedPrivacyAuthorization !== 'function') return;
  watching = true;
  const listener: NeedPrivacyListener = (resolve) => {
    const host = hosts[hosts.length - 1];
    if (host) host.ask(resolve);
    else resolve({ event: 'disagree' });
  };
  wx.onNeedPrivacyAuthorization(listener as unknown as WechatMiniprogram.OnNeedPrivacyAuthorizationCallback);
}

/** Makes `host` the sheet asked from now on (until released, or another attaches on top); returns the release. */
export function hostPrivacy(host: PrivacyHost): () => void {
  hosts.push(host);
  return () => {
    const at = hosts.lastIndexOf(host);
    if (at >= 0) hosts.splice(at, 1);
  };
}

/** The contract's title as the console names it (设置 → 服务内容声明 → 用户隐私保护指引). */
export const CONTRACT_TITLE = '《联防隐私保护指引》';
export const CONTRACT_FAILED = '暂时无法打开隐私保护指引，请稍后再试';

/** Opens WeChat's page of this mini program's privacy contract; false when it could not. */
export function openContract(): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof wx.openPrivacyContract !== 'function') {
      resolve(false);
      return;
    }
    wx.openPrivacyContract({ success: () => resolve(true), fail: () => resolve(false) });
  });
}

/** How WeChat fails a privacy API: the fields of its fail callback that tell why. */
export interface ApiFailure {
  errMsg?: string;
  errno?: number;
}

/**
 * Why a privacy API was refused on privacy grounds: the user has not agreed to the contract
 * (errno 104), or the contract in the console does not declare what the API collects (errno 112,
 * a deployment mistake the user cannot fix); null for any other failure.
 */
export function privacyRefusal({ errMsg = '', errno }: ApiFailure): 'not-agreed' | 'not-declared' | null {
  if (errno === 112 || /not declared in the privacy agreement/i.test(errMsg)) return 'not-declared';
  if (errno === 104 || /privacy permission is not authori[sz]ed/i.test(errMsg)) return 'not-agreed';
  return null;
}
