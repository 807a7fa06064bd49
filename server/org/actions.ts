/** org.*: reading the five-level tree. */
import * as z from 'zod/mini';
import type { NodeRef, OrgDoc } from '../auth/nodes';
import { ROLES } from '../auth/roles';
import { forbidden } from '../core/errors';
import { id, paging } from '../core/validate';
import { action } from '../runtime/action';
import { pageResult } from '../store/pages';
import type { Store } from '../store/port';
import { toOrgNode } from './model';

const PAGING_LABELS = { cursor: '分页游标', limit: '每页条数' };

/** Loads the ancestors of a node in one read, root first. */
export async function ancestorsOf(store: Store, node: Pick<NodeRef, 'path'>): Promise<OrgDoc[]> {
  if (!node.path.length) return [];
  const docs = await store.getMany('orgs', node.path);
  const byId = new Map(docs.map((d) => [d._id, d]));
  return node.path.map((p) => byId.get(p)).filter((d): d is OrgDoc => !!d);
}

/** The register page a building's poster opens; its `scene` is the building id. */
export const REGISTER_PAGE = 'resident/pages/register/register';

/** Why the local runtime answers no image. */
export const POSTER_CODE_LOCAL_NOTE = '小程序码图片需在云端生成（本地运行时只给出 scene）';

export const orgActions = [
  action('org.get', {
    roles: ROLES,
    scope: 'lineage',
    target: { field: 'id' },
    schema: z.strictObject({ id: id() }),
    labels: { id: '组织编号' },
    async handle(_req, ctx) {
      const ancestors = await ancestorsOf(ctx.store, ctx.target);
      return { ...toOrgNode(ctx.target), ancestors: ancestors.map((a) => ({ id: a._id, name: a.name, level: a.level })) };
    },
  }),

  action('org.tree', {
    roles: ROLES,
    scope: 'subtree',
    target: { field: ['parentId', 'rootId'] },
    schema: z.strictObject({ rootId: z.optional(id()), parentId: z.optional(id()), ...paging() }),
    labels: { rootId: '起始节点', parentId: '上级节点', ...PAGING_LABELS },
    async handle(req, ctx) {
      const limit = req.limit ?? 50;
      if (req.parentId) {
        const page = await ctx.store.query('orgs', { where: { parentId: req.parentId }, orderBy: [{ field: 'order' }], limit, cursor: req.cursor });
        return pageResult(page, toOrgNode);
      }
      if (req.rootId) {
        // The whole subtree below the root, level by level.
        const page = await ctx.store.query('orgs', {
          where: { path: { $has: req.rootId } },
          orderBy: [{ field: 'depth' }, { field: 'order' }],
          limit,
          cursor: req.cursor,
        });
        return pageResult(page, toOrgNode);
      }
      // No root named: the top nodes of the caller's visible forest.
      const grants = ctx.caller.grants;
      const tops = [...new Set(grants.filter((g) => !grants.some((o) => g.path.includes(o.orgId))).map((g) => g.orgId))];
      if (!tops.length) throw forbidden();
      const docs = await ctx.store.getMany('orgs', tops);
      docs.sort((a, b) => a.depth - b.depth || a.order - b.order);
      return { items: docs.map(toOrgNode) };
    },
  }),

  action('org.directory', {
    roles: 'anyone',
    scope: 'none',
    schema: z.strictObject({ parentId: z.optional(id()) }),
    labels: { parentId: '上级节点' },
    async handle(req, ctx) {
      const page = await ctx.store.query('orgs', {
        where: req.parentId ? { parentId: req.parentId } : { level: 'district' },
        orderBy: [{ field: 'order' }],
        limit: 500,
      });
      return { items: page.items.map((d) => ({ id: d._id, name: d.name, level: d.level, childCount: d.childCount })) };
    },
  }),

  // 楼栋海报码: the code on a building's poster opens registration with the building chosen.
  action('org.posterCode', {
    roles: ['secretary', 'staff'],
    scope: 'subtree',
    limit: { per: 'hour', max: 30 },
    target: { field: 'buildingId', levels: ['building'], message: '请选择一个楼栋' },
    schema: z.strictObject({ buildingId: id() }),
    labels: { buildingId: '楼栋' },
    async handle(_req, ctx) {
      const building = ctx.target;
      // WeChat's scene is at most 32 characters; ids are far shorter (see tree.ts).
      const scene = building._id;
      const base = { buildingId: building._id, name: building.name, scene, page: REGISTER_PAGE };
      const make = ctx.services.miniProgramCode;
      if (!make) return { ...base, image: null, note: POSTER_CODE_LOCAL_NOTE };
      const code = await make({ scene, page: REGISTER_PAGE });
      return { ...base, image: { contentType: code.contentType, base64: Buffer.from(code.data).toString('base64') } };
    },
  }),
];
