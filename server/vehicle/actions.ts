/** vehicle.*: registered vehicles of a compound — the gate lifts the barrier only for these. */
import { recordAccess } from '../account/access';
import * as z from 'zod/mini';
import type { VehicleView } from '../../typings/pass';
import { normalizePlate, plateKind } from '../../miniprogram/shared/plate';
import { conflict, invalid } from '../core/errors';
import { maskName, maskPhone } from '../core/mask';
import { id, paging, phone, text, upTo } from '../core/validate';
import { bumpCompoundGate } from '../gate/compound-gate';
import { OVERSEERS } from '../auth/roles';
import { AT_COMPOUND } from '../auth/rules';
import { action } from '../runtime/action';
import { pageResult } from '../store/pages';
import type { VehicleDoc } from './model';

/** The owner's name in full for those who run or oversee the compound, masked for its volunteers. */
const toView = (v: VehicleDoc, fullNames = true): VehicleView => ({
  plate: v.plate,
  compoundId: v.compoundId,
  ownerName: fullNames ? v.ownerName : maskName(v.ownerName),
  ownerPhoneMasked: maskPhone(v.ownerPhone),
  ...(v.household ? { household: v.household } : {}),
  createdAt: v.createdAt,
});

export const vehicleActions = [
  action('vehicle.register', {
    roles: OVERSEERS,
    scope: 'subtree',
    limit: { per: 'minute', max: 60 },
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({
      compoundId: id(),
      plate: upTo(16),
      ownerName: text(2, 20),
      ownerPhone: phone(),
      buildingId: z.optional(id()),
    }),
    labels: { compoundId: '小区', plate: '车牌号', ownerName: '车主姓名', ownerPhone: '车主手机号', buildingId: '楼栋' },
    handle: async (req, ctx) => {
      const plate = normalizePlate(req.plate);
      if (!plateKind(plate)) throw invalid('data.plate', '车牌号格式不正确，例如 陕H12345 或新能源 陕HD12345');
      let household: string | undefined;
      if (req.buildingId) {
        const b = await ctx.store.get('orgs', req.buildingId);
        if (!b || b.parentId !== req.compoundId) throw invalid('data.buildingId', '楼栋不在该小区');
        household = b.name;
      }
      const now = ctx.clock.now();
      const doc: VehicleDoc = {
        _id: `${req.compoundId}:${plate}`,
        compoundId: req.compoundId,
        plate,
        ownerName: req.ownerName,
        ownerPhone: req.ownerPhone,
        ...(req.buildingId ? { buildingId: req.buildingId, household } : {}),
        registeredBy: ctx.caller.openid,
        createdAt: now,
      };
      const stored = await ctx.store.transaction(async (tx) => {
        const existing = await tx.get('vehicles', doc._id);
        if (existing) {
          if (existing.ownerName === doc.ownerName && existing.ownerPhone === doc.ownerPhone) return existing; // a retry
          throw conflict(`车辆 ${plate} 已登记在 ${existing.ownerName} 名下`);
        }
        await tx.insert('vehicles', doc);
        await bumpCompoundGate(tx, req.compoundId);
        return doc;
      });
      return toView(stored);
    },
  }),

  action('vehicle.list', {
    roles: ['volunteer', ...OVERSEERS],
    scope: 'subtree',
    target: { field: 'compoundId' },
    schema: z.strictObject({ compoundId: id(), ...paging() }),
    labels: { compoundId: '小区', limit: '每页条数' },
    handle: async (req, ctx) => {
      const page = await ctx.store.query('vehicles', {
        where: { compoundId: req.compoundId },
        orderBy: [{ field: 'plate' }],
        limit: req.limit ?? 50,
        cursor: req.cursor,
      });
      const fullNames = ctx.caller.seesFullNames(ctx.target);
      // Only full names are a read of personal data worth recording; masked ones are not.
      if (fullNames)
        await recordAccess(
          ctx,
          'vehicle.list',
          ctx.target,
          [],
          page.items.map((v) => `vehicle:${v._id}`),
        );
      return pageResult(page, (v) => toView(v, fullNames));
    },
  }),
];
