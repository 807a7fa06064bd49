/**
 * The dashboard's counter sections, as data: a new source is a row here (and its metrics in
 * METRICS, bumped by its writer). A section is shown at a node when its metrics have ever been
 * counted there (a field present in the documents read); children are ordered by `worst`
 * (compared element by element, larger is worse) and flagged when it is above zero.
 */
import { HOURS, type Figures, type Hour, type LiveMetric, type MetricKey } from './model';

/** Figures a 'now' section derives at read time (never counted themselves). */
export type DerivedKey = 'dutyRequired' | 'dutyPresent' | 'dutyGap' | 'dutyFilled';
export type ViewFigures = Figures & Partial<Record<DerivedKey, number>>;

export interface TileDecl {
  key: string;
  label: string;
  /** A count of one metric… */
  metric?: MetricKey | DerivedKey;
  /** …or a rate: the sum of `num` over the sum of `den`. */
  rate?: { num: readonly (MetricKey | DerivedKey)[]; den: readonly (MetricKey | DerivedKey)[] };
}

export interface TrendDecl {
  /** A tile's key: the trend is that tile, day by day. */
  tile: string;
  label: string;
}

export interface SectionDecl {
  id: string;
  title: string;
  /**
   * Daily sections read the day's documents (and trend over 14 days); live ones the gauges; 'now'
   * ones today's document at the current hour with the gauges (`now` derives the tiles' figures),
   * and only on today's dashboard.
   */
  kind: 'daily' | 'live' | 'now';
  now?: (day: Figures, live: Figures, hour: Hour) => ViewFigures;
  metrics: readonly MetricKey[];
  /**
   * Gauges a daily section reads beside the day's flows (a denominator such as the people
   * expected to report). Every day of its trend reads today's gauges: an approximation for past
   * days, kept because no history of the gauges is stored.
   */
  live?: readonly LiveMetric[];
  tiles: readonly TileDecl[];
  worst: (f: ViewFigures) => number[];
  trends?: readonly TrendDecl[];
}

const v = (f: ViewFigures, k: MetricKey | DerivedKey) => f[k] ?? 0;
const ratio = (num: number, den: number) => (den ? num / den : 0);
/** What is still missing of `den`, as a share (0 when nothing is expected). */
const shortfall = (num: number, den: number) => (den ? Math.max(0, 1 - num / den) : 0);

export const SECTIONS: readonly SectionDecl[] = [
  {
    id: 'gate',
    title: '门岗通行',
    kind: 'daily',
    metrics: ['gateIn', 'gateDenied', 'gateFever'],
    tiles: [
      { key: 'in', label: '进入', metric: 'gateIn' },
      { key: 'denied', label: '拦截', metric: 'gateDenied' },
      { key: 'fever', label: '体温异常', metric: 'gateFever' },
      { key: 'deniedRate', label: '拦截率', rate: { num: ['gateDenied'], den: ['gateIn', 'gateDenied'] } },
    ],
    worst: (f) => [v(f, 'gateFever'), ratio(v(f, 'gateDenied'), v(f, 'gateIn') + v(f, 'gateDenied'))],
    trends: [
      { tile: 'in', label: '进入人次' },
      { tile: 'deniedRate', label: '拦截率' },
      { tile: 'fever', label: '体温异常' },
    ],
  },
  {
    id: 'passes',
    title: '出入证',
    kind: 'live',
    metrics: ['passActive', 'passPending'],
    tiles: [
      { key: 'active', label: '有效', metric: 'passActive' },
      { key: 'pending', label: '待审核', metric: 'passPending' },
    ],
    worst: (f) => [v(f, 'passPending')],
  },
  {
    id: 'alerts',
    title: '未处置预警',
    kind: 'live',
    metrics: ['alertCritical', 'alertHigh', 'alertMedium', 'alertLow', 'alertUnacked'],
    tiles: [
      { key: 'critical', label: '特急', metric: 'alertCritical' },
      { key: 'high', label: '紧急', metric: 'alertHigh' },
      { key: 'medium', label: '较急', metric: 'alertMedium' },
      { key: 'low', label: '一般', metric: 'alertLow' },
      { key: 'unacked', label: '未签收', metric: 'alertUnacked' },
    ],
    worst: (f) => [v(f, 'alertCritical'), v(f, 'alertHigh'), v(f, 'alertUnacked'), v(f, 'alertMedium'), v(f, 'alertLow')],
  },
  {
    id: 'health',
    title: '每日健康',
    kind: 'daily',
    metrics: ['healthReported', 'healthAbnormal'],
    live: ['censusPeople'],
    tiles: [
      { key: 'reported', label: '已上报', metric: 'healthReported' },
      { key: 'people', label: '应报人数', metric: 'censusPeople' },
      { key: 'reportRate', label: '上报率', rate: { num: ['healthReported'], den: ['censusPeople'] } },
      { key: 'abnormal', label: '异常', metric: 'healthAbnormal' },
    ],
    worst: (f) => [shortfall(v(f, 'healthReported'), v(f, 'censusPeople')), v(f, 'healthAbnormal')],
    trends: [
      { tile: 'reportRate', label: '上报率' },
      { tile: 'abnormal', label: '异常人数' },
    ],
  },
  {
    id: 'disinfect',
    title: '环境消毒',
    kind: 'daily',
    metrics: ['disinfectDone'],
    live: ['disinfectRequired'],
    tiles: [
      { key: 'done', label: '已消毒', metric: 'disinfectDone' },
      { key: 'required', label: '应消毒', metric: 'disinfectRequired' },
      { key: 'compliance', label: '完成率', rate: { num: ['disinfectDone'], den: ['disinfectRequired'] } },
    ],
    worst: (f) => [shortfall(v(f, 'disinfectDone'), v(f, 'disinfectRequired'))],
    trends: [{ tile: 'compliance', label: '完成率' }],
  },
  {
    id: 'duty',
    title: '值守在岗',
    kind: 'now',
    metrics: HOURS.map((h) => `dutyReq${h}` as const),
    live: ['dutyStanding'],
    // The hour's shifts, plus the always-on posts' heads in the hours no shift of theirs covers.
    now: (day, live, hour) => {
      const standing = v(live, 'dutyStanding') - v(day, `dutyCover${hour}`);
      const required = v(day, `dutyReq${hour}`) + standing;
      const gap = v(day, `dutyGap${hour}`) + standing;
      return { dutyRequired: required, dutyPresent: v(day, `dutyOn${hour}`), dutyGap: gap, dutyFilled: required - gap };
    },
    tiles: [
      { key: 'required', label: '应到', metric: 'dutyRequired' },
      { key: 'present', label: '在岗', metric: 'dutyPresent' },
      { key: 'gap', label: '缺岗', metric: 'dutyGap' },
      { key: 'filled', label: '到岗率', rate: { num: ['dutyFilled'], den: ['dutyRequired'] } },
    ],
    worst: (f) => [v(f, 'dutyGap')],
  },
];
