import { GetScheduleCommand, paginateListSchedules, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalClock, type LocalClock } from '../../local/local-clock.ts';
import { type SchedulerEmulator, startSchedulerEmulator } from '../../local/scheduler/scheduler-emulator.ts';
import { createDynamoDbAuditTrail } from '../../shared/adapters/dynamodb/audit-trail.ts';
import { createDynamoDbConsultationRepository } from '../../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbTransitionLedger } from '../../shared/adapters/dynamodb/transition-ledger.ts';
import { createEventBridgeScheduleGateway } from '../../shared/adapters/scheduler/eventbridge-schedule-gateway.ts';
import { wsisForum2022 } from '../../shared/domain/definitions/index.ts';
import { changeCalendarDates } from '../../shared/use-cases/change-calendar-dates.ts';
import { type ReconcilePorts, reconcileSchedules } from '../../shared/use-cases/reconcile-schedules.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';
import { recordingMailer } from '../support/in-memory-ports.ts';

const scheduleConfig = {
  groupPrefix: 'wsis-test',
  roleArn: 'arn:aws:iam::000000000000:role/wsis-test-scheduler',
  deadLetterQueueArn: 'arn:aws:sqs:us-east-1:000000000000:wsis-test-schedule-dead-letters',
  transitionTargetArn: 'arn:aws:lambda:us-east-1:000000000000:function:wsis-test-apply-transition',
  reminderWaveTargetArn: 'arn:aws:lambda:us-east-1:000000000000:function:wsis-test-start-reminder-wave',
  personalDataErasureTargetArn:
    'arn:aws:lambda:us-east-1:000000000000:function:wsis-test-erase-consultation-personal-data',
};
const group = 'wsis-test-wsis-forum-2022';

describe.each(dynamoDbTargets)(
  'reconciler with @aws-sdk/client-scheduler, the emulator and $name',
  (target) => {
    let database: StartedDynamoDbTarget;
    let clock: LocalClock;
    let emulator: SchedulerEmulator;
    let scheduler: SchedulerClient;
    let ports: ReconcilePorts;

    beforeAll(async () => {
      database = await target.start();
      clock = createLocalClock({ startAt: new Date('2021-08-18T12:00:00Z'), speed: 0 });
      // Deliveries are not the subject here: schedules only fire when a test runs them.
      emulator = await startSchedulerEmulator({ clock, invoke: async () => undefined, pollIntervalMs: 0 });
      scheduler = new SchedulerClient({
        endpoint: emulator.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const documents = createDocumentClient(database.client);
      const table = database.tableNames.consultations;
      const consultations = createDynamoDbConsultationRepository(documents, table);
      const transitionLedger = createDynamoDbTransitionLedger(documents, table);
      ports = {
        clock,
        consultations,
        transitionLedger,
        auditTrail: createDynamoDbAuditTrail(documents, table),
        mailer: recordingMailer(),
        submissionStatistics: undefined,
        schedules: createEventBridgeScheduleGateway(scheduler, scheduleConfig),
      };
      await consultations.seed(wsisForum2022, clock.now());
    });

    afterAll(async () => {
      scheduler?.destroy();
      await emulator?.close();
      await database?.close();
    });

    async function deployedNames(): Promise<string[]> {
      const names: string[] = [];
      for await (const page of paginateListSchedules({ client: scheduler }, { GroupName: group })) {
        for (const schedule of page.Schedules ?? []) names.push(schedule.Name ?? '');
      }
      return names.sort();
    }

    it('creates every expected schedule after the seed: one-time, official zone, no window, retries, DLQ', async () => {
      const report = await reconcileSchedules(ports, 'wsis-forum-2022');
      // 20 transitions, the 10 reminder waves still ahead (Phase I's two meeting waves are not) and
      // the retention erasure.
      expect(report?.created).toHaveLength(31);
      expect(report?.caughtUp).toEqual([]);
      expect(await deployedNames()).toHaveLength(31);
      const deadline = await scheduler.send(
        new GetScheduleCommand({ GroupName: group, Name: 'wsis-forum-2022-call-official-submission-close' }),
      );
      expect(deadline).toMatchObject({
        ScheduleExpression: 'at(2022-03-07T14:00:00)',
        ScheduleExpressionTimezone: 'Europe/Zurich',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: scheduleConfig.transitionTargetArn,
          RoleArn: scheduleConfig.roleArn,
          RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
          DeadLetterConfig: { Arn: scheduleConfig.deadLetterQueueArn },
        },
      });
      expect(JSON.parse(deadline.Target?.Input ?? '{}')).toMatchObject({
        consultationId: 'wsis-forum-2022',
        transitionId: 'call-official-submission-close',
        scheduledAt: '2022-03-07T13:00:00.000Z',
      });
      // Summer time: Phase V at 14:00 CEST is 12:00Z.
      const phaseFive = await scheduler.send(
        new GetScheduleCommand({ GroupName: group, Name: 'wsis-forum-2022-phase-5-start' }),
      );
      expect(phaseFive.ScheduleExpression).toBe('at(2022-05-02T14:00:00)');
    });

    it('schedules a reminder wave like a transition, with the wave target and {consultationId, waveId}', async () => {
      const wave = await scheduler.send(
        new GetScheduleCommand({ GroupName: group, Name: 'wsis-forum-2022-deadline-20220307T1300Z-P7D' }),
      );
      expect(wave).toMatchObject({
        ScheduleExpression: 'at(2022-02-28T14:00:00)',
        ScheduleExpressionTimezone: 'Europe/Zurich',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: scheduleConfig.reminderWaveTargetArn,
          RoleArn: scheduleConfig.roleArn,
          DeadLetterConfig: { Arn: scheduleConfig.deadLetterQueueArn },
        },
      });
      expect(JSON.parse(wave.Target?.Input ?? '{}')).toEqual({
        consultationId: 'wsis-forum-2022',
        waveId: 'deadline-20220307T1300Z-P7D',
      });
    });

    it('schedules the retention erasure with its own target and {consultationId}', async () => {
      const erasure = await scheduler.send(
        new GetScheduleCommand({ GroupName: group, Name: 'wsis-forum-2022-personal-data-erasure' }),
      );
      // 4 June 2024, 00:00 in Geneva (CEST).
      expect(erasure).toMatchObject({
        ScheduleExpression: 'at(2024-06-04T00:00:00)',
        ScheduleExpressionTimezone: 'Europe/Zurich',
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: scheduleConfig.personalDataErasureTargetArn,
          RoleArn: scheduleConfig.roleArn,
          DeadLetterConfig: { Arn: scheduleConfig.deadLetterQueueArn },
        },
      });
      expect(JSON.parse(erasure.Target?.Input ?? '{}')).toEqual({ consultationId: 'wsis-forum-2022' });
    });

    it('changes nothing when run a second time', async () => {
      const report = await reconcileSchedules(ports, 'wsis-forum-2022');
      expect(report).toMatchObject({ created: [], updated: [], deleted: [], unchanged: 31, caughtUp: [] });
    });

    it('moving the official-submission deadline from 7 to 11 March changes exactly that call’s schedules', async () => {
      const before = await deployedNames();
      const result = await changeCalendarDates(ports, {
        consultationId: 'wsis-forum-2022',
        change: { target: 'call', call: 'official-submission', closesAt: '2022-03-11T13:00:00Z' },
        reason: 'Deadline extended for all submitters',
        actor: 'arn:aws:iam::000000000000:user/secretariat',
      });
      // The five calls closed together on 7 March and shared its four deadline waves. The moved call
      // now closes alone on 11 March: its waves are new ones (a wave id names the closing instant),
      // all four still ahead. The 7 March waves keep their ids, instants and Input
      // ({consultationId, waveId}): unchanged, and still sent, to the four calls that close then
      // (the wave reads its calls from the calendar when it runs). No schedule is deleted.
      expect(result).toMatchObject({
        outcome: 'changed',
        version: 2,
        schedules: {
          created: [
            { name: 'wsis-forum-2022-deadline-20220311T1300Z-P14D', at: '2022-02-25T13:00:00.000Z' },
            { name: 'wsis-forum-2022-deadline-20220311T1300Z-P2D', at: '2022-03-09T13:00:00.000Z' },
            { name: 'wsis-forum-2022-deadline-20220311T1300Z-P7D', at: '2022-03-04T13:00:00.000Z' },
            { name: 'wsis-forum-2022-deadline-20220311T1300Z-PT3H', at: '2022-03-11T10:00:00.000Z' },
          ],
          deleted: [],
          unchanged: 30,
          updated: [
            {
              name: 'wsis-forum-2022-call-official-submission-close',
              from: '2022-03-07T13:00:00.000Z',
              to: '2022-03-11T13:00:00.000Z',
            },
          ],
        },
      });
      const moved = await scheduler.send(
        new GetScheduleCommand({ GroupName: group, Name: 'wsis-forum-2022-call-official-submission-close' }),
      );
      expect(moved.ScheduleExpression).toBe('at(2022-03-11T14:00:00)');
      // Nothing else: every schedule that was there is still there, plus the four new waves.
      const after = await deployedNames();
      expect(after.filter((name) => !before.includes(name))).toEqual([
        'wsis-forum-2022-deadline-20220311T1300Z-P14D',
        'wsis-forum-2022-deadline-20220311T1300Z-P2D',
        'wsis-forum-2022-deadline-20220311T1300Z-P7D',
        'wsis-forum-2022-deadline-20220311T1300Z-PT3H',
      ]);
      expect(before.filter((name) => !after.includes(name))).toEqual([]);
      const sharedWave = await scheduler.send(
        new GetScheduleCommand({ GroupName: group, Name: 'wsis-forum-2022-deadline-20220307T1300Z-P7D' }),
      );
      expect(sharedWave.ScheduleExpression).toBe('at(2022-02-28T14:00:00)');
      expect(await reconcileSchedules(ports, 'wsis-forum-2022')).toMatchObject({
        created: [],
        updated: [],
        deleted: [],
        unchanged: 35,
      });
      expect(await ports.auditTrail.list('wsis-forum-2022')).toEqual([
        expect.objectContaining({
          kind: 'calendar-changed',
          version: 2,
          actor: 'arn:aws:iam::000000000000:user/secretariat',
          changes: [
            {
              field: 'calls.official-submission.closesAt',
              from: '2022-03-07T13:00:00.000Z',
              to: '2022-03-11T13:00:00.000Z',
            },
          ],
        }),
      ]);
    });

    it('refuses a change prepared against an older version, and stores nothing', async () => {
      const result = await changeCalendarDates(ports, {
        consultationId: 'wsis-forum-2022',
        change: { target: 'call', call: 'photo-contest', closesAt: '2022-03-11T13:00:00Z' },
        reason: 'Photo contest extended',
        actor: 'arn:aws:iam::000000000000:user/secretariat',
        expectedVersion: 1,
      });
      expect(result).toEqual({ outcome: 'version-conflict', currentVersion: 2 });
      expect((await ports.consultations.find('wsis-forum-2022'))?.version).toBe(2);
    });

    it('catches up, once, what passed while nothing ran, and deletes the schedules that are now stale', async () => {
      clock.set(new Date('2021-12-08T13:00:00Z'));
      const report = await reconcileSchedules(ports, 'wsis-forum-2022');
      expect(report?.caughtUp.map((entry) => `${entry.transitionId}:${entry.outcome}`)).toEqual([
        'phase-1-start:applied',
        'call-official-submission-open:applied',
        'call-workshop-request-open:applied',
        'call-hltf-nomination-open:applied',
        'call-photo-contest-open:applied',
        'call-regional-input-open:applied',
        'phase-1-end:applied',
        'phase-2-start:applied',
      ]);
      // The 8 caught-up transitions' schedules, and Phase II's two meeting waves, now past: a
      // past wave is skipped, never sent late.
      expect(report?.deleted.map((schedule) => schedule.name)).toEqual(
        expect.arrayContaining([
          'wsis-forum-2022-meeting-phase-2-P1D',
          'wsis-forum-2022-meeting-phase-2-P7D',
        ]),
      );
      expect(report?.deleted).toHaveLength(10);
      expect(await deployedNames()).toHaveLength(25);
      expect(await reconcileSchedules(ports, 'wsis-forum-2022')).toMatchObject({
        created: [],
        updated: [],
        deleted: [],
        caughtUp: [],
        unchanged: 25,
      });
      const applied = (await ports.auditTrail.list('wsis-forum-2022')).filter(
        (entry) => entry.kind === 'transition-applied',
      );
      expect(applied).toHaveLength(8);
      expect(applied.every((entry) => entry.trigger === 'catch-up')).toBe(true);
      expect(applied.at(-1)).toMatchObject({
        transitionId: 'phase-2-start',
        scheduledAt: '2021-12-08T12:50:00.000Z',
      });
    });

    it('claims a transition once: a concurrent claim stands back, a later one finds it applied', async () => {
      const key = {
        consultationId: 'ledger-test',
        transitionId: 'phase-1-start',
        scheduledAt: '2021-08-19T12:00:00.000Z',
      };
      const at = new Date('2021-08-19T12:00:30Z');
      const lease = new Date(at.getTime() + 120_000);
      const first = await ports.transitionLedger.claim(key, at, lease);
      expect(first.status).toBe('claimed');
      expect(await ports.transitionLedger.claim(key, at, lease)).toEqual({ status: 'in-progress' });
      // After the lease, a retry may take over the claim of an attempt that died.
      const takeover = await ports.transitionLedger.claim(key, new Date(lease.getTime() + 1), lease);
      expect(takeover.status).toBe('claimed');
      if (first.status !== 'claimed' || takeover.status !== 'claimed') return;
      const entry = {
        kind: 'transition-applied' as const,
        at: at.toISOString(),
        transitionId: key.transitionId,
        scheduleName: 'ledger-test-phase-1-start',
        scheduledAt: key.scheduledAt,
        trigger: 'schedule' as const,
        lateBySeconds: 30,
        effect: 'Phase I started',
      };
      expect(await ports.transitionLedger.complete(key, first.claimId, entry)).toBe(false);
      expect(await ports.transitionLedger.complete(key, takeover.claimId, entry)).toBe(true);
      expect(await ports.transitionLedger.claim(key, at, lease)).toEqual({ status: 'already-applied' });
      expect(await ports.transitionLedger.appliedKeys('ledger-test')).toEqual(
        new Set(['phase-1-start@2021-08-19T12:00:00.000Z']),
      );
      expect(await ports.auditTrail.list('ledger-test')).toEqual([entry]);
    });
  },
);
