/**
 * Navigation, the navigation bar and pull-down refresh, over the phone's page stack (router.ts).
 * A page that cannot be loaded (the runtime unreachable) fails the call and says why on screen.
 */
import type { Router } from '../router';
import { notice } from '../ui';
import { asyncApi, failure } from './callbacks';

/** WeChat's own reasons pass through; anything else is a page that failed to load. */
function navigation(api: string, go: (router: Router, url: string) => Promise<void> | void, router: Router) {
  return asyncApi(api, async ({ url = '' }: { url?: string }) => {
    try {
      await go(router, url);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (!/is not found|limit exceed|first page/.test(reason)) notice(`页面加载失败：${reason}`, 'error');
      throw failure(api, reason);
    }
    return {};
  });
}

export function navigationApi(router: Router) {
  return {
    navigateTo: navigation('navigateTo', (r, url) => r.navigateTo(url), router),
    redirectTo: navigation('redirectTo', (r, url) => r.redirectTo(url), router),
    reLaunch: navigation('reLaunch', (r, url) => r.reLaunch(url), router),
    switchTab: asyncApi('switchTab', async () => {
      // app.json has no tabBar: WeChat refuses, and so does the preview.
      throw failure('switchTab', 'can not switch to no-tabBar page');
    }),
    navigateBack: asyncApi('navigateBack', async ({ delta = 1 }: { delta?: number }) => {
      try {
        router.navigateBack(delta);
      } catch (err) {
        throw failure('navigateBack', err instanceof Error ? err.message : String(err));
      }
      return {};
    }),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', async ({ title = '' }: { title?: string }) => {
      router.setTitle(title);
      return {};
    }),
    startPullDownRefresh: asyncApi('startPullDownRefresh', async () => {
      if (!router.startPullDownRefresh()) throw failure('startPullDownRefresh', 'page does not enable pull down refresh');
      return {};
    }),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', async () => {
      router.stopPullDownRefresh();
      return {};
    }),
    pageScrollTo: asyncApi('pageScrollTo', async ({ scrollTop = 0, duration = 300 }: { scrollTop?: number; duration?: number }) => {
      router.top()?.frame.scrollTo({ top: scrollTop, behavior: duration > 0 ? 'smooth' : 'auto' });
      return {};
    }),
  };
}
