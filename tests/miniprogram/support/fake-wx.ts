/**
 * A fake `wx` global per test, backed by a fake server. Both transports reach the same action
 * handlers: `wx.cloud.callFunction` (cloud) and `wx.request` to the local runtime (POST
 * /api/fn/<fn>, GET /api/dev/demo-accounts). Every call the server receives is recorded in
 * `calls`, with the transport and, for the local runtime, the X-Openid it carried.
 *
 * Also the phone around the calls: network events (`offline`, `reconnect`) and WeChat's privacy
 * check (`privacy`), which a fake privacy API runs through before answering.
 */
import type { ActionName, ActionRequest, ActionResponse } from '../../../typings/api';
import type { ApiErrorDetails, CallRequest, Envelope, ErrorCode, Reply } from '../../../typings/envelope';
import type { DemoAccount } from '../../../miniprogram/services/dev';

export const LOCAL_BASE_URL = 'http://127.0.0.1:3000';

/** Thrown by a handler: the server answers `{ ok: false, error }`. */
export class ServerFailure {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
    readonly details?: ApiErrorDetails,
  ) {}
}

export const failure = (code: ErrorCode, message: string, details?: ApiErrorDetails) => new ServerFailure(code, message, details);

export interface Caller {
  /** The X-Openid header (local runtime only). */
  openid?: string;
}

export type Handlers = {
  [A in ActionName]?: (data: ActionRequest<A>, caller: Caller) => ActionResponse<A> | Promise<ActionResponse<A>>;
};

export interface ServerCall {
  transport: 'cloud' | 'local';
  fn: string;
  action: string;
  data: unknown;
  openid?: string;
}

export interface FakeWxApi {
  getAccountInfoSync: jest.Mock<WechatMiniprogram.AccountInfo, []>;
  getStorageSync: jest.Mock<unknown, [string]>;
  setStorageSync: jest.Mock<void, [string, unknown]>;
  request: jest.Mock<void, [WechatMiniprogram.RequestOption]>;
  navigateTo: jest.Mock<void, [WechatMiniprogram.NavigateToOption]>;
  navigateBack: jest.Mock<void, [WechatMiniprogram.NavigateBackOption?]>;
  setNavigationBarTitle: jest.Mock<void, [WechatMiniprogram.SetNavigationBarTitleOption]>;
  reLaunch: jest.Mock<void, [WechatMiniprogram.ReLaunchOption]>;
  showToast: jest.Mock<void, [WechatMiniprogram.ShowToastOption]>;
  stopPullDownRefresh: jest.Mock<void, []>;
  onNetworkStatusChange: jest.Mock<void, [NetworkListener]>;
  offNetworkStatusChange: jest.Mock<void, [NetworkListener]>;
  onNeedPrivacyAuthorization: jest.Mock<void, [PrivacyListener]>;
  openPrivacyContract: jest.Mock<void, [WechatMiniprogram.OpenPrivacyContractOption]>;
  setClipboardData: jest.Mock<void, [WechatMiniprogram.SetClipboardDataOption]>;
  /** Answers 200 with a temporary path named after the URL's last segment (a test may replace it). */
  downloadFile: jest.Mock<void, [WechatMiniprogram.DownloadFileOption]>;
  openDocument: jest.Mock<void, [WechatMiniprogram.OpenDocumentOption]>;
  getAppBaseInfo: jest.Mock<{ fontSizeSetting: number; SDKVersion: string }, []>;
  getSystemInfoSync: jest.Mock<{ fontSizeSetting: number; SDKVersion: string }, []>;
  cloud: {
    init: jest.Mock<void, [ICloudConfig?]>;
    callFunction: jest.Mock<Promise<ICloud.CallFunctionResult>, [ICloud.CallFunctionParam]>;
  };
}

export interface FakeWxOptions {
  /** 'release' unless a test wants the local runtime ('develop'). */
  envVersion?: WechatMiniprogram.AccountInfo['miniProgram']['envVersion'];
  storage?: Record<string, unknown>;
  handlers?: Handlers;
  demoAccounts?: DemoAccount[];
  /** The server's clock, stamped on every envelope as `serverTime`; by default the phone's own. */
  serverNow?: () => number;
}

export interface FakeWx {
  wx: FakeWxApi;
  storage: Map<string, unknown>;
  handlers: Handlers;
  demoAccounts: DemoAccount[];
  /** What the server received, in order. */
  calls: ServerCall[];
  /** While true, every transport fails as with no signal. */
  offline: boolean;
  /** The signal comes back: calls go through again and the network listeners hear of it. */
  reconnect(): void;
  privacy: FakePrivacy;
  /** What the phone's clipboard holds ('' until something is copied). */
  clipboard: string;
  /** The server's clock (a test may replace it). */
  serverNow: () => number;
  /** WeChat's text size setting in px (16 at 标准; 24 is 1.5×). */
  fontSizeSetting: number;
  /** The calls of one action, their data only. */
  callsOf<A extends ActionName>(action: A): ActionRequest<A>[];
}

type NetworkListener = WechatMiniprogram.OnNetworkStatusChangeCallback;

/** What the app's listener tells WeChat through `resolve`. */
export type PrivacyAnswer = { event: 'exposureAuthorization' } | { event: 'agree'; buttonId: string } | { event: 'disagree' };
type PrivacyListener = (resolve: (answer: PrivacyAnswer) => void, info: { referrer: string }) => void;

/** How WeChat fails a privacy API. */
export interface PrivacyFailure {
  errMsg: string;
  errno: number;
}

/** WeChat's privacy check (《用户隐私保护指引》), as privacy APIs meet it. */
export interface FakePrivacy {
  /** The user has agreed to the contract (WeChat remembers it); true unless a test says otherwise. */
  agreed: boolean;
  /** The contract in the console declares what the APIs collect; when false they fail with errno 112. */
  declared: boolean;
  /** Every answer the app's listener gave, in order. */
  answers: PrivacyAnswer[];
  /** wx.openPrivacyContract fails (e.g. no contract configured yet). */
  contractFails: boolean;
  /**
   * A privacy API is called: resolves when it may run, rejects with WeChat's PrivacyFailure when it
   * may not. Not agreed yet, the app's listener (the last registered) is asked and the API waits
   * for `agree` or `disagree`; with no listener WeChat's own popup shows, and the user agrees.
   */
  check(api: string): Promise<void>;
}

type AnyHandler = (data: unknown, caller: Caller) => unknown;

/** What `wx.request` hands to `success`. */
export function httpReply(statusCode: number, data: unknown): WechatMiniprogram.RequestSuccessCallbackResult {
  return {
    statusCode,
    data: data as WechatMiniprogram.IAnyObject,
    header: {},
    cookies: [],
    errMsg: 'request:ok',
    useHttpDNS: false,
    exception: {} as WechatMiniprogram.RequestException,
    profile: {} as WechatMiniprogram.RequestProfile,
  };
}

/** What `wx.request` hands to `fail` when there is no signal. */
export function httpFailure(errMsg = 'request:fail timeout'): WechatMiniprogram.RequestFailCallbackErr {
  return { errMsg, errno: 5, useHttpDNS: false, exception: {} as WechatMiniprogram.RequestException };
}

export function installFakeWx(options: FakeWxOptions = {}): FakeWx {
  const storage = new Map<string, unknown>(Object.entries(options.storage ?? {}));
  const networkListeners = new Set<NetworkListener>();
  let privacyListener: PrivacyListener | null = null;

  const fake: FakeWx = {
    wx: undefined as unknown as FakeWxApi,
    storage,
    handlers: options.handlers ?? {},
    demoAccounts: options.demoAccounts ?? [],
    calls: [],
    offline: false,
    fontSizeSetting: 16,
    reconnect: () => {
      fake.offline = false;
      for (const listener of networkListeners) listener({ isConnected: true, networkType: 'wifi' });
    },
    privacy: {
      agreed: true,
      declared: true,
      answers: [],
      contractFails: false,
      check: (api) => {
        const privacy = fake.privacy;
        if (!privacy.declared)
          return Promise.reject<void>({ errMsg: `${api}:fail api scope is not declared in the privacy agreement`, errno: 112 } satisfies PrivacyFailure);
        if (privacy.agreed || !privacyListener) {
          privacy.agreed = true;
          return Promise.resolve();
        }
        const listener = privacyListener;
        return new Promise<void>((resolve, reject) => {
          listener(
            (answer) => {
              privacy.answers.push(answer);
              if (answer.event === 'agree') {
                privacy.agreed = true;
                resolve();
              } else if (answer.event === 'disagree') {
                reject({ errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 } satisfies PrivacyFailure);
              }
            },
            { referrer: api },
          );
        });
      },
    },
    clipboard: '',
    serverNow: options.serverNow ?? (() => Date.now()),
    callsOf: <A extends ActionName>(action: A) => fake.calls.filter((c) => c.action === action).map((c) => c.data as ActionRequest<A>),
  };

  async function serve(transport: ServerCall['transport'], fn: string, body: CallRequest, openid?: string): Promise<Envelope<unknown>> {
    fake.calls.push({ transport, fn, action: body.action, data: body.data, openid });
    const stamp = (reply: Reply<unknown>): Envelope<unknown> => ({ ...reply, serverTime: fake.serverNow() });
    const handler = fake.handlers[body.action as ActionName] as AnyHandler | undefined;
    if (!body.action.startsWith(`${fn}.`) || !handler) {
      return stamp({ ok: false, error: { code: 'NOT_FOUND', message: `没有这个操作：${body.action}` } });
    }
    try {
      return stamp({ ok: true, data: await handler(body.data, { openid }) });
    } catch (err) {
      if (err instanceof ServerFailure) return stamp({ ok: false, error: { code: err.code, message: err.message, details: err.details } });
      throw err;
    }
  }

  async function route(options: WechatMiniprogram.RequestOption): Promise<{ statusCode: number; data: unknown }> {
    const url = new URL(options.url);
    if (url.origin !== LOCAL_BASE_URL) return { statusCode: 404, data: 'not found' };
    if (options.method === 'GET' && url.pathname === '/api/dev/demo-accounts') return { statusCode: 200, data: fake.demoAccounts };
    const fn = /^\/api\/fn\/([a-z]+)$/.exec(url.pathname)?.[1];
    if (options.method !== 'POST' || !fn) return { statusCode: 404, data: 'not found' };
    const header = (options.header ?? {}) as Record<string, string | undefined>;
    return { statusCode: 200, data: await serve('local', fn, options.data as CallRequest, header['X-Openid']) };
  }

  const wx: FakeWxApi = {
    getAccountInfoSync: jest.fn(() => ({
      miniProgram: { appId: 'touristappid', envVersion: options.envVersion ?? 'release', version: '' },
      plugin: { appId: '', version: '' },
    })),
    getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
    setStorageSync: jest.fn((key: string, value: unknown) => {
      storage.set(key, value);
    }),
    request: jest.fn((opts: WechatMiniprogram.RequestOption) => {
      void Promise.resolve().then(async () => {
        if (fake.offline) {
          opts.fail?.(httpFailure());
          return;
        }
        const { statusCode, data } = await route(opts);
        opts.success?.(httpReply(statusCode, data));
      });
    }),
    navigateTo: jest.fn(),
    navigateBack: jest.fn(),
    setNavigationBarTitle: jest.fn(),
    reLaunch: jest.fn(),
    showToast: jest.fn(),
    stopPullDownRefresh: jest.fn(),
    onNetworkStatusChange: jest.fn((listener: NetworkListener) => {
      networkListeners.add(listener);
    }),
    offNetworkStatusChange: jest.fn((listener: NetworkListener) => {
      networkListeners.delete(listener);
    }),
    // WeChat keeps only the last listener registered.
    onNeedPrivacyAuthorization: jest.fn((listener: PrivacyListener) => {
      privacyListener = listener;
    }),
    openPrivacyContract: jest.fn((opts: WechatMiniprogram.OpenPrivacyContractOption) => {
      void Promise.resolve().then(() => {
        if (fake.privacy.contractFails) opts.fail?.({ errMsg: 'openPrivacyContract:fail' });
        else opts.success?.({ errMsg: 'openPrivacyContract:ok' });
      });
    }),
    // A privacy API (剪切板): it runs only once the privacy check lets it.
    setClipboardData: jest.fn((opts: WechatMiniprogram.SetClipboardDataOption) => {
      void fake.privacy.check('setClipboardData').then(
        () => {
          fake.clipboard = opts.data;
          opts.success?.({ errMsg: 'setClipboardData:ok' });
        },
        (err: PrivacyFailure) => opts.fail?.(err),
      );
    }),
    downloadFile: jest.fn((opts: WechatMiniprogram.DownloadFileOption) => {
      void Promise.resolve().then(() =>
        opts.success?.({ errMsg: 'downloadFile:ok', statusCode: 200, tempFilePath: `wxfile://tmp/${opts.url.split('/').pop()}` } as never),
      );
    }),
    openDocument: jest.fn((opts: WechatMiniprogram.OpenDocumentOption) => {
      void Promise.resolve().then(() => opts.success?.({ errMsg: 'openDocument:ok' }));
    }),
    getAppBaseInfo: jest.fn(() => ({ fontSizeSetting: fake.fontSizeSetting, SDKVersion: '3.4.0' })),
    getSystemInfoSync: jest.fn(() => ({ fontSizeSetting: fake.fontSizeSetting, SDKVersion: '3.4.0' })),
    cloud: {
      init: jest.fn(),
      callFunction: jest.fn(async ({ name, data }: ICloud.CallFunctionParam) => {
        if (fake.offline) throw { errMsg: 'cloud.callFunction:fail Error: network timeout' };
        return { errMsg: 'cloud.callFunction:ok', result: await serve('cloud', name, data as CallRequest) };
      }),
    },
  };
  fake.wx = wx;
  (globalThis as unknown as { wx: FakeWxApi }).wx = wx;
  return fake;
}

/** A handler that answers only when the test says so, to look at a page while it waits. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (err: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
