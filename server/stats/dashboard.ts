/**
 * stats.dashboard: a node's figures now, its children worst first, and 14-day trends, from the
 * counters (server/stats/model.ts) and the last urgent notice's tallies — never from scans of
 * the records themselves. Reads: the node's children, one getMany of counter documents, and the
 * notice section's few (./notice.ts).
 */
import * as z from 'zod/mini';
import type { StatChildRow, StatDashboard, StatSection, StatTile, StatTrend } from '../../typings/stats';
import { invalid } from '../core/errors';
import { dayOf } from '../core/time';
import { id } from '../core/validate';
import type { OrgDoc } from '../auth/nodes';
import { OVERSEERS } from '../auth/roles';
import { daySchema } from '../duty/time';
import { action } from '../runtime/action';
import type { Store } from '../store/port';
import { addFigures, loadCounters, type Counters } from './figures';
import { hourOf, LIVE, type Figures } from './model';
import { noticeSection } from './notice';
import { SECTIONS, type SectionDecl, type TileDecl, type ViewFigures } from './sections';

const sum = (f: ViewFigures, keys: readonly (keyof ViewFigures)[]) => keys.reduce((s, k) => s + (f[k] ?? 0), 0);

/** The label of a histogram bucket: ≤15分钟, ≤1小时, >24小时. */
export function bucketLabel(buckets: NonNullable<TileDecl['median']>, i: number): string {
  const within = (m: number) => (m % 60 ? `${m}分钟` : `${m / 60}小时`);
  return Number.isFinite(buckets[i].upTo) ? `≤${within(buckets[i].upTo)}` : `>${within(buckets[i - 1].upTo)}`;
}

/** The bucket holding the median (the lower one of an even count), or -1 when nothing was counted. */
export function medianBucket(counts: readonly number[]): number {
  const n = counts.reduce((s, c) => s + c, 0);
  let seen = 0;
  return n ? counts.findIndex((c) => (seen += c) >= Math.ceil(n / 2)) : -1;
}

/** A tile from a node's figures (`span`: the same node's daily figures added over the trend's days, for a median). */
function tileOf(t: TileDecl, f: ViewFigures, span: () => Figures = () => ({})): StatTile {
  if (t.rate) {
    const num = sum(f, t.rate.num);
    const den = sum(f, t.rate.den);
    return { key: t.key, label: t.label, value: den ? num / den : 0, rate: { num, den } };
  }
  if (t.median) {
    const over = span();
    const i = medianBucket(t.median.map((b) => over[b.metric] ?? 0));
    if (i < 0) return { key: t.key, label: t.label, value: 0, text: '—' };
    const upTo = t.median[i].upTo;
    return { key: t.key, label: t.label, value: Number.isFinite(upTo) ? upTo : t.median[i - 1].upTo + 1, text: bucketLabel(t.median, i) };
  }
  const count: StatTile = { key: t.key, label: t.label, value: t.sum ? sum(f, t.sum) : (f[t.metric!] ?? 0) };
  if (t.unit) count.unit = t.unit;
  return count;
}

/** What a section says besides its figures: whether they stand for now, and which tiles explain a red child. */
const framing = (s: SectionDecl): Pick<StatSection, 'live' | 'why'> => ({ live: s.kind !== 'daily', ...(s.why ? { why: [...s.why] } : {}) });

/** Whether any of `metrics` was ever counted in these figures. */
const has = (f: Figures | undefined, metrics: readonly (keyof Figures)[]) => !!f && metrics.some((m) => f[m] !== undefined);

/** Larger is worse, element by element. */
export function compareWorst(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Children worst first; ties keep the org order. */
export function worstFirst<T>(rows: readonly T[], worst: (r: T) => number[]): T[] {
  return rows
    .map((r, i) => ({ r, i, w: worst(r) }))
    .sort((a, b) => compareWorst(a.w, b.w) || a.i - b.i)
    .map((x) => x.r);
}

function counterSection(s: SectionDecl, node: OrgDoc, children: readonly OrgDoc[], counters: Counters, day: string, now: number): StatSection | undefined {
  if (s.kind === 'now') return nowSection(s, node, children, counters, day, now);
  const keys = s.kind === 'live' ? [LIVE] : counters.days;
  const key = s.kind === 'live' ? LIVE : day;
  const counted = keys.some((d) => has(counters.of(node._id, d), s.metrics)) || has(counters.of(node._id, LIVE), s.live ?? []);
  if (!counted) return undefined;
  // A daily section's gauges (s.live) are read from the live document beside each day's flows.
  const gauges = (nodeId: string): Figures => {
    const f = counters.of(nodeId, LIVE) ?? {};
    return Object.fromEntries((s.live ?? []).filter((m) => f[m] !== undefined).map((m) => [m, f[m]]));
  };
  const figures = (nodeId: string, d = key): ViewFigures =>
    s.live?.length ? { ...counters.of(nodeId, d), ...gauges(nodeId) } : (counters.of(nodeId, d) ?? {});
  // A node's daily figures added over the trend's days (a median's histogram).
  const span = (nodeId: string) => () => {
    const total: Figures = {};
    for (const d of counters.days) addFigures(total, counters.of(nodeId, d) ?? {});
    return total;
  };
  const childRows = childRowsOf(s, children, (id) => figures(id), span);
  const trends: StatTrend[] = (s.trends ?? []).map((tr) => {
    if (tr.sum) {
      const values = counters.days.map((d) => sum(figures(node._id, d), tr.sum!));
      return { key: tr.tile, label: tr.label, unit: 'count', ...(tr.unit ? { countUnit: tr.unit } : {}), days: counters.days, values };
    }
    const decl = s.tiles.find((t) => t.key === tr.tile)!;
    return {
      key: tr.tile,
      label: tr.label,
      unit: decl.rate ? 'percent' : 'count',
      ...(decl.unit ? { countUnit: decl.unit } : {}),
      days: counters.days,
      values: counters.days.map((d) => {
        const t = tileOf(decl, figures(node._id, d));
        return t.rate && !t.rate.den ? null : t.value;
      }),
    };
  });
  return { id: s.id, title: s.title, tiles: s.tiles.map((t) => tileOf(t, figures(node._id), span(node._id))), children: childRows, trends, ...framing(s) };
}

/** Children worst first, each with the section's tiles. */
function childRowsOf(
  s: SectionDecl,
  children: readonly OrgDoc[],
  figures: (nodeId: string) => ViewFigures,
  span: (nodeId: string) => () => Figures = () => () => ({}),
): StatChildRow[] {
  const rows = children.map((c) => ({ c, f: figures(c._id) }));
  return worstFirst(rows, (r) => s.worst(r.f)).map(({ c, f }) => ({
    orgId: c._id,
    name: c.name,
    level: c.level,
    tiles: s.tiles.map((t) => tileOf(t, f, span(c._id))),
    alarm: s.worst(f).some((x) => x > 0),
  }));
}

/** A 'now' section: today's document at the current Asia/Shanghai hour, with the gauges; not shown for another day. */
function nowSection(s: SectionDecl, node: OrgDoc, children: readonly OrgDoc[], counters: Counters, day: string, now: number): StatSection | undefined {
  if (day !== dayOf(now)) return undefined;
  if (!has(counters.of(node._id, day), s.metrics) && !has(counters.of(node._id, LIVE), s.live ?? [])) return undefined;
  const hour = hourOf(now);
  const figures = (nodeId: string) => s.now!(counters.of(nodeId, day) ?? {}, counters.of(nodeId, LIVE) ?? {}, hour);
  return {
    id: s.id,
    title: s.title,
    tiles: s.tiles.map((t) => tileOf(t, figures(node._id))),
    children: childRowsOf(s, children, figures),
    trends: [],
    ...framing(s),
  };
}

export async function dashboard(store: Store, node: OrgDoc, day: string, now: number): Promise<StatDashboard> {
  const children =
    node.level === 'building' ? [] : (await store.query('orgs', { where: { parentId: node._id }, orderBy: [{ field: 'order' }], limit: 1000 })).items;
  const counters = await loadCounters(store, node, children, day);
  const notice = await noticeSection(store, node, children, counters);
  const sections = SECTIONS.map((s) => counterSection(s, node, children, counters, day, now)).filter((s): s is StatSection => !!s);
  if (notice) sections.push(notice);
  return { orgId: node._id, orgName: node.name, level: node.level, day, at: now, sections };
}

export const statsActions = [
  action('stats.dashboard', {
    roles: ['leader', ...OVERSEERS],
    scope: 'subtree',
    target: { field: 'orgId' },
    schema: z.strictObject({ orgId: id(), date: z.optional(daySchema()) }),
    labels: { orgId: '组织', date: '日期' },
    handle: async (req, ctx) => {
      const now = ctx.clock.now();
      const today = dayOf(now);
      if (req.date && req.date > today) throw invalid('data.date', '不能查看未来的日期');
      return dashboard(ctx.store, ctx.target, req.date ?? today, now);
    },
  }),
];
