import { type CsvCell, csvRecord, utf8ByteOrderMark } from './csv.ts';
import type { StoredSubmission } from './submission.ts';
import { unIntermediateRegionName, unRegionName, unRegionOf, unSubRegionName } from './un-m49-regions.ts';

/**
 * One row per submission, the same columns in CSV and JSON (so a script can switch formats without
 * renaming anything). Columns that name or reach a person are `personal`: they are exported only
 * when the Secretariat asks for them, and such an export is recorded in the audit trail. Call-specific
 * columns are empty for the other calls. Multi-valued fields are joined with `; ` in CSV and stay
 * arrays in JSON.
 */
type ExportValue = string | number | boolean | readonly string[] | readonly number[] | null;

interface ExportColumn {
  readonly name: string;
  readonly personal: boolean;
  readonly value: (submission: StoredSubmission) => ExportValue;
}

const column = (name: string, value: ExportColumn['value']): ExportColumn => ({
  name,
  personal: false,
  value,
});
const personal = (name: string, value: ExportColumn['value']): ExportColumn => ({
  name,
  personal: true,
  value,
});

const placement = (submission: StoredSubmission) => unRegionOf(submission.content.submitter.country);

export const exportColumns: readonly ExportColumn[] = [
  column('reference', (s) => s.reference),
  column('id', (s) => s.id),
  column('call', (s) => s.call),
  column('status', (s) => s.status),
  column('created_at', (s) => s.createdAt),
  column('submitted_at', (s) => s.submittedAt ?? null),
  column('withdrawn_at', (s) => s.withdrawnAt ?? null),
  column('title', (s) => s.content.title),
  column('stakeholder_type', (s) => s.content.submitter.stakeholderType),
  column('organization', (s) => s.content.submitter.organization),
  personal('submitter_name', (s) => s.content.submitter.name),
  personal('submitter_email', (s) => s.content.submitter.email),
  column('country', (s) => s.content.submitter.country),
  column('region', (s) => {
    const region = placement(s)?.region;
    return region === undefined ? null : unRegionName(region);
  }),
  column('sub_region', (s) => {
    const subRegion = placement(s)?.subRegion;
    return subRegion === undefined ? null : unSubRegionName(subRegion);
  }),
  column('intermediate_region', (s) => {
    const intermediate = placement(s)?.intermediateRegion;
    return intermediate === undefined ? null : unIntermediateRegionName(intermediate);
  }),
  column('language', (s) => s.content.submitter.language),
  column('action_lines', (s) => s.content.actionLines),
  column('sdgs', (s) => s.content.sdgs),
  column('consent_publish', (s) => s.content.consent.publish),
  column('body', (s) => s.content.body),
  column('workshop_format', (s) =>
    s.content.call === 'workshop-request' ? s.content.workshop.format : null,
  ),
  column('workshop_duration_minutes', (s) =>
    s.content.call === 'workshop-request' ? s.content.workshop.durationMinutes : null,
  ),
  column('workshop_organizers', (s) =>
    s.content.call === 'workshop-request' ? s.content.workshop.organizers.map((o) => o.organization) : null,
  ),
  personal('nominee_name', (s) =>
    s.content.call === 'hltf-nomination' ? s.content.nomination.nominee.name : null,
  ),
  personal('nominee_position', (s) =>
    s.content.call === 'hltf-nomination' ? s.content.nomination.nominee.position : null,
  ),
  personal('nominee_organization', (s) =>
    s.content.call === 'hltf-nomination' ? s.content.nomination.nominee.organization : null,
  ),
  personal('nominee_email', (s) =>
    s.content.call === 'hltf-nomination' ? s.content.nomination.nominee.email : null,
  ),
  personal('nominator_name', (s) =>
    s.content.call === 'hltf-nomination' ? s.content.nomination.nominator.name : null,
  ),
  personal('nominator_email', (s) =>
    s.content.call === 'hltf-nomination' ? s.content.nomination.nominator.email : null,
  ),
  column('photo_caption', (s) => (s.content.call === 'photo-contest' ? s.content.photo.caption : null)),
  column('photo_place', (s) => (s.content.call === 'photo-contest' ? s.content.photo.place : null)),
  column('photo_sdg', (s) => (s.content.call === 'photo-contest' ? s.content.photo.sdg : null)),
  column('event_name', (s) => (s.content.call === 'regional-input' ? s.content.event.name : null)),
  column('event_date', (s) => (s.content.call === 'regional-input' ? s.content.event.date : null)),
  column('event_place', (s) => (s.content.call === 'regional-input' ? s.content.event.place : null)),
  column('content_sha256', (s) => s.contentSha256),
];

export const personalDataColumns = exportColumns.filter((entry) => entry.personal).map((entry) => entry.name);

export function exportedColumns(withPersonalData: boolean): readonly ExportColumn[] {
  return exportColumns.filter((entry) => withPersonalData || !entry.personal);
}

/** The export's order: by reference, ascending (references group by call, then run by number). */
export function byReference(a: StoredSubmission, b: StoredSubmission): number {
  return a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : a.id < b.id ? -1 : 1;
}

export type ExportRecord = Readonly<Record<string, ExportValue>>;

export function exportRecord(submission: StoredSubmission, withPersonalData: boolean): ExportRecord {
  return Object.fromEntries(
    exportedColumns(withPersonalData).map((entry) => [entry.name, entry.value(submission)]),
  );
}

const csvCell = (value: ExportValue): CsvCell =>
  Array.isArray(value) ? value.join('; ') : (value as CsvCell);

/**
 * RFC 4180 CSV with a BOM and a header row, one record per submission, in the order given, as
 * pieces (the BOM and header, then one CRLF-ended record each): the export measures its size as it
 * goes and stops as soon as it is too large to send.
 */
export function* submissionsCsvChunks(
  submissions: readonly StoredSubmission[],
  withPersonalData: boolean,
): Generator<string> {
  const columns = exportedColumns(withPersonalData);
  yield `${utf8ByteOrderMark}${csvRecord(columns.map((entry) => entry.name))}\r\n`;
  for (const submission of submissions) {
    yield `${csvRecord(columns.map((entry) => csvCell(entry.value(submission))))}\r\n`;
  }
}

/** The same columns as one JSON document, in pieces: its head, one record each, its tail. */
export function* submissionsJsonChunks(
  head: { readonly consultationId: string; readonly exportedAt: string },
  submissions: readonly StoredSubmission[],
  withPersonalData: boolean,
): Generator<string> {
  const opening = JSON.stringify({ ...head, personalData: withPersonalData, count: submissions.length });
  yield `${opening.slice(0, -1)},"submissions":[`;
  for (const [index, submission] of submissions.entries()) {
    yield `${index === 0 ? '' : ','}${JSON.stringify(exportRecord(submission, withPersonalData))}`;
  }
  yield ']}\n';
}

export function submissionsCsv(submissions: readonly StoredSubmission[], withPersonalData: boolean): string {
  return [...submissionsCsvChunks(submissions, withPersonalData)].join('');
}
