/** party.*: the branch, building groups and responsibility zones of a compound; agencies reporting in. */
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { PartyUnitKind, ZoneArea } from '../../typings/duty';
import { conflict, invalid, precondition } from '../core/errors';
import { id, listOf, text, unitNo } from '../core/validate';
import type { OrgDoc } from '../auth/nodes';
import { OVERSEERS } from '../auth/roles';
import { found } from '../runtime/found';
import { action, type ActionContext } from '../runtime/action';
import { StoreConflictError } from '../store/port';
import { AGENCY_KINDS, branchId, toUnitView, UNIT_KIND_LABELS, UNIT_KINDS, unitNode, type PartyUnitDoc } from './model';

const enumOf = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]]);

const saveSchema = z.strictObject({
  orgId: id(),
  kind: enumOf(UNIT_KINDS),
  name: text(2, 30),
  unitId: z.optional(id()),
  buildingIds: z.optional(listOf(id(), 1, 30)),
  areas: z.optional(listOf(z.strictObject({ buildingId: id(), unit: z.optional(unitNo()) }), 1, 60)),
  agencyKind: z.optional(enumOf(AGENCY_KINDS)),
});
type SaveRequest = z.infer<typeof saveSchema>;

const LABELS = {
  orgId: '组织',
  kind: '类型',
  name: '名称',
  unitId: '党组织',
  buildingIds: '楼栋',
  areas: '责任区范围',
  'areas.buildingId': '楼栋',
  'areas.unit': '单元',
  agencyKind: '单位类型',
};

/** What a save may set: everything but identity. */
type UnitFields = Pick<PartyUnitDoc, 'name' | 'buildingIds' | 'areas' | 'agencyKind'>;

/** Which node each kind hangs under, and which fields it carries. */
function checkShape(req: SaveRequest, node: OrgDoc) {
  const label = UNIT_KIND_LABELS[req.kind];
  if (req.kind === 'agency') {
    if (node.level !== 'street' && node.level !== 'district') throw invalid('data.orgId', '报到单位应登记在街道或区一级');
    if (!req.agencyKind) throw invalid('data.agencyKind', '请选择单位类型（机关事业单位、企业或派驻干部）');
  } else {
    if (node.level !== 'compound') throw invalid('data.orgId', `${label}应建在小区`);
    if (req.agencyKind) throw invalid('data.agencyKind', `${label}没有单位类型`);
  }
  if (req.kind === 'group' && !req.buildingIds) throw invalid('data.buildingIds', '请选择党小组所在的楼栋');
  if (req.kind !== 'group' && req.buildingIds) throw invalid('data.buildingIds', `${label}不按楼栋设置，请用责任区范围`);
  if (req.kind === 'zone' && !req.areas) throw invalid('data.areas', '请选择责任区包含的楼栋或单元');
  if (req.kind !== 'zone' && req.areas) throw invalid('data.areas', `只有党员责任区需要设置范围`);
}

/** Buildings named by a group or zone must be buildings of the compound. */
async function checkBuildings(ctx: ActionContext, compound: OrgDoc, ids: string[], field: (i: number) => string) {
  const found = new Map((await ctx.store.getMany('orgs', [...new Set(ids)])).map((b) => [b._id, b]));
  ids.forEach((bid, i) => {
    const b = found.get(bid);
    if (!b || b.level !== 'building' || b.parentId !== compound._id) throw invalid(field(i), '所选楼栋不属于该小区');
  });
}

async function unitFields(ctx: ActionContext, req: SaveRequest, node: OrgDoc): Promise<UnitFields> {
  const fields: UnitFields = { name: req.name };
  if (req.buildingIds) {
    await checkBuildings(ctx, node, req.buildingIds, (i) => `data.buildingIds.${i}`);
    fields.buildingIds = [...new Set(req.buildingIds)];
  }
  if (req.areas) {
    await checkBuildings(
      ctx,
      node,
      req.areas.map((a) => a.buildingId),
      (i) => `data.areas.${i}.buildingId`,
    );
    const seen = new Map<string, ZoneArea>();
    for (const a of req.areas) seen.set(`${a.buildingId}|${a.unit ?? ''}`, a.unit ? { buildingId: a.buildingId, unit: a.unit } : { buildingId: a.buildingId });
    fields.areas = [...seen.values()];
  }
  if (req.agencyKind) fields.agencyKind = req.agencyKind;
  return fields;
}

const sameFields = (u: PartyUnitDoc, f: UnitFields) =>
  JSON.stringify([u.name, u.buildingIds, u.areas, u.agencyKind]) === JSON.stringify([f.name, f.buildingIds, f.areas, f.agencyKind]);

const nameTaken = (kind: PartyUnitKind) => conflict(`已有同名的${UNIT_KIND_LABELS[kind]}`, { field: 'data.name' });

/** Writes a unit; a unique-index clash on (org, kind, name) is a name already taken. */
async function writeUnit(kind: PartyUnitKind, write: () => Promise<unknown>) {
  try {
    await write();
  } catch (err) {
    if (err instanceof StoreConflictError) throw nameTaken(kind);
    throw err;
  }
}

export const partyActions = [
  action('party.list', {
    roles: 'anyone',
    scope: 'none',
    target: { field: 'orgId' },
    schema: z.strictObject({ orgId: id() }),
    labels: LABELS,
    handle: async (_req, ctx) => {
      const node = ctx.target;
      const [own, agencies] = await Promise.all([
        ctx.store.query('partyUnits', { where: { orgId: node._id }, orderBy: [{ field: 'kind' }, { field: 'name' }], limit: 500 }),
        node.path.length
          ? ctx.store.query('partyUnits', { where: { kind: 'agency', orgId: { $in: node.path } }, orderBy: [{ field: 'orgId' }], limit: 500 })
          : Promise.resolve({ items: [] as PartyUnitDoc[] }),
      ]);
      const rank = (u: PartyUnitDoc) => UNIT_KINDS.indexOf(u.kind);
      const items = [...own.items, ...agencies.items].sort(
        (a, b) => rank(a) - rank(b) || a.path.length - b.path.length || a.createdAt - b.createdAt || (a.name < b.name ? -1 : 1),
      );
      return { items: items.map(toUnitView) };
    },
  }),

  action('party.save', {
    roles: OVERSEERS,
    scope: 'subtree',
    limit: { per: 'minute', max: 60 },
    target: { field: 'orgId' },
    schema: saveSchema,
    labels: LABELS,
    handle: async (req, ctx) => {
      const node = ctx.target;
      checkShape(req, node);
      const fields = await unitFields(ctx, req, node);
      const now = ctx.clock.now();
      const knownId = req.unitId ?? (req.kind === 'branch' ? branchId(node._id) : undefined);
      if (knownId) {
        const current = await ctx.store.get('partyUnits', knownId);
        // A unit named by id: missing and outside the caller's area are one answer.
        if (req.unitId) found(current, (u) => ctx.reaches(unitNode(u)), '党组织', 'data.unitId');
        if (current) {
          if (current.orgId !== node._id || current.kind !== req.kind) throw invalid('data.unitId', '不能更改党组织的所属组织或类型');
          if (sameFields(current, fields)) return toUnitView(current);
          const patch = { name: fields.name, buildingIds: fields.buildingIds, areas: fields.areas, agencyKind: fields.agencyKind, updatedAt: now };
          await writeUnit(req.kind, async () => {
            if (!(await ctx.store.update('partyUnits', knownId, patch, { version: current._v }))) throw conflict('数据已被修改，请重试');
          });
          return toUnitView({ ...current, ...fields, updatedAt: now });
        }
      }
      // A new unit: the same request again (a retry) finds the unit it made.
      const same = await ctx.store.query('partyUnits', { where: { orgId: node._id, kind: req.kind, name: req.name }, limit: 1 });
      const twin = same.items[0];
      if (twin) {
        if (sameFields(twin, fields)) return toUnitView(twin);
        throw nameTaken(req.kind);
      }
      const doc: PartyUnitDoc = {
        _id: knownId ?? `u${randomBytes(8).toString('hex')}`,
        kind: req.kind,
        orgId: node._id,
        orgName: node.name,
        orgLevel: node.level,
        path: node.path,
        ...fields,
        createdAt: now,
        updatedAt: now,
      };
      await writeUnit(req.kind, () => ctx.store.insert('partyUnits', doc));
      return toUnitView(doc);
    },
  }),

  action('party.remove', {
    roles: OVERSEERS,
    scope: 'subtree',
    schema: z.strictObject({ unitId: id() }),
    labels: LABELS,
    handle: async (req, ctx) => {
      // Gone already (a retry) answers like a unit outside the caller's area: there is none to remove.
      const unit = found(await ctx.store.get('partyUnits', req.unitId), (u) => ctx.reaches(unitNode(u)), '党组织', 'data.unitId');
      const members = await ctx.store.count('volunteers', { unitId: unit._id, status: { $ne: 'rejected' } });
      if (members > 0) throw precondition(`还有 ${members} 名志愿者属于「${unit.name}」，请先调整他们的所属组织`);
      return { removed: await ctx.store.remove('partyUnits', unit._id) };
    },
  }),
];
