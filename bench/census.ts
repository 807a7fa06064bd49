/**
 * Census and daily health figures over a district of ~100,000 people on the census.
 *
 * How the district is made, cheaply: the seeded demo compound's census, plus a sample of real
 * census.save calls, go through the actions; every other building's counters (≈42 people in 16
 * households of 18 rooms) are added with `bumpLineage`, the function census.save and census.import
 * roll counters up with, and each building's day document for the day's reports is inserted as
 * health.report would leave it (90% reported). Measured: census.summary and health.summary at the
 * district (reads, budget 10), health.missing for a building of 500 households (reads, budget 3),
 * health.report for one person (writes, budget 4: with the dashboard's counter), census.import of a 500-household building as
 * .csv and as .xlsx (time in process, budget 2 s) and census.save (writes, reported).
 */
import { COLLECTIONS, FUNCTIONS } from '../server/app';
import { bumpLineage } from '../server/census/write';
import { ManualClock } from '../server/core/clock';
import { healthDayId, whoKey, type HealthDayDoc } from '../server/health/model';
import { createApp, type App } from '../server/runtime/dispatch';
import { DEMO } from '../server/seed/district';
import { seedDistrict } from '../server/seed/seed';
import { queryAll } from '../server/store/pages';
import type { Meter } from '../server/store/metered';
import { openSqliteStore } from '../server/store/sqlite';
import { zip } from '../tests/support/zip';
import type { Figure } from './figures';

const T0 = Date.UTC(2026, 10, 28, 1, 0, 0); // 09:00 Asia/Shanghai
const DAY = '2026-11-28';
/** Per building outside the demo census: 16 households of 18 rooms, 42 people. */
const PER_BUILDING = { households: 16, people: 42, rooms: 18, settled: 17, partyMembers: 4, elderlyAlone: 2, chronic: 3, medicine: 2, infant: 1 };
const SAVES = 20;

async function call(app: App, openid: string, action: string, data: unknown): Promise<{ data: never; meter: Meter; ms: number }> {
  const meter: Meter = { reads: 0, writes: 0 };
  const started = performance.now();
  const r = await app.call(action.split('.')[0], { action, data }, openid, { meter });
  const ms = performance.now() - started;
  if (!r.ok) throw new Error(`${action}: ${r.error.code} ${r.error.message}`);
  return { data: r.data as never, meter, ms };
}

/** A building of 5 units × 25 floors × 4 rooms: 500 households, one in ten a single elderly person, one room in 25 vacant. */
function sheetRows(): string[][] {
  const rows = [['单元', '房号', '姓名', '关系', '手机号', '出生年份', '标记', '党员', '状态']];
  let n = 0;
  for (let u = 1; u <= 5; u++)
    for (let f = 1; f <= 25; f++)
      for (let r = 1; r <= 4; r++) {
        const room = `${f}${String(r).padStart(2, '0')}`;
        n++;
        if (n % 25 === 0) {
          rows.push([String(u), room, '', '', '', '', '', '', '空置']);
          continue;
        }
        if (n % 10 === 0) {
          rows.push([
            String(u),
            room,
            `王${'建国秀兰'[n % 4]}${'华明'[n % 2]}`,
            '户主',
            `139${String(10000000 + n).slice(-8)}`,
            '1945',
            '独居老人、需送药',
            '否',
            '',
          ]);
          continue;
        }
        rows.push([String(u), room, `李${'志强伟芳'[n % 4]}`, '户主', `138${String(10000000 + n).slice(-8)}`, '1975', '', n % 6 ? '否' : '是', '']);
        rows.push([String(u), room, `张${'秀英丽娟'[n % 4]}`, '配偶', '', '1977', n % 9 ? '' : '慢性病', '否', '']);
        if (n % 3) rows.push([String(u), room, `李${'小明小红'[n % 4]}`, '子女', '', '2015', n % 4 ? '' : '婴幼儿', '', '']);
      }
  return rows;
}

const toCsv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n');

/** The same rows as an .xlsx with inline strings, deflated as Excel writes it. */
function toXlsx(rows: string[][]): Buffer {
  const col = (i: number) => String.fromCharCode(65 + i);
  const cells = rows.map(
    (r, i) => `<row r="${i + 1}">${r.map((v, j) => (v ? `<c r="${col(j)}${i + 1}" t="inlineStr"><is><t>${v}</t></is></c>` : '')).join('')}</row>`,
  );
  return zip({
    'xl/workbook.xml': '<workbook><sheets><sheet name="住户" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${cells.join('')}</sheetData></worksheet>`,
  });
}

export async function census(): Promise<Figure[]> {
  const store = openSqliteStore({ file: ':memory:', collections: COLLECTIONS });
  try {
    await seedDistrict(store, { healthDay: { day: DAY, at: T0 - 3_600_000 } });
    const clock = new ManualClock(T0);
    const app = createApp({ store, clock, functions: FUNCTIONS });

    // The sample through census.save: the secretary records the rooms of one demo building anew.
    let saveWrites = 0;
    for (let i = 0; i < SAVES; i++) {
      const members = [
        { name: `赵${'一二三四五六七八九十'[i % 10]}`, relation: 'head', birthYear: 1970 + i, flags: i % 4 ? [] : ['chronic'], partyMember: i % 5 === 0 },
      ];
      const r = await call(app, 'demo-secretary', 'census.save', { buildingId: DEMO.building, unit: '3', room: `${1 + i}01`, status: 'occupied', members });
      saveWrites = Math.max(saveWrites, r.meter.writes);
    }

    // Every other building: counters through the same roll-up, and the day's document.
    const all = await queryAll(store, 'orgs', { where: { level: 'building' }, orderBy: [{ field: '_id' }], limit: 1000 });
    const counted = new Set(
      (
        await store.getMany(
          'censusCounts',
          all.map((b) => b._id),
        )
      ).map((c) => c._id),
    );
    const rest = all.filter((b) => !counted.has(b._id));
    for (let i = 0; i < rest.length; i += 50) {
      await store.transaction(async (tx) => {
        for (const b of rest.slice(i, i + 50)) await bumpLineage(tx, b, PER_BUILDING);
      });
    }
    const days: HealthDayDoc[] = rest.map((b, i) => {
      const who: Record<string, number> = {};
      for (let k = 0; k < 38; k++) who[whoKey(String(1 + (k % 2)), `${1 + (k >> 2)}0${1 + ((k >> 1) % 2)}`, 1 + (k % 3))] = k === 0 && i % 40 === 0 ? 1 : 0;
      return {
        _id: healthDayId(b._id, DAY),
        buildingId: b._id,
        path: [...b.path, b._id],
        day: DAY,
        reported: 38,
        abnormal: i % 40 === 0 ? 1 : 0,
        who,
        createdAt: T0,
      };
    });
    await store.insertMany('healthDays', days);

    // census.import: a 500-household building from a .csv and another from an .xlsx.
    const rows = sheetRows();
    const [csvBuilding, xlsxBuilding] = all.filter((b) => b.parentId === DEMO.compound && b._id !== DEMO.building).map((b) => b._id);
    const csv = await call(app, 'demo-secretary', 'census.import', {
      buildingId: csvBuilding,
      fileName: '住户.csv',
      content: Buffer.from(toCsv(rows)).toString('base64'),
      dryRun: false,
    });
    const xlsx = await call(app, 'demo-secretary', 'census.import', {
      buildingId: xlsxBuilding,
      fileName: '住户.xlsx',
      content: toXlsx(rows).toString('base64'),
      dryRun: false,
    });
    for (const r of [csv, xlsx])
      if ((r.data as { households: number }).households < 450) throw new Error('census.import: the sheet made fewer households than it holds');

    const censusSummary = await call(app, 'demo-admin', 'census.summary', { orgId: DEMO.district });
    const people = (censusSummary.data as { total: { people: number } }).total.people;
    const healthSummary = await call(app, 'demo-admin', 'health.summary', { orgId: DEMO.district });
    const reported = (healthSummary.data as { total: { reported: number } }).total.reported;
    if (reported < days.length * 38) throw new Error(`health.summary counted ${reported} reports of at least ${days.length * 38}`);
    const missing = await call(app, 'demo-secretary', 'health.missing', { buildingId: csvBuilding });
    const expected = (missing.data as { expected: number }).expected;
    const report = await call(app, 'demo-resident-1', 'health.report', { entries: [{ memberId: 1, temperature: 36.5, symptoms: [] }] });

    return [
      { name: `census: people on the district's census (${all.length} buildings)`, measured: people, unit: 'people' },
      { name: 'census.summary at the district: reads', measured: censusSummary.meter.reads, unit: 'reads', budget: { op: '<=', value: 10 } },
      {
        name: `health.summary at the district (${reported} reports): reads`,
        measured: healthSummary.meter.reads,
        unit: 'reads',
        budget: { op: '<=', value: 10 },
      },
      { name: `health.missing, a building of ${expected} people: reads`, measured: missing.meter.reads, unit: 'reads', budget: { op: '<=', value: 3 } },
      { name: 'health.report, one person: writes', measured: report.meter.writes, unit: 'writes', budget: { op: '<=', value: 3 } },
      { name: 'census.save, one household: writes', measured: saveWrites, unit: 'writes' },
      { name: 'census.import, 500 households (.csv, in process)', measured: csv.ms, unit: 'ms', budget: { op: '<=', value: 2000 } },
      { name: 'census.import, 500 households (.xlsx, in process)', measured: xlsx.ms, unit: 'ms', budget: { op: '<=', value: 2000 } },
    ];
  } finally {
    store.close();
  }
}
