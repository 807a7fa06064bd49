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
