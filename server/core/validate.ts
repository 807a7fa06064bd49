/**
 * Request validation at the edge: zod schemas, every object strict (unknown fields rejected),
 * failures turned into INVALID_ARGUMENT with a Chinese message naming the field.
 *
 * Schemas are written with zod/mini, the functional build: a bundle carries only the schema
 * types and checks it uses, and no locales (messages are ours, in Chinese, made here).
 */
import * as z from 'zod/mini';
import { PHONE_PATTERN } from '../../miniprogram/shared/phone';
import { invalid } from './errors';

/** Chinese labels for request fields, by dotted path inside `data` (e.g. "phone", "household.unit"). */
export type FieldLabels = Record<string, string>;

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  object: '对象',
  array: '列表',
};

const UNIT: Record<string, string> = { string: '个字', array: '项' };

function describe(issue: z.core.$ZodIssue, missing: boolean): string {
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return '不能为空';
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const unit = UNIT[issue.origin] ?? '';
      return unit ? `至少 ${issue.minimum} ${unit}` : `不能小于 ${issue.minimum}`;
    }
    case 'too_big': {
      const unit = UNIT[issue.origin] ?? '';
      return unit ? `最多 ${issue.maximum} ${unit}` : `不能大于 ${issue.maximum}`;
    }
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return `取值无效，可选：${issue.values.map(String).join('、')}`;
    case 'not_multiple_of':
      return '数值不符合要求';
    case 'custom':
      return issue.params?.reason === CONTROL_REASON ? '不能包含控制字符或文字方向控制符' : '不符合要求';
    default:
      return '不符合要求';
  }
}

function pathOf(issue: z.core.$ZodIssue): string[] {
  const path = issue.path.map(String);
  // An unknown key is reported on its parent; name the key itself.
  if (issue.code === 'unrecognized_keys') return [...path, issue.keys[0]];
  return path;
}

/** Parses `data` or throws INVALID_ARGUMENT naming the first offending field (as "data.<path>"). */
export function parse<T>(schema: z.core.$ZodType<T>, data: unknown, labels: FieldLabels = {}): T {
  const result = z.safeParse(schema, data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = pathOf(issue);
  const key = path.join('.');
  const field = ['data', ...path].join('.');
  if (issue.code === 'unrecognized_keys') {
    return fail(field, `不支持的字段「${key}」`);
  }
  const label = labels[key] ?? labels[path.filter((p) => !/^\d+$/.test(p)).join('.')] ?? key;
  // A message set on the schema itself (`{ error: '…' }`) is already a full sentence.
  const own = issue.message && !issue.message.startsWith('Invalid') && /[\u4e00-\u9fa5]/.test(issue.message);
  const missing = valueAt(data, issue.path) === undefined;
  const message = own ? issue.message : label ? `「${label}」${describe(issue, missing)}` : `请求内容${describe(issue, missing)}`;
  return fail(field, message);
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), data);
}

function fail(field: string, message: string): never {
  throw invalid(field, message);
}

/** `error` as a check's params: it replaces the message parse() would make from the issue. */
const withMessage = (error?: string) => (error ? { error } : undefined);

const CONTROL_REASON = 'control';
/**
 * What no text field stores: C0 and C1 control characters and DEL (terminal escapes, NUL), and the
 * marks and overrides that reorder text on screen (U+061C, U+200E/F, U+202A–E, U+2066–9), so a name
 * or a title shows to others as it was typed. Line and paragraph separators too (U+2028/9).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
/** The same, but newline and tab pass: multiline text. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const without = (re: RegExp) => z.refine<string>((s) => !re.test(s), { params: { reason: CONTROL_REASON } });

/** Trimmed, non-empty, bounded text on one line: no control characters. */
export const text = (min: number, max: number) => z.string().check(z.trim(), without(CONTROL), z.minLength(min), z.maxLength(max));

/** Trimmed, bounded text that may run over lines: newlines (\r\n made \n) and tabs, no other control characters. */
export const multiline = (min: number, max: number) =>
  z.string().check(
    z.overwrite<string>((s) => s.replace(/\r\n?/g, '\n')),
    z.trim(),
    without(CONTROL_BUT_LINES),
    z.minLength(min),
    z.maxLength(max),
  );

/** A string of at most `max` characters, as sent, with no control characters. */
export const upTo = (max: number, error?: string) => z.string().check(without(CONTROL), z.maxLength(max, withMessage(error)));

/** A string matching `re`, else `error`. */
export const matching = (re: RegExp, error: string) => z.string().check(z.regex(re, { error }));

/** An id as clients send it: short, no spaces or control characters. */
export const id = () => matching(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确');

/** A WeChat openid. */
export const openid = () => matching(/^[A-Za-z0-9_-]{6,64}$/, '用户标识格式不正确');

/** The check for a mainland China mobile number, on a string schema that trims it or not. */
export const isPhone = () => z.regex(PHONE_PATTERN, { error: '手机号应为 11 位中国大陆手机号' });

/** A mobile number as typed: trimmed, then checked. */
export const phone = () => z.string().check(z.trim(), isPhone());

/** A person's name: 2–20 Chinese characters, letters, spaces or the middle dot. */
export const personName = () => text(2, 20).check(z.regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, { error: '姓名只能包含汉字、字母和间隔号' }));

/** A building unit number: 1–6 digits or letters. */
export const unitNo = () => z.string().check(z.trim(), z.regex(/^[0-9A-Za-z]{1,6}$/, { error: '单元号应为 1–6 位数字或字母' }));

/** A room number: 1–8 digits, letters or dashes. */
export const roomNo = () => z.string().check(z.trim(), z.regex(/^[0-9A-Za-z-]{1,8}$/, { error: '房号应为 1–8 位数字或字母' }));

/** An integer in [min, max]. */
export const intRange = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

/** A number in [min, max]; `error`, if given, for either bound. */
export const numberIn = (min: number, max: number, error?: string) => z.number().check(z.minimum(min, withMessage(error)), z.maximum(max, withMessage(error)));

/** A list of `min`–`max` items. */
export const listOf = <T extends z.core.$ZodType>(item: T, min: number, max: number) => z.array(item).check(z.minLength(min), z.maxLength(max));

/** The paging fields of a list request: the cursor the last page returned and a page size. */
export const paging = (maxLimit = 200, maxCursor = 512) => ({
  cursor: z.optional(upTo(maxCursor)),
  limit: z.optional(intRange(1, maxLimit)),
});
