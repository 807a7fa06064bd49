/**
 * WeChat's calling convention for asynchronous APIs: `success` / `fail` / `complete` callbacks,
 * or, when none is given, a Promise. Results carry `errMsg: '<api>:ok'`; failures
 * `errMsg: '<api>:fail <reason>'` (and `errno` where WeChat gives one).
 */

export interface ApiFailure {
  errMsg: string;
  errno?: number;
  errCode?: number;
}

/** A failure of `api` for `reason`. */
export function failure(api: string, reason: string, extra: Omit<ApiFailure, 'errMsg'> = {}): ApiFailure {
  return { errMsg: `${api}:fail ${reason}`, ...extra };
}

export function isFailure(value: unknown): value is ApiFailure {
  return typeof value === 'object' && value !== null && typeof (value as ApiFailure).errMsg === 'string';
}

interface Callbacks<R> {
  success?: (res: R & { errMsg: string }) => void;
  fail?: (err: ApiFailure) => void;
  complete?: (res: (R & { errMsg: string }) | ApiFailure) => void;
}

/**
 * An asynchronous API from `run`, which resolves with the result (without errMsg) or rejects
 * with an ApiFailure (anything else thrown becomes one).
 */
export function asyncApi<O extends object, R extends object>(api: string, run: (options: O) => Promise<R>) {
  return (options?: O & Callbacks<R>): Promise<R & { errMsg: string }> | undefined => {
    const opts = (options ?? {}) as O & Callbacks<R>;
    const settled = (async () => ({ ...(await run(opts)), errMsg: `${api}:ok` }))().catch((err: unknown) => {
      throw isFailure(err) ? err : failure(api, err instanceof Error ? err.message : String(err));
    });
    if (!opts.success && !opts.fail && !opts.complete) return settled;
    settled.then(
      (res) => {
        opts.success?.(res);
        opts.complete?.(res);
      },
      (err: ApiFailure) => {
        opts.fail?.(err);
        opts.complete?.(err);
      },
    );
    return undefined;
  };
}
