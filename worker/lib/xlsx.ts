// A streamed XLSX workbook of one sheet. No spreadsheet library both runs in Workers and writes
// row by row (SheetJS and ExcelJS build the whole workbook in memory), so this writes the few
// XML parts an .xlsx needs itself and leaves the zip to fflate's streaming Zip. Text goes in
// inline strings (no shared-strings table to hold back), so each row is written as it arrives.
import { Zip, ZipDeflate } from 'fflate';
import { defuseFormula } from './csv.ts';
import { inChunks } from './streams.ts';

export type XlsxCell = string | number | null;

const encoder = new TextEncoder();

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const SPREADSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SPREADSHEET = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const CONTENT_TYPES =
  XML_DECLARATION +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="/xl/workbook.xml" ContentType="${SPREADSHEET_TYPE}.sheet.main+xml"/>` +
  `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${SPREADSHEET_TYPE}.worksheet+xml"/>` +
  `<Override PartName="/xl/styles.xml" ContentType="${SPREADSHEET_TYPE}.styles+xml"/>` +
  '</Types>';

const ROOT_RELS =
  XML_DECLARATION +
  `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
  `<Relationship Id="rId1" Type="${RELATIONSHIP}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';

const WORKBOOK_RELS =
  XML_DECLARATION +
  `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
  `<Relationship Id="rId1" Type="${RELATIONSHIP}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${RELATIONSHIP}/styles" Target="styles.xml"/>` +
  '</Relationships>';

// Style 0 is plain, style 1 the bold header.
const STYLES =
  XML_DECLARATION +
  `<styleSheet xmlns="${SPREADSHEET}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
  '<fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

// Excel refuses sheet names over 31 characters or with any of []:*?/\ in them.
const sheetTitle = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

const workbook = (sheetName: string) =>
  XML_DECLARATION +
  `<workbook xmlns="${SPREADSHEET}" xmlns:r="${RELATIONSHIP}">` +
  `<sheets><sheet name="${escapeXml(sheetTitle(sheetName))}" sheetId="1" r:id="rId1"/></sheets>` +
  '</workbook>';

// The header row stays in view while scrolling; columns wide enough for a phone number or a time.
const sheetStart = (columns: number) =>
  XML_DECLARATION +
  `<worksheet xmlns="${SPREADSHEET}">` +
  '<sheetViews><sheetView workbookViewId="0">' +
  '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
  '</sheetView></sheetViews>' +
  `<cols><col min="1" max="${Math.max(columns, 1)}" width="18" customWidth="1"/></cols>` +
  '<sheetData>';

const SHEET_END = '</sheetData></worksheet>';

// XML 1.0 cannot carry control characters (other than tab and line breaks) or lone surrogates:
// one of them in a name would make Excel refuse the whole file.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it removes.
const CONTROL_OR_NONCHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOT_XML = new RegExp(`${CONTROL_OR_NONCHARACTER.source}|${LONE_SURROGATE.source}`, 'g');

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function cellXml(value: XlsxCell, style: 0 | 1): string {
  const s = style ? ' s="1"' : '';
  if (value === null || value === '') return `<c${s}/>`;
  if (typeof value === 'number') return `<c${s}><v>${value}</v></c>`;
  return `<c t="inlineStr"${s}><is><t xml:space="preserve">${escapeXml(defuseFormula(value))}</t></is></c>`;
}

const rowXml = (cells: XlsxCell[], style: 0 | 1 = 0) =>
  `<row>${cells.map((cell) => cellXml(cell, style)).join('')}</row>`;

async function* sheetXml(header: string[], rows: AsyncIterable<XlsxCell[]>): AsyncGenerator<string> {
  yield sheetStart(header.length) + rowXml(header, 1);
  for await (const row of rows) yield rowXml(row);
  yield SHEET_END;
}

/** The workbook's bytes, made as the rows arrive. */
export async function* xlsxBytes(
  sheetName: string,
  header: string[],
  rows: AsyncIterable<XlsxCell[]>,
): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    ready.push(chunk);
  });
  const add = (name: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    return file;
  };
  for (const [name, xml] of [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['xl/workbook.xml', workbook(sheetName)],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
    ['xl/styles.xml', STYLES],
  ] as const) {
    add(name).push(encoder.encode(xml), true);
  }
  const sheet = add('xl/worksheets/sheet1.xml');
  for await (const text of inChunks(sheetXml(header, rows))) {
    sheet.push(encoder.encode(text));
    yield* ready.splice(0);
  }
  sheet.push(new Uint8Array(0), true);
  zip.end();
  yield* ready.splice(0);
}
