/**
 * 防控看板: figures per source with units, children worst first (the weak ones in red, with why),
 * a tap opens the child's dashboard and the breadcrumb / 返回上级 step back, a past day chosen,
 * 导出台账, trend lines drawn by the small canvas module, the leader's building view.
 */
import type { StatDashboard, StatSection } from '../../typings/stats';
import { dashboardUrl, dashboardView, homeNode, parseAbove } from '../../miniprogram/staff/pages/dashboard/dashboard-view';
import { drawSparkline, sparkPoints, type SparkContext } from '../../miniprogram/utils/sparkline';
import type { FakeWx } from './support/fake-wx';
import { failure, installFakeWx } from './support/fake-wx';
import { BUILDING, COMMUNITY, COMPOUND, DISTRICT, LEADER_ME, STAFF_ME, STREET, lastNavigation } from './support/messages';
import { find, findAll, isShown, openPage, settle, tap, textOf, textsOf } from './support/mp';

const DASHBOARD = 'staff/pages/dashboard/dashboard';
const DAYS = Array.from({ length: 14 }, (_, i) => `2026-11-${String(15 + i).padStart(2, '0')}`);

const gate: StatSection = {
  id: 'gate',
  title: '门岗通行',
  why: ['fever', 'deniedRate'],
  tiles: [
    { key: 'in', label: '进入', value: 230, unit: '人次' },
    { key: 'fever', label: '体温异常', value: 2, unit: '人次' },
    { key: 'deniedRate', label: '拦截率', value: 0.0125, rate: { num: 3, den: 240 } },
  ],
  children: [
    {
      orgId: COMPOUND.id,
      name: COMPOUND.name,
      level: 'compound',
      alarm: true,
      tiles: [
        { key: 'in', label: '进入', value: 120, unit: '人次' },
        { key: 'fever', label: '体温异常', value: 2, unit: '人次' },
        { key: 'deniedRate', label: '拦截率', value: 0.02, rate: { num: 2, den: 100 } },
      ],
    },
    {
      orgId: 'p-hexie',
      name: '和谐家园',
      level: 'compound',
      alarm: false,
      tiles: [
        { key: 'in', label: '进入', value: 110, unit: '人次' },
        { key: 'fever', label: '体温异常', value: 0, unit: '人次' },
        { key: 'deniedRate', label: '拦截率', value: 0, rate: { num: 0, den: 110 } },
      ],
    },
  ],
  trends: [{ key: 'in', label: '进入人次', unit: 'count', countUnit: '人次', days: DAYS, values: DAYS.map((_, i) => 200 + i) }],
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
        live: true,
        why: ['pending'],
        tiles: [
          { key: 'active', label: '有效', value: 41, unit: '张' },
          { key: 'pending', label: '待审核', value: 3, unit: '张' },
        ],
        children: [],
        trends: [],
      },
    ],
  },
};

/** A url's query as the client hands it to onLoad (values still encoded). */
function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(
    url
      .split('?')[1]
      .split('&')
      .map((kv) => kv.split('=') as [string, string]),
  );
}

function serve(me = STAFF_ME, more: Record<string, StatDashboard> = {}): FakeWx {
  return installFakeWx({
    handlers: {
      'account.me': () => me,
      'stats.dashboard': ({ orgId }) => {
        const found = more[orgId] ?? BY_ORG[orgId];
        if (!found) throw failure('FORBIDDEN', '没有权限查看该组织');
        return found;
      },
    },
  });
}

test('a community: big figures with units, children worst first with the weak one in red and why, a tap opens the child one level down', async () => {
  const fake = serve();
  const page = await openPage(DASHBOARD, { orgId: COMMUNITY.id });
  expect(textOf(page, '#title')).toBe(COMMUNITY.name);
  expect(fake.wx.setNavigationBarTitle).toHaveBeenLastCalledWith({ title: `${COMMUNITY.name}看板` });
  expect(textOf(page, '#day')).toBe('11月28日');
  expect(textOf(page, '#tile-gate-in')).toBe('230人次进入');
  expect(textOf(page, '#tile-gate-deniedRate')).toBe('1.3%拦截率');
  expect(textsOf(page, '.db-trend-head')).toEqual(['近14天进入人次11月28日 213人次']);
  expect(textsOf(page, '.db-child-name')).toEqual([COMPOUND.name, '和谐家园']);
  expect(findAll(page, '.db-alarm')).toHaveLength(1);
  expect(textsOf(page, '.db-child-why')).toEqual(['需关注：体温异常 2人次 · 拦截率 2%']);
  expect(textOf(page, `#child-gate-${COMPOUND.id}`)).toContain('进入 120人次');
  // Opened from home: nothing above to go back to.
  expect(isShown(page, '#up')).toBe(false);
  expect(isShown(page, '#crumbs')).toBe(false);
  await tap(page, `#child-gate-${COMPOUND.id}`);
  expect(queryOf(lastNavigation(fake).url)).toEqual({
    orgId: COMPOUND.id,
    above: encodeURIComponent(JSON.stringify([[COMMUNITY.id, COMMUNITY.name]])),
  });
});

test('one level down: the breadcrumb names the way taken, 返回上级 and a tap on a crumb go back up the stack', async () => {
  const fake = serve(STAFF_ME, {
    [STREET.id]: {
      ...BY_ORG[STREET.id],
      sections: [{ ...gate, children: [{ ...gate.children[1], orgId: COMMUNITY.id, name: COMMUNITY.name, level: 'community' }] }],
    },
    [COMPOUND.id]: { ...BY_ORG[STREET.id], orgId: COMPOUND.id, orgName: COMPOUND.name, level: 'compound' },
  });
  // Each level opened by tapping a child, as a person would.
  const street = await openPage(DASHBOARD, { orgId: STREET.id });
  await tap(street, `#child-gate-${COMMUNITY.id}`);
  const community = await openPage(DASHBOARD, queryOf(lastNavigation(fake).url));
  expect(textsOf(community, '.db-crumb')).toEqual([STREET.name]);
  await tap(community, `#child-gate-${COMPOUND.id}`);
  const page = await openPage(DASHBOARD, queryOf(lastNavigation(fake).url));
  expect(textsOf(page, '.db-crumb')).toEqual([STREET.name, COMMUNITY.name]);
  expect(textOf(page, '.db-crumb-here')).toBe(COMPOUND.name);
  expect(textOf(page, '#scope')).toContain('点下面的楼栋逐级查看');
  await tap(page, '#up');
  expect(fake.wx.navigateBack).toHaveBeenLastCalledWith({ delta: 1 });
  await tap(page, `#crumb-${STREET.id}`);
  expect(fake.wx.navigateBack).toHaveBeenLastCalledWith({ delta: 2 });
});

test('a past day: asked for, carried down a drill-down; a day after today is not asked', async () => {
  const fake = serve();
  const page = await openPage(DASHBOARD, { orgId: COMMUNITY.id });
  find(page, '#date').dispatchEvent('change', { detail: { value: '2026-11-20' } });
  await settle();
  expect(fake.calls.filter((c) => c.action === 'stats.dashboard').map((c) => c.data)).toEqual([
    { orgId: COMMUNITY.id },
    { orgId: COMMUNITY.id, date: '2026-11-20' },
  ]);
  await tap(page, `#child-gate-${COMPOUND.id}`);
  expect(queryOf(lastNavigation(fake).url)).toMatchObject({ orgId: COMPOUND.id, date: '2026-11-20' });
  find(page, '#date').dispatchEvent('change', { detail: { value: '2999-01-01' } });
  await settle();
  expect(fake.calls.filter((c) => c.action === 'stats.dashboard')).toHaveLength(2);
});

test('导出台账 opens the ledger export at this node', async () => {
  const fake = serve();
  const page = await openPage(DASHBOARD, { orgId: COMMUNITY.id });
  await tap(page, '#export');
  expect(lastNavigation(fake).url).toBe(`/staff/pages/export/export?orgId=${COMMUNITY.id}`);
});

test('without an orgId it opens at the caller’s own node; a leader sees their building with no children', async () => {
  const fake = serve(LEADER_ME);
  const page = await openPage(DASHBOARD);
  await settle();
  expect(fake.calls.filter((c) => c.action === 'stats.dashboard').map((c) => c.data)).toEqual([{ orgId: BUILDING.id }]);
  expect(textOf(page, '#tile-passes-pending')).toBe('3张待审核');
  expect(textOf(page, '#live-passes')).toBe('此刻的数字，不随日期变化');
  expect(isShown(page, '.db-children-head')).toBe(false);
  expect(fake.wx.setNavigationBarTitle).toHaveBeenLastCalledWith({ title: `本楼看板 · ${BUILDING.name}` });
  expect(textOf(page, '#scope')).toContain('本楼的出入证、预警和通知阅读情况');
  expect(textOf(page, '#where')).toBe([DISTRICT, STREET, COMMUNITY, COMPOUND, BUILDING].map((n) => n.name).join(' / '));
  // A building's ledger is its health reports: 导出台账 opens there too.
  await tap(page, '#export');
  expect(lastNavigation(fake).url).toBe(`/staff/pages/export/export?orgId=${BUILDING.id}`);
});

test('nothing counted yet says so; a refusal shows its message and a retry', async () => {
  serve();
  const empty = await openPage(DASHBOARD, { orgId: STREET.id });
  expect(textOf(empty, '#empty')).toBe('当天还没有任何记录');
  const refused = await openPage(DASHBOARD, { orgId: DISTRICT.id });
  expect(textOf(refused, '#error')).toBe('没有权限查看该组织');
  expect(isShown(refused, '#retry')).toBe(true);
});

test('the view: rates as percentages, counts with units, the latest trend point, the child level named, a quiet section said so', () => {
  const v = dashboardView(BY_ORG[COMMUNITY.id], { today: '2026-11-28' });
  expect(v.childLabel).toBe('小区');
  expect(v.dayLabel).toBe('11月28日（今天）');
  expect(v.sections[0].trends[0]).toMatchObject({ id: 'trend-gate-in', latest: '11月28日 213人次' });
  expect(v.sections[0].children[1]).toMatchObject({ summary: '进入 110人次 · 体温异常 0人次 · 拦截率 0%', why: '' });
  expect(v.sections[0]).toMatchObject({ empty: '', live: '' });
  expect(homeNode(STAFF_ME.grants)).toBe(STAFF_ME.grants[0].orgId);

  const zero = (t: StatSection['tiles'][number]) => ({ ...t, value: 0 });
  const quiet: StatSection = {
    ...gate,
    tiles: gate.tiles.map(zero),
    children: gate.children.map((c) => ({ ...c, alarm: false, tiles: c.tiles.map(zero) })),
    trends: [{ ...gate.trends[0], values: DAYS.map(() => null) }],
  };
  const q = dashboardView({ ...BY_ORG[COMMUNITY.id], sections: [quiet] });
  expect(q.sections[0].empty).toBe('当天没有门岗通行记录');
  expect(q.sections[0].trends[0].latest).toBe('11月28日 无数据');

  // A notice read by too few: the low rate is why, though it is not above zero.
  const notice: StatSection = {
    id: 'notice',
    title: '最近紧急通知',
    live: true,
    why: ['readRate', 'ackRate', 'unread'],
    tiles: [],
    trends: [],
    children: [
      {
        orgId: 'c9',
        name: '西街社区',
        level: 'community',
        alarm: true,
        tiles: [
          { key: 'readRate', label: '阅读率', value: 0, rate: { num: 0, den: 8 } },
          { key: 'unread', label: '未读', value: 8, unit: '人' },
        ],
      },
    ],
  };
  expect(dashboardView({ ...BY_ORG[STREET.id], sections: [notice] }).sections[0].children[0].why).toBe('需关注：未读 8人');
});

test('the trail down travels in the url and comes back as it went; a mangled one is no trail', () => {
  const above = [
    { orgId: STREET.id, name: STREET.name },
    { orgId: COMMUNITY.id, name: '东店社区 & 100%' },
  ];
  const query = new URLSearchParams(dashboardUrl(COMPOUND.id, '', above).split('?')[1]);
  expect(query.get('orgId')).toBe(COMPOUND.id);
  expect(parseAbove(encodeURIComponent(query.get('above')!))).toEqual(above);
  expect(parseAbove('%7Bnot json')).toEqual([]);
  expect(parseAbove(encodeURIComponent('[["a", 1]]'))).toEqual([]);
  expect(parseAbove(undefined)).toEqual([]);
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
  expect(v.sections[0].tiles.map((t) => t.value + t.unit)).toEqual(['3', '≤1小时']);
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
