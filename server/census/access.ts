/**
 * Who may read and write which household. The resident reads and writes their own (the household
 * on their account); a building's leader, the compound's secretary write the building's; those who
 * run or oversee the compound read it with names in full, leaders with names masked.
 */
import type { Role } from '../../typings/domain';
import type { OrgDoc } from '../auth/nodes';
import { OVERSEERS, ROLE_RANK } from '../auth/roles';
import { forbidden, invalid } from '../core/errors';
import type { ActionContext } from '../runtime/action';

/** Roles that write a building's census besides the household itself. */
export const CENSUS_WRITERS: readonly Role[] = ['leader', 'secretary'];
/** Roles that read a building's census. */
export const CENSUS_READERS: readonly Role[] = ['leader', ...OVERSEERS];

export interface RoomRef {
  building: OrgDoc;
  unit: string;
  room: string;
  /** The caller's own household. */
  own: boolean;
}

/** The room a request names, or the caller's own household when it names none. */
export async function resolveRoom(ctx: ActionContext & { target?: OrgDoc }, req: { buildingId?: string; unit?: string; room?: string }): Promise<RoomRef> {
  const mine = ctx.caller.user?.household;
  if (ctx.target) {
    if (req.unit === undefined) throw invalid('data.unit', '「单元」不能为空');
    if (req.room === undefined) throw invalid('data.room', '「房号」不能为空');
    const own = !!mine && mine.buildingId === ctx.target._id && mine.unit === req.unit && mine.room === req.room;
    return { building: ctx.target, unit: req.unit, room: req.room, own };
  }
  if (!mine) throw invalid('data.buildingId', '请先登记住户，或选择楼栋和房号');
  const building = await ctx.store.get('orgs', mine.buildingId);
  if (!building) throw invalid('data.buildingId', '您登记的楼栋已不存在，请重新登记');
  ctx.authorize(building);
  return { building, unit: mine.unit, room: mine.room, own: true };
}

/** The role the caller acts in on this building: the highest of `roles` covering it, or 'resident' for their own household. */
export function actingRole(ctx: ActionContext, ref: RoomRef, roles: readonly Role[]): Role | null {
  const held = ctx.caller
    .covering(ref.building, roles)
    .map((g) => g.role)
    .sort((a, b) => ROLE_RANK[b] - ROLE_RANK[a])[0];
  return held ?? (ref.own ? 'resident' : null);
}

/** The role the caller reads the room in, or FORBIDDEN: a resident only their own household. */
export function readerRole(ctx: ActionContext, ref: RoomRef): Role {
  const role = actingRole(ctx, ref, CENSUS_READERS);
  if (!role) throw forbidden('只能查看本户的信息');
  return role;
}

/** The role the caller writes the room in, or FORBIDDEN. */
export function writerRole(ctx: ActionContext, ref: RoomRef): Role {
  const role = actingRole(ctx, ref, CENSUS_WRITERS);
  if (!role) throw forbidden('只有本户居民、楼栋长或小区书记可以修改');
  return role;
}
