/**
 * Recognising what CloudBase's errors mean, across both SDKs: wx-server-sdk (errCode/errMsg,
 * numeric codes) and @cloudbase/node-sdk (code/message, string codes).
 */

/** CloudBase's code for a unique-index violation (docs.cloudbase.net/error-code/DATABASE_DUPLICATE_WRITE). */
const DUPLICATE_CODE = 'DATABASE_DUPLICATE_WRITE';
const DUPLICATE_TEXT = /DATABASE_DUPLICATE_WRITE|E11000|duplicate key/i;
/**
 * Generic failures under which wx-server-sdk reports a duplicate: it maps CloudBase's string
 * codes to numbers and has none for DATABASE_DUPLICATE_WRITE, so the code becomes -501001
 * (SYS_ERR) or -502001 (DATABASE_REQUEST_FAILED) and only the message keeps the cause.
 */
const GENERIC_CODES: ReadonlySet<unknown> = new Set([-501001, -502001, 'SYS_ERR', 'DATABASE_REQUEST_FAILED']);

interface SdkError {
  code?: unknown;
  errCode?: unknown;
  message?: unknown;
  errMsg?: unknown;
}
const texts = (e: SdkError) => [e.message, e.errMsg].filter((m): m is string => typeof m === 'string');

/** Whether an error from `add` says the `_id` (or a unique index key) already exists. */
export function isDuplicateKeyError(err: unknown): boolean {
  if (typeof err === 'string') return DUPLICATE_TEXT.test(err);
  if (!err || typeof err !== 'object') return false;
  const e = err as SdkError;
  if (e.code === DUPLICATE_CODE || e.errCode === DUPLICATE_CODE || e.code === 11000 || e.errCode === 11000) return true;
  return texts(e).some((m) => DUPLICATE_TEXT.test(m));
}

export const isGenericDbError = (err: unknown) =>
  !!err && typeof err === 'object' && (GENERIC_CODES.has((err as SdkError).code) || GENERIC_CODES.has((err as SdkError).errCode));

/** wx-server-sdk's doc().get() throws "document with _id … does not exist" for a missing id. */
export const isNotFound = (err: unknown) =>
  typeof err === 'string' ? /does not exist/.test(err) : !!err && typeof err === 'object' && texts(err as SdkError).some((m) => /does not exist/.test(m));
