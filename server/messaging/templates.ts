/**
 * Subscription-message templates as the sender uses them: for each purpose (TemplateName) the
 * entry of the template file (miniprogram/shared/templates.ts: the WeChat id the phone asks
 * consent with, the long-term flag, WeChat's field keys → value names), checked against what the
 * context sending it declares it fills (TemplateDecl), and how those values are cut to fit.
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
import type { TemplateName, TemplateValues } from '../../typings/messages';
import type { TemplateEntry, TemplateTable } from '../../miniprogram/shared/templates';
import { TEMPLATE_NAMES } from '../core/config';
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

/** A template as the context sending it declares it: every value its pushes fill, with what it holds. */
export interface TemplateDecl<N extends TemplateName = TemplateName> {
  values: Readonly<Record<TemplateValues[N], string>>;
}

/** What a push of template N puts in `values` (`values: { … } satisfies TemplateFill<'notice'>`): every value its fields show. */
export type TemplateFill<N extends TemplateName> = Record<TemplateValues[N], string>;

/** What the contexts declare: a context, the templates it sends; the composition, every template. */
export type TemplateDecls = { readonly [N in TemplateName]?: TemplateDecl<N> };
export type AllTemplateDecls = Required<TemplateDecls>;

const KEY_RE = /^([a-z_]+?)(\d+)$/;

/** "thing1" → "thing"; throws for a key whose prefix is not a WeChat field type. */
export function fieldType(key: string): FieldType {
  const m = KEY_RE.exec(key);
  const type = m?.[1] as FieldType | undefined;
  if (!type || !FIELD_TYPES.includes(type)) throw new Error(`template field "${key}": not a WeChat field key (type + number, e.g. thing1)`);
  return type;
}

/** An entry of the template file, its value names taken as text. */
type Entry = Omit<TemplateEntry, 'fields'> & { fields: Readonly<Record<string, string>> };

/** One entry of the template file as the sender uses it; throws on a key that is not WeChat's. */
export function templateSpec(name: TemplateName, entry: Entry): TemplateSpec {
  const fields = Object.entries(entry.fields).map(([key, from]) => ({ key, type: fieldType(key), from }));
  if (!fields.length) throw new Error(`template ${name}: no fields`);
  return { name, title: entry.title, id: entry.id.trim(), longTerm: entry.longTerm, fields };
}

/**
 * Where the template file and the senders disagree, in words ([] when they agree): a value the
 * file maps that no sender fills (sent as "无" forever), or one a sender fills that no field shows.
 */
export function disagreements(name: TemplateName, entry: Entry, decl: { values: object } | undefined): string[] {
  if (!decl) return [`template ${name}: no context sends it`];
  const mapped = new Set<string>(Object.values(entry.fields));
  const filled = new Set(Object.keys(decl.values));
  return [
    ...[...mapped].filter((v) => !filled.has(v)).map((v) => `template ${name}: a field shows "${v}", which nothing fills`),
    ...[...filled].filter((v) => !mapped.has(v)).map((v) => `template ${name}: "${v}" is filled but no field shows it`),
  ];
}

/** Every template, checked against what the contexts fill; throws on any disagreement (better loud than a wrong message on every send). */
export function templateSet(table: TemplateTable, decls: TemplateDecls): TemplateSet {
  const problems = TEMPLATE_NAMES.flatMap((name) => disagreements(name, table[name], decls[name]));
  if (problems.length) throw new Error(`the template file (miniprogram/shared/templates.ts) and the server disagree:\n${problems.join('\n')}`);
  const out = {} as Record<TemplateName, TemplateSpec>;
  for (const name of TEMPLATE_NAMES) out[name] = templateSpec(name, table[name]);
  return out;
}

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
