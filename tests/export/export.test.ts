/**
 * Ledger exports: export.create writes a real .xlsx (opened here with exceljs, a spreadsheet reader
 * the server does not use), scoped to the node and range; retries answer the same export; bad
 * requests name their field and write nothing; the local download link expires; the purge deletes
 * file and record.
 */
import { readdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { DiskExports } from '../../local/exports';
import { buildLocalServer } from '../../local/server';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { DAY, MINUTE } from '../../server/core/time';
import { purgeExports } from '../../server/export/jobs';
import { KINDS } from '../../server/export/kinds';
import type { GateEventDoc } from '../../server/gate/model';
import { tempExportFiles } from '../support/exports';
import { makeHarness, T0, type Harness } from '../support/harness';

const COMPOUND = 'sz-s1-c01-x01';
const GATE = 'sz-s1-c01-x01-g1';
const SECRETARY = 'demo-secretary';
const STAFF = 'demo-community-staff';
const VOLUNTEER_NAME = '赵磊';

let h: Harness;
let files: DiskExports;

function event(i: number, at: number, compoundId = COMPOUND): GateEventDoc {
  return {
    _id: `${GATE}:e${compoundId}-${i}`,
    clientId: `e${i}`,
    gateId: GATE,
    compoundId,
    day: '2026-11-27',
    at,
    receivedAt: at,
    kind: i % 10 === 0 ? 'vehicle' : 'resident',
    direction: i % 2 ? 'out' : 'in',
    who: '王*',
    household: '1号楼2单元301',
    phoneMasked: '139****5678',
    ...(i % 10 === 0 ? { plate: '陕A12345' } : { temperature: 36.5 }),
    phoneVerdict: 'allow',
    verdict: i === 7 ? 'deny' : 'allow',
    ...(i === 7 ? { reason: 'FEVER' as const } : {}),
    mismatch: false,
    volunteer: 'demo-volunteer-1',
  };
}

const EVENTS = 2345;

beforeAll(async () => {
  let clock: () => number = () => T0;
  files = tempExportFiles({ now: () => clock() });
  h = await makeHarness({ services: { exportFiles: files } });
  clock = () => h.clock.now();
  const start = T0 - 2 * DAY; // 2026-11-26 08:00 Asia/Shanghai
  const docs = Array.from({ length: EVENTS }, (_, i) => event(i, start + i * 1000));
  // Outside the range (the day before) and in another compound: not exported.
  docs.push({ ...event(90001, T0 - 5 * DAY), _id: 'old' }, event(90002, start, 'sz-s1-c01-x02'));
  await h.store.insertMany('gateEvents', docs);
});
afterAll(() => h.close());

const fileOf = (url: string) => {
  const u = new URL(url);
  const opened = files.open(u.searchParams.get('id')!, u.searchParams.get('t')!);
  if (!opened.ok) throw new Error(opened.message);
  return opened.file;
};

async function openSheet(url: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(fileOf(url));
  return wb.worksheets[0];
}

const stored = () => readdirSync(files.dir, { recursive: true }).filter((f) => String(f).endsWith('.xlsx'));

test('a gate ledger: Chinese headers, widths, every row of the compound in range, audited', async () => {
  const r = await h.ok(SECRETARY, 'export.create', { requestId: 'req-gate-0001', kind: 'gate', orgId: COMPOUND, from: '2026-11-26', to: '2026-11-27' });
  expect(r).toMatchObject({ kind: 'gate', title: '门岗出入记录', orgId: COMPOUND, rows: EVENTS, urlSeconds: 600 });
  expect(r.fileName).toBe('门岗出入记录-威尼斯水城-2026-11-26至2026-11-27.xlsx');
  const ws = await openSheet(r.url!);
  const columns = KINDS.gate.columns;
  expect(ws.name).toBe('门岗出入记录');
  expect(ws.rowCount).toBe(EVENTS + 1);
  expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(columns.map((c) => c.header));
  expect(columns.map((_, i) => ws.getColumn(i + 1).width)).toEqual(columns.map((c) => c.width));
  expect(ws.getCell('A1').font?.bold).toBe(true);
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  // The second event, in Asia/Shanghai; the secretary sees the volunteer's name in full.
  const row = (n: number) => Object.fromEntries(columns.map((c, i) => [c.header, ws.getRow(n).getCell(i + 1).value ?? '']));
  expect(row(3)).toEqual({
    时间: '2026-11-26 08:00',
    门岗: '东门',
    类型: '居民',
    方向: '出',
    姓名: '王*',
    住户: '1号楼2单元301',
    手机号: '139****5678',
    '体温(℃)': 36.5,
    核验方式: '扫码',
    结果: '放行',
    拒绝原因: '',
    值守志愿者: VOLUNTEER_NAME,
  });
  expect(row(9)).toMatchObject({ 结果: '拒绝', 拒绝原因: '体温异常（≥ 37.3 ℃），请勿放行，已通知小区书记' });
  expect(row(2)).toMatchObject({ 类型: '车辆', 方向: '进', '体温(℃)': '' });
  const audit = await h.store.get('exports', r.id);
  expect(audit).toMatchObject({
    openid: SECRETARY,
    role: 'secretary',
    kind: 'gate',
    orgId: COMPOUND,
    from: '2026-11-26',
    to: '2026-11-27',
    rows: EVENTS,
    createdAt: T0,
  });
  expect(audit!.bytes).toBe(r.bytes);
  expect(audit!.expiresAt).toBe(T0 + 7 * DAY);
});

test('the vehicle ledger holds only vehicles, with their plates', async () => {
  const r = await h.ok(STAFF, 'export.create', { requestId: 'req-vehicle-01', kind: 'vehicle', orgId: COMPOUND, from: '2026-11-26', to: '2026-11-26' });
  expect(r.rows).toBe(Math.ceil(EVENTS / 10));
  const ws = await openSheet(r.url!);
  expect(ws.getCell('C1').value).toBe('车牌');
  expect(ws.getCell('C2').value).toBe('陕A12345');
});

test('a retry answers the same export with a fresh link and stores no second file; another request under the id is refused', async () => {
  const req = { requestId: 'req-retry-001', kind: 'disinfect' as const, orgId: COMPOUND, from: '2026-11-20', to: '2026-11-28' };
  const first = await h.ok(SECRETARY, 'export.create', req);
  const files0 = stored().length;
  const again = await h.call(SECRETARY, 'export.create', req);
  expect(again.ok && again.data.id).toBe(first.id);
  expect(again.ok && again.data.url).not.toBe(first.url);
  expect(again.meter.writes).toBe(0);
  expect(stored().length).toBe(files0);
  const other = await h.call(SECRETARY, 'export.create', { ...req, to: '2026-11-27' });
  expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'data.requestId' } } });
});

test.each([
  [{ from: '2026-11-28', to: '2026-11-27' }, 'data.to', '结束日期不能早于开始日期'],
  [{ from: '2026-08-01', to: '2026-11-27' }, 'data.to', '导出范围不能超过 92 天'],
  [{ from: '2026-11-31', to: '2026-11-27' }, 'data.from', '日期格式应为 YYYY-MM-DD'],
  [{ kind: 'gate', orgId: 'sz-s1-c01' }, 'data.orgId', '「门岗出入记录」按小区导出，请选择一个小区'],
  [{ kind: 'ledger' }, 'data.kind', undefined],
])('%j is refused naming %s, nothing written', async (change, field, message) => {
  const req = { requestId: 'req-bad-0001', kind: 'cases', orgId: COMPOUND, from: '2026-11-01', to: '2026-11-27', ...change };
  const r = await h.call(STAFF, 'export.create', req as never);
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field } } });
  if (message && !r.ok) expect(r.error.message).toContain(message);
  expect(r.meter.writes).toBe(0);
});

test('export.list: my own kept exports, newest first, and the kinds I may export at the node', async () => {
  const mine = await h.ok(SECRETARY, 'export.list', { orgId: COMPOUND });
  expect(mine.items.length).toBeGreaterThan(0);
  expect(mine.items.every((x) => x.url)).toBe(true);
  expect(mine.kinds.map((k) => k.kind)).toEqual([
    'gate',
    'vehicle',
    'health',
    'cases',
    'disinfect',
    'dutyVolunteers',
    'dutyUnits',
    'whistles',
    'rectifications',
  ]);
  const community = await h.ok(STAFF, 'export.list', { orgId: 'sz-s1-c01' });
  expect(community.kinds.map((k) => k.kind)).toEqual(['cases', 'dutyVolunteers', 'dutyUnits', 'whistles', 'rectifications']);
  expect(community.items.every((x) => x.kind === 'vehicle')).toBe(true);
});

test('the local download: the xlsx under its Chinese name while the link lives, 410 after, 403 for a made-up token', async () => {
  const server = buildLocalServer({ store: h.store, clock: h.clock, exports: files });
  const r = await h.ok(SECRETARY, 'export.create', { requestId: 'req-dl-00001', kind: 'gate', orgId: COMPOUND, from: '2026-11-27', to: '2026-11-27' });
  const path = r.url!.replace(/^http:\/\/[^/]+/, '');
  const ok = await server.inject({ method: 'GET', url: path });
  expect(ok.statusCode).toBe(200);
  expect(ok.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(ok.headers['content-disposition']).toBe(`attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(r.fileName)}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(ok.rawPayload as unknown as ArrayBuffer);
  expect(wb.worksheets[0].rowCount).toBe(r.rows + 1);
  const forged = await server.inject({ method: 'GET', url: path.replace(/t=[^&]+/, 't=AAAAAAAAAAAAAAAAAAAAAA') });
  expect(forged.statusCode).toBe(403);
  h.clock.advance(11 * MINUTE);
  const late = await server.inject({ method: 'GET', url: path });
  expect(late.statusCode).toBe(410);
  expect(late.json()).toMatchObject({ ok: false, error: { message: '下载链接已过期，请在「导出台账」重新打开' } });
  await server.close();
});

test('after 7 days the purge deletes the files and the records; a second run finds nothing', async () => {
  expect(stored().length).toBeGreaterThan(0);
  h.clock.advance(7 * DAY);
  const count = await h.store.count('exports');
  expect(await purgeExports(h.store, h.clock.now(), DEFAULT_CONFIG, files)).toEqual({ purged: count });
  expect(stored()).toEqual([]);
  expect(await h.store.count('exports')).toBe(0);
  expect(await purgeExports(h.store, h.clock.now(), DEFAULT_CONFIG, files)).toEqual({ purged: 0 });
  expect((await h.ok(SECRETARY, 'export.list', {})).items).toEqual([]);
});
