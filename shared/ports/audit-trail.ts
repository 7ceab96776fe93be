import type { AuditEntry } from '../domain/audit-entry.ts';

export interface AuditTrail {
  /**
   * Records an entry once under its idempotency key: recording the same key again (a retried
   * request, a duplicate delivery) keeps the first entry. Answers whether this call recorded it.
   */
  record(consultationId: string, idempotencyKey: string, entry: AuditEntry): Promise<boolean>;
  /** Every entry of the consultation, oldest first (by `at`). */
  list(consultationId: string): Promise<AuditEntry[]>;
}
