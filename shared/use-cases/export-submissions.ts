import type { SubmissionsExportedEntry } from '../domain/audit-entry.ts';
import type { StoredSubmission } from '../domain/submission.ts';
import { byReference, submissionsCsvChunks, submissionsJsonChunks } from '../domain/submission-export.ts';
import type { SubmissionFilter } from '../domain/submission-listing.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import type { SubmissionCatalog } from '../ports/submission-catalog.ts';

export type ExportFormat = 'csv' | 'json';

export interface ExportRequest {
  readonly consultationId: string;
  readonly filter: SubmissionFilter;
  readonly format: ExportFormat;
  readonly personalData: boolean;
  /** Who asked (the signer's ARN), for the audit trail. */
  readonly actor: string;
  /** Makes the audit entry idempotent: a retried invocation records one export. */
  readonly requestId: string;
  /**
   * Largest body the export may have, measured as the JSON string it travels in (a Lambda proxy
   * response carries the body JSON-escaped, so quotes and line breaks count twice).
   */
  readonly maxEncodedBytes: number;
}

export type SubmissionExport =
  | {
      readonly kind: 'exported';
      readonly body: string;
      readonly contentType: string;
      readonly filename: string;
      readonly rowCount: number;
    }
  | {
      readonly kind: 'too-large';
      /** How far the export got before it passed the limit: at least this many bytes. */
      readonly encodedBytes: number;
      readonly rowCount: number;
    };

/**
 * Every submission matching the filter, as CSV or JSON, ordered by reference. An export that would
 * not fit in a Lambda response is refused (nothing is recorded); one that goes out is recorded in
 * the audit trail, with its filters, its size and whether it held personal data. Undefined: no such
 * consultation.
 */
export async function exportSubmissions(
  ports: {
    readonly consultations: ConsultationRepository;
    readonly submissionCatalog: SubmissionCatalog;
    readonly auditTrail: AuditTrail;
    readonly clock: Clock;
  },
  request: ExportRequest,
): Promise<SubmissionExport | undefined> {
  if ((await ports.consultations.find(request.consultationId)) === undefined) return undefined;
  const submissions: StoredSubmission[] = [];
  for await (const submission of ports.submissionCatalog.all(request.consultationId, request.filter)) {
    submissions.push(submission);
  }
  submissions.sort(byReference);
  const at = ports.clock.now();
  const chunks =
    request.format === 'csv'
      ? submissionsCsvChunks(submissions, request.personalData)
      : submissionsJsonChunks(
          { consultationId: request.consultationId, exportedAt: at.toISOString() },
          submissions,
          request.personalData,
        );
  // JSON escapes character by character, so the encoded size of the whole is the sum of its
  // pieces' (each without its two quotes) plus two: counted as the pieces are made, it stops a
  // hopeless export early instead of building tens of megabytes first.
  const pieces: string[] = [];
  let encodedBytes = 2;
  for (const chunk of chunks) {
    encodedBytes += Buffer.byteLength(JSON.stringify(chunk), 'utf8') - 2;
    if (encodedBytes > request.maxEncodedBytes) {
      return { kind: 'too-large', encodedBytes, rowCount: submissions.length };
    }
    pieces.push(chunk);
  }
  const body = pieces.join('');
  await ports.auditTrail.record(request.consultationId, `submissions-exported#${request.requestId}`, {
    kind: 'submissions-exported',
    at: at.toISOString(),
    actor: request.actor,
    format: request.format,
    filters: auditedFilters(request.filter),
    personalData: request.personalData,
    rowCount: submissions.length,
  });
  const stamp = at.toISOString().replaceAll(/[-:]|\.\d+/g, '');
  const name = `${request.consultationId}-submissions${request.personalData ? '-with-personal-data' : ''}-${stamp}`;
  return {
    kind: 'exported',
    body,
    contentType:
      request.format === 'csv'
        ? 'text/csv; charset=utf-8; header=present'
        : 'application/json; charset=utf-8',
    filename: `${name}.${request.format}`,
    rowCount: submissions.length,
  };
}

/** The filters as the audit trail keeps them: the words of a free-text search are left out. */
function auditedFilters(filter: SubmissionFilter): SubmissionsExportedEntry['filters'] {
  const { text, ...fields } = filter;
  return { ...fields, ...(text === undefined ? {} : { freeText: true as const }) };
}
