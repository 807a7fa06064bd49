/**
 * A building's census from a sheet: one row per person (a vacant room: one row with 状态 空置 and
 * no name), grouped into households by unit and room. Every row is checked; the errors name the
 * row and the column, and nothing is written while any row is wrong.
 *
 * Columns (header row, in any order; the names a leader would write): 单元, 房号, 姓名, 关系,
 * 手机号, 出生年份, 标记 (独居老人、残疾、慢性病、孕妇、婴幼儿、需送药, separated by 、，,;/ or spaces),
 * 党员 (是/否), 状态 (空置 or empty).
 */
import * as z from 'zod/mini';
import type { CensusFlag, ImportRowError, MemberInput, Relation } from '../../typings/census';
import { personName, phone, unitNo } from '../core/validate';
import { FLAG_LABELS, RELATION_LABELS } from './model';
import type { Rows } from './sheet';

type Column = 'unit' | 'room' | 'name' | 'relation' | 'phone' | 'birthYear' | 'flags' | 'party' | 'status';

const HEADERS: Record<Column, readonly string[]> = {
  unit: ['单元', '单元号'],
  room: ['房号', '房间号', '门牌号', '户号'],
  name: ['姓名', '成员姓名'],
  relation: ['关系', '与户主关系'],
  phone: ['手机号', '手机', '电话', '联系电话'],
  birthYear: ['出生年份', '出生年', '出生年月'],
  flags: ['标记', '重点人群', '特殊情况'],
  party: ['党员', '是否党员'],
  status: ['状态', '居住状态'],
};
const REQUIRED: readonly Column[] = ['unit', 'room', 'name', 'relation', 'birthYear'];
export const COLUMN_LABELS: Record<Column, string> = {
  unit: '单元',
  room: '房号',
  name: '姓名',
  relation: '关系',
  phone: '手机号',
  birthYear: '出生年份',
  flags: '标记',
  party: '党员',
  status: '状态',
};

const byLabel = <K extends string>(labels: Record<K, string>) => new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));
const RELATION_BY_LABEL = new Map<string, Relation>([
  ...byLabel(RELATION_LABELS),
  ['本人', 'head'],
  ['妻子', 'spouse'],
  ['丈夫', 'spouse'],
  ['儿子', 'child'],
  ['女儿', 'child'],
]);
const FLAG_BY_LABEL = new Map<string, CensusFlag>([
  ...byLabel(FLAG_LABELS),
  ['独居', 'elderlyAlone'],
  ['残疾人', 'disabled'],
  ['婴儿', 'infant'],
  ['幼儿', 'infant'],
]);

export interface SheetHousehold {
  unit: string;
  room: string;
  status: 'occupied' | 'vacant';
  members: MemberInput[];
  /** The first row of the household, for errors. */
  row: number;
}

const check = (schema: z.core.$ZodType<string>, v: string) => {
  const r = z.safeParse(schema, v);
  return r.success ? { value: r.data } : { error: r.error.issues[0].message };
};

/** Households from the rows, or the errors of every wrong row. */
export function householdsFromRows(rows: Rows, year: number): { households: SheetHousehold[]; errors: ImportRowError[]; rows: number } {
  const errors: ImportRowError[] = [];
  if (!rows.length) return { households: [], errors: [{ row: 1, column: '表头', message: '文件是空的' }], rows: 0 };
  const header = rows[0];
  const col = {} as Record<Column, number>;
  for (const [key, names] of Object.entries(HEADERS) as Array<[Column, readonly string[]]>)
    col[key] = header.findIndex((h) => names.includes(h.replace(/\s/g, '')));
  const missing = REQUIRED.filter((c) => col[c] < 0);
  if (missing.length)
    return {
      households: [],
      errors: missing.map((c) => ({ row: 1, column: COLUMN_LABELS[c], message: `表头缺少「${COLUMN_LABELS[c]}」列` })),
      rows: rows.length - 1,
    };
  const households = new Map<string, SheetHousehold>();
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const cell = (c: Column) => (col[c] >= 0 ? (cells[col[c]] ?? '').trim() : '');
    if (cells.every((c) => c.trim() === '')) return;
    const fail = (c: Column, message: string) => errors.push({ row, column: COLUMN_LABELS[c], message });
    const before = errors.length;
    const unit = check(unitNo(), cell('unit').replace(/单元$/, ''));
    if (unit.error) fail('unit', unit.error);
    const room = check(unitNo(), cell('room').replace(/室$/, ''));
    if (room.error) fail('room', room.error);
    const status = cell('status');
    const vacant = status === '空置' || status === '空房';
    if (status && !vacant && status !== '居住' && status !== '有人居住') fail('status', '「状态」只能填 空置 或留空');
    const key = `${unit.value}-${room.value}`;
    const known = households.get(key);
    if (vacant) {
      if (cell('name')) fail('name', '空置房屋这一行不应填写姓名');
      if (known) fail('status', `${key} 已有成员，不能同时标为空置`);
      if (errors.length === before) households.set(key, { unit: unit.value!, room: room.value!, status: 'vacant', members: [], row });
      return;
    }
    if (known?.status === 'vacant') fail('status', `${key} 已在第 ${known.row} 行标为空置`);
    const name = check(personName(), cell('name'));
    if (name.error) fail('name', cell('name') ? name.error : '「姓名」不能为空');
    const relation = RELATION_BY_LABEL.get(cell('relation'));
    if (!relation) fail('relation', `「关系」应为 ${Object.values(RELATION_LABELS).join('、')} 之一`);
    let phoneNo: string | undefined;
    if (cell('phone')) {
      const p = check(phone(), cell('phone'));
      if (p.error) fail('phone', p.error);
      phoneNo = p.value;
    }
    const by = /^(\d{4})/.exec(cell('birthYear'))?.[1];
    const birthYear = Number(by);
    if (!by || birthYear < 1900 || birthYear > year) fail('birthYear', `「出生年份」应为 1900–${year} 的四位年份`);
    const flags: CensusFlag[] = [];
    for (const word of cell('flags')
      .split(/[、，,;；/\s]+/)
      .filter(Boolean)) {
      const f = FLAG_BY_LABEL.get(word);
      if (!f) fail('flags', `不认识的标记「${word}」，可填 ${Object.values(FLAG_LABELS).join('、')}`);
      else if (!flags.includes(f)) flags.push(f);
    }
    const party = cell('party');
    if (party && !['是', '否', '党员'].includes(party)) fail('party', '「党员」只能填 是 或 否');
    if (errors.length !== before) return;
    const hh = known ?? { unit: unit.value!, room: room.value!, status: 'occupied' as const, members: [], row };
    if (hh.members.length >= 20) return void fail('name', `${key} 超过 20 位成员`);
    hh.members.push({
      name: name.value,
      relation: relation!,
      ...(phoneNo ? { phone: phoneNo } : {}),
      birthYear,
      flags,
      partyMember: party === '是' || party === '党员',
    });
    households.set(key, hh);
  });
  if (!households.size && !errors.length) errors.push({ row: 2, column: '表头', message: '表格里没有住户' });
  return { households: [...households.values()], errors, rows: rows.length - 1 };
}
