// CSV files the service exports (the panel papers, the audit trail), one way for all of them.

/**
 * CSV as spreadsheets read it: every field quoted, quotes doubled, and a leading =, +, - or @
 * neutralised so text people typed can never run as a formula in the spreadsheet that opens it.
 */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/**
 * A number written exactly as given ("1234.50", "-75.00"), unquoted so a finance system reads it as
 * a number: money keeps its two decimal places, and a minus sign is not mistaken for a formula.
 */
export class DecimalCell {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`Not a decimal number: ${text}`);
  }
}

export const decimalCell = (text: string) => new DecimalCell(text);

export type CsvValue = string | number | DecimalCell | null | undefined;

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (value instanceof DecimalCell) return value.text;
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/**
 * The same CSV a piece at a time (a few hundred rows to a piece), so an export of many rows is sent
 * as it is written rather than built whole in memory first (decision 0021). Starts with the byte
 * order mark that tells a spreadsheet the file is UTF-8.
 */
export function* csvChunks(rows: readonly (readonly CsvValue[])[], rowsPerChunk = 500): Generator<string> {
  yield '\uFEFF';
  for (let i = 0; i < rows.length; i += rowsPerChunk) {
    yield toCsv(rows.slice(i, i + rowsPerChunk));
  }
}
