/**
 * The dashboard drilled down and back up: after a morning at two gates of 东店社区 (visitors let
 * in, one with a fever turned away), the district's 管理员 opens 防控看板 from home and taps the
 * worst street, its worst community, then its worst compound. At each level the title names the
 * node, the children listed are that node's children in the seeded tree, the figures are what
 * stats.dashboard answers for it, and the trend lines are painted; then 返回上级 and the
 * breadcrumb go back up, and yesterday is chosen for a report. At the compound its gate ledger is
 * exported, downloaded and opened with a spreadsheet reader. The building leader's 本楼看板 opens at their building, with the pass a
 * resident there applied for waiting, and no gate figures (gates are counted by compound).
 * Community staff with large text see their community laid out whole.
 */
import ExcelJS from 'exceljs';
import type { StatDashboard } from '../../typings/stats';
import { buildDemoTree, DEMO } from '../../server/seed/district';
import { journey, type Journey } from './support/journey';
import { layoutProblems, rootFontPx } from './support/layout';
import type { Phone } from './support/phone';

jest.setTimeout(240_000);

const { orgs } = buildDemoTree();
const childrenOf = (id: string) => orgs.filter((o) => o.parentId === id).map((o) => o.name);
const nameOf = (id: string) => orgs.find((o) => o._id === id)!.name;

/** Visitors at `compoundId`'s first gate: `allowed` let in, `fever` turned away at 38.2 °C. */
async function morningAt(j: Journey, secretary: string, compoundId: string, allowed: number, fever: number): Promise<void> {
  await j.call(secretary, 'gate.policy', { compoundId, visitorsAllowed: true, reason: '探望老人' });
  const { items } = (await j.call(secretary, 'gate.list', { compoundId })) as { items: Array<{ id: string }> };
  const at = Date.now() - 60_000;
  const visitor = (i: number, temperature: number, verdict: 'allow' | 'deny') => ({
    id: `e2e-dash-${compoundId}-${i}`,
    at,
    kind: 'visitor',
    direction: 'in',
    temperature,
    person: { name: '访客', phone: '13900000000' },
    verdict,
    ...(verdict === 'deny' ? { reason: 'FEVER' } : {}),
  });
  const events = [
    ...Array.from({ length: allowed }, (_, i) => visitor(i, 36.5, 'allow')),
    ...Array.from({ length: fever }, (_, i) => visitor(allowed + i, 38.2, 'deny')),
  ];
  const res = (await j.call(secretary, 'gate.sync', { gateId: items[0].id, events })) as { results: Array<{ verdict: string; mismatch?: boolean }> };
  expect(res.results.filter((r) => r.mismatch)).toEqual([]);
}

/** The page shows `orgId`'s dashboard as the server answers it to `openid`: title, gate figures, children in order. */
async function showsNode(j: Journey, phone: Phone, orgId: string): Promise<StatDashboard> {
  const name = nameOf(orgId);
  await phone.onPage(`${name}看板`);
  await phone.see('#title', name);
  const answer = (await j.call(phone.account, 'stats.dashboard', { orgId })) as StatDashboard;
  const gate = answer.sections.find((s) => s.id === 'gate')!;
  const tile = (key: string) => gate.tiles.find((t) => t.key === key)!.value;
  expect(await phone.see('#tile-gate-in')).toBe(`${tile('in')}人次进入`);
  expect(await phone.see('#tile-gate-fever')).toBe(`${tile('fever')}人次体温异常`);
  const listed = await phone.$('#section-gate .db-child-name').allTextContents();
  expect(listed).toEqual(gate.children.map((c) => c.name));
  expect([...listed].sort()).toEqual(childrenOf(orgId).sort());
  await phone.drawn('#row-trend-gate-in');
  return answer;
}

test('district staff drill down from the district to the compound with the fever at its gate, and back up', () =>
  journey('dashboard', async (j) => {
    // 江南小区西片 gets a secretary for the morning; 威尼斯水城 has the fever.
    await j.call('demo-admin', 'account.grant', { openid: 'demo-volunteer-2', role: 'secretary', orgId: DEMO.otherCompound });
    await morningAt(j, 'demo-secretary', DEMO.compound, 3, 1);
    await morningAt(j, 'demo-volunteer-2', DEMO.otherCompound, 5, 0);
    // A resident of the leader's building applies for a pass: 本楼看板 has it waiting.
    await j.call('demo-resident-1', 'pass.apply', { relation: 'self', reason: '居家生活' });

    const admin = await j.open('demo-admin');
    await admin.tap('.home-tile', '防控看板');
    const district = await showsNode(j, admin, DEMO.district);
    expect(district.sections[0].children[0].orgId).toBe(DEMO.street);
    await admin.see('#day', '（今天）');
    await admin.see(`#child-gate-${DEMO.street} .db-child-why`, '需关注：体温异常 1人次');
    await admin.shot('district');

    await admin.tap(`#child-gate-${DEMO.street}`);
    await showsNode(j, admin, DEMO.street);
    await admin.see('.db-crumb', '商州区');
    await admin.shot('street');

    await admin.tap(`#child-gate-${DEMO.community}`);
    const community = await showsNode(j, admin, DEMO.community);
    // Worst first: the compound with the fever, then the one with only visitors let in.
    expect(community.sections[0].children.slice(0, 2).map((c) => c.orgId)).toEqual([DEMO.compound, DEMO.otherCompound]);
    await admin.see(`#child-gate-${DEMO.compound}.db-alarm`);
    await admin.shot('community');

    await admin.tap(`#child-gate-${DEMO.compound}`);
    await showsNode(j, admin, DEMO.compound);
    expect(await admin.see('#crumbs')).toBe('商州区›城关街道›东店社区›威尼斯水城');
    await admin.see('#tile-gate-deniedRate', '25%');
    await admin.shot('compound');

    // The compound's gate ledger for the last week: made, downloaded and opened as a ledger keeper would.
    await admin.tap('#export');
    await admin.onPage('导出台账');
    await admin.see('#node-value', nameOf(DEMO.compound));
    await admin.see('#kind-value', '门岗出入记录');
    await admin.tap('#create');
    const summary = await admin.see('#result-summary', /行/);
    const rows = Number(/^(\d+) 行/.exec(summary)![1]);
    expect(rows).toBeGreaterThanOrEqual(4); // this morning's four visitors at least
    const download = admin.page.waitForEvent('download');
    await admin.tap('#result-open');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^门岗出入记录-${nameOf(DEMO.compound)}-\\d{4}-\\d{2}-\\d{2}至\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await file.path())!);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(rows + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['时间', '门岗', '姓名', '手机号', '体温(℃)', '结果', '拒绝原因']));
    const cells = sheet.getRows(2, rows)!.map((r) => (r.values as unknown[]).slice(1).map(String));
    const fever = cells.filter((c) => c.includes('38.2'));
    expect(fever).toHaveLength(1);
    // Names and phones as the ledger keeps them: masked at the gate, never in full.
    expect(cells.flat().join(' ')).not.toContain('13900000000');
    await admin.shot('export');
    await admin.back();
    await admin.onPage(`${nameOf(DEMO.compound)}看板`);

    await admin.tap('#up');
    await admin.onPage('东店社区看板');
    await admin.tap('.db-crumb', '商州区');
    await admin.onPage('商州区看板');
    await admin.see('#title', '商州区');
    await admin.shot('back-at-district');

    // Yesterday, for a report: no gate had counted anything yet, so only what the server has for that day shows.
    const yesterday = new Date(Date.parse(`${district.day}T12:00:00+08:00`) - 86_400_000).toISOString().slice(0, 10);
    await admin.tap('#date');
    await admin.screen.locator('.lf-picker-input').fill(yesterday);
    await admin.screen.locator('.lf-picker-confirm').click();
    await admin.see('#day', `${Number(yesterday.slice(5, 7))}月${Number(yesterday.slice(8, 10))}日`);
    const past = (await j.call('demo-admin', 'stats.dashboard', { orgId: DEMO.district, date: yesterday })) as StatDashboard;
    expect(past.sections.map((s) => s.id)).not.toContain('gate');
    expect(await admin.$('.db-section-title').allTextContents()).toEqual(past.sections.map((s) => s.title));
    await admin.shot('district-yesterday');

    const leader = await j.open('demo-leader');
    await leader.tap('.home-tile', '本楼看板');
    await leader.onPage(`本楼看板 · ${nameOf(DEMO.building)}`);
    await leader.see('#scope', '本楼的出入证、预警和通知阅读情况');
    await leader.see('#where', '威尼斯水城 / 1号楼');
    const building = (await j.call('demo-leader', 'stats.dashboard', { orgId: DEMO.building })) as StatDashboard;
    const pending = building.sections.find((s) => s.id === 'passes')!.tiles.find((t) => t.key === 'pending')!.value;
    expect(pending).toBeGreaterThan(0);
    expect(await leader.see('#tile-passes-pending')).toBe(`${pending}张待审核`);
    // Gates are counted by compound: no gate section and no children on a building.
    expect(await leader.$('#section-gate, .db-child').count()).toBe(0);
    // The building's ledger is its health reports, names masked for a leader: 导出台账 opens there.
    expect(await leader.$('#export').count()).toBe(1);
    await leader.shot('leader');

    // Community staff with WeChat's text at 1.5×: the page follows it and every line still fits.
    const staff = await j.open('demo-community-staff', '/staff/pages/dashboard/dashboard', { fontSizeSetting: 24 });
    await showsNode(j, staff, DEMO.community);
    expect(await rootFontPx(staff)).toBe(24);
    expect(await layoutProblems(staff)).toEqual([]);
    await staff.shot('community-large-text');
  }));
