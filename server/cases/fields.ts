/** Request fields of case.*: schemas, their Chinese labels, and the rules per kind a schema cannot say. */
import * as z from 'zod/mini';
import type { CaseKind, CaseReportReq } from '../../typings/cases';
import { invalid } from '../core/errors';
import { dayOf } from '../core/time';
import { matching, multiline, numberIn, text } from '../core/validate';
import { addDays, isDay } from './observation';

export const KINDS = ['returnee', 'contact', 'fever', 'gathering', 'nomask', 'other'] as const;
export const STATES = ['reported', 'acknowledged', 'acting', 'closed'] as const;
export const ACTIONS = ['dissuaded', 'observation', 'handover', 'none'] as const;
export const OUTCOMES = ['released', 'transferred', 'resolved', 'unfounded'] as const;
export const TRANSPORTS = ['train', 'plane', 'car', 'bus', 'other'] as const;

export const day = () => matching(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日，例如 2026-11-28').check(z.refine(isDay, { error: '日期不存在' }));
export const requestId = () => matching(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确');
export const caseIdField = () => matching(/^c[0-9a-f]{24}$/, '线索编号格式不正确');
export const note = () => multiline(2, 500);
export const temperature = () => numberIn(37.3, 43, '发热体温应在 37.3–43℃ 之间');

export const LABELS = {
  kind: '类型',
  compoundId: '小区',
  buildingId: '楼栋',
  unit: '单元',
  room: '房号',
  personName: '人员姓名',
  personPhone: '人员手机号',
  personId: '居民档案编号',
  origin: '从何处返回',
  arrivalDate: '抵达日期',
  transport: '交通方式',
  plannedAddress: '居住地址',
  contactOf: '与谁密切接触',
  contactDate: '接触日期',
  place: '地点',
  temperature: '体温',
  note: '说明',
  anonymous: '匿名',
  requestId: '请求编号',
  caseId: '线索',
  step: '处理步骤',
  action: '处置措施',
  observationDays: '观察天数',
  observationStart: '观察开始日期',
  outcome: '办结结果',
  orgId: '组织',
  state: '状态',
  from: '开始日期',
  to: '结束日期',
  cursor: '分页游标',
  limit: '每页条数',
};

type DetailField = 'origin' | 'arrivalDate' | 'transport' | 'plannedAddress' | 'contactOf' | 'contactDate' | 'place' | 'temperature' | 'note';

/** What each kind must say, and what it may say besides `note`. */
const REQUIRED: Record<CaseKind, readonly DetailField[]> = {
  returnee: ['origin', 'arrivalDate', 'transport', 'plannedAddress'],
  contact: ['contactOf', 'contactDate', 'place'],
  fever: [],
  gathering: ['place'],
  nomask: ['place'],
  other: ['note'],
};
const ALLOWED: Record<CaseKind, readonly DetailField[]> = { ...REQUIRED, fever: ['place', 'temperature'] };
const DETAILS: readonly DetailField[] = ['origin', 'arrivalDate', 'transport', 'plannedAddress', 'contactOf', 'contactDate', 'place', 'temperature'];

/** Days a returnee may be reported ahead of arriving, and back. */
const ARRIVAL_AHEAD = 30;
const ARRIVAL_BACK = 60;
/** Close contacts count for this many days back. */
const CONTACT_BACK = 30;

/** Per-kind rules: required details present, another kind's absent, days in range. Throws INVALID_ARGUMENT naming the field. */
export function checkDetails(req: CaseReportReq, now: number): void {
  for (const f of REQUIRED[req.kind]) if (req[f] === undefined) throw invalid(`data.${f}`, `请填写「${LABELS[f]}」`);
  for (const f of DETAILS) if (req[f] !== undefined && !ALLOWED[req.kind].includes(f)) throw invalid(`data.${f}`, `「${LABELS[f]}」不适用于此类型的上报`);
  const today = dayOf(now);
  if (req.arrivalDate && (req.arrivalDate > addDays(today, ARRIVAL_AHEAD) || req.arrivalDate < addDays(today, -ARRIVAL_BACK)))
    throw invalid('data.arrivalDate', `「抵达日期」应在 ${ARRIVAL_BACK} 天前到 ${ARRIVAL_AHEAD} 天后之间`);
  if (req.contactDate && (req.contactDate > today || req.contactDate < addDays(today, -CONTACT_BACK)))
    throw invalid('data.contactDate', `「接触日期」应在最近 ${CONTACT_BACK} 天内，且不晚于今天`);
}

export const textField = { origin: () => text(2, 40), plannedAddress: () => text(4, 80), contactOf: () => text(1, 40), place: () => text(2, 60) };
