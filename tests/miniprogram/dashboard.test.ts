/**
 * 防控看板: figures per source, children worst first (the weak ones in red), a tap opens the
 * child's dashboard, trend lines drawn by the small canvas module, the leader's building view.
 */
import type { StatDashboard, StatSection } from '../../typings/stats';
import { dashboardView, homeNode } from '../../miniprogram/staff/pages/dashboard/dashboard-view';
import { drawSparkline, sparkPoints, type SparkContext } from '../../miniprogram/utils/sparkline';
import type { FakeWx } from './support/fake-wx';
import { failure, installFakeWx } from './support/fake-wx';
import { BUILDING, COMMUNITY, COMPOUND, DISTRICT, LEADER_ME, STAFF_ME, STREET, lastNavigation } from './support/messages';
import { findAll, isShown, openPage, settle, tap, textOf, textsOf } from './support/mp';

const DASHBOARD = 'staff/pages/dashboard/dashboard';
const DAYS = Array.from({ length: 14 }, (_, i) => `2026-11-${String(15 + i).padStart(2, '0')}`);

const gate: StatSection = {
  id: 'gate',
  title: '门岗通行',
  tiles: [
    { key: 'in', label: '进入', value: 230 },
    { key: 'fever', label: '体温异常', value: 2 },
    { key: 'deniedRate', label: '拦截率', value: 0.0125, rate: { num: 3, den: 240 } },
  ],
  children: [
    {
      orgId: COMPOUND.id,
      name: COMPOUND.name,
      level: 'compound',
      alarm: true,
      tiles: [
        { key: 'in', label: '进入', value: 120 },
        { key: 'fever', label: '体温异常', value: 2 },
        { key: 'deniedRate', label: '拦截率', value: 0.02, rate: { num: 2, den: 100 } },
      ],
    },
    {
      orgId: 'p-hexie',
      name: '和谐家园',
      level: 'compound',
      alarm: false,
      tiles: [
        { key: 'in', label: '进入', value: 110 },
        { key: 'fever', label: '体温异常', value: 0 },
        { key: 'deniedRate', label: '拦截率', value: 0, rate: { num: 0, den: 110 } },
      ],
    },
  ],
  trends: [{ key: 'in', label: '进入人次', unit: 'count', days: DAYS, values: DAYS.map((_, i) => 200 + i) }],
};

const BY_ORG: Record<string, StatDashboard> = {
  [COMMUNITY.id]: { orgId: COMMUNITY.id, orgName: COMMUNITY.name, level: 'community', day: '2026-11-28', at: 0, sections: [gate] },
  [STREET.id]: { orgId: STREET.id, orgName: STREET.name, level: 'street', day: '2026-11-28', at: 0, sections: [] },
  [BUILDING.id]: {
    orgId: BUILDING.id,
    orgName: BUILDING.name,
    level: 'building',
    day: '2026-11-28',
    at: 0,
    sections: [
      {
        id: 'passes',
        title: '出入证',
        tiles: [
          { key: 'active', label: '有效', value: 41 },
          { key: 'pending', label: '待审核', value: 3 },
        ],
        children: [],
        trends: [],
      },
    ],
  },
};

function serve(me = STAFF_ME): FakeWx {
  return installFakeWx({
    handlers: {
      'account.me': () => me,
      'stats.dashboard': ({ orgId }) => {
        const found = BY_ORG[orgId];
        if (!found) throw failure('FORBIDDEN', '没有权限查看该组织');
        return found;
      },
    },
  });
}

test('a community: big figures, children worst first with the weak one in red, a tap opens the child one level down', async () => {
  const fake = serve();
  const page = await openPage(DASHBOARD, { orgId: COMMUNITY.id });
  expect(textOf(page, '#title')).toBe(COMMUNITY.name);
  expect(textOf(page, '#tile-gate-in')).toContain('230');
  expect(textOf(page, '#tile-gate-deniedRate')).toContain('1.3%');
  expect(textsOf(page, '.db-child-name')).toEqual([COMPOUND.name, '和谐家园']);
  expect(findAll(page, '.db-alarm')).toHaveLength(1);
  expect(textOf(page, `#child-gate-${COMPOUND.id}`)).toContain('体温异常 2');
  await tap(page, `#child-gate-${COMPOUND.id}`);
  expect(lastNavigation(fake).url).toBe(`/staff/pages/dashboard/dashboard?orgId=${COMPOUND.id}`);
});

test('without an orgId it opens at the caller’s own node; a leader sees their building with no children', async () => {
  const fake = serve(LEADER_ME);
  const page = await openPage(DASHBOARD);
  await settle();
  expect(fake.calls.filter((c) => c.action === 'stats.dashboard').map((c) => c.data)).toEqual([{ orgId: BUILDING.id }]);
  expect(textOf(page, '#tile-passes-pending')).toContain('3');
  expect(isShown(page, '.db-children-head')).toBe(false);
});

test('nothing counted yet says so; a refusal shows its message and a retry', async () => {
  serve();
  const empty = await openPage(DASHBOARD, { orgId: STREET.id });
  expect(isShown(empty, '#empty')).toBe(true);
  const refused = await openPage(DASHBOARD, { orgId: DISTRICT.id });
  expect(textOf(refused, '#error')).toBe('没有权限查看该组织');
  expect(isShown(refused, '#retry')).toBe(true);
});

test('the view: rates as percentages, the latest trend point, the child level named', () => {
  const v = dashboardView(BY_ORG[COMMUNITY.id]);
  expect(v.childLabel).toBe('小区');
  expect(v.sections[0].trends[0]).toMatchObject({ id: 'trend-gate-in', latest: '213' });
  expect(v.sections[0].children[1].summary).toBe('进入 110 · 体温异常 0 · 拦截率 0%');
  expect(homeNode(STAFF_ME.grants)).toBe(STAFF_ME.grants[0].orgId);
});

test('a tile answered in words (the response median of cases) shows its words, on the node and its children', () => {
  const median = { key: 'median', label: '响应中位', value: 60, text: '≤1小时' };
  const cases: StatSection = {
    id: 'cases',
    title: '线索处置',
    tiles: [{ key: 'open', label: '未办结', value: 3 }, median],
    children: [{ orgId: COMPOUND.id, name: COMPOUND.name, level: 'compound', tiles: [{ key: 'open', label: '未办结', value: 3 }, median], alarm: true }],
    trends: [],
  };
  const v = dashboardView({ ...BY_ORG[COMMUNITY.id], sections: [cases] });
  expect(v.sections[0].tiles.map((t) => t.text)).toEqual(['3', '≤1小时']);
  expect(v.sections[0].children[0].summary).toBe('未办结 3 · 响应中位 ≤1小时');
});

test('the sparkline: scaled into its box, a gap for a missing value, the last point marked', () => {
  const pts = sparkPoints([0, 10, null, 5], 100, 40, 4);
  expect(pts[0]).toEqual({ x: 4, y: 36 });
  expect(pts[1]).toEqual({ x: 4 + 92 / 3, y: 4 });
  expect(pts[2]).toBeNull();
  expect(pts[3]!.y).toBeCloseTo(20);
  const ops: string[] = [];
  const ctx = {
    clearRect: () => ops.push('clear'),
    beginPath: () => ops.push('begin'),
    moveTo: (x: number) => ops.push(`move ${Math.round(x)}`),
    lineTo: (x: number) => ops.push(`line ${Math.round(x)}`),
    stroke: () => ops.push('stroke'),
    arc: (x: number) => ops.push(`dot ${Math.round(x)}`),
    fill: () => ops.push('fill'),
    strokeStyle: '',
    fillStyle: '',
    lineWidth: 0,
  } satisfies SparkContext;
  drawSparkline(ctx, 100, 40, [0, 10, null, 5], { pad: 4 });
  expect(ops).toEqual(['clear', 'begin', 'move 4', 'line 35', 'move 96', 'stroke', 'begin', 'dot 96', 'fill']);
  expect(sparkPoints([null, null], 100, 40)).toEqual([null, null]);
});
