import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, describe, expect, it } from 'vitest';
import { getJson, postJson, useLocalRuntime } from './local-runtime.ts';

interface FiredSchedule {
  groupName: string;
  scheduleName: string;
  scheduledAt: string;
  firedAt: string;
  trigger: 'due' | 'redelivery';
  outcome: string;
  error?: string;
}

describe('the Scheduler emulator inside the local runtime', () => {
  const runtime = useLocalRuntime({ clockAt: '2022-03-06T12:00:00Z' });
  let scheduler: SchedulerClient | undefined;
  afterAll(() => scheduler?.destroy());

  it('fires a due schedule when the clock moves past it, remembers it, and re-delivers it on demand', async () => {
    const { endpoints } = runtime();
    scheduler = new SchedulerClient({
      endpoint: endpoints.scheduler,
      region: endpoints.region,
      credentials: { ...endpoints.credentials },
    });
    await scheduler.send(
      new CreateScheduleCommand({
        Name: 'deadline-probe',
        ScheduleExpression: 'at(2022-03-07T14:00:00)',
        ScheduleExpressionTimezone: 'Europe/Zurich',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          // No function of this name exists: the delivery fails, and the history says why.
          Arn: `arn:aws:lambda:${endpoints.region}:${endpoints.accountId}:function:no-such-function`,
          RoleArn: `arn:aws:iam::${endpoints.accountId}:role/scheduler`,
          Input: '{"probe":true}',
          RetryPolicy: { MaximumRetryAttempts: 0 },
        },
      }),
    );

    // The consultation's own schedules (its group: the 3-hour reminder wave) may fire on the way.
    const before = await postJson(`${endpoints.api}/_local/clock`, { at: '2022-03-07T12:59:59Z' });
    expect(
      (before.body as { fired: FiredSchedule[] }).fired.filter((run) => run.groupName === 'default'),
    ).toEqual([]);

    const moved = await postJson(`${endpoints.api}/_local/clock`, { at: '2022-03-07T13:30:00Z' });
    expect(moved.status).toBe(200);
    // The consultation's own schedules (its group) fire at the same deadline; the probe is in `default`.
    const fired = (moved.body as { fired: FiredSchedule[] }).fired.filter(
      (run) => run.groupName === 'default',
    );
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({
      groupName: 'default',
      scheduleName: 'deadline-probe',
      scheduledAt: '2022-03-07T13:00:00.000Z',
      firedAt: '2022-03-07T13:00:00.000Z',
      trigger: 'due',
      outcome: 'failed',
    });
    expect(fired[0]?.error).toContain('no-such-function');

    const redelivered = await postJson(`${endpoints.api}/_local/scheduler/fire`, {
      group: 'default',
      name: 'deadline-probe',
    });
    expect(redelivered.status).toBe(200);
    expect(redelivered.body).toMatchObject({ scheduleName: 'deadline-probe', trigger: 'redelivery' });

    const history = await getJson(`${endpoints.api}/_local/scheduler/history`);
    const names = (history.body as { fired: FiredSchedule[] }).fired
      .filter((f) => f.groupName === 'default')
      .map((f) => `${f.scheduleName}:${f.trigger}`);
    expect(names).toEqual(['deadline-probe:due', 'deadline-probe:redelivery']);

    const unknown = await postJson(`${endpoints.api}/_local/scheduler/fire`, {
      group: 'default',
      name: 'nothing',
    });
    expect(unknown.status).toBe(404);
  });
});
