/** Request fields and labels the disinfect actions share. */
import * as z from 'zod/mini';
import type { AreaKind } from '../../typings/disinfect';
import { id, intRange, text } from '../core/validate';
import { clockSchema } from '../duty/time';
import { AREA_KINDS } from './model';

export const areaFields = {
  areaId: z.optional(id()),
  name: text(2, 20),
  kind: z.enum(AREA_KINDS as [AreaKind, ...AreaKind[]]),
  buildingId: z.optional(id()),
  required: intRange(1, 6),
  from: clockSchema(),
  to: clockSchema(),
  active: z.optional(z.boolean()),
};

export const LABELS = {
  compoundId: '小区',
  orgId: '组织',
  areaId: '消毒区域',
  name: '区域名称',
  kind: '区域类型',
  buildingId: '楼栋',
  required: '每天消毒次数',
  from: '开始时间',
  to: '截止时间',
  active: '是否启用',
  date: '日期',
  requestId: '请求编号',
  agent: '消毒剂',
  photos: '照片',
  note: '备注',
  limit: '每页条数',
  cursor: '翻页位置',
};
