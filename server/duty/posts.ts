/** duty.savePost / duty.posts / duty.postCode: a compound's posts and their printed check-in codes. */
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { PostKind } from '../../typings/duty';
import { conflict, invalid } from '../core/errors';
import { DAY } from '../core/time';
import { id, intRange, numberIn, text } from '../core/validate';
import { activeSigner } from '../pass/keys';
import { OVERSEERS } from '../auth/roles';
import { AT_COMPOUND } from '../auth/rules';
import { found } from '../runtime/found';
import { action, type ActionContext } from '../runtime/action';
import { StoreConflictError } from '../store/port';
import { signPostCode } from './code';
import { heads } from './fields';
import { countPost } from './gauge';
import { compoundNode, DEFAULT_RADIUS, POST_KINDS, toPostView, type PostDoc } from './model';
import { lineage } from '../auth/nodes';
import { canonicalSkills, skillList } from '../volunteer/model';

/** gcj02 latitude/longitude, range-checked. */
export const coordinates = {
  lat: numberIn(-90, 90, '纬度应在 -90 到 90 之间'),
  lng: numberIn(-180, 180, '经度应在 -180 到 180 之间'),
};

const saveSchema = z.strictObject({
  compoundId: id(),
  postId: z.optional(id()),
  kind: z.enum(POST_KINDS as [PostKind, ...PostKind[]]),
  name: text(2, 20),
  gateId: z.optional(id()),
  requiredSkills: z.optional(skillList()),
  preferredSkills: z.optional(skillList()),
  minHeads: heads(),
  maxHeads: heads(),
  location: z.optional(z.strictObject({ ...coordinates, radius: z.optional(intRange(10, 2000)) })),
  checkInBy: z.optional(z.enum(['code', 'location', 'either', 'both'])),
  alwaysOn: z.optional(z.boolean()),
  active: z.optional(z.boolean()),
});
type SaveRequest = z.infer<typeof saveSchema>;

const LABELS = {
  compoundId: '小区',
  postId: '岗位',
  kind: '岗位类型',
  name: '岗位名称',
  gateId: '门岗',
  requiredSkills: '必需技能',
  preferredSkills: '优先技能',
  minHeads: '最少人数',
  maxHeads: '最多人数',
  location: '岗位位置',
  'location.lat': '纬度',
  'location.lng': '经度',
  'location.radius': '签到半径',
  checkInBy: '签到方式',
  alwaysOn: '是否全天值守',
  active: '是否启用',
  validDays: '有效天数',
};

export async function loadPost(ctx: ActionContext, postId: string, field = 'data.postId'): Promise<PostDoc> {
  const post = await ctx.store.get('posts', postId);
  return found(post, (p) => ctx.reaches(compoundNode(p)), '岗位', field);
}

/** Rules across fields; a gate post must name a gate of this compound. */
async function checkPost(ctx: ActionContext, req: SaveRequest, compoundId: string) {
  if (req.maxHeads < req.minHeads) throw invalid('data.maxHeads', '最多人数不能少于最少人数');
  if (req.kind === 'gate' && !req.gateId) throw invalid('data.gateId', '执勤岗请选择所在门岗');
  if (req.kind !== 'gate' && req.gateId) throw invalid('data.gateId', '只有执勤岗关联门岗');
  const by = req.checkInBy ?? 'either';
  if ((by === 'location' || by === 'both') && !req.location) throw invalid('data.location', '按位置签到须设置岗位位置');
  if (req.gateId) {
    const gate = await ctx.store.get('gates', req.gateId);
    if (!gate || gate.compoundId !== compoundId) throw invalid('data.gateId', '所选门岗不属于该小区');
  }
}

const postFields = (req: SaveRequest) => ({
  kind: req.kind,
  name: req.name,
  ...(req.gateId ? { gateId: req.gateId } : {}),
  requiredSkills: canonicalSkills(req.requiredSkills),
  preferredSkills: canonicalSkills(req.preferredSkills),
  minHeads: req.minHeads,
  maxHeads: req.maxHeads,
  ...(req.location ? { location: { lat: req.location.lat, lng: req.location.lng, radius: req.location.radius ?? DEFAULT_RADIUS } } : {}),
  checkInBy: req.checkInBy ?? 'either',
  alwaysOn: req.alwaysOn ?? req.kind === 'gate',
  active: req.active ?? true,
});
type PostFields = ReturnType<typeof postFields>;

const FIELD_KEYS: Array<keyof PostFields> = [
  'kind',
  'name',
  'gateId',
  'requiredSkills',
  'preferredSkills',
  'minHeads',
  'maxHeads',
  'location',
  'checkInBy',
  'alwaysOn',
  'active',
];
const samePost = (p: PostDoc, f: PostFields) => FIELD_KEYS.every((k) => JSON.stringify(p[k]) === JSON.stringify((f as Partial<PostFields>)[k]));

async function writePost(write: () => Promise<unknown>) {
  try {
    await write();
  } catch (err) {
    if (err instanceof StoreConflictError) throw conflict('本小区已有同名岗位', { field: 'data.name' });
    throw err;
  }
}

export const postActions = [
  action('duty.savePost', {
    roles: ['secretary'],
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: saveSchema,
    labels: LABELS,
    handle: async (req, ctx) => {
      const compound = ctx.target;
      await checkPost(ctx, req, compound._id);
      const fields = postFields(req);
      const now = ctx.clock.now();
      // A gate has one duty post; other posts are found by id, or by name for a retried create.
      const knownId = req.postId ?? (req.gateId ? `${req.gateId}-duty` : undefined);
      const current = knownId
        ? await ctx.store.get('posts', knownId)
        : (await ctx.store.query('posts', { where: { compoundId: compound._id, name: req.name }, limit: 1 })).items[0];
      // A post named by id: missing and outside the caller's area are one answer.
      if (req.postId) found(current, (p) => ctx.reaches(compoundNode(p)), '岗位', 'data.postId');
      if (current) {
        if (current.compoundId !== compound._id) throw invalid('data.postId', '岗位不属于该小区');
        if (current.kind !== req.kind) throw invalid('data.kind', '不能更改岗位类型，请新建岗位');
        if (samePost(current, fields)) return toPostView(current);
        // A create (no postId) that finds a different post is a conflict, never an overwrite.
        if (!req.postId) {
          throw req.gateId
            ? conflict(`该门岗已有执勤岗「${current.name}」，请直接编辑它`, { field: 'data.gateId' })
            : conflict('本小区已有同名岗位', { field: 'data.name' });
        }
        const patch = { ...Object.fromEntries(FIELD_KEYS.map((k) => [k, (fields as Partial<PostFields>)[k]])), updatedAt: now };
        const next = { ...current, ...patch } as PostDoc;
        await writePost(() =>
          ctx.store.transaction(async (tx) => {
            if (!(await tx.update('posts', current._id, patch, { version: current._v }))) throw conflict('数据已被修改，请重试');
            await countPost(tx, current, next);
          }),
        );
        return toPostView(next);
      }
      const doc: PostDoc = {
        _id: knownId ?? `p${randomBytes(6).toString('hex')}`,
        compoundId: compound._id,
        compoundName: compound.name,
        path: lineage(compound),
        ...fields,
        order: now,
        createdAt: now,
        updatedAt: now,
      };
      await writePost(() =>
        ctx.store.transaction(async (tx) => {
          await tx.insert('posts', doc);
          await countPost(tx, null, doc);
        }),
      );
      return toPostView(doc);
    },
  }),

  action('duty.posts', {
    roles: ['volunteer', ...OVERSEERS],
    scope: 'subtree',
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({ compoundId: id() }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const page = await ctx.store.query('posts', { where: { compoundId: req.compoundId }, orderBy: [{ field: 'order' }], limit: 200 });
      return { items: page.items.map(toPostView) };
    },
  }),

  action('duty.postCode', {
    roles: ['secretary'],
    scope: 'subtree',
    limit: { per: 'minute', max: 30 },
    schema: z.strictObject({ postId: id(), validDays: z.optional(intRange(1, 90)) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const post = await loadPost(ctx, req.postId);
      const now = ctx.clock.now();
      const key = await activeSigner(ctx.store, now, ctx.config.passKeks);
      const exp = Math.floor((now + (req.validDays ?? 30) * DAY) / 1000);
      return { code: signPostCode(key, { post: post._id, cid: post.compoundId, iat: Math.floor(now / 1000), exp }), expiresAt: exp * 1000 };
    },
  }),
];
