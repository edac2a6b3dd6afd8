// CSV files the service exports (the panel papers, the audit trail), one way for all of them.

/**
 * CSV as spreadsheets read it: every field quoted, quotes doubled, and a leading =, +, - or @
 * neutralised so text people typed can never run as a formula in the spreadsheet that opens it.
 */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/**
 * The same CSV a piece at a time (a few hundred rows to a piece), so an export of many rows is sent
 * as it is written rather than built whole in memory first (decision 0021). Starts with the byte
 * order mark that tells a spreadsheet the file is UTF-8.
 */
export function* csvChunks(
  rows: readonly (readonly (string | number | null | undefined)[])[],
  rowsPerChunk = 500,
): Generator<string> {
  yield '\uFEFF';
  for (let i = 0; i < rows.length; i += rowsPerChunk) {
    yield toCsv(rows.slice(i, i + rowsPerChunk));
  }
}
