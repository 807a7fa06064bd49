/** 健康与摸底: a node's census and today's reports, one row per child, each row knowing where a tap leads. Pure. */
import type { ActionResponse } from '../../../../typings/api';
import type { CensusRow, HealthRow } from '../../../../typings/census';
import type { GrantView, Role } from '../../../../typings/domain';
import { ROUTES } from '../../../utils/routes';

type Summary = ActionResponse<'census.summary'>;
type Health = ActionResponse<'health.summary'>;

/** Who opens the page from home: those who run or oversee a compound. */
export const SUMMARY_ROLES: readonly Role[] = ['secretary', 'staff', 'admin'];

export interface NodeRow {
  orgId: string;
  name: string;
  censusText: string;
  healthText: string;
  abnormalText: string;
  /** Where a tap leads: the child's own summary, or a building's page. */
  url: string;
}

const censusText = (c: CensusRow) => `摸底 ${c.completeness}% · ${c.households} 户 ${c.people} 人`;
const healthText = (h: HealthRow | undefined) => (h ? `今日上报 ${h.reported}/${h.expected}` : '今日上报 0/0');
const abnormalText = (h: HealthRow | undefined) => (h?.abnormal ? `异常 ${h.abnormal} 人` : '');

export const drillUrl = (c: Pick<CensusRow, 'orgId' | 'level'>): string =>
  c.level === 'building'
    ? `${ROUTES.buildingResidents}?buildingId=${encodeURIComponent(c.orgId)}`
    : `${ROUTES.censusSummary}?orgId=${encodeURIComponent(c.orgId)}`;

export function nodeRows(census: Summary, health: Health): NodeRow[] {
  const byId = new Map(health.children.map((h) => [h.orgId, h]));
  return census.children.map((c) => {
    const h = byId.get(c.orgId);
    return { orgId: c.orgId, name: c.name, censusText: censusText(c), healthText: healthText(h), abnormalText: abnormalText(h), url: drillUrl(c) };
  });
}

export function totalLines(census: Summary, health: Health): { census: string; health: string; abnormal: string } {
  return { census: censusText(census.total), health: healthText(health.total), abnormal: abnormalText(health.total) };
}

/** The node a caller starts from: their first grant of a summary role above a building. */
export const startNode = (grants: readonly GrantView[]): string | null =>
  grants.find((g) => SUMMARY_ROLES.includes(g.role) && g.orgLevel !== 'building')?.orgId ?? null;
