import type { ComparableSchedule, OccurrenceKind } from '../domain/schedule-plan.ts';

/**
 * The Scheduler as the reconciler sees it: one schedule group per consultation, one-time schedules
 * in it. The adapter owns every detail of the request (expression and zone, target, role,
 * dead-letter queue, retries) and sums it up in a fingerprint, so the reconciler can compare what
 * should be with what is without knowing the service.
 */
export interface ScheduleSpec {
  readonly consultationId: string;
  readonly name: string;
  /**
   * A transition (target `apply-transition`), a reminder wave (target `start-reminder-wave`) or the
   * retention erasure (target `erase-consultation-personal-data`).
   */
  readonly kind: OccurrenceKind;
  /** The occurrence the schedule delivers, e.g. `call-photo-contest-close`, `meeting-phase-2-P1D`. */
  readonly occurrenceId: string;
  /** Canonical UTC instant. */
  readonly at: string;
  /** The consultation's official zone, in which the `at()` expression is written. */
  readonly timeZone: string;
}

export interface ScheduleGateway {
  /** The consultation's schedule group name. */
  groupFor(consultationId: string): string;
  /** Creates the group unless it exists. */
  ensureGroup(groupName: string): Promise<void>;
  /** Every schedule in the group, with its instant (when readable) and fingerprint. */
  list(groupName: string): Promise<ComparableSchedule[]>;
  /** The fingerprint the schedule would have once created or updated from `spec`. */
  fingerprint(spec: ScheduleSpec): string;
  create(groupName: string, spec: ScheduleSpec): Promise<void>;
  update(groupName: string, spec: ScheduleSpec): Promise<void>;
  /** Deletes the schedule; one already gone (it ran and was deleted meanwhile) is not an error. */
  delete(groupName: string, name: string): Promise<void>;
}
