import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  ListTagsForResourceCommand,
  paginateListSchedules,
  ResourceNotFoundException,
  SchedulerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLocalClock, type LocalClock } from '../../local/local-clock.ts';
import {
  type ScheduleDelivery,
  type SchedulerEmulator,
  startSchedulerEmulator,
} from '../../local/scheduler/scheduler-emulator.ts';

const runFile = promisify(execFile);

const targetArn = 'arn:aws:lambda:us-east-1:000000000000:function:close-call';
const roleArn = 'arn:aws:iam::000000000000:role/scheduler-invoke';
const deadLetterArn = 'arn:aws:sqs:us-east-1:000000000000:scheduler-dead-letters';
const startOfTimeline = new Date('2022-03-01T00:00:00Z');

interface Invocation {
  readonly delivery: ScheduleDelivery;
  /** The local clock when the target ran: handlers must see the schedule's instant. */
  readonly clockAtInvocation: string;
}

function oneTimeSchedule(
  name: string,
  at: string,
  overrides: Partial<CreateScheduleCommandInput> = {},
): CreateScheduleCommandInput {
  return {
    Name: name,
    ScheduleExpression: `at(${at})`,
    ScheduleExpressionTimezone: 'Europe/Zurich',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: targetArn, RoleArn: roleArn, Input: JSON.stringify({ schedule: name }) },
    ...overrides,
  };
}

describe('Scheduler emulator', () => {
  let clock: LocalClock;
  let emulator: SchedulerEmulator;
  let scheduler: SchedulerClient;
  let invocations: Invocation[];
  let targetBehaviour: (delivery: ScheduleDelivery) => Promise<void>;

  beforeEach(async () => {
    clock = createLocalClock({ startAt: startOfTimeline, speed: 0 });
    invocations = [];
    targetBehaviour = async () => {};
    emulator = await startSchedulerEmulator({
      clock,
      invoke: async (delivery) => {
        invocations.push({ delivery, clockAtInvocation: clock.now().toISOString() });
        await targetBehaviour(delivery);
      },
    });
    scheduler = new SchedulerClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterEach(async () => {
    scheduler.destroy();
    await emulator.close();
  });

  describe('API', () => {
    it('lists the default group, and creates, tags, lists and deletes groups', async () => {
      // Act
      const created = await scheduler.send(
        new CreateScheduleGroupCommand({
          Name: 'consultation-wsis-2022',
          Tags: [{ Key: 'stage', Value: 'local' }],
        }),
      );
      await scheduler.send(new CreateScheduleGroupCommand({ Name: 'other' }));
      const listed = await scheduler.send(new ListScheduleGroupsCommand({}));
      const byPrefix = await scheduler.send(new ListScheduleGroupsCommand({ NamePrefix: 'consultation-' }));
      const group = await scheduler.send(new GetScheduleGroupCommand({ Name: 'consultation-wsis-2022' }));
      await scheduler.send(
        new TagResourceCommand({ ResourceArn: group.Arn, Tags: [{ Key: 'owner', Value: 'secretariat' }] }),
      );
      await scheduler.send(new UntagResourceCommand({ ResourceArn: group.Arn, TagKeys: ['stage'] }));
      const tags = await scheduler.send(new ListTagsForResourceCommand({ ResourceArn: group.Arn }));
      await scheduler.send(new DeleteScheduleGroupCommand({ Name: 'other' }));
      const afterDelete = await scheduler.send(new ListScheduleGroupsCommand({}));

      // Assess
      expect(created.ScheduleGroupArn).toBe(
        'arn:aws:scheduler:us-east-1:000000000000:schedule-group/consultation-wsis-2022',
      );
      expect(listed.ScheduleGroups?.map(({ Name }) => Name)).toEqual([
        'consultation-wsis-2022',
        'default',
        'other',
      ]);
      expect(listed.ScheduleGroups?.find(({ Name }) => Name === 'default')).toEqual({
        Arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule-group/default',
        Name: 'default',
        State: 'ACTIVE',
        CreationDate: startOfTimeline,
        LastModificationDate: startOfTimeline,
      });
      expect(byPrefix.ScheduleGroups?.map(({ Name }) => Name)).toEqual(['consultation-wsis-2022']);
      expect(group).toMatchObject({
        Name: 'consultation-wsis-2022',
        State: 'ACTIVE',
        CreationDate: startOfTimeline,
      });
      expect(tags.Tags).toEqual([{ Key: 'owner', Value: 'secretariat' }]);
      expect(afterDelete.ScheduleGroups?.map(({ Name }) => Name)).toEqual([
        'consultation-wsis-2022',
        'default',
      ]);
    });

    it('creates, gets, updates, lists and deletes a schedule', async () => {
      // Prepare
      await scheduler.send(new CreateScheduleGroupCommand({ Name: 'calls' }));

      // Act
      const created = await scheduler.send(
        new CreateScheduleCommand(
          oneTimeSchedule('close-call-1', '2022-03-07T14:00:00', {
            GroupName: 'calls',
            Description: 'Closes the first call',
            ActionAfterCompletion: 'DELETE',
            Target: {
              Arn: targetArn,
              RoleArn: roleArn,
              Input: '{"callId":"1"}',
              DeadLetterConfig: { Arn: deadLetterArn },
            },
          }),
        ),
      );
      const fetched = await scheduler.send(
        new GetScheduleCommand({ Name: 'close-call-1', GroupName: 'calls' }),
      );
      clock.set(new Date('2022-03-02T00:00:00Z'));
      await scheduler.send(
        new UpdateScheduleCommand(
          oneTimeSchedule('close-call-1', '2022-03-08T14:00:00', {
            GroupName: 'calls',
            State: 'DISABLED',
            FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
          }),
        ),
      );
      const updated = await scheduler.send(
        new GetScheduleCommand({ Name: 'close-call-1', GroupName: 'calls' }),
      );
      await scheduler.send(new CreateScheduleCommand(oneTimeSchedule('in-default', '2022-03-09T09:00:00')));
      const inDefaultGroup = await scheduler.send(new GetScheduleCommand({ Name: 'in-default' }));
      await scheduler.send(new DeleteScheduleCommand({ Name: 'close-call-1', GroupName: 'calls' }));
      const afterDelete = scheduler.send(
        new GetScheduleCommand({ Name: 'close-call-1', GroupName: 'calls' }),
      );

      // Assess
      expect(created.ScheduleArn).toBe(
        'arn:aws:scheduler:us-east-1:000000000000:schedule/calls/close-call-1',
      );
      expect(fetched).toMatchObject({
        Arn: created.ScheduleArn,
        GroupName: 'calls',
        Name: 'close-call-1',
        ScheduleExpression: 'at(2022-03-07T14:00:00)',
        ScheduleExpressionTimezone: 'Europe/Zurich',
        Description: 'Closes the first call',
        State: 'ENABLED',
        CreationDate: startOfTimeline,
        LastModificationDate: startOfTimeline,
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: targetArn,
          RoleArn: roleArn,
          Input: '{"callId":"1"}',
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
          DeadLetterConfig: { Arn: deadLetterArn },
        },
      });
      expect(updated).toMatchObject({
        ScheduleExpression: 'at(2022-03-08T14:00:00)',
        State: 'DISABLED',
        CreationDate: startOfTimeline,
        LastModificationDate: new Date('2022-03-02T00:00:00Z'),
        FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
        ActionAfterCompletion: 'NONE',
      });
      expect(updated.Description).toBeUndefined();
      expect(inDefaultGroup).toMatchObject({
        GroupName: 'default',
        Arn: expect.stringMatching(/:schedule\/default\/in-default$/),
      });
      await expect(afterDelete).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('lists schedules by group, prefix and state, page by page', async () => {
      // Prepare
      await scheduler.send(new CreateScheduleGroupCommand({ Name: 'reminders' }));
      for (const name of ['wave-3', 'wave-1', 'wave-5', 'wave-2', 'wave-4']) {
        await scheduler.send(
          new CreateScheduleCommand(
            oneTimeSchedule(name, '2022-03-10T09:00:00', {
              GroupName: 'reminders',
              State: name === 'wave-4' ? 'DISABLED' : 'ENABLED',
            }),
          ),
        );
      }
      await scheduler.send(new CreateScheduleCommand(oneTimeSchedule('wave-1', '2022-03-10T09:00:00')));

      // Act
      const pages: string[][] = [];
      for await (const page of paginateListSchedules(
        { client: scheduler, pageSize: 2 },
        { GroupName: 'reminders', NamePrefix: 'wave-' },
      )) {
        pages.push((page.Schedules ?? []).map(({ Name }) => Name ?? ''));
      }
      const disabled = await scheduler.send(new ListSchedulesCommand({ State: 'DISABLED' }));
      const everywhere = await scheduler.send(new ListSchedulesCommand({ NamePrefix: 'wave-1' }));

      // Assess
      expect(pages).toEqual([['wave-1', 'wave-2'], ['wave-3', 'wave-4'], ['wave-5']]);
      expect(disabled.Schedules).toEqual([
        {
          Arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/reminders/wave-4',
          Name: 'wave-4',
          GroupName: 'reminders',
          State: 'DISABLED',
          CreationDate: startOfTimeline,
          LastModificationDate: startOfTimeline,
          Target: { Arn: targetArn },
        },
      ]);
      expect(everywhere.Schedules?.map(({ GroupName, Name }) => `${GroupName}/${Name}`)).toEqual([
        'default/wave-1',
        'reminders/wave-1',
      ]);
    });

    it('deletes the schedules of a deleted group', async () => {
      // Prepare
      await scheduler.send(new CreateScheduleGroupCommand({ Name: 'doomed' }));
      await scheduler.send(
        new CreateScheduleCommand(oneTimeSchedule('inside', '2022-03-07T14:00:00', { GroupName: 'doomed' })),
      );

      // Act
      await scheduler.send(new DeleteScheduleGroupCommand({ Name: 'doomed' }));
      await scheduler.send(new CreateScheduleGroupCommand({ Name: 'doomed' }));
      const fired = await emulator.advanceTo(new Date('2022-03-31T00:00:00Z'));

      // Assess
      await expect(
        scheduler.send(new GetScheduleCommand({ Name: 'inside', GroupName: 'doomed' })),
      ).rejects.toThrow(ResourceNotFoundException);
      expect(fired).toEqual([]);
      expect(invocations).toEqual([]);
    });

    it('answers like the service when asked for what does not exist (404, the name in the message)', async () => {
      // Act
      const missingSchedule = scheduler.send(new GetScheduleCommand({ Name: 'no-such-schedule' }));
      const missingGroup = scheduler.send(new GetScheduleGroupCommand({ Name: 'no-such-group' }));
      const intoMissingGroup = scheduler.send(
        new CreateScheduleCommand(
          oneTimeSchedule('orphan', '2022-03-07T14:00:00', { GroupName: 'no-such-group' }),
        ),
      );
      const deleteMissing = scheduler.send(new DeleteScheduleCommand({ Name: 'no-such-schedule' }));

      // Assess
      await expect(missingSchedule).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: expect.stringContaining('no-such-schedule'),
        $metadata: { httpStatusCode: 404 },
      });
      await expect(missingGroup).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: expect.stringContaining('no-such-group'),
      });
      await expect(intoMissingGroup).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: expect.stringContaining('no-such-group'),
      });
      await expect(deleteMissing).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('refuses duplicates with 409, but answers a retried create (same ClientToken) as the first time', async () => {
      // Prepare
      const request = oneTimeSchedule('close-call-2', '2022-03-07T14:00:00', {
        ClientToken: 'create-close-call-2',
      });
      const first = await scheduler.send(new CreateScheduleCommand(request));

      // Act
      const retried = await scheduler.send(new CreateScheduleCommand(request));
      const duplicate = scheduler.send(
        new CreateScheduleCommand({ ...request, ClientToken: 'another-request' }),
      );
      const duplicateGroup = scheduler.send(new CreateScheduleGroupCommand({ Name: 'default' }));

      // Assess
      expect(retried.ScheduleArn).toBe(first.ScheduleArn);
      await expect(duplicate).rejects.toMatchObject({
        name: 'ConflictException',
        message: expect.stringContaining('close-call-2'),
        $metadata: { httpStatusCode: 409 },
      });
      await expect(duplicateGroup).rejects.toBeInstanceOf(ConflictException);
    });

    it('refuses invalid requests with 400 ValidationException', async () => {
      const refused = async (input: CreateScheduleCommandInput) => {
        const error: unknown = await scheduler.send(new CreateScheduleCommand(input)).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(ValidationException);
        expect(error).toMatchObject({ $metadata: { httpStatusCode: 400 } });
        return error instanceof Error ? error.message : '';
      };

      // Act
      const badMonth = await refused(oneTimeSchedule('bad-month', '2022-13-01T00:00:00'));
      const badZone = await refused(
        oneTimeSchedule('bad-zone', '2022-03-07T14:00:00', { ScheduleExpressionTimezone: 'Europe/Atlantis' }),
      );
      const badName = await refused(oneTimeSchedule('not a name', '2022-03-07T14:00:00'));
      const tooLong = await refused(oneTimeSchedule('x'.repeat(65), '2022-03-07T14:00:00'));
      const recurring = await refused({
        ...oneTimeSchedule('recurring', ''),
        ScheduleExpression: 'rate(5 minutes)',
      });
      const badRetries = await refused(
        oneTimeSchedule('bad-retries', '2022-03-07T14:00:00', {
          Target: { Arn: targetArn, RoleArn: roleArn, RetryPolicy: { MaximumRetryAttempts: 186 } },
        }),
      );
      const flexibleWithoutWindow = await refused(
        oneTimeSchedule('no-window', '2022-03-07T14:00:00', { FlexibleTimeWindow: { Mode: 'FLEXIBLE' } }),
      );
      const endBeforeStart = await refused(
        oneTimeSchedule('end-first', '2022-03-07T14:00:00', {
          StartDate: new Date('2022-03-05T00:00:00Z'),
          EndDate: new Date('2022-03-04T00:00:00Z'),
        }),
      );
      const deleteDefault = scheduler.send(new DeleteScheduleGroupCommand({ Name: 'default' }));

      // Assess
      expect(badMonth).toBe('Invalid Schedule Expression at(2022-13-01T00:00:00).');
      expect(badZone).toContain('Europe/Atlantis');
      expect(badName).toMatch(
        /^1 validation error detected: Value 'not a name' at 'name' failed to satisfy constraint/,
      );
      expect(tooLong).toContain('Member must have length less than or equal to 64');
      expect(recurring).toContain('only runs at() expressions');
      expect(badRetries).toContain("at 'target.retryPolicy.maximumRetryAttempts'");
      expect(flexibleWithoutWindow).toContain('MaximumWindowInMinutes');
      expect(endBeforeStart).toContain('EndDate');
      await expect(deleteDefault).rejects.toBeInstanceOf(ValidationException);
    });
  });

  describe('firing', () => {
    it('invokes a due Europe/Zurich schedule once, at its instant, and remembers it after deleting it', async () => {
      // Prepare: 14:00 in Zurich on 7 March 2022 (CET, +01:00) is 13:00Z.
      await scheduler.send(
        new CreateScheduleCommand(
          oneTimeSchedule('close-call-1', '2022-03-07T14:00:00', {
            ActionAfterCompletion: 'DELETE',
            Target: { Arn: targetArn, RoleArn: roleArn, Input: '{"callId":"call-1","action":"close"}' },
          }),
        ),
      );

      // Act
      const beforeDue = await emulator.advanceTo(new Date('2022-03-07T12:59:59Z'));
      const whenDue = await emulator.advanceTo(new Date('2022-03-08T00:00:00Z'));
      const later = await emulator.advanceTo(new Date('2022-03-20T00:00:00Z'));

      // Assess
      expect(beforeDue).toEqual([]);
      expect(invocations).toHaveLength(1);
      expect(invocations[0]?.clockAtInvocation).toBe('2022-03-07T13:00:00.000Z');
      expect(invocations[0]?.delivery).toMatchObject({
        groupName: 'default',
        scheduleName: 'close-call-1',
        scheduleArn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/close-call-1',
        targetArn,
        roleArn,
        input: '{"callId":"call-1","action":"close"}',
        scheduledAt: new Date('2022-03-07T13:00:00Z'),
        attempt: 1,
      });
      expect(whenDue).toEqual([
        expect.objectContaining({
          groupName: 'default',
          scheduleName: 'close-call-1',
          expression: 'at(2022-03-07T14:00:00)',
          timezone: 'Europe/Zurich',
          targetArn,
          scheduledAt: new Date('2022-03-07T13:00:00Z'),
          firedAt: new Date('2022-03-07T13:00:00Z'),
          trigger: 'due',
          attempts: 1,
          outcome: 'delivered',
        }),
      ]);
      expect(later).toEqual([]);
      expect(clock.now().toISOString()).toBe('2022-03-20T00:00:00.000Z');
      await expect(scheduler.send(new GetScheduleCommand({ Name: 'close-call-1' }))).rejects.toBeInstanceOf(
        ResourceNotFoundException,
      );
      expect(emulator.history()).toEqual(whenDue);
    });

    it('redelivers on fire(), even a schedule deleted after its run', async () => {
      // Prepare
      await scheduler.send(
        new CreateScheduleCommand(
          oneTimeSchedule('open-call-1', '2022-03-02T09:00:00', { ActionAfterCompletion: 'DELETE' }),
        ),
      );
      const [firstRun] = await emulator.advanceTo(new Date('2022-03-03T00:00:00Z'));

      // Act
      const redelivery = await emulator.fire('default', 'open-call-1');

      // Assess
      expect(invocations.map(({ delivery }) => delivery.input)).toEqual([
        '{"schedule":"open-call-1"}',
        '{"schedule":"open-call-1"}',
      ]);
      expect(redelivery).toMatchObject({
        scheduleName: 'open-call-1',
        trigger: 'redelivery',
        outcome: 'delivered',
        scheduledAt: new Date('2022-03-02T08:00:00Z'),
        firedAt: new Date('2022-03-03T00:00:00Z'),
      });
      expect(redelivery.executionId).not.toBe(firstRun?.executionId);
      expect(emulator.history()).toHaveLength(2);
      await expect(emulator.fire('default', 'never-existed')).rejects.toThrow(/never-existed/);
    });

    it('retries a failing target, then dead-letters the run, or records it as failed without a queue', async () => {
      // Prepare
      targetBehaviour = async (delivery) => {
        if (delivery.scheduleName !== 'flaky' || delivery.attempt < 2)
          throw new Error(`target down (${delivery.attempt})`);
      };
      const retryTwice = { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 };
      await scheduler.send(
        new CreateScheduleCommand(
          oneTimeSchedule('with-queue', '2022-03-02T09:00:00', {
            Target: {
              Arn: targetArn,
              RoleArn: roleArn,
              RetryPolicy: retryTwice,
              DeadLetterConfig: { Arn: deadLetterArn },
            },
          }),
        ),
      );
      await scheduler.send(
        new CreateScheduleCommand(
          oneTimeSchedule('without-queue', '2022-03-02T09:01:00', {
            Target: { Arn: targetArn, RoleArn: roleArn, RetryPolicy: { MaximumRetryAttempts: 0 } },
          }),
        ),
      );
      await scheduler.send(
        new CreateScheduleCommand(
          oneTimeSchedule('flaky', '2022-03-02T09:02:00', {
            Target: { Arn: targetArn, RoleArn: roleArn, RetryPolicy: retryTwice },
          }),
        ),
      );

      // Act
      const runs = await emulator.advanceTo(new Date('2022-03-03T00:00:00Z'));

      // Assess
      expect(
        runs.map(({ scheduleName, attempts, outcome, error, deadLetterArn: queue }) => ({
          scheduleName,
          attempts,
          outcome,
          error,
          queue,
        })),
      ).toEqual([
        {
          scheduleName: 'with-queue',
          attempts: 3,
          outcome: 'dead-lettered',
          error: 'target down (3)',
          queue: deadLetterArn,
        },
        {
          scheduleName: 'without-queue',
          attempts: 1,
          outcome: 'failed',
          error: 'target down (1)',
          queue: undefined,
        },
        { scheduleName: 'flaky', attempts: 2, outcome: 'delivered', error: undefined, queue: undefined },
      ]);
      expect(
        invocations
          .filter(({ delivery }) => delivery.scheduleName === 'with-queue')
          .map(({ delivery }) => delivery.attempt),
      ).toEqual([1, 2, 3]);
      const executionIds = new Set(
        invocations
          .filter(({ delivery }) => delivery.scheduleName === 'with-queue')
          .map(({ delivery }) => delivery.executionId),
      );
      expect(executionIds.size).toBe(1);
    });

    it('runs several schedules in order of instant, group and name, including ones created by a run', async () => {
      // Prepare
      await scheduler.send(new CreateScheduleGroupCommand({ Name: 'b-group' }));
      await scheduler.send(new CreateScheduleGroupCommand({ Name: 'a-group' }));
      const at = (name: string, time: string, group: string) =>
        scheduler.send(new CreateScheduleCommand(oneTimeSchedule(name, time, { GroupName: group })));
      await at('late', '2022-03-05T10:00:00', 'a-group');
      await at('same-time-z', '2022-03-04T10:00:00', 'a-group');
      await at('same-time-a', '2022-03-04T10:00:00', 'b-group');
      await at('same-time-a', '2022-03-04T10:00:00', 'a-group');
      await at('early', '2022-03-03T10:00:00', 'b-group');
      await at('after-window', '2022-03-09T10:00:00', 'a-group');
      targetBehaviour = async (delivery) => {
        if (delivery.scheduleName === 'early') {
          await scheduler.send(
            new CreateScheduleCommand(oneTimeSchedule('follow-up', '2022-03-04T09:00:00')),
          );
        }
      };

      // Act
      const runs = await emulator.advanceTo(new Date('2022-03-06T00:00:00Z'));

      // Assess
      expect(runs.map(({ groupName, scheduleName }) => `${groupName}/${scheduleName}`)).toEqual([
        'b-group/early',
        'default/follow-up',
        'a-group/same-time-a',
        'a-group/same-time-z',
        'b-group/same-time-a',
        'a-group/late',
      ]);
      expect(invocations.map(({ clockAtInvocation }) => clockAtInvocation)).toEqual([
        '2022-03-03T09:00:00.000Z',
        '2022-03-04T08:00:00.000Z',
        '2022-03-04T09:00:00.000Z',
        '2022-03-04T09:00:00.000Z',
        '2022-03-04T09:00:00.000Z',
        '2022-03-05T09:00:00.000Z',
      ]);
    });

    it('keeps a completed schedule (ActionAfterCompletion NONE) without running it again, skips disabled ones, and re-arms on update', async () => {
      // Prepare
      await scheduler.send(new CreateScheduleCommand(oneTimeSchedule('kept', '2022-03-02T09:00:00')));
      await scheduler.send(
        new CreateScheduleCommand(oneTimeSchedule('disabled', '2022-03-02T09:00:00', { State: 'DISABLED' })),
      );
      await scheduler.send(
        new CreateScheduleCommand(
          oneTimeSchedule('flexible', '2022-03-02T10:00:00', {
            FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 60 },
          }),
        ),
      );

      // Act
      const first = await emulator.advanceTo(new Date('2022-03-03T00:00:00Z'));
      const again = await emulator.advanceTo(new Date('2022-03-04T00:00:00Z'));
      const kept = await scheduler.send(new GetScheduleCommand({ Name: 'kept' }));
      await scheduler.send(new UpdateScheduleCommand(oneTimeSchedule('kept', '2022-03-05T09:00:00')));
      const afterUpdate = await emulator.advanceTo(new Date('2022-03-06T00:00:00Z'));

      // Assess
      expect(first.map(({ scheduleName, firedAt }) => [scheduleName, firedAt.toISOString()])).toEqual([
        ['kept', '2022-03-02T08:00:00.000Z'],
        ['flexible', '2022-03-02T09:00:00.000Z'],
      ]);
      expect(again).toEqual([]);
      expect(kept).toMatchObject({ Name: 'kept', State: 'ENABLED' });
      expect(
        afterUpdate.map(({ scheduleName, scheduledAt }) => [scheduleName, scheduledAt.toISOString()]),
      ).toEqual([['kept', '2022-03-05T08:00:00.000Z']]);
    });

    it('fills in context attributes of the Input for each attempt', async () => {
      // Prepare
      targetBehaviour = async (delivery) => {
        if (delivery.attempt === 1) throw new Error('first attempt fails');
      };
      await scheduler.send(
        new CreateScheduleCommand(
          oneTimeSchedule('with-context', '2022-03-02T09:00:00', {
            ScheduleExpressionTimezone: undefined,
            Target: {
              Arn: targetArn,
              RoleArn: roleArn,
              RetryPolicy: { MaximumRetryAttempts: 1 },
              Input:
                '{"arn":"<aws.scheduler.schedule-arn>","at":"<aws.scheduler.scheduled-time>","id":"<aws.scheduler.execution-id>","attempt":<aws.scheduler.attempt-number>}',
            },
          }),
        ),
      );

      // Act
      const [run] = await emulator.advanceTo(new Date('2022-03-03T00:00:00Z'));

      // Assess: without a time zone the expression is read as UTC.
      expect(invocations.map(({ delivery }) => JSON.parse(delivery.input ?? 'null'))).toEqual(
        [1, 2].map((attempt) => ({
          arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/with-context',
          at: '2022-03-02T09:00:00Z',
          id: run?.executionId,
          attempt,
        })),
      );
      expect(run).toMatchObject({ timezone: 'UTC', attempts: 2, outcome: 'delivered' });
    });

    it('runs what the clock made due in the background, without advanceTo', async () => {
      // Prepare
      await scheduler.send(new CreateScheduleCommand(oneTimeSchedule('background', '2022-03-02T09:00:00')));

      // Act
      clock.set(new Date('2022-03-02T08:00:00Z'));

      // Assess
      await vi.waitFor(() => expect(emulator.history()).toHaveLength(1), { timeout: 5_000, interval: 50 });
      expect(emulator.history()[0]).toMatchObject({
        scheduleName: 'background',
        outcome: 'delivered',
        trigger: 'due',
      });
      expect(await emulator.runDue()).toEqual([]);
      expect(invocations).toHaveLength(1);
    });
  });

  describe('AWS CLI', () => {
    const environment = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_DEFAULT_REGION: 'us-east-1',
      // The machine's own AWS configuration must not leak into the run.
      AWS_CONFIG_FILE: '/nonexistent/aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    };

    async function aws(...args: string[]): Promise<unknown> {
      try {
        const { stdout } = await runFile(
          'aws',
          [...args, '--endpoint-url', emulator.url, '--region', 'us-east-1', '--output', 'json'],
          { env: environment, timeout: 20_000 },
        );
        return JSON.parse(stdout);
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
          throw new Error(
            'The AWS CLI (`aws`) is not on PATH; install it (pip install awscli) to run this test.',
          );
        }
        throw error;
      }
    }

    it('lists the default schedule group, creates a schedule the SDK reads back, and reads it back itself', async () => {
      // Act
      const groups = await aws('scheduler', 'list-schedule-groups');
      const created = await aws(
        'scheduler',
        'create-schedule',
        '--name',
        'made-by-cli',
        '--schedule-expression',
        'at(2022-03-07T14:00:00)',
        '--schedule-expression-timezone',
        'Europe/Zurich',
        '--start-date',
        '2022-03-02T00:00:00Z',
        '--flexible-time-window',
        'Mode=OFF',
        '--target',
        JSON.stringify({ Arn: targetArn, RoleArn: roleArn, Input: '{"via":"cli"}' }),
      );
      const readBySdk = await scheduler.send(new GetScheduleCommand({ Name: 'made-by-cli' }));
      const readByCli = await aws('scheduler', 'get-schedule', '--name', 'made-by-cli');

      // Assess
      expect(groups).toEqual({
        ScheduleGroups: [
          {
            Arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule-group/default',
            Name: 'default',
            State: 'ACTIVE',
            CreationDate: startOfTimeline.getTime() / 1000,
            LastModificationDate: startOfTimeline.getTime() / 1000,
          },
        ],
      });
      expect(created).toEqual({
        ScheduleArn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/made-by-cli',
      });
      expect(readBySdk).toMatchObject({
        StartDate: new Date('2022-03-02T00:00:00Z'),
        ScheduleExpressionTimezone: 'Europe/Zurich',
        Target: { Arn: targetArn, RoleArn: roleArn, Input: '{"via":"cli"}' },
      });
      // CLI v1 prints wire timestamps as they come: epoch seconds.
      expect(readByCli).toMatchObject({
        Name: 'made-by-cli',
        GroupName: 'default',
        ScheduleExpression: 'at(2022-03-07T14:00:00)',
        StartDate: new Date('2022-03-02T00:00:00Z').getTime() / 1000,
        CreationDate: startOfTimeline.getTime() / 1000,
        Target: { Arn: targetArn, RoleArn: roleArn, Input: '{"via":"cli"}' },
      });
    });
  });
});
