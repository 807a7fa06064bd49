/** census.*: the building's households (摸底), their change trail, and counters rolled up the chain. */
import * as z from 'zod/mini';
import type { CensusRow, RoomState } from '../../typings/census';
import type { OrgDoc } from '../auth/nodes';
import { conflict } from '../core/errors';
import { dayOf } from '../core/time';
import { id, intRange, listOf } from '../core/validate';
import { action } from '../runtime/action';
import { CENSUS_READERS, CENSUS_WRITERS, readerRole, resolveRoom, writerRole } from './access';
import { canWrite, childrenOf, householdView } from './views';
import { importActions } from './import-action';
import { MEMBER_LABELS, memberSchema, onRoom, ROOM_LABELS, roomFields } from './fields';
import { describeChange, mergeMembers, nextHousehold, unchanged } from './members';
import { householdId, roomKey, totalsOf } from './model';
import { bumpLineage, compareRooms, writeHouseholds } from './write';

const AT_BUILDING = { levels: ['building'], message: '请选择一个楼栋' } as const;

export const censusActions = [
  action('census.household', {
    roles: ['resident', ...CENSUS_READERS],
    ...onRoom(),
    handle: async (req, ctx) => {
      const ref = await resolveRoom(ctx, req);
      readerRole(ctx, ref);
      const doc = await ctx.store.get('households', householdId(ref.building._id, ref.unit, ref.room));
      return householdView(ctx, ref, doc, canWrite(ctx, ref));
    },
  }),

  action('census.save', {
    roles: ['resident', ...CENSUS_WRITERS],
    scope: 'subtree',
    limit: { per: 'minute', max: 60 },
    target: { field: 'buildingId', ...AT_BUILDING },
    schema: z.strictObject({
      ...roomFields(),
      status: z.enum(['occupied', 'vacant']),
      members: listOf(memberSchema(), 0, 20),
      version: z.optional(intRange(0, 1_000_000)),
    }),
    labels: { ...ROOM_LABELS, status: '居住状态', members: '家庭成员', version: '版本', ...MEMBER_LABELS },
    handle: async (req, ctx) => {
      const ref = await resolveRoom(ctx, req);
      const role = writerRole(ctx, ref);
      const hhId = householdId(ref.building._id, ref.unit, ref.room);
      const now = ctx.clock.now();
      const prev = await ctx.store.get('households', hhId);
      if (req.version !== undefined && (prev?._v ?? 0) !== req.version) throw conflict('本户信息刚被他人修改，请刷新后再改', { field: 'data.version' });
      const draft = mergeMembers(prev, req.status, req.members, Number(dayOf(now).slice(0, 4)));
      if (unchanged(prev, draft)) return householdView(ctx, ref, prev, true);
      const next = nextHousehold(ref.building, ref.unit, ref.room, prev, draft, ctx.caller.openid, now);
      const stored = await ctx.store.transaction(async (tx) => {
        const current = await tx.get('households', hhId);
        if ((current?._v ?? 0) !== (prev?._v ?? 0)) throw conflict('本户信息刚被他人修改，请刷新后再改', { field: 'data.version' });
        await writeHouseholds(tx, ref.building, [{ prev: current, next, what: describeChange(current, draft) }], { openid: ctx.caller.openid, role }, now);
        return tx.get('households', hhId);
      });
      return householdView(ctx, ref, stored, true);
    },
  }),

  action('census.layout', {
    roles: CENSUS_WRITERS,
    scope: 'subtree',
    limit: { per: 'minute', max: 20 },
    target: { field: 'buildingId', ...AT_BUILDING },
    schema: z.strictObject({ buildingId: id(), units: intRange(1, 12), floors: intRange(1, 60), roomsPerFloor: intRange(1, 12) }),
    labels: { buildingId: '楼栋', units: '单元数', floors: '楼层数', roomsPerFloor: '每层户数' },
    handle: async (req, ctx) => {
      const building = ctx.target;
      const layout: string[] = [];
      for (let u = 1; u <= req.units; u++)
        for (let f = 1; f <= req.floors; f++) for (let r = 1; r <= req.roomsPerFloor; r++) layout.push(roomKey(String(u), `${f}${String(r).padStart(2, '0')}`));
      const recorded = (await ctx.store.query('households', { where: { buildingId: building._id }, limit: 1000 })).items.map((h) => roomKey(h.unit, h.room));
      const roster = [...new Set([...layout, ...recorded])].sort(compareRooms);
      await ctx.store.transaction(async (tx) => {
        const counts = await tx.get('censusCounts', building._id);
        const before = counts?.roomKeys?.length ?? 0;
        await bumpLineage(tx, building, roster.length !== before ? { rooms: roster.length - before } : {}, { roomKeys: roster });
      });
      return { rooms: roster.length };
    },
  }),

  action('census.building', {
    roles: CENSUS_READERS,
    scope: 'subtree',
    target: { field: 'buildingId', ...AT_BUILDING },
    schema: z.strictObject({ buildingId: id() }),
    labels: { buildingId: '楼栋' },
    handle: async (_req, ctx) => {
      const building = ctx.target;
      const [counts, households] = await Promise.all([
        ctx.store.get('censusCounts', building._id),
        ctx.store.query('households', { where: { buildingId: building._id }, limit: 1000 }),
      ]);
      const byRoom = new Map(households.items.map((h) => [roomKey(h.unit, h.room), h]));
      const keys = [...new Set([...(counts?.roomKeys ?? []), ...byRoom.keys()])].sort(compareRooms);
      const rooms = keys.map((k) => {
        const h = byRoom.get(k);
        const [unit, room] = h ? [h.unit, h.room] : k.split('-');
        const state: RoomState = !h ? 'unknown' : h.status === 'vacant' ? 'vacant' : 'known';
        return { unit, room, state, people: h?.members.length ?? 0, flags: [...new Set(h?.members.flatMap((m) => m.flags) ?? [])] };
      });
      return { buildingId: building._id, name: building.name, totals: totalsOf(counts), rooms };
    },
  }),

  action('census.summary', {
    roles: CENSUS_READERS,
    scope: 'subtree',
    target: { field: 'orgId' },
    schema: z.strictObject({ orgId: id() }),
    labels: { orgId: '组织' },
    handle: async (_req, ctx) => {
      const node = ctx.target;
      const children = await childrenOf(ctx.store, node);
      const counts = new Map((await ctx.store.getMany('censusCounts', [node._id, ...children.map((c) => c._id)])).map((c) => [c._id, c]));
      const row = (o: OrgDoc): CensusRow => ({ orgId: o._id, name: o.name, level: o.level, ...totalsOf(counts.get(o._id)) });
      return { total: row(node), children: children.map(row) };
    },
  }),
  ...importActions,
];
