/** The dashboard's view: sections with big figures, children worst first, trend rows; pure. */
import type { OrgLevel } from '../../../../typings/domain';
import type { StatDashboard, StatSection, StatTile, StatTrend } from '../../../../typings/stats';
import { LEVEL_LABELS } from '../../../utils/roles';

export const DASHBOARD_PAGE = '/staff/pages/dashboard/dashboard';

export interface TileView {
  key: string;
  label: string;
  text: string;
}

export interface ChildView {
  orgId: string;
  name: string;
  summary: string;
  alarm: boolean;
  /** Buildings and above can be opened one level down; a building has no children. */
  url: string;
}

export interface TrendView {
  /** The canvas id. */
  id: string;
  label: string;
  latest: string;
  values: Array<number | null>;
}

export interface SectionView {
  id: string;
  title: string;
  subtitle: string;
  tiles: TileView[];
  children: ChildView[];
  trends: TrendView[];
}

export interface DashboardView {
  title: string;
  level: string;
  day: string;
  sections: SectionView[];
  /** What a child is called here (社区, 小区, …): heads the list. */
  childLabel: string;
}

const CHILD_LEVEL: Record<OrgLevel, OrgLevel | null> = { district: 'street', street: 'community', community: 'compound', compound: 'building', building: null };

export const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;
export const tileText = (t: StatTile) => t.text ?? (t.rate ? percent(t.value) : String(t.value));

const trendLatest = (t: StatTrend) => {
  const v = t.values[t.values.length - 1];
  if (v === null || v === undefined) return '—';
  return t.unit === 'percent' ? percent(v) : String(v);
};

export const dashboardUrl = (orgId: string) => `${DASHBOARD_PAGE}?orgId=${encodeURIComponent(orgId)}`;

function sectionView(s: StatSection): SectionView {
  return {
    id: s.id,
    title: s.title,
    subtitle: s.subtitle ?? '',
    tiles: s.tiles.map((t) => ({ key: t.key, label: t.label, text: tileText(t) })),
    children: s.children.map((c) => ({
      orgId: c.orgId,
      name: c.name,
      summary: c.tiles.map((t) => `${t.label} ${tileText(t)}`).join(' · '),
      alarm: c.alarm,
      url: dashboardUrl(c.orgId),
    })),
    trends: s.trends.map((t) => ({ id: `trend-${s.id}-${t.key}`, label: t.label, latest: trendLatest(t), values: t.values })),
  };
}

export function dashboardView(d: StatDashboard): DashboardView {
  const child = CHILD_LEVEL[d.level];
  return {
    title: d.orgName,
    level: LEVEL_LABELS[d.level],
    day: d.day,
    sections: d.sections.map(sectionView),
    childLabel: child ? LEVEL_LABELS[child] : '',
  };
}

/** Where a caller's dashboard opens: their topmost node among the roles that see one. */
export function homeNode(grants: ReadonlyArray<{ role: string; orgId: string; orgPath: ReadonlyArray<unknown> }>): string | undefined {
  const seeing = grants.filter((g) => ['leader', 'secretary', 'staff', 'admin'].includes(g.role));
  seeing.sort((a, b) => a.orgPath.length - b.orgPath.length);
  return seeing[0]?.orgId;
}
