/**
 * The ledgers, as data: one row per kind — its Chinese title, who may export it at which levels,
 * the collection it reads (the owning context's documents, paged in the order it is written),
 * the filter for a node and a range of days, and its columns (header, width in characters, how
 * to get the cell, and whether the cell is a person's name to mask). A new ledger is a new row.
 */
import type { ExportKind } from '../../typings/export';
import type { OrgLevel } from '../../typings/domain';
import type { OrgDoc } from '../auth/nodes';
import { OVERSEERS } from '../auth/roles';
import { CASE_KIND_LABELS, CASE_OUTCOME_LABELS, CASE_STATE_LABELS } from '../../miniprogram/shared/cases';
import { FINDING_STATUS_LABELS, NEED_LABELS, URGENCY_LABELS, WHISTLE_STATUS_LABELS } from '../../miniprogram/shared/whistle-labels';
import { GATE_REASON_TEXT } from '../../miniprogram/shared/gate/decide';
import { SYMPTOM_LABELS } from '../../miniprogram/shared/labels';
import { minuteOf } from '../core/time';
import { UNIT_KIND_LABELS } from '../party/model';
import type { Collections, Filter, Name, OrderBy } from '../store/port';
import type { Cell } from './xlsx';
import type { Role } from '../../typings/domain';

/** The range asked for: days (Asia/Shanghai, both included) and the instants they span. */
export interface Range {
  fromDay: string;
  toDay: string;
  /** First instant of `fromDay`; first instant after `toDay`. */
  start: number;
  end: number;
  /** Mondays of the first and last weeks the range touches (weekly counters). */
  fromWeek: string;
  toWeek: string;
}

/** Names the cells need that the documents only name by id, read once per page. */
export interface Lookup {
  org(id: string | undefined): string;
  gate(id: string | undefined): string;
  user(openid: string | undefined): string;
  /** A census member's name (`${householdId}:${memberId}`), as the census holds it. */
  member(householdId: string, memberId: number): string;
  /** A person's name as the caller may see it (masked unless they run or oversee the node). */
  name(v: string | undefined): string;
}

export type Refs = {
  orgs?: Array<string | undefined>;
  gates?: Array<string | undefined>;
  users?: Array<string | undefined>;
  households?: Array<string | undefined>;
};

export interface Column<D> {
  header: string;
  /** Width in characters as Excel counts them (a Chinese character is about two). */
  width: number;
  cell(doc: D, look: Lookup): Cell;
  /** A person's name: masked (张*) unless the caller runs or oversees the node. */
  name?: true;
}

export interface KindDef<C extends Name<Collections>> {
  title: string;
  /** Who may export it, over which node levels. */
  roles: readonly Role[];
  levels: readonly OrgLevel[];
  collection: C;
  /** The documents of `node` in the range; `buildings`: the node's buildings, for ledgers kept per building. */
  where(node: OrgDoc, range: Range, buildings: () => Promise<string[]>): Promise<Filter> | Filter;
  orderBy: OrderBy[];
  /** Ids the cells name: read per page (orgs, users). */
  refs?(doc: Collections[C]): Refs;
  columns: ReadonlyArray<Column<Collections[C]>>;
}

const defineKind = <C extends Name<Collections>>(k: KindDef<C>) => k as unknown as KindDef<Name<Collections>>;

const time = (ms: number | undefined) => (ms ? minuteOf(ms) : '');
const yesNo = (b: boolean | undefined) => (b ? '是' : '否');
const COMPOUND_LEVELS: readonly OrgLevel[] = ['compound'];
const ANY_LEVEL: readonly OrgLevel[] = ['district', 'street', 'community', 'compound'];

const GATE_KIND: Record<string, string> = { resident: '居民', visitor: '访客', courier: '快递外卖', vehicle: '车辆' };
const DIRECTION: Record<string, string> = { in: '进', out: '出' };
const VERDICT: Record<string, string> = { allow: '放行', deny: '拒绝' };
const reasonText = (r: string | undefined) => (r ? ((GATE_REASON_TEXT as Record<string, string>)[r] ?? '出入证无效') : '');
const inRange = (r: Range) => ({ $gte: r.start, $lt: r.end });

const gateColumns = (vehicles: boolean): ReadonlyArray<Column<Collections['gateEvents']>> => [
  { header: '时间', width: 18, cell: (e) => time(e.at) },
  { header: '门岗', width: 12, cell: (e, l) => l.gate(e.gateId) },
  ...(vehicles
    ? [{ header: '车牌', width: 12, cell: (e: Collections['gateEvents']) => e.plate ?? '' }]
    : [{ header: '类型', width: 10, cell: (e: Collections['gateEvents']) => GATE_KIND[e.kind] ?? e.kind }]),
  { header: '方向', width: 6, cell: (e) => DIRECTION[e.direction] ?? e.direction },
  { header: '姓名', width: 10, cell: (e) => e.who ?? '', name: true },
  { header: '住户', width: 20, cell: (e) => e.household ?? e.company ?? '' },
  { header: '手机号', width: 14, cell: (e) => e.phoneMasked ?? '' },
  ...(vehicles ? [] : [{ header: '体温(℃)', width: 9, cell: (e: Collections['gateEvents']) => e.temperature ?? (e.temperatureBand ? '正常' : '') }]),
  { header: '核验方式', width: 10, cell: (e) => (e.method === 'manual' ? '人工登记' : e.paper ? '纸质出入证' : '扫码') },
  { header: '结果', width: 8, cell: (e) => VERDICT[e.verdict] ?? e.verdict },
  { header: '拒绝原因', width: 30, cell: (e) => reasonText(e.reason) },
  { header: '值守志愿者', width: 12, cell: (e, l) => l.user(e.volunteer), name: true },
];

export const KINDS: Record<ExportKind, KindDef<Name<Collections>>> = {
  gate: defineKind({
    title: '门岗出入记录',
    roles: OVERSEERS,
    levels: COMPOUND_LEVELS,
    collection: 'gateEvents',
    where: (node, r) => ({ compoundId: node._id, at: inRange(r) }),
    orderBy: [{ field: 'at' }],
    refs: (e) => ({ gates: [e.gateId], users: [e.volunteer] }),
    columns: gateColumns(false),
  }),
  vehicle: defineKind({
    title: '车辆出入记录',
    roles: OVERSEERS,
    levels: COMPOUND_LEVELS,
    collection: 'gateEvents',
    where: (node, r) => ({ compoundId: node._id, kind: 'vehicle', at: inRange(r) }),
    orderBy: [{ field: 'at' }],
    refs: (e) => ({ gates: [e.gateId], users: [e.volunteer] }),
    columns: gateColumns(true),
  }),
  health: defineKind({
    title: '健康上报记录',
    // A building's leader keeps their building's (names masked); those over the compound keep any.
    roles: ['leader', ...OVERSEERS],
    levels: ['compound', 'building'],
    collection: 'healthReports',
    where: async (node, r, buildings) => ({
      buildingId: node.level === 'building' ? node._id : { $in: await buildings() },
      day: { $gte: r.fromDay, $lte: r.toDay },
    }),
    orderBy: [{ field: 'day' }, { field: 'buildingId' }],
    refs: (d) => ({ orgs: [d.buildingId], households: [d.householdId] }),
    columns: [
      { header: '日期', width: 12, cell: (d) => d.day },
      { header: '楼栋', width: 10, cell: (d, l) => l.org(d.buildingId) },
      { header: '单元-房号', width: 12, cell: (d) => d.householdId.split(':')[1] ?? '' },
      { header: '姓名', width: 10, cell: (d, l) => l.member(d.householdId, d.memberId), name: true },
      { header: '体温(℃)', width: 9, cell: (d) => d.temperature },
      { header: '症状', width: 24, cell: (d) => d.symptoms.map((s) => SYMPTOM_LABELS[s]).join('、') || '无' },
      { header: '异常', width: 6, cell: (d) => yesNo(d.abnormal) },
      { header: '补报', width: 6, cell: (d) => yesNo(d.late) },
      { header: '上报时间', width: 18, cell: (d) => time(d.reportedAt) },
    ],
  }),
  cases: defineKind({
    title: '重点人员与事件',
    roles: OVERSEERS,
    levels: ANY_LEVEL,
    collection: 'cases',
    where: (node, r) => ({ path: { $has: node._id }, reportedAt: inRange(r) }),
    orderBy: [{ field: 'reportedAt' }],
    refs: (c) => ({ orgs: [c.compoundId] }),
    columns: [
      { header: '上报时间', width: 18, cell: (c) => time(c.reportedAt) },
      { header: '类型', width: 10, cell: (c) => CASE_KIND_LABELS[c.kind] },
      { header: '小区', width: 14, cell: (c, l) => l.org(c.compoundId) },
      { header: '位置', width: 20, cell: (c) => [c.buildingName, c.unit ? `${c.unit}单元` : '', c.room ? `${c.room}室` : ''].filter(Boolean).join(' ') },
      { header: '当事人', width: 10, cell: (c) => c.personName ?? '', name: true },
      { header: '上报人', width: 10, cell: (c, l) => (c.anonymous ? '匿名' : l.name(c.reporterName)) },
      { header: '状态', width: 8, cell: (c) => CASE_STATE_LABELS[c.state] },
      { header: '结果', width: 10, cell: (c) => (c.outcome ? CASE_OUTCOME_LABELS[c.outcome] : '') },
      { header: '办结时间', width: 18, cell: (c) => time(c.closedAt) },
    ],
  }),
  disinfect: defineKind({
    title: '消毒记录',
    roles: OVERSEERS,
    levels: COMPOUND_LEVELS,
    collection: 'disinfectLogs',
    where: (node, r) => ({ compoundId: node._id, day: { $gte: r.fromDay, $lte: r.toDay } }),
    orderBy: [{ field: 'day' }, { field: 'doneAt' }],
    columns: [
      { header: '日期', width: 12, cell: (d) => d.day },
      { header: '完成时间', width: 18, cell: (d) => time(d.doneAt) },
      { header: '区域', width: 16, cell: (d) => d.areaName },
      { header: '消毒剂', width: 20, cell: (d) => d.agent },
      { header: '消毒人', width: 10, cell: (d) => d.name, name: true },
      { header: '身份', width: 8, cell: (d) => (d.role === 'secretary' ? '书记' : '志愿者') },
      { header: '照片(张)', width: 9, cell: (d) => d.photos.length },
      { header: '超时', width: 6, cell: (d) => yesNo(d.late) },
      { header: '备注', width: 24, cell: (d) => d.note ?? '' },
    ],
  }),
  dutyVolunteers: defineKind({
    title: '志愿者服务时长',
    roles: OVERSEERS,
    levels: ANY_LEVEL,
    collection: 'dutyHours',
    where: (node, r) => ({ kind: 'volunteer', path: { $has: node._id }, week: { $gte: r.fromWeek, $lte: r.toWeek } }),
    orderBy: [{ field: 'week' }],
    refs: (h) => ({ orgs: [h.compoundId] }),
    columns: [
      { header: '周（周一）', width: 12, cell: (h) => h.week },
      { header: '小区', width: 14, cell: (h, l) => l.org(h.compoundId) },
      { header: '志愿者', width: 10, cell: (h) => h.name, name: true },
      { header: '班次', width: 6, cell: (h) => h.shifts },
      { header: '时长(小时)', width: 11, cell: (h) => Math.round((h.minutes / 60) * 10) / 10 },
    ],
  }),
  dutyUnits: defineKind({
    title: '单位服务时长',
    roles: OVERSEERS,
    levels: ANY_LEVEL,
    collection: 'dutyHours',
    where: (node, r) => ({ kind: 'unit', path: { $has: node._id }, week: { $gte: r.fromWeek, $lte: r.toWeek } }),
    orderBy: [{ field: 'week' }],
    refs: (h) => ({ orgs: [h.orgId] }),
    columns: [
      { header: '周（周一）', width: 12, cell: (h) => h.week },
      { header: '单位', width: 20, cell: (h) => h.name },
      { header: '类型', width: 12, cell: (h) => (h.unitKind ? UNIT_KIND_LABELS[h.unitKind] : '') },
      { header: '所属', width: 14, cell: (h, l) => l.org(h.orgId) },
      { header: '班次', width: 6, cell: (h) => h.shifts },
      { header: '时长(小时)', width: 11, cell: (h) => Math.round((h.minutes / 60) * 10) / 10 },
    ],
  }),
  whistles: defineKind({
    title: '吹哨报到记录',
    roles: OVERSEERS,
    levels: ANY_LEVEL,
    collection: 'whistles',
    where: (node, r) => ({ lineage: { $has: node._id }, createdAt: inRange(r) }),
    orderBy: [{ field: 'createdAt' }],
    columns: [
      { header: '发起时间', width: 18, cell: (w) => time(w.createdAt) },
      { header: '地点', width: 14, cell: (w) => w.orgName },
      { header: '需求', width: 12, cell: (w) => NEED_LABELS[w.need] },
      { header: '人数/数量', width: 10, cell: (w) => w.quantity },
      { header: '紧急程度', width: 9, cell: (w) => URGENCY_LABELS[w.urgency] },
      { header: '说明', width: 30, cell: (w) => w.detail },
      { header: '发起人', width: 10, cell: (w) => w.raisedByName, name: true },
      { header: '认领单位', width: 18, cell: (w) => w.claimedUnitName ?? '' },
      { header: '状态', width: 8, cell: (w) => WHISTLE_STATUS_LABELS[w.status] },
      { header: '报到人数', width: 9, cell: (w) => w.report?.people },
      { header: '服务时长(小时)', width: 13, cell: (w) => w.report?.hours },
      { header: '办结时间', width: 18, cell: (w) => time(w.closedAt) },
    ],
  }),
  rectifications: defineKind({
    title: '督导整改记录',
    roles: OVERSEERS,
    levels: ANY_LEVEL,
    collection: 'findings',
    where: (node, r) => ({ lineage: { $has: node._id }, createdAt: inRange(r) }),
    orderBy: [{ field: 'createdAt' }],
    columns: [
      { header: '发现时间', width: 18, cell: (f) => time(f.createdAt) },
      { header: '被督导单位', width: 16, cell: (f) => f.orgName },
      { header: '类别', width: 12, cell: (f) => f.categoryName },
      { header: '问题', width: 20, cell: (f) => f.itemName },
      { header: '情况说明', width: 30, cell: (f) => f.description },
      { header: '督导单位', width: 14, cell: (f) => f.inspectorOrgName },
      { header: '整改期限', width: 18, cell: (f) => time(f.deadline) },
      { header: '状态', width: 8, cell: (f) => FINDING_STATUS_LABELS[f.status] },
      { header: '整改人', width: 10, cell: (f) => f.rectification?.byName ?? '', name: true },
      { header: '整改时间', width: 18, cell: (f) => time(f.rectification?.at) },
      { header: '整改说明', width: 30, cell: (f) => f.rectification?.note ?? '' },
      { header: '销号时间', width: 18, cell: (f) => time(f.verification?.at) },
    ],
  }),
};

export const EXPORT_KINDS = Object.keys(KINDS) as ExportKind[];
