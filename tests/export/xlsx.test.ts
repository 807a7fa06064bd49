/**
 * The streaming .xlsx writer and the ledger's cells, read back with exceljs: text that XML cannot
 * hold, numbers, blanks, columns past Z, and names masked for a caller who may not see them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import dayjs from 'dayjs';
import { minuteOf, TZ } from '../../server/core/time';
import { colName, XlsxWriter } from '../../server/export/xlsx';
import { KINDS } from '../../server/export/kinds';
import { writeLedger } from '../../server/export/write';
import { makeHarness } from '../support/harness';

const dir = mkdtempSync(join(tmpdir(), 'lf-xlsx-'));

async function read(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets[0];
}

test('column letters', () => {
  expect([0, 25, 26, 27, 51, 52, 701, 702].map(colName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
});

test('cells: markup and control characters, numbers, blanks, 30 columns, a sheet name Excel refuses', async () => {
  const path = join(dir, 'cells.xlsx');
  const columns = Array.from({ length: 30 }, (_, i) => ({ header: `列${i + 1}`, width: 8 + i }));
  const w = XlsxWriter.open(path, '台账: 一/二 [2026]?*\\很长很长很长很长很长很长很长很长很长很长', columns);
  const row = Array.from({ length: 30 }, (_, i) =>
    i === 0 ? '<b>甲&乙</b> "引号"\u0007\u202e' : i === 1 ? 36.5 : i === 2 ? null : i === 3 ? '' : i === 4 ? '=1+1' : `值${i}`,
  );
  await w.append([row]);
  await w.append([]);
  await w.append([['😷 口罩']]);
  expect(await w.close()).toEqual({ rows: 2 });
  const ws = await read(path);
  expect(ws.name).toBe('台账  一 二  2026    很长很长很长很长很长很长很长'); // 31 characters
  expect(ws.rowCount).toBe(3);
  expect(ws.getCell('A2').value).toBe('<b>甲&乙</b> "引号"\u202e');
  expect(ws.getCell('B2').value).toBe(36.5);
  expect(ws.getCell('C2').value).toBeNull();
  expect(ws.getCell('D2').value).toBeNull();
  expect(ws.getCell('E2').value).toBe('=1+1'); // text, never a formula
  expect(ws.getCell('AD2').value).toBe('值29');
  expect(ws.getCell('AD1').value).toBe('列30');
  expect(ws.getColumn(30).width).toBe(37);
  expect(ws.getCell('A3').value).toBe('😷 口罩');
});

test('minuteOf agrees with dayjs in Asia/Shanghai', () => {
  for (const ms of [0, Date.UTC(2026, 10, 27, 16, 0), Date.UTC(2026, 11, 31, 15, 59, 59), Date.UTC(2027, 5, 1, 3, 7)]) {
    expect(minuteOf(ms)).toBe(dayjs(ms).tz(TZ).format('YYYY-MM-DD HH:mm'));
  }
});

test('names are masked in the file for a caller who may not see them in full', async () => {
  const h = await makeHarness();
  try {
    const at = Date.UTC(2026, 10, 27, 2, 0);
    await h.store.insert('disinfectLogs', {
      _id: 'demo-volunteer-1:req-mask-01',
      requestId: 'req-mask-01',
      openid: 'demo-volunteer-1',
      name: '赵磊',
      role: 'volunteer',
      compoundId: 'sz-s1-c01-x01',
      path: ['sz', 'sz-s1', 'sz-s1-c01', 'sz-s1-c01-x01'],
      areaId: 'a1',
      areaName: '1号楼楼道',
      day: '2026-11-27',
      doneAt: at,
      agent: '84 消毒液 1:100',
      photos: ['p1', 'p2'],
      late: false,
    });
    const where = { compoundId: 'sz-s1-c01-x01', day: { $gte: '2026-11-27', $lte: '2026-11-27' } };
    for (const [full, name] of [
      [true, '赵磊'],
      [false, '赵*'],
    ] as const) {
      const path = join(dir, `mask-${full}.xlsx`);
      expect(await writeLedger(h.store, KINDS.disinfect, where, full, path)).toMatchObject({ rows: 1 });
      const ws = await read(path);
      expect(ws.getCell('E1').value).toBe('消毒人');
      expect(ws.getCell('E2').value).toBe(name);
      expect(ws.getCell('G2').value).toBe(2);
    }
  } finally {
    h.close();
  }
});
