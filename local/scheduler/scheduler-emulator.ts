import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { LocalClock } from '../local-clock.ts';
import { schedulerRequestListener } from './scheduler-http.ts';
import { type ScheduleDefinition, SchedulerStore, type StoredSchedule } from './scheduler-store.ts';

/**
 * A local EventBridge Scheduler: the service's REST API on loopback for the real
 * `@aws-sdk/client-scheduler` (and the AWS CLI), and a firing loop that hands each due one-time
 * schedule to `invoke` at the instant the shared local clock says, so the calendar can be replayed.
 */

/** Where the emulator departs from the service; read before trusting a local run. */
export const schedulerEmulatorLimitations: readonly string[] = [
  'Only at() schedules run. rate() and cron() are refused with a ValidationException that says so, rather than stored and silently never run.',
  'A schedule runs at the exact second of its at() instant; the service runs it anywhere within that minute.',
  'A FLEXIBLE time window runs at its start; the service picks a moment within the window.',
  'StartDate and EndDate are validated (EndDate after StartDate), stored and returned, and, as in the service, ignored by one-time schedules.',
  'A local time that never happens (clocks set forward) runs shifted forward by the gap; one that happens twice runs at its first occurrence. The service documents skipping and single runs for cron(), not at().',
  'A one-time schedule already past when it is created, updated or enabled runs at the next check.',
  'Retries happen at once, up to MaximumRetryAttempts; MaximumEventAgeInSeconds is stored but never cuts them short.',
  'Dead-lettering is recorded in history (outcome dead-lettered, with the queue ARN and last error); no SQS message is sent.',
  'invoke receives the target ARN and its Input with context attributes filled in; the role is not assumed, templated-target parameters are stored and returned but not interpreted, and requests are not authenticated.',
  'A deleted schedule group disappears at once; the service passes through a DELETING state.',
  'Everything lives in memory and is gone after close().',
];

export interface ScheduleDelivery {
  readonly groupName: string;
  readonly scheduleName: string;
  readonly scheduleArn: string;
  readonly targetArn: string;
  readonly roleArn: string;
  /** The target's Input with `<aws.scheduler.*>` context attributes replaced, as the service does. */
  readonly input: string | undefined;
  readonly scheduledAt: Date;
  /** 1 on the first try; retries count up. */
  readonly attempt: number;
  /** Shared by the tries of one run; a redelivery by `fire` gets a new one. */
  readonly executionId: string;
}

export type DeliveryOutcome = 'delivered' | 'failed' | 'dead-lettered';

export interface FiredSchedule {
  readonly groupName: string;
  readonly scheduleName: string;
  readonly scheduleArn: string;
  readonly expression: string;
  readonly timezone: string;
  readonly targetArn: string;
  /** The target's Input as stored, before context attributes are filled in. */
  readonly input: string | undefined;
  readonly scheduledAt: Date;
  /** The local clock when the run started. */
  readonly firedAt: Date;
  /** `due`: the schedule came due; `redelivery`: `fire` delivered it again, as an at-least-once source may. */
  readonly trigger: 'due' | 'redelivery';
  readonly executionId: string;
  readonly attempts: number;
  readonly outcome: DeliveryOutcome;
  /** The last attempt's error, when no attempt succeeded. */
  readonly error?: string;
  readonly deadLetterArn?: string;
}

export interface SchedulerEmulatorOptions {
  readonly clock: LocalClock;
  /** Runs the target; a throw or rejection is a failed attempt, retried under the target's RetryPolicy. */
  readonly invoke: (delivery: ScheduleDelivery) => Promise<void>;
  /** Loopback by default: the emulator authenticates nothing. */
  readonly host?: string;
  /** 0 (the default) takes a free port; `url` tells which. */
  readonly port?: number;
  readonly region?: string;
  readonly accountId?: string;
  /**
   * How often, in real milliseconds, the emulator checks for schedules the running clock has made
   * due (default 250). 0 turns the check off: then only `advanceTo` and `runDue` run schedules.
   */
  readonly pollIntervalMs?: number;
}

export interface SchedulerEmulator {
  /** Endpoint for the SDK client or `aws --endpoint-url`. */
  readonly url: string;
  /**
   * Runs, in order of instant, then group, then name, every schedule due up to `instant` (including
   * ones created by these runs), moving the clock to each schedule's instant before its run, then
   * sets the clock to `instant`. Resolves with the runs, once each has finished.
   */
  advanceTo(instant: Date): Promise<FiredSchedule[]>;
  /** Runs what is due at the clock's current reading; the background check calls this. */
  runDue(): Promise<FiredSchedule[]>;
  /**
   * Delivers a schedule again now, whatever its time and without changing it, as an at-least-once
   * source may. Works for a schedule deleted after its run, from the definition it ran with.
   */
  fire(groupName: string, scheduleName: string): Promise<FiredSchedule>;
  /** Every run so far, oldest first, including those of schedules since deleted. */
  history(): FiredSchedule[];
  /** Stops the background check, waits for a run under way, and closes the server. */
  close(): Promise<void>;
}

const contextAttributePattern =
  /<aws\.scheduler\.(schedule-arn|scheduled-time|execution-id|attempt-number)>/g;

function fillContextAttributes(
  input: string | undefined,
  values: { scheduleArn: string; scheduledAt: Date; executionId: string; attempt: number },
): string | undefined {
  return input?.replace(contextAttributePattern, (_match, attribute: string) => {
    switch (attribute) {
      case 'schedule-arn':
        return values.scheduleArn;
      case 'scheduled-time':
        // The service's form has no milliseconds: 2022-03-22T18:59:43Z.
        return values.scheduledAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
      case 'execution-id':
        return values.executionId;
      default:
        return String(values.attempt);
    }
  });
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function startSchedulerEmulator(options: SchedulerEmulatorOptions): Promise<SchedulerEmulator> {
  const { clock, invoke } = options;
  const store = new SchedulerStore({
    clock,
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '000000000000',
  });
  const fired: FiredSchedule[] = [];
  /** The definition each schedule last ran with, so `fire` can redeliver one deleted after its run. */
  const lastRunDefinitions = new Map<string, ScheduleDefinition>();
  let closed = false;

  // Every run goes through this one chain, so the background check, advanceTo, runDue and fire
  // never deliver concurrently and never deliver one due instant twice.
  let runQueue: Promise<unknown> = Promise.resolve();
  function serialized<T>(work: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new Error('The Scheduler emulator is closed'));
    const result = runQueue.then(work);
    runQueue = result.catch(() => undefined);
    return result;
  }

  async function deliver(
    definition: ScheduleDefinition,
    trigger: FiredSchedule['trigger'],
  ): Promise<FiredSchedule> {
    const { groupName, name, arn, target, dueAt } = definition;
    lastRunDefinitions.set(`${groupName}/${name}`, definition);
    const executionId = randomBytes(8).toString('hex');
    const firedAt = clock.now();
    const maximumAttempts = 1 + target.retryPolicy.maximumRetryAttempts;
    let attempts = 0;
    let lastError: string | undefined;
    while (attempts < maximumAttempts) {
      attempts += 1;
      try {
        await invoke({
          groupName,
          scheduleName: name,
          scheduleArn: arn,
          targetArn: target.arn,
          roleArn: target.roleArn,
          input: fillContextAttributes(target.input, {
            scheduleArn: arn,
            scheduledAt: dueAt,
            executionId,
            attempt: attempts,
          }),
          scheduledAt: dueAt,
          attempt: attempts,
          executionId,
        });
        lastError = undefined;
        break;
      } catch (error) {
        lastError = errorMessage(error);
      }
    }
    const outcome: DeliveryOutcome =
      lastError === undefined ? 'delivered' : target.deadLetterArn === undefined ? 'failed' : 'dead-lettered';
    const run: FiredSchedule = {
      groupName,
      scheduleName: name,
      scheduleArn: arn,
      expression: definition.expressionText,
      timezone: definition.effectiveTimezone,
      targetArn: target.arn,
      input: target.input,
      scheduledAt: dueAt,
      firedAt,
      trigger,
      executionId,
      attempts,
      outcome,
      ...(lastError === undefined ? {} : { error: lastError }),
      ...(outcome === 'dead-lettered' && target.deadLetterArn !== undefined
        ? { deadLetterArn: target.deadLetterArn }
        : {}),
    };
    fired.push(run);
    return run;
  }

  async function runScheduled(schedule: StoredSchedule): Promise<FiredSchedule> {
    const run = await deliver(schedule.definition, 'due');
    store.completeRun(schedule);
    return run;
  }

  /** Runs due schedules one at a time, re-reading after each run: a run may create or change schedules. */
  async function runDueUpTo(limit: () => Date, moveClock: boolean): Promise<FiredSchedule[]> {
    const runs: FiredSchedule[] = [];
    for (;;) {
      const [next] = store.dueSchedules(limit());
      if (next === undefined) return runs;
      if (moveClock) clock.set(next.definition.dueAt);
      runs.push(await runScheduled(next));
    }
  }

  const server = createServer(schedulerRequestListener(store));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('The Scheduler emulator did not bind a TCP port');
  }
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  const pollIntervalMs = options.pollIntervalMs ?? 250;
  let pollPending = false;
  const poll =
    pollIntervalMs > 0
      ? setInterval(() => {
          if (pollPending || closed) return;
          pollPending = true;
          serialized(() => runDueUpTo(() => clock.now(), false))
            .catch((error: unknown) => {
              if (!closed) console.error('Scheduler emulator: background run failed', error);
            })
            .finally(() => {
              pollPending = false;
            });
        }, pollIntervalMs)
      : undefined;
  // The check alone must not keep a process (or a test run) alive.
  poll?.unref();

  return {
    url: `http://${hostForUrl}:${address.port}`,
    advanceTo: (instant) =>
      serialized(async () => {
        const limit = new Date(Math.max(instant.getTime(), clock.now().getTime()));
        const runs = await runDueUpTo(() => limit, true);
        clock.set(instant);
        return runs;
      }),
    runDue: () => serialized(() => runDueUpTo(() => clock.now(), false)),
    fire: (groupName, scheduleName) =>
      serialized(async () => {
        const definition =
          store.findSchedule(groupName, scheduleName)?.definition ??
          lastRunDefinitions.get(`${groupName}/${scheduleName}`);
        if (definition === undefined) {
          throw new Error(`No schedule ${groupName}/${scheduleName} exists or has run; nothing to redeliver`);
        }
        return deliver(definition, 'redelivery');
      }),
    history: () => [...fired],
    async close() {
      if (closed) return;
      if (poll !== undefined) clearInterval(poll);
      const runUnderWay = runQueue;
      closed = true;
      await runUnderWay;
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Keep-alive sockets of SDK clients would otherwise hold the server open.
        server.closeAllConnections();
      });
    },
  };
}
