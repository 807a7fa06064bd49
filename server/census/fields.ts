/** Request fields of the census and health actions. */
import * as z from 'zod/mini';
import { id, intRange, listOf, personName, phone, unitNo } from '../core/validate';
import { CENSUS_FLAGS, RELATIONS } from './model';

/** A room: the building and its unit and room, each as `unitNo()` validates them. */
export const roomFields = () => ({ buildingId: id(), unit: unitNo(), room: unitNo() });

/** The room fields, all optional: none names the caller's own household. */
export const optionalRoom = () => ({ buildingId: z.optional(id()), unit: z.optional(unitNo()), room: z.optional(unitNo()) });

export const ROOM_LABELS = { buildingId: '楼栋', unit: '单元', room: '房号' };

export const memberSchema = () =>
  z.strictObject({
    id: z.optional(intRange(1, 9999)),
    name: z.optional(personName()),
    relation: z.enum(RELATIONS),
    phone: z.optional(phone()),
    birthYear: intRange(1900, 2100),
    flags: listOf(z.enum(CENSUS_FLAGS), 0, CENSUS_FLAGS.length),
    partyMember: z.boolean(),
  });

export const MEMBER_LABELS = {
  'members.id': '成员编号',
  'members.name': '姓名',
  'members.relation': '与户主关系',
  'members.phone': '手机号',
  'members.birthYear': '出生年份',
  'members.flags': '重点人群标记',
  'members.partyMember': '党员',
};

/** The rule and request of an action on one room: named, or the caller's own household when none is. */
export const onRoom = () =>
  ({
    scope: 'subtree',
    target: { field: 'buildingId', levels: ['building'], message: '请选择一个楼栋' },
    schema: z.strictObject(optionalRoom()),
    labels: ROOM_LABELS,
  }) as const;
