/**
 * Where calls go. A build talks to CloudBase (`wx.cloud.callFunction`) unless a local runtime is
 * configured here; the local runtime (`npm start`) is used only in develop builds (DevTools,
 * preview from DevTools), never in trial or release builds, so `X-Openid` cannot leave a
 * developer's machine.
 */

export interface LocalRuntime {
  /** e.g. http://127.0.0.1:3000 — the server from `npm start`. */
  baseUrl: string;
}

export interface BuildConfig {
  /** CloudBase env id; undefined = the mini program's default environment. */
  cloudEnv?: string;
  /** Set to null to make develop builds talk to the cloud by default. */
  localRuntime: LocalRuntime | null;
}

export const BUILD_CONFIG: BuildConfig = {
  cloudEnv: undefined,
  localRuntime: { baseUrl: 'http://127.0.0.1:3000' },
};

/** wx storage keys for the developer's choices (develop builds only). */
export const DEV_STORAGE = {
  /** 'local' | 'cloud': overrides the default runtime of a develop build. */
  runtime: 'lf.dev.runtime',
  /** The demo account's openid sent as X-Openid to the local runtime. */
  openid: 'lf.dev.openid',
} as const;

export type Runtime = { kind: 'cloud'; env?: string } | { kind: 'local'; baseUrl: string };

export type EnvVersion = WechatMiniprogram.AccountInfo['miniProgram']['envVersion'];

/** Which build this is (develop / trial / release), or null when WeChat does not say. */
export function buildEnv(): EnvVersion | null {
  try {
    return wx.getAccountInfoSync().miniProgram.envVersion;
  } catch {
    return null;
  }
}

const isDevelopBuild = () => buildEnv() === 'develop';

/** The local runtime a developer may switch to, or null outside develop builds / when none is configured. */
export function availableLocalRuntime(): LocalRuntime | null {
  return BUILD_CONFIG.localRuntime && isDevelopBuild() ? BUILD_CONFIG.localRuntime : null;
}

/** The runtime calls go to right now. */
export function currentRuntime(): Runtime {
  const local = availableLocalRuntime();
  if (local && wx.getStorageSync(DEV_STORAGE.runtime) !== 'cloud') return { kind: 'local', baseUrl: local.baseUrl };
  return { kind: 'cloud', env: BUILD_CONFIG.cloudEnv };
}

/** Persists the developer's runtime choice (takes effect on the next call). */
export function chooseRuntime(kind: Runtime['kind']): void {
  wx.setStorageSync(DEV_STORAGE.runtime, kind);
}
