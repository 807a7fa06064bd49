import type { ApiError, ApiErrorDetails, ErrorCode } from '../../typings/envelope';

/** A failure meant for the caller: becomes `{ ok: false, error }` at the edge. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export const invalid = (field: string, message: string, extra?: Omit<ApiErrorDetails, 'field'>) =>
  new AppError('INVALID_ARGUMENT', message, { field, ...extra });
export const forbidden = (message = '没有权限执行此操作') => new AppError('FORBIDDEN', message);
export const notFound = (message: string, details?: ApiErrorDetails) => new AppError('NOT_FOUND', message, details);
export const conflict = (message: string, details?: ApiErrorDetails) => new AppError('CONFLICT', message, details);
export const precondition = (message: string, details?: ApiErrorDetails) => new AppError('FAILED_PRECONDITION', message, details);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', '未能识别您的身份，请在微信中重新打开小程序');

/** Too many calls: try again after `retryAfterMs` (the caller's window of this action ends then). */
export function rateLimited(retryAfterMs: number) {
  const s = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = s < 120 ? `${s} 秒` : s < 7200 ? `${Math.ceil(s / 60)} 分钟` : `${Math.ceil(s / 3600)} 小时`;
  return new AppError('RATE_LIMITED', `操作太频繁，请 ${wait}后再试`, { retryAfterMs });
}
