/**
 * The dashboard's counter sections, as data: a new source is a row here (and its metrics in
 * METRICS, bumped by its writer). A section is shown at a node when its metrics have ever been
 * counted there (a field present in the documents read); children are ordered by `worst`
 * (compared element by element, larger is worse) and flagged when it is above zero.
 */
import { CASE_KIND_LABELS, CASE_SEVERITY } from '../../miniprogram/shared/cases';
import type { CaseKind } from '../../typings/cases';
import { CASE_RESPONSE, type DailyMetric, type Figures, type LiveMetric, type MetricKey } from './model';

export interface TileDecl {
  key: string;
  label: string;
  /** A count of one metric, or the sum of several… */
  metric?: MetricKey;
  sum?: readonly MetricKey[];
  /** …or a rate: the sum of `num` over the sum of `den`. */
  rate?: { num: readonly MetricKey[]; den: readonly MetricKey[] };
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
  /** Daily metrics added up day by day (a live section's trend of a day's flows). */
  sum?: readonly DailyMetric[];
}

export interface SectionDecl {
  id: string;
  title: string;
  /** Daily sections read the day's documents (and trend over 14 days); live ones the gauges. */
  kind: 'daily' | 'live';
  metrics: readonly MetricKey[];
  tiles: readonly TileDecl[];
  worst: (f: Figures) => number[];
  trends?: readonly TrendDecl[];
}

const v = (f: Figures, k: MetricKey) => f[k] ?? 0;
const ratio = (num: number, den: number) => (den ? num / den : 0);
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
    { key: 'open', label, metric: open },
    { key: 'overdue', label: '逾期', metric: overdue },
  ],
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
      { key: 'compound', label: '小区', metric: 'alertAtCompound' },
      { key: 'community', label: '社区', metric: 'alertAtCommunity' },
      { key: 'street', label: '街道', metric: 'alertAtStreet' },
      { key: 'district', label: '区', metric: 'alertAtDistrict' },
    ],
    // Alerts that climbed furthest first: they went unacknowledged longest.
    worst: (f) => [v(f, 'alertAtDistrict'), v(f, 'alertAtStreet'), v(f, 'alertAtCommunity'), v(f, 'alertAtCompound')],
  },
  {
    id: 'cases',
    title: '线索处置',
    kind: 'live',
    metrics: caseKinds.map((k) => kindMetric[k]),
    tiles: [
      { key: 'open', label: '未办结', sum: caseKinds.map((k) => kindMetric[k]) },
      ...caseKinds.map((k) => ({ key: k, label: CASE_KIND_LABELS[k], metric: kindMetric[k] })),
      { key: 'median', label: '响应中位', median: CASE_RESPONSE },
    ],
    worst: (f) => [
      sumOf(f, highKinds),
      sumOf(
        f,
        caseKinds.map((k) => kindMetric[k]),
      ),
    ],
    trends: [
      { tile: 'acted', label: '首次处置', sum: ['caseActed'] },
      { tile: 'slow', label: '超1小时处置', sum: responseMetrics.slice(3) },
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
  ...WAITING_SECTIONS,
];
