/**
 * One phone: the mini program running in this frame as the account in `?as=` (each account is
 * its own phone, with its own storage), from `?from=source|compiled`, opening the page in the
 * hash (`#/resident/pages/pass/pass?x=1`, else app.json's first page). Sets up what the phone's
 * runtime gives the code (wx, Component, App, getApp, getCurrentPages), runs app.js, opens the
 * page, and keeps the hash and the shell told of the page stack.
 */
import * as jComponent from 'j-component';
import * as exparser from 'miniprogram-exparser';
import type { AppBundle, PageBundle, PreviewError } from '../../protocol';
import type { PhoneHandle, PhoneReport } from '../shared';
import { defineBuiltins, definedBuiltins } from './builtins';
import { Engine, type Gwx } from './engine';
import { deliverTaps } from './events';
import { ModuleRegistry } from './modules';
import { queryString, Router } from './router';
import { phoneState } from './state';
import { notice } from './ui';
import { networkChanged } from './wx/device';
import { createWx } from './wx/index';
import './phone.css';

/** The openid the mini program's develop build sends as X-Openid (services/config.ts DEV_STORAGE.openid). */
const DEV_OPENID_KEY = 'lf.dev.openid';

const params = new URLSearchParams(location.search);
const account = params.get('as') ?? '';
const source = params.get('from') === 'compiled' ? 'compiled' : 'source';
const base = `/preview/mp/${source}`;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  const body = (await res.json()) as T | PreviewError;
  if (!res.ok) throw new Error((body as PreviewError).error ?? `HTTP ${res.status}`);
  return body as T;
}

/** The page the hash names ('/resident/pages/pass/pass?x=1'), or ''. */
function hashUrl(): string {
  const hash = decodeURI(location.hash.replace(/^#/, ''));
  return hash && hash !== '/' ? hash : '';
}

function showFatal(message: string): void {
  const pages = document.getElementById('lf-pages')!;
  pages.replaceChildren(Object.assign(document.createElement('div'), { className: 'lf-fatal', textContent: message }));
  notice(message, 'error');
}

interface AppInstance {
  onLaunch?(options: unknown): void;
  onShow?(options: unknown): void;
  onHide?(): void;
  globalData?: unknown;
}

/** The status bar's clock: the computer's time (the mini program keeps its own, from the server). */
function showClock(): void {
  const el = document.getElementById('lf-clock')!;
  const tick = () => {
    const d = new Date();
    el.textContent = `${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')}`;
  };
  tick();
  setInterval(tick, 10_000);
}

async function boot(): Promise<void> {
  document.getElementById('lf-account')!.textContent = account || '未选账号';
  const gwx = (window as unknown as { __lfGwx?: Gwx }).__lfGwx;
  if (typeof gwx !== 'function') throw new Error('WXML 编译结果没有加载（/preview/mp/…/wxml.js）');
  const app = await getJson<AppBundle>(`${base}/app.json`);

  exparser.addGlobalErrorListener((error, info) => {
    notice(`页面脚本出错：${error instanceof Error ? error.message : String(error)}（${info.message}）`, 'error');
  });
  window.addEventListener('error', (e) => notice(`页面脚本出错：${e.message}`, 'error'));
  window.addEventListener('unhandledrejection', (e) => {
    const reason = e.reason as { message?: string; errMsg?: string } | undefined;
    notice(`未处理的失败：${reason?.message ?? reason?.errMsg ?? String(e.reason)}`, 'error');
  });

  const state = phoneState(account || 'anonymous');
  const modules = new ModuleRegistry();
  modules.add(app.modules);
  const engine = new Engine(modules, gwx, app.css);
  const report = () => {
    const stack = router.items();
    const top = stack[stack.length - 1];
    if (top) history.replaceState(null, '', `#/${top.path}${Object.keys(top.query).length ? `?${queryString(top.query)}` : ''}`);
    const message: PhoneReport = { type: 'lf-phone', account, stack };
    window.parent?.postMessage(message, location.origin);
  };
  const router = new Router(engine, app, (path) => getJson<PageBundle>(`${base}/page?path=${encodeURIComponent(path)}`), report);

  const wx = createWx({
    account: account || 'anonymous',
    state,
    router,
    appId: app.appId,
    libVersion: app.libVersion,
    permissions: app.json.permission ?? {},
    builtins: definedBuiltins(),
  });
  const storage = wx as { getStorageSync(key: string): unknown; setStorageSync(key: string, value: unknown): void };
  if (account && storage.getStorageSync(DEV_OPENID_KEY) === '') storage.setStorageSync(DEV_OPENID_KEY, account);

  let appInstance: AppInstance | null = null;
  Object.assign(window, {
    wx,
    Component: engine.Component,
    Behavior: (definition: object) => jComponent.behavior(definition as never),
    // WeChat turns a Page() definition into a component whose methods are its functions.
    Page: (options: Record<string, unknown>) => {
      const methods = Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v === 'function'));
      engine.Component({ data: (options.data as object) ?? {}, methods } as never);
    },
    App: (options: AppInstance) => {
      appInstance = options;
    },
    getApp: () => appInstance,
    getCurrentPages: () => router.stack.map((p) => p.instance),
  });
  defineBuiltins();
  deliverTaps(document.getElementById('lf-pages')!);
  document.getElementById('lf-back')!.onclick = () => router.stack.length > 1 && router.navigateBack(1);
  document.getElementById('lf-home')!.onclick = () =>
    void router.reLaunch(`/${router.home}`).catch((err: Error) => notice(`页面加载失败：${err.message}`, 'error'));
  showClock();

  if (app.json.tabBar) notice('预览还没有 tabBar：app.json 配置了它，但预览不显示底部标签栏，wx.switchTab 也会失败');
  modules.require('app.js');
  let first = hashUrl() || `/${router.home}`;
  try {
    router.resolve(first);
  } catch (err) {
    notice(`打不开 ${first}（${(err as Error).message}），已打开首页`, 'error');
    first = `/${router.home}`;
  }
  const start = router.resolve(first);
  const launch = { path: start.path, query: start.query, scene: 1001, referrerInfo: {} };
  (appInstance as AppInstance | null)?.onLaunch?.(launch);
  (appInstance as AppInstance | null)?.onShow?.(launch);
  await router.reLaunch(first);

  document.addEventListener('visibilitychange', () => {
    const visible = document.visibilityState === 'visible';
    router.setVisible(visible);
    const instance = appInstance as AppInstance | null;
    if (visible) instance?.onShow?.(launch);
    else instance?.onHide?.();
  });
  window.addEventListener('online', () => networkChanged(!state.settings().offline));
  window.addEventListener('offline', () => networkChanged(false));
  if (state.settings().offline) networkChanged(false);

  const handle: PhoneHandle = {
    account,
    back: () => {
      if (router.stack.length > 1) router.navigateBack(1);
    },
    open: (url, how) => {
      const go = how === 'reLaunch' ? router.reLaunch(url) : router.navigateTo(url);
      go.catch((err: Error) => notice(`打不开 ${url}：${err.message}`, 'error'));
    },
    refresh: () => router.startPullDownRefresh(),
    settings: () => state.settings(),
    updateSettings: (patch) => {
      const before = state.settings();
      const after = state.updateSettings(patch);
      if (before.offline !== after.offline) networkChanged(!after.offline && navigator.onLine);
    },
    forgetPermissions: () => state.updateMemory({ privacyAgreed: false, scopes: {} }),
    pages: () => router.registered(),
    stack: () => router.items(),
  };
  Object.assign(window, { lfPhone: handle });
  report();
}

boot().catch((err: unknown) => showFatal(`预览启动失败：${err instanceof Error ? err.message : String(err)}`));
