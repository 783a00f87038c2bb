// CSV as Excel and WPS read and write it: UTF-8 with a BOM, CRLF, RFC 4180 quoting.

const BOM = '\uFEFF';

export interface CsvRecord {
  /** The line of the file where the record starts (1 = the first line). */
  line: number;
  cells: string[];
  /** False when a quoted cell never closes: the rest of the file was swallowed by it. */
  complete: boolean;
}

/** Splits CSV text into records: quoted cells may hold commas, line breaks and doubled quotes. */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;

  const endRecord = (complete: boolean) => {
    cells.push(cell);
    records.push({ line: recordLine, cells, complete });
    cells = [];
    cell = '';
  };

  for (let i = 0; i < input.length; i++) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n' || (char === '\r' && input[i + 1] !== '\n')) line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && input[i + 1] === '\n') i++;
      endRecord(true);
      line++;
      recordLine = line;
    } else {
      cell += char;
    }
  }
  if (quoted) endRecord(false);
  else if (cell !== '' || cells.length > 0) endRecord(true);
  return records;
}

// A spreadsheet would run a cell starting with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet will show as text: a leading apostrophe disarms a would-be formula. */
export const defuseFormula = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

// Digits a spreadsheet would read as a number and spoil: an 18-digit ID number loses its last
// digits (3.71502E+17), an 11-digit phone becomes a number, a leading zero goes.
const SPOILED_AS_NUMBER = /^(?:\d{11,}|\d{17}X|0\d+)$/;

/**
 * A leading tab keeps such digits text in Excel and WPS (both read a tab-led cell as text and
 * show the digits as they are); it is not a formula character here, as the cell holds only digits.
 * (`="…"` would be a formula, which the defusing above exists to prevent.)
 */
const keepDigitsAsText = (text: string) => (SPOILED_AS_NUMBER.test(text) ? `\t${text}` : text);

function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = keepDigitsAsText(defuseFormula(value));
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvLine = (row: (string | number)[]) => `${row.map(csvCell).join(',')}\r\n`;

/** A whole CSV file: BOM, one header row, CRLF line ends, formula-like text cells neutralised. */
export function csvDocument(header: string[], rows: (string | number)[][]): string {
  return BOM + [header, ...rows].map(csvLine).join('');
}

/** The same file as text pieces, row by row, for a streamed download. */
export async function* csvPieces(header: string[], rows: AsyncIterable<(string | number)[]>): AsyncGenerator<string> {
  yield BOM + csvLine(header);
  for await (const row of rows) yield csvLine(row);
}
