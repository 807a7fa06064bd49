/**
 * Reading the sheet a building leader already keeps: CSV (UTF-8, with or without BOM, or GBK as
 * Excel on a Chinese Windows saves it) or .xlsx (the first worksheet). The .xlsx reader is
 * a few dozen lines on Node's own zlib — the zip's central directory, shared strings and the
 * sheet's cells — so the census bundle carries no spreadsheet library. Measured with esbuild as
 * scripts/build.ts bundles: this module is 7 KB; jszip 3.10 alone is 311 KB, over the whole
 * 300 KB budget of a bundle, before any XML or sheet handling (a writer for exports can likewise
 * be zlib's deflateRawSync and a CRC-32 table).
 */
import { inflateRawSync } from 'node:zlib';

export class SheetError extends Error {}

/** Rows of cells, as text, trailing empty rows dropped. */
export type Rows = string[][];

export function readSheet(fileName: string, bytes: Buffer): Rows {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return parseCsv(decodeText(bytes));
  if (lower.endsWith('.xlsx')) return readXlsx(bytes);
  if (lower.endsWith('.xls')) throw new SheetError('不支持旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 或 .csv');
  throw new SheetError('只支持 .xlsx 或 .csv 文件');
}

/** UTF-8 when it decodes as such, else GBK (Excel's "CSV" on a Chinese Windows). */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF between rows. */
export function parseCsv(text: string): Rows {
  const rows: Rows = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return trimRows(rows);
}

function trimRows(rows: Rows): Rows {
  const out = rows.map((r) => r.map((c) => c.trim()));
  while (out.length && out[out.length - 1].every((c) => c === '')) out.pop();
  return out;
}

/** The entries of a zip archive, by name (stored or deflated). */
function unzip(bytes: Buffer): Map<string, () => Buffer> {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new SheetError('文件不是有效的 .xlsx（可能已损坏），请重新导出');
  const entries = new Map<string, () => Buffer>();
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw new SheetError('文件不是有效的 .xlsx（可能已损坏），请重新导出');
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLen = bytes.readUInt16LE(at + 28);
    const extraLen = bytes.readUInt16LE(at + 30);
    const commentLen = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLen);
    entries.set(name, () => {
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const raw = bytes.subarray(start, start + size);
      if (method === 0) return raw;
      if (method === 8) return inflateRawSync(raw);
      throw new SheetError('不支持该 .xlsx 的压缩方式，请另存为 .csv');
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (XML_ENTITIES[e] ?? m),
  );
/** The text of every <t> inside a fragment (rich text has several runs). */
const textOf = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1])).join('');

/** Column letters → 0-based index (A → 0, AA → 26). */
const columnIndex = (ref: string) => [...ref.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

export function readXlsx(bytes: Buffer): Rows {
  const zip = unzip(bytes);
  const file = (name: string) => zip.get(name)?.().toString('utf8');
  const workbook = file('xl/workbook.xml');
  const rels = file('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw new SheetError('文件不是有效的 .xlsx（缺少工作簿），请重新导出');
  const firstSheet = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  const target = firstSheet && new RegExp(`<Relationship\\b[^>]*\\bId="${firstSheet}"[^>]*\\bTarget="([^"]+)"`).exec(rels)?.[1];
  const alt = firstSheet && new RegExp(`<Relationship\\b[^>]*\\bTarget="([^"]+)"[^>]*\\bId="${firstSheet}"`).exec(rels)?.[1];
  const path = target ?? alt;
  const sheet = path && file(path.startsWith('/') ? path.slice(1) : `xl/${path}`);
  if (!sheet) throw new SheetError('文件里没有工作表');
  const shared = [...(file('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]));
  const rows: Rows = [];
  for (const r of sheet.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
    const index = Number(/\br="(\d+)"/.exec(r[1])?.[1] ?? rows.length + 1) - 1;
    const row: string[] = [];
    for (const c of r[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1];
      const body = c[2] ?? '';
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value = '';
      if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') value = textOf(body);
      else if (v !== undefined) value = unescapeXml(v);
      row[ref ? columnIndex(ref) : row.length] = value;
    }
    rows[index] = Array.from(row, (x) => x ?? '');
  }
  return trimRows(Array.from(rows, (x) => x ?? []));
}
