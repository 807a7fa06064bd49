/** census.import: a building's households from a sheet — a preview (dryRun), then the commit. */
import * as z from 'zod/mini';
import type { ImportResult } from '../../typings/census';
import { conflict, invalid } from '../core/errors';
import { maskName } from '../core/mask';
import { dayOf } from '../core/time';
import { id, matching, text } from '../core/validate';
import { action } from '../runtime/action';
import { CENSUS_WRITERS } from './access';
import { householdsFromRows } from './import';
import { describeChange, mergeMembers, nextHousehold, unchanged } from './members';
import { householdId } from './model';
import { readSheet, SheetError } from './sheet';
import { writeHouseholds, type HouseholdChange } from './write';

/** Base64 of the file: the request stays under the cloud call's 256 KB (a 500-household sheet is ~60 KB). */
export const MAX_IMPORT_BASE64 = 240_000;
const PREVIEW = 20;

export const importActions = [
  action('census.import', {
    roles: CENSUS_WRITERS,
    scope: 'subtree',
    limit: { per: 'minute', max: 10 },
    target: { field: 'buildingId', levels: ['building'], message: '请选择一个楼栋' },
    schema: z.strictObject({
      buildingId: id(),
      fileName: text(1, 100),
      content: matching(/^[A-Za-z0-9+/=]{1,240000}$/, '文件内容应为 base64，且不超过 175 KB'),
      dryRun: z.boolean(),
    }),
    labels: { buildingId: '楼栋', fileName: '文件名', content: '文件内容', dryRun: '仅预览' },
    handle: async (req, ctx) => {
      const building = ctx.target;
      const now = ctx.clock.now();
      let rows;
      try {
        rows = readSheet(req.fileName, Buffer.from(req.content, 'base64'));
      } catch (e) {
        if (e instanceof SheetError) throw invalid('data.content', e.message);
        throw invalid('data.content', '文件无法读取，请在 Excel/WPS 中另存为 .xlsx 或 .csv 后重试');
      }
      const parsed = householdsFromRows(rows, Number(dayOf(now).slice(0, 4)));
      const existing = new Map((await ctx.store.query('households', { where: { buildingId: building._id }, limit: 1000 })).items.map((h) => [h._id, h]));
      const changes: HouseholdChange[] = [];
      for (const sh of parsed.households) {
        const hhId = householdId(building._id, sh.unit, sh.room);
        const prev = existing.get(hhId) ?? null;
        // A member whose name is already stored in the household keeps their id.
        const ids = new Map((prev?.members ?? []).map((m) => [m.name, m.id]));
        const inputs = sh.members.map((m) => (ids.has(m.name!) ? { ...m, id: ids.get(m.name!) } : m));
        const draft = mergeMembers(prev, sh.status, inputs, 9999, `row ${sh.row}`);
        if (unchanged(prev, draft)) continue;
        const next = nextHousehold(building, sh.unit, sh.room, prev, draft, ctx.caller.openid, now);
        changes.push({ prev, next, what: `表格导入：${describeChange(prev, draft)}` });
      }
      const result: ImportResult = {
        rows: parsed.rows,
        households: parsed.households.filter((h) => h.status === 'occupied').length,
        people: parsed.households.reduce((n, h) => n + h.members.length, 0),
        vacant: parsed.households.filter((h) => h.status === 'vacant').length,
        errors: parsed.errors.slice(0, 100),
        written: false,
        preview: parsed.households.slice(0, PREVIEW).map((h) => ({
          unit: h.unit,
          room: h.room,
          status: h.status,
          members: h.members.map((m) => ({ name: maskName(m.name!), relation: m.relation, flags: m.flags })),
        })),
      };
      if (req.dryRun || parsed.errors.length || !changes.length) return result;
      const role = ctx.caller.covering(building, ['secretary']).length ? 'secretary' : 'leader';
      await ctx.store.transaction(async (tx) => {
        // What the import was computed from must still hold: a household changed meanwhile fails the whole import.
        for (const c of changes) {
          const current = await tx.get('households', c.next._id);
          if ((current?._v ?? 0) !== (c.prev?._v ?? 0)) throw conflict(`${c.next.unit}单元${c.next.room}刚被他人修改，请重新导入`, { field: 'data.content' });
        }
        await writeHouseholds(tx, building, changes, { openid: ctx.caller.openid, role }, now);
      });
      return { ...result, written: true };
    },
  }),
];
