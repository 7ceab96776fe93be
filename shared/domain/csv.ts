/**
 * CSV as RFC 4180 writes it, for spreadsheets: CRLF between records, every field quoted when it
 * holds a comma, a double quote, CR or LF (quotes doubled inside), and a UTF-8 byte order mark first
 * so that Excel reads the file as UTF-8 (Arabic, Chinese and Russian names stay readable).
 *
 * Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some,
 * a tab or carriage return) as a formula, so text a stakeholder typed could run in the Secretariat's
 * spreadsheet. Such cells get a leading apostrophe, which spreadsheets show as text (OWASP's advice).
 * Only text cells: numbers are written as numbers.
 */
export const utf8ByteOrderMark = '\uFEFF';

export type CsvCell = string | number | boolean | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const guarded = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function csvRecord(cells: readonly CsvCell[]): string {
  return cells.map(csvField).join(',');
}

/** A whole document: BOM, header record, one record per row, each record ended by CRLF. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `${utf8ByteOrderMark}${[header, ...rows].map((cells) => `${csvRecord(cells)}\r\n`).join('')}`;
}
