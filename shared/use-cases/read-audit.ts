import type { AuditEntry } from '../domain/audit-entry.ts';
import { type AuditRow, auditRow } from '../domain/audit-row.ts';
import type { CallKind } from '../domain/consultation-definition.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';

/**
 * The Secretariat's view of the audit trail: entries read in time order from the trail's index
 * (the time range is the Query's key condition), each turned into an `AuditRow` and kept when it
 * matches the filters. Kind, actor and call are checked on the rows, so they work the same for
 * every kind of entry, including kinds added later.
 */
export interface AuditFilters {
  readonly kinds?: readonly AuditEntry['kind'][];
  readonly actor?: string;
  readonly call?: CallKind;
  readonly since?: Date;
  readonly until?: Date;
}

export interface AuditRecord extends AuditRow {
  /** The entry as stored, with every detail of its kind. */
  readonly entry: AuditEntry;
}

export interface AuditPage {
  readonly records: readonly AuditRecord[];
  /** Give it back as `cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

function matches(row: AuditRow, filters: AuditFilters): boolean {
  if (filters.kinds !== undefined && filters.kinds.length > 0 && !filters.kinds.includes(row.kind)) {
    return false;
  }
  if (filters.actor !== undefined && row.actor !== filters.actor) return false;
  if (filters.call !== undefined && !row.calls.includes(filters.call)) return false;
  return true;
}

async function* matching(
  trail: AuditTrail,
  consultationId: string,
  filters: AuditFilters,
  after: string | undefined,
): AsyncGenerator<{ record: AuditRecord; position: string }> {
  const range = {
    ...(filters.since === undefined ? {} : { since: filters.since }),
    ...(filters.until === undefined ? {} : { until: filters.until }),
    ...(after === undefined ? {} : { after }),
  };
  for await (const { entry, position } of trail.entries(consultationId, range)) {
    const row = auditRow(entry);
    if (matches(row, filters)) yield { record: { ...row, entry }, position };
  }
}

/** Cursors are the last position returned, opaque to clients. */
export function encodeAuditCursor(position: string): string {
  return Buffer.from(position, 'utf8').toString('base64url');
}

/** The position a cursor names, or undefined when it is not one of ours. */
export function decodeAuditCursor(cursor: string): string | undefined {
  const position = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^\d{4}-\d{2}-\d{2}T[^#]+#.+$/.test(position) ? position : undefined;
}

/** One page of matching entries, oldest first; reads no further than one entry past the page. */
export async function readAuditPage(
  trail: AuditTrail,
  consultationId: string,
  filters: AuditFilters,
  page: { readonly after?: string; readonly limit: number },
): Promise<AuditPage> {
  const records: AuditRecord[] = [];
  let lastPosition: string | undefined;
  for await (const { record, position } of matching(trail, consultationId, filters, page.after)) {
    if (records.length === page.limit) {
      // One more matches: there is a next page, which starts after the last entry returned.
      return {
        records,
        ...(lastPosition === undefined ? {} : { nextCursor: encodeAuditCursor(lastPosition) }),
      };
    }
    records.push(record);
    lastPosition = position;
  }
  return { records };
}

/** Every matching entry, oldest first: the export. */
export async function readWholeAudit(
  trail: AuditTrail,
  consultationId: string,
  filters: AuditFilters,
): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for await (const { record } of matching(trail, consultationId, filters, undefined)) records.push(record);
  return records;
}
