/**
 * The call envelope shared by the mini program, the cloud functions and the local runtime.
 * Types only — nothing here runs.
 *
 * Request:  { action: "<function>.<verb>", data: {...} }
 * Response: { ok: true, data, serverTime } | { ok: false, error: { code, message (zh-CN), details }, serverTime }
 */

export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'CONFLICT' | 'FAILED_PRECONDITION' | 'RATE_LIMITED' | 'INTERNAL';

export interface ApiErrorDetails {
  /** Dotted path of the offending request field, e.g. "data.phone". */
  field?: string;
  [key: string]: unknown;
}

export interface ApiError {
  code: ErrorCode;
  /** Shown to the user as is: Chinese, plain. */
  message: string;
  details?: ApiErrorDetails;
}

/**
 * Every reply, success or not. `serverTime` is the server's clock (unix ms) when it answered:
 * phones measure their own clock's offset from it, so codes and gate decisions use the
 * server's time even where the phone's clock is wrong.
 */
export type Envelope<T> = Reply<T> & { serverTime: number };

/** An envelope before it is stamped with the server's time. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export interface CallRequest<A extends string = string, D = unknown> {
  action: A;
  data: D;
}
