import type { AuditEntry } from '../domain/audit-entry.ts';

/** Which part of the trail to read: `since` inclusive, `until` exclusive, `after` a position read before. */
export interface AuditRange {
  readonly since?: Date;
  readonly until?: Date;
  /** Resume strictly after this entry's position (from an earlier read). */
  readonly after?: string;
}

/** An entry with its position in the trail: opaque, increasing in time order. */
export interface PositionedAuditEntry {
  readonly entry: AuditEntry;
  readonly position: string;
}

export interface AuditTrail {
  /**
   * Records an entry once under its idempotency key: recording the same key again (a retried
   * request, a duplicate delivery) keeps the first entry. Answers whether this call recorded it.
   */
  record(consultationId: string, idempotencyKey: string, entry: AuditEntry): Promise<boolean>;
  /** Every entry of the consultation, oldest first (by `at`). */
  list(consultationId: string): Promise<AuditEntry[]>;
  /**
   * The entries of the range, oldest first, read page by page as the caller consumes them (stop
   * consuming and no further page is read).
   */
  entries(consultationId: string, range: AuditRange): AsyncIterable<PositionedAuditEntry>;
}
