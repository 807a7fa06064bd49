/**
 * A streaming .xlsx writer: one sheet, a bold frozen header row, column widths, text and number
 * cells. Rows are turned into sheet XML a batch at a time and deflated into the zip as they come
 * (fflate's streaming Zip), and the zip's bytes go straight to a file, so memory holds one batch,
 * never the sheet. Strings are written inline (`t="inlineStr"`): a shared-strings table would
 * have to be held whole until the end. Chosen over exceljs by measurement (ARCHITECTURE §5h).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface SheetColumn {
  header: string;
  /** Width in characters, as Excel counts them (a Chinese character is about two). */
  width: number;
}

export type Cell = string | number | null | undefined;

const enc = new TextEncoder();
// Characters XML 1.0 cannot hold (C0 controls other than tab/newline/CR, lone surrogates, U+FFFE/F).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export const xmlText = (s: string) => s.replace(NOT_XML, '').replace(/[&<>"]/g, (c) => ESC[c]);

/** A1-style column letters for a 0-based index. */
export function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A cell; `ref` its A1 reference (readers such as exceljs need it), empty cells left out. */
function cellXml(ref: string, v: Cell, style: string): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${style}><v>${v}</v></c>` : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
}

function rowXml(letters: readonly string[], r: number, cells: readonly Cell[], style = ''): string {
  let xml = `<row r="${r}">`;
  for (let i = 0; i < cells.length; i++) xml += cellXml(`${letters[i] ?? colName(i)}${r}`, cells[i], style);
  return `${xml}</row>`;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org/';

const STATIC_PARTS = (sheetName: string): Array<[string, string]> => [
  [
    '[Content_Types].xml',
    `${XML}<Types xmlns="${NS}package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  ],
  [
    '_rels/.rels',
    `${XML}<Relationships xmlns="${NS}package/2006/relationships"><Relationship Id="rId1" Type="${NS}officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ],
  [
    'xl/workbook.xml',
    `${XML}<workbook xmlns="${NS}spreadsheetml/2006/main" xmlns:r="${NS}officeDocument/2006/relationships"><sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    'xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="${NS}package/2006/relationships"><Relationship Id="rId1" Type="${NS}officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${NS}officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  ],
  [
    'xl/styles.xml',
    `${XML}<styleSheet xmlns="${NS}spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`,
  ],
];

/** Excel's sheet-name rules: at most 31 characters, none of : \ / ? * [ ]. */
export const sheetName = (title: string) => title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';

/**
 * Writes one sheet to `path`: `open`, then `append` batches of rows (awaiting each: it waits
 * while the file catches up), then `close`.
 */
export class XlsxWriter {
  private readonly zip: Zip;
  private readonly sheet: ZipDeflate;
  private readonly out: WriteStream;
  private failed: Error | null = null;
  private done: Promise<void>;
  private rowCount = 0;
  private readonly letters: string[];

  private constructor(path: string, title: string, columns: readonly SheetColumn[]) {
    this.letters = columns.map((_, i) => colName(i));
    this.out = createWriteStream(path);
    this.out.on('error', (e) => (this.failed ??= e));
    let finish!: () => void;
    let fail!: (e: Error) => void;
    this.done = new Promise<void>((res, rej) => {
      finish = res;
      fail = rej;
    });
    this.done.catch(() => undefined);
    this.zip = new Zip((err, chunk, final) => {
      if (err) {
        this.failed ??= err;
        fail(err);
        return;
      }
      this.out.write(chunk);
      if (final) this.out.end(() => (this.failed ? fail(this.failed) : finish()));
    });
    for (const [name, body] of STATIC_PARTS(sheetName(title))) {
      const part = new ZipPassThrough(name);
      this.zip.add(part);
      part.push(enc.encode(body), true);
    }
    this.sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
    this.zip.add(this.sheet);
    const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
    const view =
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
    this.push(
      `${XML}<worksheet xmlns="${NS}spreadsheetml/2006/main">${view}<cols>${cols}</cols><sheetData>${rowXml(
        this.letters,
        1,
        columns.map((c) => c.header),
        ' s="1"',
      )}`,
    );
  }

  static open(path: string, title: string, columns: readonly SheetColumn[]): XlsxWriter {
    return new XlsxWriter(path, title, columns);
  }

  private push(xml: string, final = false) {
    if (this.failed) throw this.failed;
    this.sheet.push(enc.encode(xml), final);
  }

  /** Adds rows below the ones written; resolves once the file can take more. */
  async append(rows: ReadonlyArray<readonly Cell[]>): Promise<void> {
    if (!rows.length) return;
    const xml = rows.map((r, i) => rowXml(this.letters, this.rowCount + i + 2, r)).join('');
    this.rowCount += rows.length;
    this.push(xml);
    if (this.out.writableNeedDrain) await once(this.out, 'drain');
    if (this.failed) throw this.failed;
  }

  /** Ends the sheet and the file; answers how many data rows it holds. */
  async close(): Promise<{ rows: number }> {
    this.push('</sheetData></worksheet>', true);
    this.zip.end();
    await this.done;
    return { rows: this.rowCount };
  }

  /** Stops writing (the file is left incomplete; the caller removes it). */
  abort(): void {
    this.zip.terminate();
    this.out.destroy();
  }
}
