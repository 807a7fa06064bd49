/** The dashboard's view: sections with big figures, children worst first, trend rows; pure. */
import type { GrantView, OrgLevel } from '../../../../typings/domain';
import type { StatChildRow, StatDashboard, StatSection, StatTile, StatTrend } from '../../../../typings/stats';
import { LEVEL_LABELS } from '../../../utils/roles';

export const DASHBOARD_PAGE = '/staff/pages/dashboard/dashboard';

export interface TileView {
  key: string;
  label: string;
  /** The big number, and its unit set smaller after it (「230」「人次」, 「12.5」「%」). */
  value: string;
  unit: string;
}

export interface ChildView {
  orgId: string;
  name: string;
  summary: string;
  alarm: boolean;
  /** Why it is red: the figures that put it there (「需关注：拦截率 12.5%」); empty when not red. */
  why: string;
  /** Buildings and above can be opened one level down; a building has no children. */
  url: string;
}

export interface TrendView {
  /** The canvas id. */
  id: string;
  label: string;
  /** The last point with its day: 「11月28日 213人次」. */
  latest: string;
  values: Array<number | null>;
}

export interface SectionView {
  id: string;
  title: string;
  subtitle: string;
  tiles: TileView[];
  /** Nothing counted on the day: said under the title instead of a row of zeros. */
  empty: string;
  /** 「此刻的数字，不随日期变化」 for a section of gauges. */
  live: string;
  children: ChildView[];
  trends: TrendView[];
}

export interface Crumb {
  orgId: string;
  name: string;
}

export interface DashboardView {
  title: string;
  level: string;
  day: string;
  /** 「11月28日（今天）」 */
  dayLabel: string;
  /** The navigation bar: 「东店社区看板」, a building 「本楼看板 · 1号楼」. */
  navTitle: string;
  /** What the page shows at this level, in a line (a building's is narrower). */
  scope: string;
  /** The breadcrumb: the dashboards opened on the way here, and this one last. */
  trail: Crumb[];
  /** Shown when no section has anything at this node. */
  emptyText: string;
  sections: SectionView[];
  /** What a child is called here (社区, 小区, …): heads the list. */
  childLabel: string;
}

const CHILD_LEVEL: Record<OrgLevel, OrgLevel | null> = { district: 'street', street: 'community', community: 'compound', compound: 'building', building: null };

export const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;
/** A tile as words: its own text (a median's 「≤1小时」), a percentage, or the count with its unit. */
export const tileText = (t: StatTile) => t.text ?? (t.rate ? percent(t.value) : `${t.value}${t.unit ?? ''}`);
const tileView = (t: StatTile): TileView =>
  t.text !== undefined
    ? { key: t.key, label: t.label, value: t.text, unit: '' }
    : t.rate
      ? { key: t.key, label: t.label, value: percent(t.value).slice(0, -1), unit: '%' }
      : { key: t.key, label: t.label, value: String(t.value), unit: t.unit ?? '' };

/** 「11月28日」 from "2026-11-28". */
export const shortDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

const trendLatest = (t: StatTrend) => {
  const v = t.values[t.values.length - 1];
  const day = t.days.length ? `${shortDay(t.days[t.days.length - 1])} ` : '';
  if (v === null || v === undefined) return `${day}无数据`;
  return day + (t.unit === 'percent' ? percent(v) : `${v}${t.countUnit ?? ''}`);
};

/**
 * A node's dashboard; `date` (a past day) is carried down so a drill-down stays on that day, and
 * `above` (the dashboards opened on the way to it, top first) gives its breadcrumb and 返回上级.
 */
export function dashboardUrl(orgId: string, date = '', above: readonly Crumb[] = []): string {
  let url = `${DASHBOARD_PAGE}?orgId=${encodeURIComponent(orgId)}`;
  if (date) url += `&date=${encodeURIComponent(date)}`;
  if (above.length) url += `&above=${encodeURIComponent(JSON.stringify(above.map((c) => [c.orgId, c.name])))}`;
  return url;
}

/** The `above` of a page's query; anything malformed is no trail at all. */
export function parseAbove(raw: string | undefined): Crumb[] {
  if (!raw) return [];
  try {
    const list: unknown = JSON.parse(decodeURIComponent(raw));
    if (!Array.isArray(list)) return [];
    const ok = list.every((c) => Array.isArray(c) && c.length === 2 && c.every((x) => typeof x === 'string'));
    return ok ? (list as Array<[string, string]>).map(([orgId, name]) => ({ orgId, name })) : [];
  } catch {
    return [];
  }
}

/** Why a child is red: the section's explaining tiles above zero, or the first of them (a low rate is the reason). */
function whyOf(s: StatSection, c: StatChildRow): string {
  if (!c.alarm) return '';
  const keys = s.why;
  const tiles = keys ? keys.map((k) => c.tiles.find((t) => t.key === k)).filter((t): t is StatTile => !!t) : c.tiles;
  const above = tiles.filter((t) => t.value > 0);
  const named = above.length ? above : tiles.slice(0, 1);
  return named.length ? `需关注：${named.map((t) => `${t.label} ${tileText(t)}`).join(' · ')}` : '';
}

function sectionView(s: StatSection, date: string, trail: readonly Crumb[]): SectionView {
  const quiet = s.tiles.every((t) => t.value === 0) && s.children.every((c) => c.tiles.every((t) => t.value === 0));
  return {
    id: s.id,
    title: s.title,
    subtitle: s.subtitle ?? '',
    tiles: s.tiles.map(tileView),
    empty: quiet ? `当天没有${s.title}记录` : '',
    live: s.live ? '此刻的数字，不随日期变化' : '',
    children: s.children.map((c) => ({
      orgId: c.orgId,
      name: c.name,
      summary: c.tiles.map((t) => `${t.label} ${tileText(t)}`).join(' · '),
      alarm: c.alarm,
      why: whyOf(s, c),
      url: dashboardUrl(c.orgId, date, trail),
    })),
    trends: s.trends.map((t) => ({ id: `trend-${s.id}-${t.key}`, label: t.label, latest: trendLatest(t), values: t.values })),
  };
}

export interface ViewOptions {
  /** The day asked for (empty: today, as the server counts it). */
  date?: string;
  /** Today on the phone. */
  today?: string;
  /** The dashboards opened on the way here, top first. */
  above?: readonly Crumb[];
}

export function dashboardView(d: StatDashboard, { date = '', today = '', above = [] }: ViewOptions = {}): DashboardView {
  const trail = [...above, { orgId: d.orgId, name: d.orgName }];
  const child = CHILD_LEVEL[d.level];
  const building = d.level === 'building';
  return {
    title: d.orgName,
    level: LEVEL_LABELS[d.level],
    day: d.day,
    dayLabel: `${shortDay(d.day)}${d.day === today ? '（今天）' : ''}`,
    navTitle: building ? `本楼看板 · ${d.orgName}` : `${d.orgName}看板`,
    scope: building
      ? '本楼的出入证、预警和通知阅读情况（门岗按小区统计，不在楼栋看板）'
      : `全${LEVEL_LABELS[d.level]}情况，点下面的${child ? LEVEL_LABELS[child] : ''}逐级查看`,
    emptyText: building ? '本楼当天还没有出入证、预警或通知记录' : '当天还没有任何记录',
    trail,
    sections: d.sections.map((s) => sectionView(s, date, trail)),
    childLabel: child ? LEVEL_LABELS[child] : '',
  };
}

/** Where a caller's dashboard opens: their topmost node among the roles that see one. */
export function homeGrant<G extends Pick<GrantView, 'role' | 'orgId' | 'orgPath'>>(grants: readonly G[]): G | undefined {
  const seeing = grants.filter((g) => ['leader', 'secretary', 'staff', 'admin'].includes(g.role));
  seeing.sort((a, b) => a.orgPath.length - b.orgPath.length);
  return seeing[0];
}

export const homeNode = (grants: ReadonlyArray<Pick<GrantView, 'role' | 'orgId' | 'orgPath'>>) => homeGrant(grants)?.orgId;
