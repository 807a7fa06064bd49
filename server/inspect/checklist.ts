/**
 * inspect.saveChecklist: the district keeps its own checklist — categories, each with items — in
 * place of the default. Findings keep the category and item names they were recorded with, so a
 * rename or a removed item changes no finding; counters are kept by code, so a category that
 * already has findings in the district may be renamed or have items changed but not be dropped
 * (its counts would fall out of every report).
 */
import * as z from 'zod/mini';
import type { ChecklistCategory } from '../../typings/whistle';
import { STAFF } from '../auth/roles';
import { conflict, forbidden, invalid, precondition } from '../core/errors';
import { id, listOf, matching, text } from '../core/validate';
import { action } from '../runtime/action';
import { StoreConflictError } from '../store/port';
import { DEFAULT_CHECKLIST, type ChecklistDoc } from './model';

export const MAX_CATEGORIES = 12;
export const MAX_ITEMS = 20;
const CODE = /^[a-z0-9][a-z0-9-]{1,31}$/;
const code = () => matching(CODE, '编码应为 2–32 位小写字母、数字或 -');

const schema = z.strictObject({
  districtId: id(),
  categories: listOf(
    z.strictObject({
      code: code(),
      name: text(2, 20),
      items: listOf(z.strictObject({ code: code(), name: text(2, 40) }), 1, MAX_ITEMS),
    }),
    1,
    MAX_CATEGORIES,
  ),
});

/** The first repeat among `values` (its index), or -1. */
const repeatAt = (values: readonly string[]) => values.findIndex((v, i) => values.indexOf(v) !== i);

/** Codes unique across the whole list (they key the counters), names unique among siblings. */
function checkUnique(categories: ChecklistCategory[]) {
  const c = repeatAt(categories.map((x) => x.code));
  if (c >= 0) throw invalid(`data.categories.${c}.code`, '类别编码重复');
  const n = repeatAt(categories.map((x) => x.name));
  if (n >= 0) throw invalid(`data.categories.${n}.name`, '类别名称重复');
  const all = categories.flatMap((cat, ci) => cat.items.map((item, ii) => ({ ...item, at: `data.categories.${ci}.items.${ii}` })));
  const ic = repeatAt(all.map((x) => x.code));
  if (ic >= 0) throw invalid(`${all[ic].at}.code`, '条目编码重复（整个清单中不能重复）');
  categories.forEach((cat, ci) => {
    const dup = repeatAt(cat.items.map((x) => x.name));
    if (dup >= 0) throw invalid(`data.categories.${ci}.items.${dup}.name`, `「${cat.name}」下条目名称重复`);
  });
}

const hasFindings = (counts: Record<string, Partial<Record<string, number>>> | undefined) =>
  Object.values(counts ?? {}).some((c) => Object.values(c).some((n) => (n ?? 0) > 0));

export const saveChecklistAction = action('inspect.saveChecklist', {
  roles: STAFF,
  scope: 'subtree',
  limit: { per: 'hour', max: 30 },
  target: { field: 'districtId' },
  schema,
  labels: { districtId: '区', categories: '检查清单', code: '编码', name: '名称', items: '条目' },
  handle: async (req, ctx) => {
    const district = ctx.target;
    if (district.path.length) throw invalid('data.districtId', '检查清单由区统一维护，请选择区');
    if (!ctx.caller.covering(district, STAFF).some((g) => g.orgId === district._id)) throw forbidden('只有区的工作人员可以维护检查清单');
    const categories: ChecklistCategory[] = req.categories.map((c) => ({
      code: c.code,
      name: c.name,
      items: c.items.map((i) => ({ code: i.code, name: i.name })),
    }));
    checkUnique(categories);
    const [stored, counts] = await Promise.all([ctx.store.get('inspectChecklists', district._id), ctx.store.get('inspectCounts', district._id)]);
    const before = stored?.categories ?? DEFAULT_CHECKLIST;
    if (JSON.stringify(before) === JSON.stringify(categories)) return { districtId: district._id, categories }; // a retry, or no change
    const dropped = before.find((c) => !categories.some((n) => n.code === c.code) && hasFindings(counts?.counts[c.code]));
    if (dropped) throw precondition(`「${dropped.name}」已有督导问题，不能删除，可以改名或调整条目`, { field: 'data.categories' });
    const now = ctx.clock.now();
    if (stored) {
      if (!(await ctx.store.update('inspectChecklists', district._id, { categories, updatedAt: now }, { version: stored._v })))
        throw conflict('检查清单已被他人修改，请刷新后重试');
    } else {
      const doc: ChecklistDoc = { _id: district._id, categories, updatedAt: now };
      try {
        await ctx.store.insert('inspectChecklists', doc);
      } catch (err) {
        if (err instanceof StoreConflictError) throw conflict('检查清单已被他人修改，请刷新后重试');
        throw err;
      }
    }
    return { districtId: district._id, categories };
  },
});
