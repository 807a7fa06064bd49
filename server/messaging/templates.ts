/**
 * Subscription-message templates: for each purpose (TemplateName) the WeChat template id, whether
 * it is a long-term template (both from the environment: server/core/config.ts), and how an
 * outbox entry's semantic `values` fill the template's fields. The context that sends a
 * template declares it (TemplateDecl: its title, its default mapping and the values it puts in).
 *
 * Field rules (WeChat 订阅消息参数值内容限制), applied when sending; characters are counted as
 * Unicode code points, and a value that would be refused is cut or replaced, never sent as is:
 *   thing ≤ 20 any characters (cut to 19 + "…")        phrase ≤ 5 汉字 only
 *   name ≤ 10 汉字, or ≤ 20 letters/symbols            character_string ≤ 32 ASCII (cut to 29 + "...")
 *   number ≤ 32 digits, may have a decimal point      letter ≤ 32 letters     symbol ≤ 5 symbols
 *   time / date: from unix ms → "YYYY-MM-DD HH:mm" / "YYYY-MM-DD" in Asia/Shanghai
 *   amount ≤ 10 digits with a currency sign           phone_number ≤ 17 digits and symbols
 *   car_number ≤ 8 characters
 * An empty value is refused by WeChat (47003), so each type has a placeholder ("无", "-", "0");
 * an empty time falls back to the entry's creation time.
 */
import dayjs from 'dayjs';
import type { TemplateName } from '../../typings/messages';
import { readConfig, TEMPLATE_NAMES, templateEnvPrefix, type Config, type Env } from '../core/config';
import { TZ } from '../core/time';

export const FIELD_TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface TemplateField {
  /** WeChat's key in `data`, e.g. "thing1". */
  key: string;
  type: FieldType;
  /** The name in the outbox entry's `values`. */
  from: string;
}

export interface TemplateSpec {
  name: TemplateName;
  /** Chinese title, for people (dev outbox, logs). */
  title: string;
  id: string;
  longTerm: boolean;
  fields: TemplateField[];
}

export type TemplateSet = Readonly<Record<TemplateName, TemplateSpec>>;

/** What only whether a template is long-term matters to (consent). */
export type LongTermFlags = Readonly<Record<TemplateName, { longTerm: boolean }>>;

/** A template as its producer declares it: a title for people, and its default field mapping. */
export interface TemplateDecl {
  title: string;
  /** "thing1=title,time2=time": WeChat field key = value name. */
  fields: string;
}

const KEY_RE = /^([a-z_]+?)(\d+)$/;
const VALUE_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** "thing1" → "thing"; throws for a key whose prefix is not a WeChat field type. */
export function fieldType(key: string): FieldType {
  const m = KEY_RE.exec(key);
  const type = m?.[1] as FieldType | undefined;
  if (!type || !FIELD_TYPES.includes(type)) throw new Error(`template field "${key}": not a WeChat field key (type + number, e.g. thing1)`);
  return type;
}

/** Parses "thing1=title,time2=time" (the LF_TPL_<NAME>_FIELDS format). */
export function parseFields(spec: string, where = 'fields'): TemplateField[] {
  const fields = spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((pair) => {
      const [key, from, ...rest] = pair.split('=').map((s) => s.trim());
      if (!key || !from || rest.length || !VALUE_NAME_RE.test(from)) throw new Error(`${where}: "${pair}" should be <key>=<value name>`);
      return { key, type: fieldType(key), from };
    });
  if (!fields.length) throw new Error(`${where}: no fields`);
  if (new Set(fields.map((f) => f.key)).size !== fields.length) throw new Error(`${where}: a key appears twice`);
  return fields;
}

/** Every template, as configured; throws on a malformed field mapping (better loud than 47003 on every send). */
export function templateSet(settings: Config['templates'], decls: Readonly<Record<TemplateName, TemplateDecl>>): TemplateSet {
  const out = {} as Record<TemplateName, TemplateSpec>;
  for (const name of TEMPLATE_NAMES) {
    const { id, longTerm, fields } = settings[name];
    out[name] = { name, title: decls[name].title, id, longTerm, fields: parseFields(fields ?? decls[name].fields, `${templateEnvPrefix(name)}_FIELDS`) };
  }
  return out;
}

/** The templates as an environment configures them. */
export const loadTemplates = (env: Env, decls: Readonly<Record<TemplateName, TemplateDecl>>): TemplateSet => templateSet(readConfig(env).templates, decls);

// ---- values → WeChat field values ----

const chars = (s: string) => [...s];
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/** At most `max` characters; a longer text ends with `ellipsis` inside the limit. */
export function cut(s: string, max: number, ellipsis = ''): string {
  const cs = chars(s);
  if (cs.length <= max) return s;
  const keep = Math.max(0, max - chars(ellipsis).length);
  return cs.slice(0, keep).join('').trimEnd() + ellipsis;
}

const keep = (s: string, re: RegExp) =>
  chars(s)
    .filter((c) => re.test(c))
    .join('');
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const isMs = (s: string) => /^\d{10,}$/.test(s);

/** One value formatted and cut for a WeChat field type. `fallbackMs` stands in for a missing time. */
export function formatField(type: FieldType, raw: string | undefined, fallbackMs?: number): string {
  const s = oneLine(String(raw ?? ''));
  switch (type) {
    case 'thing':
      return s ? cut(s, 20, '…') : '无';
    case 'phrase':
      return cut(keep(s, HAN), 5) || '无';
    case 'name': {
      const han = keep(s, /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff·]/u);
      if (HAN.test(s)) return cut(han, 10) || '无';
      return cut(keep(s, /[\x21-\x7e ]/), 20).trim() || '无';
    }
    case 'character_string':
      return cut(keep(s, /[\x21-\x7e]/), 32, '...') || '-';
    case 'number':
      return cut(/-?\d+(\.\d+)?/.exec(s)?.[0] ?? '', 32) || '0';
    case 'letter':
      return cut(keep(s, /[A-Za-z]/), 32) || 'N';
    case 'symbol':
      return cut(keep(s, /[^\p{L}\p{N}\s]/u), 5) || '-';
    case 'time':
    case 'date': {
      const format = type === 'time' ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD';
      const ms = isMs(s) ? Number(s) : !s && fallbackMs !== undefined ? fallbackMs : undefined;
      if (ms !== undefined) return dayjs(ms).tz(TZ).format(format);
      return cut(s, 32) || '-';
    }
    case 'amount': {
      const n = /\d+(\.\d+)?/.exec(s)?.[0] ?? '0';
      const digits = n.replace('.', '').length > 10 ? cut(n.split('.')[0], 10) : n;
      return `¥${digits}`;
    }
    case 'phone_number':
      return cut(keep(s, /[0-9+\-()]/), 17) || '-';
    case 'car_number':
      return cut(s.replace(/[\s·•-]/g, ''), 8) || '-';
  }
}

/** The `data` of subscribeMessage.send for an entry's values. */
export function renderData(spec: TemplateSpec, values: Record<string, string>, fallbackMs?: number): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const f of spec.fields) data[f.key] = { value: formatField(f.type, values[f.from], fallbackMs) };
  return data;
}
