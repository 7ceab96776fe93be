import type { AuditRow } from './audit-row.ts';
import { csvDocument } from './csv.ts';

/**
 * The audit trail as CSV, written like every CSV the Secretariat gets (shared/domain/csv.ts: RFC 4180,
 * UTF-8 with a byte order mark, CRLF, formula guard): one header line and one line per entry, oldest
 * first; structured `before` / `after` as JSON text (empty when there is none).
 */
export const auditCsvColumns = ['at', 'kind', 'actor', 'subject', 'before', 'after', 'reason'] as const;

export function auditCsv(rows: readonly AuditRow[]): string {
  return csvDocument(
    auditCsvColumns,
    rows.map((row) => [
      row.at,
      row.kind,
      row.actor,
      row.subject,
      row.before === null ? '' : JSON.stringify(row.before),
      row.after === null ? '' : JSON.stringify(row.after),
      row.reason ?? '',
    ]),
  );
}
