/** disinfect.areas / disinfect.saveArea: a compound's public areas, their daily count and window. */
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { AreaInput } from '../../typings/disinfect';
import type { OrgDoc } from '../auth/nodes';
import { OVERSEERS } from '../auth/roles';
import { AT_COMPOUND } from '../auth/rules';
import { conflict, invalid } from '../core/errors';
import { dayOf } from '../core/time';
import { id } from '../core/validate';
import { clockMinutes } from '../duty/time';
import { found } from '../runtime/found';
import { action, type ActionContext } from '../runtime/action';
import { bumpLive } from '../stats/model';
import { StoreConflictError, type Store } from '../store/port';
import { areaFields, LABELS } from './fields';
import { areaDoc, defaultAreas, nextCheck, toAreaView, type AreaDoc } from './model';

/** A compound's areas in order (a compound has tens, never a thousand). */
export async function compoundAreas(store: Store, compoundId: string): Promise<AreaDoc[]> {
  return (await store.query('disinfectAreas', { where: { compoundId }, orderBy: [{ field: 'order' }], limit: 1000 })).items;
}

/** The defaults of a compound, from its buildings and gates (two reads). */
export async function suggestedAreas(store: Store, compound: OrgDoc) {
  const [buildings, gates] = await Promise.all([
    store.query('orgs', { where: { parentId: compound._id }, orderBy: [{ field: 'order' }], limit: 1000 }),
    store.query('gates', { where: { compoundId: compound._id }, limit: 100 }),
  ]);
  return defaultAreas(compound, buildings.items, gates.items);
}

async function checkArea(ctx: ActionContext, req: AreaInput, compoundId: string) {
  if (clockMinutes(req.to) <= clockMinutes(req.from)) throw invalid('data.to', '截止时间应晚于开始时间');
  if (req.buildingId) {
    const b = await ctx.store.get('orgs', req.buildingId);
    if (!b || b.parentId !== compoundId) throw invalid('data.buildingId', '楼栋不在该小区');
  }
}

/**
 * What an area adds to the dashboard's required disinfections a day: its count while active.
 * Only saved areas count: a compound still on the suggested defaults has saved none, so it
 * requires nothing yet — as disinfect.compliance says.
 */
const requiredOf = (a: Pick<AreaDoc, 'active' | 'required'>) => (a.active ? a.required : 0);

const SAME_KEYS = ['name', 'kind', 'buildingId', 'required', 'from', 'to', 'active'] as const;

export const areaActions = [
  action('disinfect.areas', {
    roles: ['volunteer', ...OVERSEERS],
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({ compoundId: id() }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const items = await compoundAreas(ctx.store, req.compoundId);
      return { items: items.map(toAreaView), suggested: items.length ? [] : await suggestedAreas(ctx.store, ctx.target) };
    },
  }),

  action('disinfect.saveArea', {
    roles: ['secretary'],
    scope: 'subtree',
    limit: { per: 'minute', max: 60 },
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({ compoundId: id(), ...areaFields }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const compound = ctx.target;
      const { compoundId: _c, ...input } = req;
      await checkArea(ctx, input, compound._id);
      const now = ctx.clock.now();
      const today = dayOf(now);
      // An area named by id: missing and outside the caller's area are one answer. A new one is
      // found by name, so a retried create returns it.
      const current = req.areaId
        ? found(
            await ctx.store.get('disinfectAreas', req.areaId),
            (a) => ctx.reaches({ _id: a.compoundId, path: a.path.slice(0, -1) }),
            '消毒区域',
            'data.areaId',
          )
        : (await ctx.store.query('disinfectAreas', { where: { compoundId: compound._id, name: req.name }, limit: 1 })).items[0];
      const fresh = areaDoc(
        compound,
        { ...input, areaId: current?._id ?? `${compound._id}-d-${randomBytes(4).toString('hex')}` },
        current?.order ?? now,
        now,
        today,
      );
      if (current) {
        if (current.compoundId !== compound._id) throw invalid('data.areaId', '消毒区域不属于该小区');
        if (SAME_KEYS.every((k) => current[k] === fresh[k])) return toAreaView(current);
        if (!req.areaId) throw conflict('本小区已有同名消毒区域', { field: 'data.name' });
        const patch = {
          ...Object.fromEntries(SAME_KEYS.map((k) => [k, fresh[k]])),
          checkAt: fresh.active ? nextCheck(now, fresh.to, today) : undefined,
          updatedAt: now,
        };
        const saved = await ctx.store.transaction(async (tx) => {
          if (!(await tx.update('disinfectAreas', current._id, patch, { version: current._v }))) return false;
          await bumpLive(tx, current.path, { disinfectRequired: requiredOf(fresh) - requiredOf(current) });
          return true;
        });
        if (!saved) throw conflict('数据已被修改，请重试');
        return toAreaView({ ...current, ...patch } as AreaDoc);
      }
      try {
        await ctx.store.transaction(async (tx) => {
          await tx.insert('disinfectAreas', fresh);
          await bumpLive(tx, fresh.path, { disinfectRequired: requiredOf(fresh) });
        });
      } catch (err) {
        if (err instanceof StoreConflictError) throw conflict('本小区已有同名消毒区域', { field: 'data.name' });
        throw err;
      }
      return toAreaView(fresh);
    },
  }),
];
