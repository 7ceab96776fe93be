import type { AuditRow } from './audit-row.ts';

/**
 * The audit trail as CSV (RFC 4180): UTF-8 with a byte order mark, so that Excel reads the Arabic,
 * Chinese and Russian text right; CRLF line ends; one header line and one line per entry, oldest
 * first; structured `before` / `after` as JSON text (empty when there is none).
 */
export const auditCsvColumns = ['at', 'kind', 'actor', 'subject', 'before', 'after', 'reason'] as const;

export const byteOrderMark = '\uFEFF';

export function auditCsv(rows: readonly AuditRow[]): string {
  const lines = [
    auditCsvColumns.join(','),
    ...rows.map((row) =>
      [
        row.at,
        row.kind,
        row.actor,
        row.subject,
        row.before === null ? '' : JSON.stringify(row.before),
        row.after === null ? '' : JSON.stringify(row.after),
        row.reason ?? '',
      ]
        .map(csvField)
        .join(','),
    ),
  ];
  return `${byteOrderMark}${lines.join('\r\n')}\r\n`;
}

/**
 * One field: quoted when it holds a comma, a quote or a line break (quotes doubled). A field that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first: reasons and subjects are
 * people's text) gets a leading apostrophe, which spreadsheets show as text.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
