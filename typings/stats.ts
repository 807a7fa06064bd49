/** The dashboard (`stats.*`): how a node's part is doing now and where it is weakest. Types only. */
import type { OrgLevel } from './domain';

/** One figure on a tile: a count, or a rate (0–1) with the counts it is made of. */
export interface StatTile {
  key: string;
  label: string;
  value: number;
  /** Present on a rate: the value is `num / den` (0 when den is 0), shown as a percentage. */
  rate?: { num: number; den: number };
  /** Present when the figure is shown as words rather than the value (a median's bucket: 「≤1小时」). */
  text?: string;
  /** What a count counts (人次, 张, 条, 人), shown after it. */
  unit?: string;
}

/** A child node's figures in one section, in the section's tile order. */
export interface StatChildRow {
  orgId: string;
  name: string;
  level: OrgLevel;
  tiles: StatTile[];
  /** True for the children in the section's worst group (something to act on). */
  alarm: boolean;
}

/** One figure over the last 14 days, oldest first (`null`: a rate with nothing to divide). */
export interface StatTrend {
  key: string;
  label: string;
  /** `percent` values are rates 0–1. */
  unit: 'count' | 'percent';
  /** What a count trend counts (人次, 件). */
  countUnit?: string;
  days: string[];
  values: Array<number | null>;
}

export interface StatSection {
  id: string;
  title: string;
  /** What the figures are about (e.g. the notice's title), if anything. */
  subtitle?: string;
  tiles: StatTile[];
  /** The node's children, worst first. */
  children: StatChildRow[];
  trends: StatTrend[];
  /** The figures stand for now (gauges), whatever the day asked for. */
  live?: boolean;
  /** The tiles that explain a red child, most telling first (those above zero are named, else the first). */
  why?: string[];
}

export interface StatDashboard {
  orgId: string;
  orgName: string;
  level: OrgLevel;
  /** The Asia/Shanghai day the daily figures are for. */
  day: string;
  at: number;
  /** Sections of the sources with data at this node, in a fixed order. */
  sections: StatSection[];
}

export interface StatsActions {
  /** A node's dashboard (a leader's building, a secretary's compound, staff's area and below). */
  'stats.dashboard': { req: { orgId: string; date?: string }; res: StatDashboard };
}
