import { type Transition, transitions } from './calendar.ts';
import type { ConsultationDefinition } from './consultation-definition.ts';
import { type ReminderWave, reminderWaves } from './reminder-wave.ts';

/**
 * What the Scheduler should hold for a consultation, derived from its calendar alone. Every
 * time-driven occurrence becomes one one-time schedule with a deterministic name; an occurrence
 * already past and not yet applied is caught up instead (never scheduled in the past).
 *
 * The occurrences are the calendar's transitions (target `apply-transition`) and the reminder
 * waves (target `start-reminder-wave`), each with its own stable id. Transition ids
 * (`phase-1-start`, `call-photo-contest-close`) and wave ids (`deadline-20220307T1300Z-P7D`,
 * `meeting-phase-2-P1D`) cannot collide.
 */
export type TimedOccurrence =
  | { readonly kind: 'transition'; readonly transition: Transition }
  | { readonly kind: 'reminder-wave'; readonly wave: ReminderWave }
  | { readonly kind: 'personal-data-erasure'; readonly at: string };

/** Id of the retention erasure of a consultation's personal data (target `erase-consultation-personal-data`). */
export const personalDataErasureId = 'personal-data-erasure';

export type OccurrenceKind = TimedOccurrence['kind'];

export type TransitionOccurrence = Extract<TimedOccurrence, { kind: 'transition' }>;

/**
 * Stable id of an occurrence within its consultation (`phase-1-start`, `deadline-20220307T1300Z-P7D`);
 * part of its schedule name.
 */
export function occurrenceId(occurrence: TimedOccurrence): string {
  switch (occurrence.kind) {
    case 'transition':
      return occurrence.transition.id;
    case 'reminder-wave':
      return occurrence.wave.id;
    case 'personal-data-erasure':
      return personalDataErasureId;
  }
}

/** Canonical UTC instant of an occurrence. */
export function occurrenceAt(occurrence: TimedOccurrence): string {
  switch (occurrence.kind) {
    case 'transition':
      return occurrence.transition.at;
    case 'reminder-wave':
      return occurrence.wave.sendAt;
    case 'personal-data-erasure':
      return occurrence.at;
  }
}

/**
 * Every time-driven occurrence of the definition, in chronological order; at one instant the
 * transitions come first (in their own order), then the waves (in theirs).
 */
export function timedOccurrences(definition: ConsultationDefinition): TimedOccurrence[] {
  const occurrences: TimedOccurrence[] = [
    ...transitions(definition).map((transition) => ({ kind: 'transition' as const, transition })),
    ...reminderWaves(definition).map((wave) => ({ kind: 'reminder-wave' as const, wave })),
    ...(definition.personalDataRetention === undefined
      ? []
      : [
          {
            kind: 'personal-data-erasure' as const,
            at: new Date(definition.personalDataRetention.eraseAt).toISOString(),
          },
        ]),
  ];
  // Array.prototype.sort is stable: ties keep the order above.
  return occurrences.sort((left, right) => Date.parse(occurrenceAt(left)) - Date.parse(occurrenceAt(right)));
}

/**
 * `<consultation id>-<occurrence id>`: at most 32 + 1 + 30 characters, within the Scheduler's 64
 * (the id schemas are bounded for it). The name never contains the date, so a moved date updates
 * the same schedule instead of creating another.
 */
export function scheduleName(consultationId: string, id: string): string {
  return `${consultationId}-${id}`;
}

/**
 * The key that makes applying an occurrence happen once: the occurrence at that instant. A moved
 * date is a different key, so the occurrence at its new instant applies again (a reopened call
 * closes again), while any number of deliveries for one instant apply once.
 */
export function appliedKey(id: string, at: string): string {
  return `${id}@${at}`;
}

export interface DesiredSchedule {
  readonly name: string;
  /** What the schedule delivers, which decides its target. */
  readonly kind: OccurrenceKind;
  readonly occurrenceId: string;
  /** Canonical UTC instant the schedule fires at. */
  readonly at: string;
}

export interface SchedulePlan {
  /** Schedules for occurrences strictly after `now`, in chronological order. */
  readonly schedules: readonly DesiredSchedule[];
  /**
   * Transitions at or before `now` that have not been applied at their current instant, oldest
   * first. Never reminder waves: see `schedulePlan`.
   */
  readonly catchUp: readonly TransitionOccurrence[];
  /** Ids of reminder waves whose instant is at or before `now`: neither scheduled nor sent. */
  readonly passedWaves: readonly string[];
}

/**
 * The plan at `now`: future occurrences are scheduled; past ones not yet applied at their current
 * instant (see `appliedKey`) are caught up; past applied ones need nothing. An occurrence exactly at
 * `now` is caught up, since a schedule created for the present instant may already be too late.
 *
 * A reminder wave whose instant has passed is skipped, never caught up: "7 days left" sent late
 * (after a deploy, an outage, or a date moved to bring a wave into the past) would be wrong, and
 * the waves still ahead cover the deadline. Its schedule, if one remains, is deleted like any
 * schedule that is not desired. A wave already sent needs no ledger here: its schedule deleted
 * itself after running, and the wave log makes a second delivery send nothing.
 */
export function schedulePlan(
  definition: ConsultationDefinition,
  now: Date,
  applied: ReadonlySet<string>,
): SchedulePlan {
  const schedules: DesiredSchedule[] = [];
  const catchUp: TransitionOccurrence[] = [];
  const passedWaves: string[] = [];
  for (const occurrence of timedOccurrences(definition)) {
    const id = occurrenceId(occurrence);
    const at = occurrenceAt(occurrence);
    const future = Date.parse(at) > now.getTime();
    if (occurrence.kind === 'reminder-wave') {
      if (future) {
        schedules.push({
          name: scheduleName(definition.id, id),
          kind: occurrence.kind,
          occurrenceId: id,
          at,
        });
      } else {
        passedWaves.push(id);
      }
      continue;
    }
    if (applied.has(appliedKey(id, at))) continue;
    if (occurrence.kind === 'personal-data-erasure') {
      // Retention is an obligation, not a courtesy: an erasure whose instant has passed (a
      // consultation defined late, an outage) still happens, through its own target, at the next
      // whole minute; it is recorded as applied at its own instant, which ends the catch-up.
      schedules.push({
        name: scheduleName(definition.id, id),
        kind: occurrence.kind,
        occurrenceId: id,
        at: future ? at : nextWholeMinute(now),
      });
      continue;
    }
    if (future) {
      schedules.push({ name: scheduleName(definition.id, id), kind: occurrence.kind, occurrenceId: id, at });
    } else {
      catchUp.push(occurrence);
    }
  }
  return { schedules, catchUp, passedWaves };
}

/** The first whole minute strictly after `now` (the Scheduler's `at()` has minute precision). */
function nextWholeMinute(now: Date): string {
  return new Date((Math.floor(now.getTime() / 60_000) + 1) * 60_000).toISOString();
}

/**
 * A schedule as it is, or as it should be, reduced to what the diff needs: the name, the instant it
 * is for, and a fingerprint of the whole request (expression, zone, target, input, role,
 * dead-letter queue, retries) so that a change of any of them counts as a change.
 */
export interface ComparableSchedule {
  readonly name: string;
  /** Undefined for a deployed schedule whose instant cannot be read (not one of ours, or damaged). */
  readonly at: string | undefined;
  readonly fingerprint: string;
}

export interface ScheduleChange {
  readonly name: string;
  readonly from: string | undefined;
  readonly to: string;
}

export interface ScheduleDiff {
  readonly create: readonly ComparableSchedule[];
  readonly update: readonly ScheduleChange[];
  readonly delete: readonly ComparableSchedule[];
  readonly unchanged: readonly string[];
}

/**
 * What turns `deployed` into `desired`: create what is missing, update what differs, delete what
 * is not desired. Deterministic (by name) so that responses and logs read the same every time.
 */
export function diffSchedules(
  desired: readonly (ComparableSchedule & { readonly at: string })[],
  deployed: readonly ComparableSchedule[],
): ScheduleDiff {
  const deployedByName = new Map(deployed.map((schedule) => [schedule.name, schedule]));
  const desiredNames = new Set(desired.map((schedule) => schedule.name));
  const create: ComparableSchedule[] = [];
  const update: ScheduleChange[] = [];
  const unchanged: string[] = [];
  for (const schedule of desired) {
    const current = deployedByName.get(schedule.name);
    if (current === undefined) create.push(schedule);
    else if (current.fingerprint !== schedule.fingerprint) {
      update.push({ name: schedule.name, from: current.at, to: schedule.at });
    } else unchanged.push(schedule.name);
  }
  const stale = deployed.filter((schedule) => !desiredNames.has(schedule.name));
  const byName = (left: { name: string }, right: { name: string }) =>
    left.name < right.name ? -1 : left.name > right.name ? 1 : 0;
  return {
    create: create.sort(byName),
    update: update.sort(byName),
    delete: stale.sort(byName),
    unchanged: unchanged.sort(),
  };
}
