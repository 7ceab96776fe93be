import {
  ActionAfterCompletion,
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  FlexibleTimeWindowMode,
  GetScheduleCommand,
  type GetScheduleCommandOutput,
  GetScheduleGroupCommand,
  paginateListSchedules,
  ResourceNotFoundException,
  type SchedulerClient,
  ScheduleState,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { ScheduleConfig } from '../../config/runtime-config.ts';
import { transitionDeliverySchema, transitionDeliveryTemplate } from '../../contracts/transition-delivery.ts';
import type { ComparableSchedule } from '../../domain/schedule-plan.ts';
import { formatWallTime, wallTimeAt, wallTimeToInstant } from '../../domain/time-zone.ts';
import type { ScheduleGateway, ScheduleSpec } from '../../ports/schedule-gateway.ts';

/**
 * EventBridge Scheduler behind the schedule gateway port. Every schedule is one-time (`at()` in the
 * consultation's official zone), with no flexible window (a deadline is an instant), the service's
 * longest retry policy (24 hours, the lateness the transition handler tolerates), the dead-letter
 * queue, and deletion after completion so that groups hold only what is still to come.
 */
export const transitionRetryPolicy = { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 };

/**
 * `at(2022-03-07T14:00:00)` in the official zone, unless that wall time happens twice (the autumn
 * clock change) and the instant is its second occurrence: such an expression would be ambiguous, so
 * it is written in UTC instead, which names every instant once.
 */
export function atExpression(at: string, timeZone: string): { expression: string; timeZone: string } {
  const instant = new Date(at);
  const wall = formatWallTime(wallTimeAt(timeZone, instant));
  if (wallTimeToInstant(timeZone, wall, 'compatible').getTime() === instant.getTime()) {
    return { expression: `at(${wall})`, timeZone };
  }
  return { expression: `at(${formatWallTime(wallTimeAt('UTC', instant))})`, timeZone: 'UTC' };
}

type ScheduleRequest = CreateScheduleCommandInput;

/** The fields that make two schedules the same, in a fixed order. */
function fingerprintOf(schedule: Omit<ScheduleRequest, 'Name' | 'GroupName' | 'ClientToken'>): string {
  return JSON.stringify([
    schedule.ScheduleExpression,
    schedule.ScheduleExpressionTimezone ?? 'UTC',
    schedule.FlexibleTimeWindow?.Mode,
    schedule.FlexibleTimeWindow?.MaximumWindowInMinutes,
    schedule.State ?? ScheduleState.ENABLED,
    schedule.ActionAfterCompletion ?? ActionAfterCompletion.NONE,
    schedule.Target?.Arn,
    schedule.Target?.RoleArn,
    schedule.Target?.Input,
    schedule.Target?.RetryPolicy?.MaximumEventAgeInSeconds,
    schedule.Target?.RetryPolicy?.MaximumRetryAttempts,
    schedule.Target?.DeadLetterConfig?.Arn,
  ]);
}

/**
 * The instant a deployed schedule is for: a transition's Input says it; a reminder wave's Input
 * (`{consultationId, waveId}`) does not, so its `at()` expression and zone are read instead.
 */
function scheduledAtOf(
  input: string | undefined,
  expression: string | undefined,
  timeZone: string | undefined,
): string | undefined {
  if (input !== undefined) {
    try {
      const parsed = transitionDeliverySchema.safeParse(JSON.parse(input));
      if (parsed.success) return new Date(parsed.data.scheduledAt).toISOString();
    } catch {
      // Not JSON: not one of ours.
    }
  }
  const wall = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression ?? '')?.[1];
  if (wall === undefined) return undefined;
  try {
    return wallTimeToInstant(timeZone ?? 'UTC', wall, 'compatible').toISOString();
  } catch {
    return undefined;
  }
}

/** What a schedule of each kind delivers to its target. */
function targetFor(config: ScheduleConfig, spec: ScheduleSpec): { Arn: string; Input: string } {
  if (spec.kind === 'personal-data-erasure') {
    // The handler reads the retention instant from the stored definition; a delivery for an
    // instant that has moved later finds it not yet due and erases nothing.
    return {
      Arn: config.personalDataErasureTargetArn,
      Input: JSON.stringify({ consultationId: spec.consultationId }),
    };
  }
  if (spec.kind === 'reminder-wave') {
    return {
      Arn: config.reminderWaveTargetArn,
      Input: JSON.stringify({ consultationId: spec.consultationId, waveId: spec.occurrenceId }),
    };
  }
  return {
    Arn: config.transitionTargetArn,
    Input: transitionDeliveryTemplate({
      consultationId: spec.consultationId,
      transitionId: spec.occurrenceId,
      scheduledAt: spec.at,
    }),
  };
}

export function createEventBridgeScheduleGateway(
  client: SchedulerClient,
  config: ScheduleConfig,
): ScheduleGateway {
  const requestFor = (groupName: string, spec: ScheduleSpec): ScheduleRequest => {
    const { expression, timeZone } = atExpression(spec.at, spec.timeZone);
    return {
      Name: spec.name,
      GroupName: groupName,
      Description: `${spec.occurrenceId} of ${spec.consultationId} at ${spec.at}`,
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: timeZone,
      FlexibleTimeWindow: { Mode: FlexibleTimeWindowMode.OFF },
      State: ScheduleState.ENABLED,
      ActionAfterCompletion: ActionAfterCompletion.DELETE,
      Target: {
        ...targetFor(config, spec),
        RoleArn: config.roleArn,
        RetryPolicy: transitionRetryPolicy,
        DeadLetterConfig: { Arn: config.deadLetterQueueArn },
      },
    };
  };

  const describe = (schedule: GetScheduleCommandOutput): ComparableSchedule => ({
    name: schedule.Name ?? '',
    at: scheduledAtOf(
      schedule.Target?.Input,
      schedule.ScheduleExpression,
      schedule.ScheduleExpressionTimezone,
    ),
    fingerprint: fingerprintOf({
      ScheduleExpression: schedule.ScheduleExpression,
      ScheduleExpressionTimezone: schedule.ScheduleExpressionTimezone,
      FlexibleTimeWindow: schedule.FlexibleTimeWindow,
      State: schedule.State,
      ActionAfterCompletion: schedule.ActionAfterCompletion,
      Target: schedule.Target,
    }),
  });

  const create = async (groupName: string, spec: ScheduleSpec): Promise<void> => {
    try {
      await client.send(new CreateScheduleCommand(requestFor(groupName, spec)));
    } catch (error) {
      // Created meanwhile (a concurrent reconcile): make it what this one wants.
      if (!(error instanceof ConflictException)) throw error;
      await client.send(new UpdateScheduleCommand(requestFor(groupName, spec)));
    }
  };

  return {
    groupFor: (consultationId) => `${config.groupPrefix}-${consultationId}`,

    async ensureGroup(groupName) {
      try {
        await client.send(new GetScheduleGroupCommand({ Name: groupName }));
        return;
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      try {
        await client.send(new CreateScheduleGroupCommand({ Name: groupName }));
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
      }
    },

    async list(groupName) {
      const names: string[] = [];
      for await (const page of paginateListSchedules({ client }, { GroupName: groupName })) {
        for (const summary of page.Schedules ?? []) if (summary.Name !== undefined) names.push(summary.Name);
      }
      const schedules: ComparableSchedule[] = [];
      for (const name of names) {
        try {
          schedules.push(
            describe(await client.send(new GetScheduleCommand({ GroupName: groupName, Name: name }))),
          );
        } catch (error) {
          // It ran and was deleted between the listing and this read.
          if (!(error instanceof ResourceNotFoundException)) throw error;
        }
      }
      return schedules;
    },

    fingerprint: (spec) => fingerprintOf(requestFor('', spec)),

    create,

    async update(groupName, spec) {
      try {
        await client.send(new UpdateScheduleCommand(requestFor(groupName, spec)));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
        await create(groupName, spec);
      }
    },

    async delete(groupName, name) {
      try {
        await client.send(new DeleteScheduleCommand({ GroupName: groupName, Name: name }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    },
  };
}
