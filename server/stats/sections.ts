/**
 * The dashboard's counter sections, as data: a new source is a row here (and its metrics in
 * METRICS, bumped by its writer). A section is shown at a node when its metrics have ever been
 * counted there (a field present in the documents read); children are ordered by `worst`
 * (compared element by element, larger is worse) and flagged when it is above zero.
 */
import { CASE_KIND_LABELS, CASE_SEVERITY } from '../../miniprogram/shared/cases';
import type { CaseKind } from '../../typings/cases';
import { CASE_RESPONSE, HOURS, type DailyMetric, type Figures, type Hour, type LiveMetric, type MetricKey } from './model';

/** Figures a 'now' section derives at read time (never counted themselves). */
export type DerivedKey = 'dutyRequired' | 'dutyPresent' | 'dutyGap' | 'dutyFilled';
export type ViewFigures = Figures & Partial<Record<DerivedKey, number>>;

export interface TileDecl {
  key: string;
  label: string;
  /** What a count counts (人次, 张, 条, 人). */
  unit?: string;
  /** A count of one metric, or the sum of several… */
  metric?: MetricKey | DerivedKey;
  sum?: readonly MetricKey[];
  /** …or a rate: the sum of `num` over the sum of `den`. */
  rate?: { num: readonly (MetricKey | DerivedKey)[]; den: readonly (MetricKey | DerivedKey)[] };
  /**
   * …or the median of a histogram of daily counts (buckets by upper bound, ascending) over the
   * trend's 14 days: the value is the upper bound of the bucket it falls in (0: nothing counted),
   * its text that bucket's label. A median cannot be added up from parts; bucket counts can.
   */
  median?: ReadonlyArray<{ metric: DailyMetric; upTo: number }>;
}

export interface TrendDecl {
  /** A tile's key: the trend is that tile, day by day — or, with `sum`, the trend's own key. */
  tile: string;
  label: string;
  /** Daily metrics added up day by day (a live section's trend of a day's flows)… */
  sum?: readonly DailyMetric[];
  /** …and what they count. */
  unit?: string;
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
  /** The tiles (keys) that explain a red child, most telling first; absent: every tile. */
  why?: readonly string[];
  trends?: readonly TrendDecl[];
}

const v = (f: ViewFigures, k: MetricKey | DerivedKey) => f[k] ?? 0;
const ratio = (num: number, den: number) => (den ? num / den : 0);
/** What is still missing of `den`, as a share (0 when nothing is expected). */
const shortfall = (num: number, den: number) => (den ? Math.max(0, 1 - num / den) : 0);
const sumOf = (f: Figures, keys: readonly MetricKey[]) => keys.reduce((s, k) => s + v(f, k), 0);

const kindMetric = {
  returnee: 'caseReturnee',
  contact: 'caseContact',
  fever: 'caseFever',
  gathering: 'caseGathering',
  nomask: 'caseNomask',
  other: 'caseOther',
} as const satisfies Record<CaseKind, LiveMetric>;
/** The gauge of open cases of each kind. */
export const CASE_KIND_METRIC: Readonly<Record<CaseKind, LiveMetric>> = kindMetric;
const caseKinds = Object.keys(kindMetric) as CaseKind[];
const highKinds = caseKinds.filter((k) => CASE_SEVERITY[k] === 'high').map((k) => kindMetric[k]);
const responseMetrics = CASE_RESPONSE.map((b) => b.metric);

/** A section of records waiting on someone: how many, and how many of them past their deadline (worse first). */
const waitingOn = (id: string, title: string, [open, label]: [LiveMetric, string], overdue: LiveMetric): SectionDecl => ({
  id,
  title,
  kind: 'live',
  metrics: [open, overdue],
  tiles: [
    { key: 'open', label, metric: open, unit: '件' },
    { key: 'overdue', label: '逾期', metric: overdue, unit: '件' },
  ],
  why: ['overdue', 'open'],
  worst: (f) => [v(f, overdue), v(f, open)],
});

/** Open alerts by the level they wait at now, cases, 吹哨 and 督导: what waits on someone. */
export const WAITING_SECTIONS: readonly SectionDecl[] = [
  {
    id: 'alertLevels',
    title: '预警所在层级',
    kind: 'live',
    metrics: ['alertAtCompound', 'alertAtCommunity', 'alertAtStreet', 'alertAtDistrict'],
    tiles: [
      { key: 'compound', label: '小区', metric: 'alertAtCompound', unit: '条' },
      { key: 'community', label: '社区', metric: 'alertAtCommunity', unit: '条' },
      { key: 'street', label: '街道', metric: 'alertAtStreet', unit: '条' },
      { key: 'district', label: '区', metric: 'alertAtDistrict', unit: '条' },
    ],
    // Alerts that climbed furthest first: they went unacknowledged longest.
    why: ['district', 'street', 'community', 'compound'],
    worst: (f) => [v(f, 'alertAtDistrict'), v(f, 'alertAtStreet'), v(f, 'alertAtCommunity'), v(f, 'alertAtCompound')],
  },
  {
    id: 'cases',
    title: '线索处置',
    kind: 'live',
    metrics: caseKinds.map((k) => kindMetric[k]),
    tiles: [
      { key: 'open', label: '未办结', sum: caseKinds.map((k) => kindMetric[k]), unit: '件' },
      ...caseKinds.map((k) => ({ key: k, label: CASE_KIND_LABELS[k], metric: kindMetric[k], unit: '件' })),
      { key: 'median', label: '响应中位', median: CASE_RESPONSE },
    ],
    why: ['returnee', 'contact', 'fever', 'open'],
    worst: (f) => [
      sumOf(f, highKinds),
      sumOf(
        f,
        caseKinds.map((k) => kindMetric[k]),
      ),
    ],
    trends: [
      { tile: 'acted', label: '首次处置', sum: ['caseActed'], unit: '件' },
      { tile: 'slow', label: '超1小时处置', sum: responseMetrics.slice(3), unit: '件' },
    ],
  },
  waitingOn('whistles', '吹哨报到', ['whistleOpen', '未办结'], 'whistleOverdue'),
  waitingOn('inspect', '督导整改', ['inspectOpen', '待整改'], 'inspectOverdue'),
];

export const SECTIONS: readonly SectionDecl[] = [
  {
    id: 'gate',
    title: '门岗通行',
    kind: 'daily',
    metrics: ['gateIn', 'gateDenied', 'gateFever'],
    tiles: [
      { key: 'in', label: '进入', metric: 'gateIn', unit: '人次' },
      { key: 'denied', label: '拦截', metric: 'gateDenied', unit: '人次' },
      { key: 'fever', label: '体温异常', metric: 'gateFever', unit: '人次' },
      { key: 'deniedRate', label: '拦截率', rate: { num: ['gateDenied'], den: ['gateIn', 'gateDenied'] } },
    ],
    why: ['fever', 'deniedRate'],
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
      { key: 'active', label: '有效', metric: 'passActive', unit: '张' },
      { key: 'pending', label: '待审核', metric: 'passPending', unit: '张' },
    ],
    why: ['pending'],
    worst: (f) => [v(f, 'passPending')],
  },
  {
    id: 'alerts',
    title: '未处置预警',
    kind: 'live',
    metrics: ['alertCritical', 'alertHigh', 'alertMedium', 'alertLow', 'alertUnacked'],
    tiles: [
      { key: 'critical', label: '特急', metric: 'alertCritical', unit: '条' },
      { key: 'high', label: '紧急', metric: 'alertHigh', unit: '条' },
      { key: 'medium', label: '较急', metric: 'alertMedium', unit: '条' },
      { key: 'low', label: '一般', metric: 'alertLow', unit: '条' },
      { key: 'unacked', label: '未签收', metric: 'alertUnacked', unit: '条' },
    ],
    why: ['critical', 'high', 'unacked', 'medium', 'low'],
    worst: (f) => [v(f, 'alertCritical'), v(f, 'alertHigh'), v(f, 'alertUnacked'), v(f, 'alertMedium'), v(f, 'alertLow')],
  },
  {
    id: 'health',
    title: '每日健康',
    kind: 'daily',
    metrics: ['healthReported', 'healthAbnormal'],
    live: ['censusPeople'],
    tiles: [
      { key: 'reported', label: '已上报', metric: 'healthReported', unit: '人' },
      { key: 'people', label: '应报人数', metric: 'censusPeople', unit: '人' },
      { key: 'reportRate', label: '上报率', rate: { num: ['healthReported'], den: ['censusPeople'] } },
      { key: 'abnormal', label: '异常', metric: 'healthAbnormal', unit: '人' },
    ],
    why: ['reportRate', 'abnormal'],
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
      { key: 'done', label: '已消毒', metric: 'disinfectDone', unit: '次' },
      { key: 'required', label: '应消毒', metric: 'disinfectRequired', unit: '次' },
      { key: 'compliance', label: '完成率', rate: { num: ['disinfectDone'], den: ['disinfectRequired'] } },
    ],
    why: ['compliance'],
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
      { key: 'required', label: '应到', metric: 'dutyRequired', unit: '人' },
      { key: 'present', label: '在岗', metric: 'dutyPresent', unit: '人' },
      { key: 'gap', label: '缺岗', metric: 'dutyGap', unit: '人' },
      { key: 'filled', label: '到岗率', rate: { num: ['dutyFilled'], den: ['dutyRequired'] } },
    ],
    why: ['gap', 'filled'],
    worst: (f) => [v(f, 'dutyGap')],
  },
  ...WAITING_SECTIONS,
];
