/** census.import and the sheet readers: csv (UTF-8, BOM, GBK, quotes), xlsx, a preview, per-row errors, all or nothing. */
import { decodeText, parseCsv, readSheet, readXlsx } from '../../server/census/sheet';
import { makeHarness, type Harness } from '../support/harness';
import { zip } from '../support/zip';

const B = 'sz-s1-c01-x01-b02';
const LEADER_B1 = 'demo-leader';
const SEC = 'demo-secretary';
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

const CSV = [
  '单元,房号,姓名,关系,手机号,出生年份,标记,党员,状态',
  '3,101,王建华,户主,13912345678,1948,独居老人、需送药,是,',
  '3,102,李秀英,户主,,1962,,否,',
  '3,102,李小明,子女,,2021,婴幼儿,,',
  '3,201,,,,,,,空置',
].join('\r\n');

/** A minimal workbook: shared strings, an inline string, a number, a gap in the columns. */
function xlsx(method: 0 | 8 = 8): Buffer {
  return zip(
    {
      'xl/workbook.xml': '<workbook><sheets><sheet name="住户" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/sharedStrings.xml':
        '<sst><si><t>单元</t></si><si><t>房号</t></si><si><t>姓名</t></si><si><r><t>关</t></r><r><t>系</t></r></si><si><t>出生年份</t></si><si><t>户主</t></si><si><t>赵&amp;钱</t></si></sst>',
      'xl/worksheets/sheet1.xml':
        '<worksheet><sheetData>' +
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>' +
        '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>101</v></c><c r="C2" t="inlineStr"><is><t>赵子龙</t></is></c><c r="D2" t="s"><v>5</v></c><c r="E2"><v>1980</v></c></row>' +
        '<row r="4"><c r="A4"><v>1</v></c><c r="C4" t="s"><v>6</v></c></row>' +
        '</sheetData></worksheet>',
    },
    method,
  );
}

describe('reading sheets', () => {
  test('csv: quotes, doubled quotes, line breaks inside quotes, CRLF, BOM, trailing blank rows', () => {
    expect(parseCsv('a,"b,c","say ""hi""","x\ny"\r\n1,2,3,4\r\n,,,\r\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'x\ny'],
      ['1', '2', '3', '4'],
    ]);
    expect(decodeText(Buffer.from('\uFEFF单元', 'utf8'))).toBe('单元');
  });

  test('csv saved by Excel on a Chinese Windows (GBK) reads as Chinese', () => {
    expect(decodeText(Buffer.from([0xd5, 0xc5, 0xce, 0xb0]))).toBe('张伟');
  });

  test.each([8, 0] as const)('xlsx (zip method %i): the first sheet, shared and inline strings, numbers, rich text, entities, gaps', (method) => {
    expect(readXlsx(xlsx(method))).toEqual([['单元', '房号', '姓名', '关系', '出生年份'], ['1', '101', '赵子龙', '户主', '1980'], [], ['1', '', '赵&钱']]);
  });

  test('other files are refused with what to do', () => {
    expect(() => readSheet('住户.xls', Buffer.from('x'))).toThrow('另存为 .xlsx 或 .csv');
    expect(() => readSheet('住户.pdf', Buffer.from('x'))).toThrow('只支持');
    expect(() => readSheet('住户.xlsx', Buffer.from('not a zip at all, not at all'))).toThrow('不是有效的 .xlsx');
  });
});

describe('census.import', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.close());

  test('a dry run previews (names masked) and writes nothing; the commit writes households, trail and counters; again writes nothing', async () => {
    const before = (await h.ok(SEC, 'census.summary', { orgId: 'sz-s1-c01-x01' })).total;
    const dry = await h.call(SEC, 'census.import', { buildingId: B, fileName: '3单元.csv', content: b64(CSV), dryRun: true });
    expect(dry.ok && dry.data).toMatchObject({ rows: 4, households: 2, people: 3, vacant: 1, errors: [], written: false });
    expect(dry.ok && dry.data.preview[0]).toEqual({
      unit: '3',
      room: '101',
      status: 'occupied',
      members: [{ name: '王*华', relation: 'head', flags: ['elderlyAlone', 'medicine'] }],
    });
    expect(dry.meter.writes).toBe(0);
    const done = await h.ok(SEC, 'census.import', { buildingId: B, fileName: '3单元.csv', content: b64(CSV), dryRun: false });
    expect(done.written).toBe(true);
    const stored = await h.store.get('households', `${B}:3-102`);
    expect(stored).toMatchObject({
      status: 'occupied',
      members: [
        { id: 1, name: '李秀英' },
        { id: 2, name: '李小明', flags: ['infant'] },
      ],
    });
    expect((await h.store.get('households', `${B}:3-101`))!.members[0]).toMatchObject({ phone: '13912345678', partyMember: true });
    expect(await h.store.count('censusChanges', { buildingId: B, by: SEC })).toBe(3);
    const after = (await h.ok(SEC, 'census.summary', { orgId: 'sz-s1-c01-x01' })).total;
    expect(after).toMatchObject({ people: before.people + 3, households: before.households + 2, rooms: before.rooms + 3, settled: before.settled + 3 });
    expect(after.flags.elderlyAlone).toBe(before.flags.elderlyAlone + 1);
    expect(after.partyMembers).toBe(before.partyMembers + 1);
    const again = await h.call(SEC, 'census.import', { buildingId: B, fileName: '3单元.csv', content: b64(CSV), dryRun: false });
    expect(again.ok && again.data.written).toBe(false);
    expect(again.meter.writes).toBe(0);
  });

  test('an xlsx imports the same way', async () => {
    const sheet = zip({
      'xl/workbook.xml': '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId7"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Target="worksheets/sheet1.xml" Id="rId7"/></Relationships>',
      'xl/worksheets/sheet1.xml':
        '<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>单元</t></is></c><c t="inlineStr"><is><t>房号</t></is></c><c t="inlineStr"><is><t>姓名</t></is></c><c t="inlineStr"><is><t>关系</t></is></c><c t="inlineStr"><is><t>出生年份</t></is></c></row>' +
        '<row r="2"><c><v>3</v></c><c><v>601</v></c><c t="inlineStr"><is><t>孙悦</t></is></c><c t="inlineStr"><is><t>户主</t></is></c><c><v>1990</v></c></row></sheetData></worksheet>',
    });
    const r = await h.ok(SEC, 'census.import', { buildingId: B, fileName: '住户.XLSX', content: b64(sheet), dryRun: false });
    expect(r).toMatchObject({ households: 1, people: 1, written: true });
    expect((await h.store.get('households', `${B}:3-601`))!.members[0].name).toBe('孙悦');
  });

  test('every wrong row is named with its column; nothing is written while any row is wrong', async () => {
    const bad = [
      '单元,房号,姓名,关系,手机号,出生年份,标记,党员,状态',
      '3,101,王建华,户主,13912345678,1948,,是,',
      '3,1-02,李秀英,户主,,1962,,,',
      '3,103,李1,老板,123,19xx,发烧,也许,',
      '3,101,,,,,,,空置',
    ].join('\n');
    const r = await h.call(SEC, 'census.import', { buildingId: B, fileName: 'a.csv', content: b64(bad), dryRun: false });
    expect(r.ok).toBe(true);
    const errors = r.ok ? r.data.errors : [];
    expect(errors.map((e) => `${e.row}:${e.column}`)).toEqual(['3:房号', '4:姓名', '4:关系', '4:手机号', '4:出生年份', '4:标记', '4:党员', '5:状态']);
    expect(errors[3].message).toContain('手机号');
    expect(r.ok && r.data.written).toBe(false);
    expect(r.meter.writes).toBe(0);
  });

  test('a sheet without the needed columns, an empty one, bad base64 or a volunteer: refused, nothing written', async () => {
    const noName = await h.ok(SEC, 'census.import', { buildingId: B, fileName: 'a.csv', content: b64('单元,房号\n1,101'), dryRun: true });
    expect(noName.errors.map((e) => e.message)).toEqual(['表头缺少「姓名」列', '表头缺少「关系」列', '表头缺少「出生年份」列']);
    const empty = await h.ok(SEC, 'census.import', { buildingId: B, fileName: 'a.csv', content: b64('\n'), dryRun: true });
    expect(empty.errors[0].message).toBe('文件是空的');
    const garbled = await h.call(SEC, 'census.import', { buildingId: B, fileName: 'a.csv', content: '这不是base64', dryRun: true });
    expect(garbled).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.content' } } });
    const volunteer = await h.call('demo-volunteer-1', 'census.import', { buildingId: B, fileName: 'a.csv', content: b64(CSV), dryRun: false });
    expect(volunteer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(volunteer.meter.writes).toBe(0);
  });

  test("a building's leader imports their own building only", async () => {
    const other = await h.call(LEADER_B1, 'census.import', { buildingId: B, fileName: 'a.csv', content: b64(CSV), dryRun: true });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const own = await h.call(LEADER_B1, 'census.import', { buildingId: 'sz-s1-c01-x01-b01', fileName: 'a.csv', content: b64(CSV), dryRun: true });
    expect(own.ok).toBe(true);
  });
});
