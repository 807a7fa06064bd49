/**
 * disinfect.compliance: per area done / required on a day, per compound and rolled up. Reads the
 * counters the log keeps (disinfectDays) and the areas, one query each for the whole subtree, so a
 * community costs a handful of reads whatever was logged.
 */
import * as z from 'zod/mini';
import type { ComplianceCompound, ComplianceReport } from '../../typings/disinfect';
import { OVERSEERS } from '../auth/roles';
import { COMPOUND_OR_ABOVE } from '../auth/rules';
import { dayOf } from '../core/time';
import { id } from '../core/validate';
import { daySchema } from '../duty/time';
import { action } from '../runtime/action';
import { queryAll } from '../store/pages';
import type { Filter } from '../store/port';
import { LABELS } from './fields';
import { areaDay, type AreaDoc } from './model';

const SUMS = ['areas', 'areasDone', 'required', 'done', 'missed'] as const;

export const complianceActions = [
  action('disinfect.compliance', {
    roles: OVERSEERS,
    scope: 'subtree',
    target: { field: 'orgId', ...COMPOUND_OR_ABOVE },
    schema: z.strictObject({ orgId: id(), date: z.optional(daySchema()) }),
    labels: LABELS,
    handle: async (req, ctx) => {
      const org = ctx.target;
      const now = ctx.clock.now();
      const date = req.date ?? dayOf(now);
      const inside: Filter = org.level === 'compound' ? { compoundId: org._id } : { path: { $has: org._id } };
      const [compounds, areas, days] = await Promise.all([
        org.level === 'compound'
          ? [org]
          : queryAll(ctx.store, 'orgs', { where: { path: { $has: org._id }, level: 'compound' }, orderBy: [{ field: 'order' }] }),
        queryAll(ctx.store, 'disinfectAreas', { where: { ...inside, active: true }, orderBy: [{ field: 'order' }] }),
        queryAll(ctx.store, 'disinfectDays', { where: { ...inside, day: date } }),
      ]);
      const byCompound = new Map<string, AreaDoc[]>();
      for (const a of areas) byCompound.set(a.compoundId, [...(byCompound.get(a.compoundId) ?? []), a]);
      const dayOfCompound = new Map(days.map((d) => [d.compoundId, d]));
      const detailed = org.level === 'compound' || org.level === 'community';
      const rows: ComplianceCompound[] = compounds.map((c) => {
        const items = (byCompound.get(c._id) ?? []).map((a) => areaDay(a, dayOfCompound.get(c._id), date, now));
        return {
          compoundId: c._id,
          name: c.name,
          areas: items.length,
          areasDone: items.filter((a) => a.done >= a.required).length,
          required: items.reduce((n, a) => n + a.required, 0),
          done: items.reduce((n, a) => n + Math.min(a.done, a.required), 0),
          missed: items.filter((a) => a.missed).length,
          ...(detailed ? { items } : {}),
        };
      });
      const total = Object.fromEntries(SUMS.map((k) => [k, rows.reduce((n, r) => n + r[k], 0)])) as Pick<ComplianceReport, (typeof SUMS)[number]>;
      return { orgId: org._id, orgName: org.name, level: org.level, date, ...total, compounds: rows };
    },
  }),
];
