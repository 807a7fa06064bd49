/**
 * The health ledger names the people reported, from the census: in full for the compound's
 * secretary, masked (张*) for the building's leader, who may export only their own building's.
 */
import ExcelJS from 'exceljs';
import type { DiskExports } from '../../local/exports';
import { maskName } from '../../server/core/mask';
import { DEMO } from '../../server/seed/district';
import { tempExportFiles } from '../support/exports';
import { makeHarness, type Harness } from '../support/harness';

let h: Harness;
let files: DiskExports;
let names: string[];

beforeAll(async () => {
  let clock: () => number = () => Date.now();
  files = tempExportFiles({ now: () => clock() });
  h = await makeHarness({ services: { exportFiles: files } });
  clock = () => h.clock.now();
  const own = await h.ok('demo-resident-1', 'census.household', {});
  names = own.members.map((m) => m.name);
  await h.ok('demo-resident-1', 'health.report', { entries: own.members.map((m) => ({ memberId: m.id, temperature: 36.6, symptoms: [] })) });
});
afterAll(() => h.close());

async function ledger(openid: string, requestId: string) {
  const day = new Date(h.clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const made = await h.ok(openid, 'export.create', { requestId, kind: 'health', orgId: DEMO.building, from: day, to: day });
  const u = new URL(made.url!);
  const opened = files.open(u.searchParams.get('id')!, u.searchParams.get('t')!);
  if (!opened.ok) throw new Error(opened.message);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(opened.file);
  const sheet = wb.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const col = header.indexOf('姓名') + 1;
  return { rows: made.rows, names: sheet.getRows(2, made.rows)!.map((r) => String(r.getCell(col).value)) };
}

test('the secretary’s health ledger names the people in full', async () => {
  const got = await ledger('demo-secretary', 'health-ledger-secretary');
  expect(got.rows).toBe(names.length);
  expect(got.names.sort()).toEqual([...names].sort());
});

test('the building leader exports their building’s with names masked, and no other building’s', async () => {
  const got = await ledger('demo-leader', 'health-ledger-leader');
  expect(got.names.sort()).toEqual(names.map(maskName).sort());
  expect(got.names.some((n) => names.includes(n))).toBe(false);
  const other = await h.call('demo-leader', 'export.create', {
    requestId: 'health-ledger-other',
    kind: 'health',
    orgId: DEMO.otherBuilding,
    from: '2026-11-27',
    to: '2026-11-27',
  });
  expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const list = await h.ok('demo-leader', 'export.list', { orgId: DEMO.building });
  expect(list.kinds.map((k) => k.kind)).toEqual(['health']);
});
