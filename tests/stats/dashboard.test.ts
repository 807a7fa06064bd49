/**
 * The dashboard against brute force: after a scripted day (./day.ts), every figure of every
 * section, every child row (and its worst-first place) and every trend point is recomputed from
 * the raw collections — gate events, passes, alerts, notices with their receipts, users — and
 * compared with what stats.dashboard answers from its counters.
 */
import type { StatChildRow, StatDashboard, StatSection, StatTile } from '../../typings/stats';
import type { OrgDoc } from '../../server/auth/nodes';
import { DAY, dayOf } from '../../server/core/time';
import { AUDIENCE_ROLES } from '../../server/notices/audience';
import { statusAt } from '../../server/pass/model';
import { DEMO } from '../../server/seed/district';
import { heldDay } from '../../server/stats/held';
import { foldHeldFlows } from '../../server/stats/fold';
import { queryAll } from '../../server/store/pages';
import type { Collections, Name } from '../../server/store/port';
import { makeHarness, type Harness } from '../support/harness';
import { memoryMedia } from '../support/media';
import { scriptedDay } from './day';
import { loadSourcesRaw, sourceSections, type SourcesRaw } from './sources-expect';
import { sourcesDay } from './sources-day';
import { loadWaitingRaw, waitingExpected, type WaitingRaw } from './waiting-expected';

let h: Harness;
let compounds: string[];

beforeAll(async () => {
  const media = memoryMedia();
  h = await makeHarness({ residents: 3000, services: { media } });
  ({ compounds } = await scriptedDay(h));
  await sourcesDay(h, media);
}, 120_000);
afterAll(() => h.close());

type Raw = { [C in Name<Collections>]?: Array<Collections[C]> };
async function loadRaw(): Promise<Required<Pick<Raw, 'orgs' | 'gateEvents' | 'passes' | 'alerts' | 'notices' | 'noticeReads' | 'users'>>> {
  const all = <C extends Name<Collections>>(c: C) => queryAll(h.store, c, { orderBy: [{ field: '_id' }] }, 1000);
  const [orgs, gateEvents, passes, alerts, notices, noticeReads, users] = await Promise.all([
    all('orgs'),
    all('gateEvents'),
    all('passes'),
    all('alerts'),
    all('notices'),
    all('noticeReads'),
    all('users'),
  ]);
  return { orgs, gateEvents, passes, alerts, notices, noticeReads, users };
}

const count = (n: number) => n;
const rate = (num: number, den: number): StatTile => ({ key: '', label: '', value: den ? num / den : 0, rate: { num, den } });

/** Everything the dashboard should say, from the raw collections only. */
function expected(raw: Awaited<ReturnType<typeof loadRaw>>, sources: SourcesRaw, node: OrgDoc, day: string, now: number, waiting: WaitingRaw): StatSection[] {
  const orgs = new Map(raw.orgs.map((o) => [o._id, o]));
  const lineageOf = (id: string) => {
    const o = orgs.get(id)!;
    return [...o.path, o._id];
  };
  const children = raw.orgs.filter((o) => o.parentId === node._id).sort((a, b) => a.order - b.order);
  const days = Array.from({ length: 14 }, (_, i) => dayOf(Date.parse(`${day}T12:00:00+08:00`) - (13 - i) * DAY));
  const sections: StatSection[] = [];

  const gate = (id: string, d: string) => {
    const ev = raw.gateEvents.filter((e) => e.day === d && lineageOf(e.compoundId).includes(id));
    const inn = ev.filter((e) => e.verdict === 'allow' && e.direction === 'in').length;
    const denied = ev.filter((e) => e.verdict === 'deny').length;
    const fever = ev.filter((e) => e.reason === 'FEVER').length;
    return { inn, denied, fever };
  };
  const gateTiles = (id: string, d = day) => {
    const g = gate(id, d);
    return [count(g.inn), count(g.denied), count(g.fever), rate(g.denied, g.inn + g.denied).value];
  };
  if (raw.gateEvents.some((e) => days.includes(e.day) && lineageOf(e.compoundId).includes(node._id))) {
    const worst = (id: string) => {
      const g = gate(id, day);
      return [g.fever, g.inn + g.denied ? g.denied / (g.inn + g.denied) : 0];
    };
    sections.push(
      section('gate', gateTiles(node._id), children, gateTiles, worst, [
        days.map((d) => gate(node._id, d).inn),
        days.map((d) => {
          const g = gate(node._id, d);
          return g.inn + g.denied ? g.denied / (g.inn + g.denied) : null;
        }),
        days.map((d) => gate(node._id, d).fever),
      ]),
    );
  }

  const passesUnder = (id: string) => raw.passes.filter((p) => [...p.compoundPath, p.compoundId, p.buildingId].includes(id));
  if (passesUnder(node._id).length) {
    const tiles = (id: string) => {
      const ps = passesUnder(id);
      return [ps.filter((p) => statusAt(p, now) === 'approved').length, ps.filter((p) => p.status === 'pending').length];
    };
    sections.push(section('passes', tiles(node._id), children, tiles, (id) => [tiles(id)[1]]));
  }

  const alertsUnder = (id: string) => raw.alerts.filter((a) => a.path.includes(id));
  if (alertsUnder(node._id).length) {
    const tiles = (id: string) => {
      const open = alertsUnder(id).filter((a) => a.status !== 'resolved');
      const of = (s: string) => open.filter((a) => a.severity === s).length;
      return [of('critical'), of('high'), of('medium'), of('low'), open.filter((a) => a.status === 'open').length];
    };
    sections.push(
      section('alerts', tiles(node._id), children, tiles, (id) => {
        const [c, hi, m, l, u] = tiles(id);
        return [c, hi, u, m, l];
      }),
    );
  }

  sections.push(...sourceSections(sources, node, day, days, children, section, now));
  sections.push(...waitingExpected(waiting, node, children, days, section));

  const lineage = lineageOf(node._id);
  const last = raw.notices.filter((n) => n.level === 'urgent' && lineage.includes(n.scopeOrgId)).sort((a, b) => b.publishedAt - a.publishedAt)[0];
  if (last) {
    const roles = AUDIENCE_ROLES[last.audience];
    const audience = (id: string) => raw.users.filter((u) => u.grants.some((g) => roles.includes(g.role) && [...g.path, g.orgId].includes(id))).length;
    const readers = raw.noticeReads.filter((d) => d.noticeId === last._id).flatMap((d) => Object.values(d.readers));
    const tally = (id: string) => {
      const mine = readers.filter((r) => lineageOf(r.n).includes(id));
      return { audience: audience(id), read: mine.length, acked: mine.filter((r) => r.a !== undefined).length };
    };
    const values = (t: ReturnType<typeof tally>) => [
      t.audience ? t.read / t.audience : 0,
      ...(last.requireAck ? [t.audience ? t.acked / t.audience : 0] : []),
      Math.max(0, t.audience - t.read),
    ];
    const mine = tally(node._id);
    const nodeRate = mine.audience ? mine.read / mine.audience : 0;
    const rows = children
      .map((c) => ({ c, t: tally(c._id) }))
      .map((x) => ({ ...x, r: x.t.audience ? x.t.read / x.t.audience : 1 }))
      .sort((a, b) => a.r - b.r || b.t.audience - b.t.read - (a.t.audience - a.t.read));
    sections.push({
      id: 'notice',
      title: '',
      subtitle: last.title,
      tiles: values(mine).map((value) => ({ key: '', label: '', value })),
      children: rows.map(({ c, t, r }) => ({
        orgId: c._id,
        name: c.name,
        level: c.level,
        tiles: values(t).map((value) => ({ key: '', label: '', value })),
        alarm: t.audience > 0 && r < nodeRate,
      })),
      trends: [],
    });
  }
  return sections;
}

/** A counter section as expected: tiles, children in worst-first order (stable), trends. */
function section(
  id: string,
  tiles: number[],
  children: OrgDoc[],
  childTiles: (id: string) => number[],
  worst: (id: string) => number[],
  trends: Array<Array<number | null>> = [],
): StatSection {
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
    return 0;
  };
  const rows = children.map((c, i) => ({ c, i, w: worst(c._id) })).sort((a, b) => cmp(a.w, b.w) || a.i - b.i);
  return {
    id,
    title: '',
    tiles: tiles.map((value) => ({ key: '', label: '', value })),
    children: rows.map(({ c, w }) => ({
      orgId: c._id,
      name: c.name,
      level: c.level,
      tiles: childTiles(c._id).map((value) => ({ key: '', label: '', value })),
      alarm: w.some((x) => x > 0),
    })),
    trends: trends.map((values) => ({ key: '', label: '', unit: 'count', days: [], values })),
  };
}

/** The answer reduced to what the brute force computes (values, ids, order, trend points). */
function comparable(s: StatSection[]) {
  const tiles = (t: StatTile[]) => t.map((x) => +x.value.toFixed(9));
  const rows = (r: StatChildRow[]) => r.map((c) => ({ orgId: c.orgId, name: c.name, level: c.level, tiles: tiles(c.tiles), alarm: c.alarm }));
  return s.map((x) => ({
    id: x.id,
    subtitle: x.subtitle,
    tiles: tiles(x.tiles),
    children: rows(x.children),
    trends: x.trends.map((t) => t.values.map((v) => (v === null ? null : +v.toFixed(9)))),
  }));
}

/** The nodes checked: every district, street and community, and a few compounds with their buildings. */
function checkedNodes(orgs: readonly OrgDoc[]): Set<string> {
  const ids = new Set<string>();
  for (const o of orgs) if (o.level === 'district' || o.level === 'street' || o.level === 'community') ids.add(o._id);
  for (const c of [...compounds, DEMO.otherCompound, 'sz-s4-c01-x01']) {
    ids.add(c);
    for (const o of orgs) if (o.parentId === c) ids.add(o._id);
  }
  return ids;
}

test('every figure, child row and trend point equals a brute-force count over the raw records', async () => {
  const raw = await loadRaw();
  const sources = await loadSourcesRaw(h);
  const waiting = await loadWaitingRaw(h.store);
  const now = h.clock.now();
  const today = dayOf(now);
  const orgs = new Map(raw.orgs.map((o) => [o._id, o]));
  let checked = 0;
  for (const day of [today, dayOf(now - DAY)]) {
    for (const id of checkedNodes(raw.orgs)) {
      const node = orgs.get(id)!;
      const got = await h.ok('demo-admin', 'stats.dashboard', { orgId: id, ...(day !== today ? { date: day } : {}) });
      expect({ id, sections: comparable(got.sections) }).toEqual({ id, sections: comparable(expected(raw, sources, node, day, now, waiting)) });
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(100);
});

test('the script did what it says: figures are not all zero, and sections differ by place', async () => {
  const district = await h.ok('demo-admin', 'stats.dashboard', { orgId: DEMO.district });
  const byId = (d: StatDashboard, id: string) => d.sections.find((s) => s.id === id)!;
  expect(district.sections.map((s) => s.id)).toEqual([
    'gate',
    'passes',
    'alerts',
    'health',
    'disinfect',
    'duty',
    'alertLevels',
    'cases',
    'whistles',
    'inspect',
    'notice',
  ]);
  const tile = (d: StatDashboard, id: string, key: string) => byId(d, id).tiles.find((t) => t.key === key)!;
  for (const [id, key] of [
    ['alertLevels', 'district'],
    ['cases', 'open'],
    ['whistles', 'overdue'],
    ['inspect', 'overdue'],
  ])
    expect(tile(district, id, key).value).toBeGreaterThan(0);
  expect(tile(district, 'cases', 'median').text).toMatch(/^[≤>]\d+(分钟|小时)$/);
  expect(byId(district, 'gate').tiles.find((t) => t.key === 'fever')!.value).toBeGreaterThan(0);
  expect(byId(district, 'notice').subtitle).toBe('全区核酸检测安排');
  const street = await h.ok('demo-street-staff', 'stats.dashboard', { orgId: DEMO.street });
  expect(byId(street, 'notice').subtitle).toBe('城关街道封控通知');
  // A quiet compound shows only the notice that reached it.
  const quiet = await h.ok('demo-admin', 'stats.dashboard', { orgId: 'sz-s4-c01-x01' });
  expect(quiet.sections.map((s) => s.id)).toEqual(['notice']);
});

test('the building leader sees their building: its passes, the fever alert, daily health, cases and the notice, no children', async () => {
  const mine = await h.ok('demo-leader', 'stats.dashboard', { orgId: DEMO.building });
  expect(mine.level).toBe('building');
  expect(mine.sections.map((s) => s.id)).toEqual(['passes', 'alerts', 'health', 'alertLevels', 'cases', 'notice']);
  expect(mine.sections.every((s) => s.children.length === 0)).toBe(true);
  const other = await h.call('demo-leader', 'stats.dashboard', { orgId: DEMO.otherBuilding });
  expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('daily health, disinfection and duty: reports against the census, logs capped at each area’s count', async () => {
  const tiles = async (orgId: string, id: string) =>
    Object.fromEntries((await h.ok('demo-admin', 'stats.dashboard', { orgId })).sections.find((s) => s.id === id)!.tiles.map((t) => [t.key, t.value]));
  const health = await tiles(DEMO.building, 'health');
  expect(health.reported).toBeGreaterThan(5);
  expect(health.people).toBeGreaterThan(health.reported);
  expect(health.abnormal).toBe(1); // the fever replaced by a normal report no longer counts
  const disinfect = await tiles(DEMO.compound, 'disinfect');
  expect(disinfect.done).toBe(3); // three logs of one area count two
  expect(await tiles('sz-s2-c01-x01', 'disinfect')).toEqual({ done: 2, required: 6, compliance: 2 / 6 });
  const duty = await tiles(DEMO.compound, 'duty');
  expect(duty.present).toBe(1); // the volunteer on the evening shift
  expect(duty.gap).toBeGreaterThan(0); // the other gate's always-on post has nobody
});

test('the district dashboard costs at most 10 reads and writes nothing', async () => {
  const r = await h.call('demo-admin', 'stats.dashboard', { orgId: DEMO.district });
  expect(r.ok).toBe(true);
  expect(r.meter.reads).toBeLessThanOrEqual(10);
  expect(r.meter.writes).toBe(0);
});

test('a future date or a malformed one is refused, naming the field', async () => {
  const future = await h.call('demo-admin', 'stats.dashboard', { orgId: DEMO.district, date: dayOf(h.clock.now() + DAY) });
  expect(future).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '不能查看未来的日期', details: { field: 'data.date' } } });
  const bad = await h.call('demo-admin', 'stats.dashboard', { orgId: DEMO.district, date: '2026/11/28' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.date' } } });
});

test('flows held with the gauges move to their days once the days are over: every dashboard answers the same, and a second tick moves nothing', async () => {
  const now = h.clock.now();
  const today = dayOf(now);
  const ids = checkedNodes(await queryAll(h.store, 'orgs', { orderBy: [{ field: '_id' }] }, 1000));
  const everyDashboard = async () => {
    const all: unknown[] = [];
    for (const day of [today, dayOf(now - DAY)])
      for (const id of ids) all.push(await h.ok('demo-admin', 'stats.dashboard', { orgId: id, ...(day !== today ? { date: day } : {}) }));
    return all;
  };
  const gauges = () => queryAll(h.store, 'stats', { where: { day: 'live' }, orderBy: [{ field: '_id' }] });
  const heldDays = (docs: Array<Collections['stats']>) =>
    docs.flatMap((d) => Object.values(d.n).flatMap((f) => Object.keys(f).flatMap((k) => heldDay(k) ?? [])));
  const held = (await gauges()).filter((d) => d.heldFrom && d.heldFrom < today);
  // The scripted days left yesterday's flows held (a case acted on, a fever raising an alert).
  expect(held.length).toBeGreaterThan(0);
  expect(heldDays(held).some((d) => d < today)).toBe(true);
  const before = await everyDashboard();
  const todays = async () => heldDays(await gauges()).filter((d) => d >= today).length;
  const heldToday = await todays();

  const report = await foldHeldFlows(h.store, now);
  expect(report.buckets).toBe(held.length);
  expect(heldDays(await gauges()).filter((d) => d < today)).toEqual([]);
  expect(await todays()).toBe(heldToday); // today's stay with the gauges, written all day anyway
  expect((await gauges()).filter((d) => d.heldFrom && d.heldFrom < today)).toEqual([]);
  expect(await everyDashboard()).toEqual(before);
  expect(await foldHeldFlows(h.store, now)).toEqual({ buckets: 0, days: 0 });
});
