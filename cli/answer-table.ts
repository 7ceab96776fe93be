/**
 * A JSON answer as text for people: a list of records as a table with aligned columns, an object as
 * `key  value` lines (nested objects dotted: `schedules.groupName`), and each list inside an object
 * as its own titled table below. `--json` bypasses this for scripts.
 */
export interface TableStyle {
  /** Bold headings (only on a terminal). */
  readonly emphasis: (text: string) => string;
  /** Longest cell shown; longer ones end in `…`. Unlimited when undefined (not a terminal). */
  readonly maxCellWidth?: number;
}

export const plainStyle: TableStyle = { emphasis: (text) => text };

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
type JsonRecord = { readonly [key: string]: Json };

export function renderAnswer(answer: unknown, style: TableStyle = plainStyle): string {
  const value = answer as Json;
  if (isRecordList(value)) return renderTable(value, style);
  if (Array.isArray(value)) return value.map((item) => cellText(item, style)).join('\n');
  if (isRecord(value)) return renderRecord(value, style);
  return cellText(value, style);
}

export function renderTable(rows: readonly JsonRecord[], style: TableStyle = plainStyle): string {
  if (rows.length === 0) return '(none)';
  const flattened = rows.map((row) => flatten(row));
  const columns: string[] = [];
  for (const row of flattened) {
    for (const key of row.keys()) if (!columns.includes(key)) columns.push(key);
  }
  const cells = flattened.map((row) => columns.map((column) => cellText(row.get(column), style)));
  const numeric = columns.map((column) =>
    flattened.every((row) => row.get(column) === undefined || typeof row.get(column) === 'number'),
  );
  const widths = columns.map((column, index) =>
    Math.max(width(column), ...cells.map((row) => width(row[index] ?? ''))),
  );
  const line = (values: readonly string[], heading: boolean) =>
    values
      .map((text, index) => {
        const padded =
          numeric[index] && !heading ? padStart(text, widths[index] ?? 0) : padEnd(text, widths[index] ?? 0);
        return heading ? style.emphasis(padded) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(columns, true), ...cells.map((row) => line(row, false))].join('\n');
}

function renderRecord(record: JsonRecord, style: TableStyle): string {
  const pairs: [string, string][] = [];
  const sections: string[] = [];
  const visit = (value: JsonRecord, prefix: string) => {
    for (const [key, field] of Object.entries(value)) {
      const name = prefix === '' ? key : `${prefix}.${key}`;
      if (isRecordList(field) && field.length > 0) {
        sections.push(`${style.emphasis(`${name} (${field.length})`)}\n${renderTable(field, style)}`);
      } else if (isRecord(field) && Object.keys(field).length > 0) {
        visit(field, name);
      } else {
        pairs.push([name, Array.isArray(field) && field.length === 0 ? '(none)' : cellText(field, style)]);
      }
    }
  };
  visit(record, '');
  const keyWidth = Math.max(0, ...pairs.map(([key]) => width(key)));
  const lines = pairs.map(([key, text]) => `${style.emphasis(padEnd(key, keyWidth))}  ${text}`.trimEnd());
  return [lines.join('\n'), ...sections].filter((block) => block.length > 0).join('\n\n');
}

/** A row's cells by dotted column: nested objects spread into columns, lists kept in one cell. */
function flatten(row: JsonRecord, prefix = '', into = new Map<string, Json>()): Map<string, Json> {
  for (const [key, value] of Object.entries(row)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (isRecord(value)) flatten(value, name, into);
    else into.set(name, value);
  }
  return into;
}

function cellText(value: Json | undefined, style: TableStyle): string {
  const text = plainText(value);
  const limit = style.maxCellWidth;
  if (limit === undefined || width(text) <= limit) return text;
  return `${[...text].slice(0, Math.max(1, limit - 1)).join('')}…`;
}

function plainText(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.replace(/\s*\n\s*/g, ' ');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => !isRecord(item) && !Array.isArray(item))) {
    return value.map((item) => plainText(item)).join(', ');
  }
  return JSON.stringify(value);
}

function isRecord(value: Json | undefined): value is JsonRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isRecordList(value: Json | undefined): value is readonly JsonRecord[] {
  return Array.isArray(value) && value.every((item) => isRecord(item));
}

/** Width in characters (code points): enough for the consultation's texts in a monospace terminal. */
function width(text: string): number {
  return [...text].length;
}

function padEnd(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)));
}

function padStart(text: string, to: number): string {
  return ' '.repeat(Math.max(0, to - width(text))) + text;
}
