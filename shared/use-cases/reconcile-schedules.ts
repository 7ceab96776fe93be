import { announcementIdOfWave } from '../domain/announcement.ts';
import {
  diffSchedules,
  occurrenceAt,
  occurrenceId,
  type ScheduleChange,
  schedulePlan,
} from '../domain/schedule-plan.ts';
import type { ScheduleGateway, ScheduleSpec } from '../ports/schedule-gateway.ts';
import {
  type ApplyTransitionOutcome,
  type ApplyTransitionPorts,
  applyTransition,
} from './apply-transition.ts';

/**
 * Makes the consultation's schedule group match its stored calendar at the clock's now: creates
 * what is missing, updates what changed, deletes what is stale, then applies, once, each past
 * transition not yet applied (catch-up) instead of scheduling it in the past. Reminder waves are
 * scheduled like transitions, but a past wave is skipped, not caught up (see `schedulePlan`).
 * Running it again changes nothing. It runs at local start (after seeding), at deploy, and after every admin change.
 */
export interface ReconcilePorts extends ApplyTransitionPorts {
  readonly schedules: ScheduleGateway;
}

export interface ReconcileReport {
  readonly consultationId: string;
  readonly groupName: string;
  readonly at: string;
  readonly created: readonly { readonly name: string; readonly at: string }[];
  readonly updated: readonly ScheduleChange[];
  readonly deleted: readonly { readonly name: string; readonly at: string | undefined }[];
  readonly unchanged: number;
  readonly caughtUp: readonly {
    readonly transitionId: string;
    readonly at: string;
    /** What the catch-up did; `failed` is retried by the next reconcile. */
    readonly outcome: ApplyTransitionOutcome['outcome'] | 'failed';
    readonly error?: string;
  }[];
}

export async function reconcileSchedules(
  ports: ReconcilePorts,
  consultationId: string,
): Promise<ReconcileReport | undefined> {
  const stored = await ports.consultations.find(consultationId);
  if (stored === undefined) return undefined;
  const { definition } = stored;
  const now = ports.clock.now();
  const applied = await ports.transitionLedger.appliedKeys(consultationId);
  const plan = schedulePlan(definition, now, applied);

  const groupName = ports.schedules.groupFor(consultationId);
  await ports.schedules.ensureGroup(groupName);
  const specs = new Map<string, ScheduleSpec>(
    plan.schedules.map((schedule) => [
      schedule.name,
      {
        consultationId,
        name: schedule.name,
        kind: schedule.kind,
        occurrenceId: schedule.occurrenceId,
        at: schedule.at,
        timeZone: definition.officialTimeZone,
      },
    ]),
  );
  const desired = [...specs.values()].map((spec) => ({
    name: spec.name,
    at: spec.at,
    fingerprint: ports.schedules.fingerprint(spec),
  }));
  // An announcement's start (`<id>-announcement-<hex>`) is a one-off the Secretariat made, not
  // part of the calendar: the plan does not own it, so it is neither compared nor deleted here.
  const deployed = (await ports.schedules.list(groupName)).filter(
    (schedule) => announcementIdOfWave(schedule.name.slice(consultationId.length + 1)) === undefined,
  );
  const diff = diffSchedules(desired, deployed);

  const specFor = (name: string): ScheduleSpec => {
    const spec = specs.get(name);
    if (spec === undefined) throw new Error(`No desired schedule named ${name}`);
    return spec;
  };
  for (const schedule of diff.create) await ports.schedules.create(groupName, specFor(schedule.name));
  for (const change of diff.update) await ports.schedules.update(groupName, specFor(change.name));
  for (const schedule of diff.delete) await ports.schedules.delete(groupName, schedule.name);

  const caughtUp: ReconcileReport['caughtUp'][number][] = [];
  for (const occurrence of plan.catchUp) {
    const transitionId = occurrenceId(occurrence);
    const at = occurrenceAt(occurrence);
    try {
      const result = await applyTransition(
        ports,
        { consultationId, transitionId, scheduledAt: at },
        'catch-up',
      );
      caughtUp.push({ transitionId, at, outcome: result.outcome });
    } catch (error) {
      // One failed catch-up (say, the email service refused) must not hide the schedule changes
      // already made; the next reconcile tries it again, since it is still unapplied.
      caughtUp.push({
        transitionId,
        at,
        outcome: 'failed',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  return {
    consultationId,
    groupName,
    at: now.toISOString(),
    created: diff.create.map((schedule) => ({ name: schedule.name, at: specFor(schedule.name).at })),
    updated: diff.update,
    deleted: diff.delete.map((schedule) => ({ name: schedule.name, at: schedule.at })),
    unchanged: diff.unchanged.length,
    caughtUp,
  };
}
