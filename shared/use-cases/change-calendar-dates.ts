import type { DateChange } from '../domain/audit-entry.ts';
import {
  changeCalendarDates as applyDateChange,
  type CalendarChangeError,
  type DateChangeRequest,
} from '../domain/calendar-change.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import { type ReconcilePorts, type ReconcileReport, reconcileSchedules } from './reconcile-schedules.ts';

/**
 * The Secretariat moves dates of a call or a phase: the change is checked against the calendar's
 * rules, stored under the optimistic lock, recorded in the audit trail with who and why, and the
 * schedules are reconciled at once; the answer shows the schedule diff.
 */
export interface ChangeCalendarDatesPorts extends ReconcilePorts {
  readonly auditTrail: AuditTrail;
}

export interface ChangeCalendarDatesRequest {
  readonly consultationId: string;
  readonly change: DateChangeRequest;
  readonly reason: string;
  readonly actor: string;
  /** When given, the change applies only to this stored version (else to the version just read). */
  readonly expectedVersion?: number | undefined;
}

export type ChangeCalendarDatesResult =
  | {
      readonly outcome: 'changed' | 'unchanged';
      readonly version: number;
      readonly changes: readonly DateChange[];
      readonly schedules: ReconcileReport;
    }
  | { readonly outcome: 'consultation-not-found' }
  | { readonly outcome: 'not-found'; readonly detail: string }
  | { readonly outcome: 'invalid'; readonly errors: readonly CalendarChangeError[] }
  | { readonly outcome: 'version-conflict'; readonly currentVersion: number };

export async function changeCalendarDates(
  ports: ChangeCalendarDatesPorts,
  request: ChangeCalendarDatesRequest,
): Promise<ChangeCalendarDatesResult> {
  const stored = await ports.consultations.find(request.consultationId);
  if (stored === undefined) return { outcome: 'consultation-not-found' };
  if (request.expectedVersion !== undefined && request.expectedVersion !== stored.version) {
    return { outcome: 'version-conflict', currentVersion: stored.version };
  }
  const now = ports.clock.now();
  const result = applyDateChange(stored.definition, request.change, now);
  if (result.outcome === 'not-found' || result.outcome === 'invalid') return result;

  let version = stored.version;
  let changes: readonly DateChange[] = [];
  if (result.outcome === 'changed') {
    const updated = await ports.consultations.update(result.definition, stored.version, now);
    if (updated === 'version-conflict') {
      const current = await ports.consultations.find(request.consultationId);
      return { outcome: 'version-conflict', currentVersion: current?.version ?? stored.version };
    }
    version = updated.version;
    changes = result.changes;
    await ports.auditTrail.record(request.consultationId, `calendar-change#v${version}`, {
      kind: 'calendar-changed',
      at: now.toISOString(),
      actor: request.actor,
      reason: request.reason,
      version,
      changes: [...changes],
    });
  }
  // Reconciled even when nothing changed: a retried request then also repairs an earlier attempt
  // that stored the change but failed before its schedules were updated.
  const schedules = await reconcileSchedules(ports, request.consultationId);
  if (schedules === undefined) return { outcome: 'consultation-not-found' };
  return { outcome: result.outcome, version, changes, schedules };
}
