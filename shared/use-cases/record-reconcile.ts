import type { AuditTrail } from '../ports/audit-trail.ts';
import type { ReconcileReport } from './reconcile-schedules.ts';

/**
 * Records a reconcile the Secretariat (or a deploy) asked for, when it changed something: which
 * schedules it created, moved or deleted and which past transitions it caught up. One that found
 * everything in order adds nothing, so repeating it (a retry, a second deploy) leaves the trail as it
 * was. Keyed by the request, so a Lambda retry of the same request records once.
 */
export async function recordReconcile(
  auditTrail: AuditTrail,
  report: ReconcileReport,
  actor: string,
  requestId: string,
): Promise<void> {
  const caughtUp = report.caughtUp
    .filter((catchUp) => catchUp.outcome === 'applied')
    .map((catchUp) => catchUp.transitionId);
  if (
    report.created.length === 0 &&
    report.updated.length === 0 &&
    report.deleted.length === 0 &&
    caughtUp.length === 0
  ) {
    return;
  }
  await auditTrail.record(report.consultationId, `reconcile#${requestId}`, {
    kind: 'schedules-reconciled',
    at: report.at,
    actor,
    created: report.created.map((schedule) => ({ name: schedule.name, at: schedule.at })),
    updated: report.updated.map((change) => ({
      name: change.name,
      ...(change.from === undefined ? {} : { from: change.from }),
      to: change.to,
    })),
    deleted: report.deleted.map((schedule) => ({
      name: schedule.name,
      ...(schedule.at === undefined ? {} : { at: schedule.at }),
    })),
    caughtUp,
  });
}
