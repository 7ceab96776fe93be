import type { AuditEntry } from './audit-entry.ts';
import { type CallKind, callKinds } from './consultation-definition.ts';
import type { ExtensionGrantee } from './extension.ts';

/**
 * Every audit entry, whatever its kind, read the same way: who acted, on what, when, what it was
 * before and after, and why. The audit route filters on these fields and the CSV export has one
 * column each, so a kind added to `AuditEntry` needs a case here: the switch has no `default`, and
 * its return type makes a missing case a type error.
 */
export interface AuditRow {
  readonly at: string;
  readonly kind: AuditEntry['kind'];
  /** The signer's ARN for an admin action; `system:scheduler` / `system:reconciler` for the engine's own. */
  readonly actor: string;
  /** What the entry is about, in a few words (a transition, the dates changed, a grantee, an announcement). */
  readonly subject: string;
  /** The state before the action, when there was one worth keeping; null otherwise. */
  readonly before: Readonly<Record<string, unknown>> | null;
  /** The state after the action (or what it did); null when nothing changed. */
  readonly after: Readonly<Record<string, unknown>> | null;
  readonly reason: string | null;
  /** The calls the entry concerns, for the `call` filter; empty when it concerns none in particular. */
  readonly calls: readonly CallKind[];
}

/** The engine itself, when a schedule delivers a transition. */
export const schedulerActor = 'system:scheduler';
/** The engine itself, when the reconciler catches up a transition whose schedule was missed. */
export const reconcilerActor = 'system:reconciler';

export function auditRow(entry: AuditEntry): AuditRow {
  switch (entry.kind) {
    case 'transition-applied':
      return {
        at: entry.at,
        kind: entry.kind,
        actor: entry.trigger === 'catch-up' ? reconcilerActor : schedulerActor,
        subject: entry.transitionId,
        before: null,
        after: {
          effect: entry.effect,
          scheduledAt: entry.scheduledAt,
          lateBySeconds: entry.lateBySeconds,
          scheduleName: entry.scheduleName,
        },
        reason: null,
        calls: callsOfTransition(entry.transitionId),
      };
    case 'delivery-ignored':
      return {
        at: entry.at,
        kind: entry.kind,
        actor: schedulerActor,
        subject: entry.transitionId,
        before: { scheduledAt: entry.scheduledAt, scheduleName: entry.scheduleName },
        after: entry.currentAt === undefined ? null : { currentAt: entry.currentAt },
        reason: entry.reason,
        calls: callsOfTransition(entry.transitionId),
      };
    case 'calendar-changed':
      return {
        at: entry.at,
        kind: entry.kind,
        actor: entry.actor,
        subject: entry.changes.map((change) => change.field).join(', '),
        before: Object.fromEntries(entry.changes.map((change) => [change.field, change.from])),
        after: {
          ...Object.fromEntries(entry.changes.map((change) => [change.field, change.to])),
          version: entry.version,
        },
        reason: entry.reason,
        calls: unique(entry.changes.flatMap((change) => callOfField(change.field))),
      };
    case 'extension-granted':
      return {
        at: entry.at,
        kind: entry.kind,
        actor: entry.actor,
        subject: `${entry.call} extension for ${granteeText(entry.grantee)}`,
        before: entry.replaced === undefined ? null : { ...entry.replaced },
        after: { until: entry.until },
        reason: entry.reason,
        calls: [entry.call],
      };
    case 'announcement-sent':
      return {
        at: entry.at,
        kind: entry.kind,
        actor: entry.actor,
        subject: `announcement ${entry.announcementId}: ${entry.subject}`,
        before: null,
        after: { announcementId: entry.announcementId, waveId: entry.waveId, subject: entry.subject },
        reason: entry.reason ?? null,
        calls: [],
      };
    case 'schedules-reconciled':
      return {
        at: entry.at,
        kind: entry.kind,
        actor: entry.actor,
        subject: `schedules: ${entry.created.length} created, ${entry.updated.length} updated, ${entry.deleted.length} deleted, ${entry.caughtUp.length} caught up`,
        before: {
          ...Object.fromEntries(entry.updated.map((change) => [change.name, change.from ?? null])),
          ...Object.fromEntries(entry.deleted.map((schedule) => [schedule.name, schedule.at ?? null])),
        },
        after: {
          ...Object.fromEntries(entry.created.map((schedule) => [schedule.name, schedule.at ?? null])),
          ...Object.fromEntries(entry.updated.map((change) => [change.name, change.to])),
          ...(entry.caughtUp.length === 0 ? {} : { caughtUp: entry.caughtUp }),
        },
        reason: null,
        calls: [],
      };
    case 'submissions-exported':
      return {
        at: entry.at,
        kind: entry.kind,
        actor: entry.actor,
        subject: `${entry.rowCount} submissions exported as ${entry.format}${entry.personalData ? ', with personal data' : ''}`,
        before: null,
        after: {
          format: entry.format,
          filters: entry.filters,
          personalData: entry.personalData,
          rowCount: entry.rowCount,
        },
        reason: null,
        calls: entry.filters.call === undefined ? [] : [entry.filters.call],
      };
    case 'workshop-request-moderated':
      return {
        at: entry.at,
        kind: entry.kind,
        actor: entry.actor,
        subject: `${entry.reference} moderated: ${entry.after.decision}`,
        before: entry.before === null ? null : { ...entry.before },
        after: { ...entry.after },
        reason: entry.reason ?? null,
        calls: [entry.call],
      };
    case 'personal-data-exported':
      return {
        at: entry.at,
        kind: entry.kind,
        actor: entry.actor,
        subject: `personal data of address key ${entry.addressKey} exported`,
        before: null,
        after: { found: entry.found },
        reason: null,
        calls: [],
      };
    case 'personal-data-erased':
      return {
        at: entry.at,
        kind: entry.kind,
        actor: entry.actor,
        subject:
          entry.scope === 'consultation'
            ? 'personal data of the consultation erased (retention)'
            : `personal data of address key ${entry.addressKey ?? '?'} erased`,
        before: null,
        after: { erased: entry.erased },
        reason: entry.reason ?? null,
        calls: [],
      };
  }
}

function granteeText(grantee: ExtensionGrantee): string {
  return grantee.kind === 'email' ? `email ${grantee.email}` : `organization ${grantee.organization}`;
}

function isCallKind(value: string): value is CallKind {
  return (callKinds as readonly string[]).includes(value);
}

/** `call-photo-contest-close` → `photo-contest`; phase transitions concern no call. */
function callsOfTransition(transitionId: string): CallKind[] {
  const kind = /^call-(.+)-(?:open|close)$/.exec(transitionId)?.[1];
  return kind !== undefined && isCallKind(kind) ? [kind] : [];
}

/** `calls.photo-contest.closesAt` → `photo-contest`. */
function callOfField(field: string): CallKind[] {
  const kind = /^calls\.([^.]+)\./.exec(field)?.[1];
  return kind !== undefined && isCallKind(kind) ? [kind] : [];
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
