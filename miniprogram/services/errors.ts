import type { ApiErrorDetails, ErrorCode } from '../../typings/envelope';

/** The server's codes plus the one the client makes itself when the server cannot be reached. */
export type CallErrorCode = ErrorCode | 'NETWORK';

/** A failed call, as the page shows it: `message` is Chinese and fit for the user as is. */
export class ApiCallError extends Error {
  readonly code: CallErrorCode;
  readonly details: ApiErrorDetails;

  constructor(code: CallErrorCode, message: string, details: ApiErrorDetails = {}) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
    this.details = details;
  }

  /** The offending request field, e.g. "data.phone", when the server named one. */
  get field(): string | undefined {
    return this.details.field;
  }
}

export const NETWORK_MESSAGE = '无法连接服务器，请检查网络后重试';

export function networkError(errMsg?: string): ApiCallError {
  return new ApiCallError('NETWORK', NETWORK_MESSAGE, errMsg ? { errMsg } : {});
}

/** Whatever was thrown, as something a page can show. */
export function toCallError(err: unknown): ApiCallError {
  if (err instanceof ApiCallError) return err;
  const errMsg = err instanceof Error ? err.message : (err as { errMsg?: string } | null)?.errMsg;
  return new ApiCallError('INTERNAL', '出了点问题，请稍后重试', errMsg ? { errMsg } : {});
}
