/**
 * Request validation at the edge: zod schemas, every object strict (unknown fields rejected),
 * failures turned into INVALID_ARGUMENT with a Chinese message naming the field.
 */
import { z } from 'zod';
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
export function parse<T>(schema: z.ZodType<T>, data: unknown, labels: FieldLabels = {}): T {
  const result = schema.safeParse(data);
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

/** Trimmed, non-empty, bounded text. */
export const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** An id as clients send it: short, no spaces or control characters. */
export const id = () => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '编号格式不正确' });

/** A mainland China mobile number. */
export const PHONE_RE = /^1[3-9]\d{9}$/;

/** A mobile number as typed: trimmed, then checked. */
export const phone = () => z.string().trim().regex(PHONE_RE, { error: '手机号应为 11 位中国大陆手机号' });

/** A person's name: 2–20 Chinese characters, letters, spaces or the middle dot. */
export const personName = () => text(2, 20).regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, { error: '姓名只能包含汉字、字母和间隔号' });

/** A WeChat openid. */
export const openid = () => z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, { error: '用户标识格式不正确' });
