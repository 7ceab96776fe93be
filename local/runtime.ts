import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { createDependencies } from '../functions/dependencies.ts';
import {
  defaultTimeoutSeconds,
  type FunctionDefinition,
  functionManifest,
  httpFunctions,
} from '../functions/manifest.ts';
import { physicalTableName, tableKeys } from '../shared/adapters/dynamodb/table-definitions.ts';
import { sesClientSettings } from '../shared/adapters/ses/ses-mailer.ts';
import { type QueueKey, queueDefinitions, queueKeys } from '../shared/adapters/sqs/queue-definitions.ts';
import type { EmailSendingConfig, RuntimeConfig } from '../shared/config/runtime-config.ts';
import { consultationDefinitions } from '../shared/domain/definitions/index.ts';
import type { Mailer } from '../shared/ports/mailer.ts';
import type { RecipientSources } from '../shared/ports/recipient-source.ts';
import { type ReconcileReport, reconcileSchedules } from '../shared/use-cases/reconcile-schedules.ts';
import { type ApiRoute, type ProxyHandler, startApiServer } from './api-gateway/api-server.ts';
import { lambdaContextFor } from './api-gateway/proxy-event.ts';
import { createSigV4Verifier, type IamPrincipal } from './api-gateway/sigv4-verifier.ts';
import { createControlRoutes } from './control-routes.ts';
import { createTables } from './dynamodb/create-tables.ts';
import { startDynaliteThread } from './dynamodb/dynalite-thread.ts';
import { startDynamoDbLocal } from './dynamodb/dynamodb-local-server.ts';
import { functionNameFromArn, loadFunctions } from './function-registry.ts';
import { createLocalClock, type LocalClock } from './local-clock.ts';
import {
  type FiredSchedule,
  type ScheduleDelivery,
  startSchedulerEmulator,
} from './scheduler/scheduler-emulator.ts';
import { createSesEventDestination, type SesEventBridgeEvent } from './ses/ses-event-front.ts';
import { recipientCountsPath, startSesLocalThread } from './ses/ses-local-thread.ts';
import { createQueues } from './sqs/create-queues.ts';
import { type EventSource, type QueueHandler, startEventSource } from './sqs/event-source-poller.ts';
import { startLocalSqs } from './sqs/fauxqs-server.ts';

/**
 * The whole system on loopback: the API in front of the same handlers Lambda runs (SigV4 checked on
 * the admin routes, as API Gateway's IAM authorization does), DynamoDB (dynalite on a worker
 * thread, or DynamoDB Local), SES (aws-ses-v2-local on a worker thread, behind a front there that
 * reports each accepted email, whose events this thread hands to the email-events function), SQS
 * (fauxqs, in process, with Lambda's event-source behaviour for the queue consumers), and the
 * EventBridge Scheduler emulator, all driven by one clock. At start it seeds the consultations and
 * reconciles their schedules, as a deploy does. `npm start` runs it; the e2e tests start and stop it
 * per suite.
 */
export interface LocalRuntimeOptions {
  readonly host?: string;
  /** Port of the API; 0 picks a free one. */
  readonly port?: number;
  readonly clockAt?: Date;
  readonly clockSpeed?: number;
  /** Browser origins allowed by CORS, e.g. a web form's dev server; none by default. */
  readonly allowedOrigins?: readonly string[];
  /**
   * How often the Scheduler emulator checks for schedules the running clock made due (default 250
   * ms); 0 leaves delivery to clock moves and `deliverDueSchedules`, so a test can set the clock
   * past an instant and deliver late.
   */
  readonly schedulerPollIntervalMs?: number;
  /** Reminder send rate and the SES maximum it is capped by; the local default is 50 emails/s. */
  readonly emailSending?: EmailSendingConfig;
  /** Visibility timeout of the local queues; short by default (10 s) so re-deliveries come soon. */
  readonly queueVisibilityTimeoutSeconds?: number;
  /**
   * `dynalite` (default: on a worker thread of this process, starts at once) or AWS's DynamoDB
   * Local (Java 17, its own process).
   */
  readonly dynamoDb?: 'dynalite' | 'dynamodb-local';
  /**
   * Replaces recipient sources by name (both are real by default: confirmed subscribers and draft
   * holders), for tests that need a source the tables cannot produce.
   */
  readonly recipientSources?: RecipientSources;
  /** Fault injection, for tests. */
  readonly faults?: LocalFaults;
}

export interface LocalFaults {
  /**
   * Puts something between the mailer and SES: receives the SES URL and answers the URL to use
   * instead (e.g. a fault-injecting proxy) and how to stop it.
   */
  readonly sesEndpoint?: (sesUrl: string) => Promise<{ url: string; close(): Promise<void> }>;
  /** Wraps the mailer, e.g. to crash the sender after N sends. */
  readonly wrapMailer?: (mailer: Mailer) => Mailer;
  /** The first n successful sender invocations delete nothing, so their batches come again. */
  readonly leaveBatchesAfterSuccess?: number;
}

export interface LocalEndpoints {
  readonly api: string;
  readonly dynamodb: string;
  /** SES as the functions reach it: the event-emitting front before aws-ses-v2-local. */
  readonly ses: string;
  readonly sesStore: string;
  /** How many emails the SES store holds, and per address: `{ emails, recipients }` (any size of store). */
  readonly sesRecipientCounts: string;
  readonly sesInbox: string;
  readonly scheduler: string;
  readonly sqs: string;
  readonly queues: Readonly<Record<QueueKey, { readonly url: string; readonly deadLetterUrl: string }>>;
  readonly region: string;
  readonly accountId: string;
  readonly tables: Readonly<Record<string, string>>;
  /** Credentials for the AWS SDK and CLI against these endpoints, and for signing admin requests. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export interface LocalRuntime {
  readonly endpoints: LocalEndpoints;
  readonly clock: LocalClock;
  /** Moves the clock forward to `at`, firing every schedule due on the way, in order. */
  advanceClockTo(at: Date): Promise<FiredSchedule[]>;
  /** Delivers, now, every schedule due at the clock's reading (late if the clock was set past them). */
  deliverDueSchedules(): Promise<FiredSchedule[]>;
  /** What the reconcile at start did for each consultation (schedules created, transitions caught up). */
  readonly startupReconciliation: readonly ReconcileReport[];
  /**
   * Resolves once every queue is empty, no consumer runs and every SES event emitted so far has
   * been recorded: what a test waits for before counting emails.
   */
  idle(): Promise<void>;
  /** Messages in a queue's dead-letter queue. */
  deadLetterCount(queue: QueueKey): Promise<number>;
  stop(): Promise<void>;
}

export const localRegion = 'eu-central-2';
export const localAccountId = '000000000000';
export const localCredentials = {
  accessKeyId: 'AKIALOCALSECRETARIAT',
  secretAccessKey: 'local-secretariat-secret-access-key',
} as const;
const tablePrefix = 'consultation-local';
/** The principal the local credentials stand for; admin actions are recorded under its ARN. */
export const localSecretariat: IamPrincipal = {
  ...localCredentials,
  userArn: `arn:aws:iam::${localAccountId}:user/local-secretariat`,
  userId: 'AIDALOCALSECRETARIAT',
  accountId: localAccountId,
};
const localFunctionArn = (name: string) =>
  `arn:aws:lambda:${localRegion}:${localAccountId}:function:${tablePrefix}-${name}`;
export const localScheduleConfig = {
  groupPrefix: tablePrefix,
  roleArn: `arn:aws:iam::${localAccountId}:role/${tablePrefix}-scheduler`,
  deadLetterQueueArn: `arn:aws:sqs:${localRegion}:${localAccountId}:${tablePrefix}-schedule-dead-letters`,
  transitionTargetArn: localFunctionArn('apply-transition'),
  reminderWaveTargetArn: localFunctionArn('start-reminder-wave'),
  personalDataErasureTargetArn: localFunctionArn('erase-consultation-personal-data'),
} as const;
export const localEmailSender = 'WSIS Secretariat <no-reply@consultations.localhost>';
/** A fixed development secret: local unsubscribe links are signed, with nothing secret. */
export const localLinkSigningSecret = 'local-development-link-signing-secret-not-for-deployment';
const localEmailSending: EmailSendingConfig = { ratePerSecond: 50, sesMaxSendRate: 50 };

const stage = 'local';

type EventHandler = (event: unknown, context: Context) => Promise<unknown>;

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const host = options.host ?? '127.0.0.1';
  const clock = createLocalClock({
    ...(options.clockAt === undefined ? {} : { startAt: options.clockAt }),
    speed: options.clockSpeed ?? 1,
  });
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne();
  };
  // With the function's own timeout, as Lambda gives it (the sender stops before it runs out).
  const context = (name: string) =>
    lambdaContextFor(name, crypto.randomUUID(), localRegion, localAccountId, timeoutMillisecondsOf(name));

  try {
    const dynamodb =
      options.dynamoDb === 'dynamodb-local' ? await startDynamoDbLocal() : await startDynaliteThread(host);
    stops.push(() => dynamodb.close());
    const dynamoDbClient = new DynamoDBClient({
      endpoint: dynamodb.endpoint,
      region: localRegion,
      // A copy: the SDK annotates the credentials object it is given.
      credentials: { ...localCredentials },
    });
    stops.push(async () => dynamoDbClient.destroy());
    await createTables(dynamoDbClient, tablePrefix);

    // SES's configuration set and its EventBridge destination: accepted emails become events.
    // Functions are loaded once their ports are composed, below; an event may only come after a
    // send, which needs them loaded.
    let functions: Awaited<ReturnType<typeof loadFunctions>> | undefined;
    const handlerOf = (name: string) => {
      const loaded = functions?.get(name);
      if (loaded === undefined) throw new Error(`Function ${name} is not loaded`);
      return loaded.handler;
    };
    const emailEventsTarget = (functionManifest as readonly FunctionDefinition[]).find(
      (fn) => fn.trigger.kind === 'email-events',
    );
    const sesEvents = createSesEventDestination({
      region: localRegion,
      accountId: localAccountId,
      now: () => clock.now(),
      emit: async (event: SesEventBridgeEvent) => {
        if (emailEventsTarget === undefined) return;
        await (handlerOf(emailEventsTarget.name) as EventHandler)(event, context(emailEventsTarget.name));
      },
    });
    const sesLocal = await startSesLocalThread(host, (email) => sesEvents.accept(email));
    stops.push(() => sesLocal.close());
    const sesUrl = sesLocal.url;
    let sesClientUrl = sesLocal.frontUrl;
    const sesFault = options.faults?.sesEndpoint;
    if (sesFault !== undefined) {
      const wrapped = await sesFault(sesLocal.frontUrl);
      stops.push(() => wrapped.close());
      sesClientUrl = wrapped.url;
    }

    const sqs = await startLocalSqs({ host, port: 0 });
    stops.push(() => sqs.close());
    const sqsClient = new SQSClient({
      endpoint: sqs.endpoint,
      region: localRegion,
      credentials: { ...localCredentials },
    });
    stops.push(async () => sqsClient.destroy());
    const queues = await createQueues(sqsClient, tablePrefix, {
      visibilityTimeoutSeconds: options.queueVisibilityTimeoutSeconds ?? 10,
    });

    let apiUrl = '';
    const config: RuntimeConfig = {
      tableNames: Object.fromEntries(
        tableKeys.map((table) => [table, physicalTableName(tablePrefix, table)]),
      ) as Record<(typeof tableKeys)[number], string>,
      calendarUidDomain: 'consultations.localhost',
      ...(options.allowedOrigins === undefined ? {} : { allowedOrigins: options.allowedOrigins }),
      email: { from: localEmailSender },
      // Links in emails point at this API, whose port is known only once it listens (port 0 picks
      // one); handlers read it per request, after that.
      get publicBaseUrl() {
        return apiUrl;
      },
      schedules: localScheduleConfig,
      linkSigningSecret: localLinkSigningSecret,
      queueUrls: Object.fromEntries(queueKeys.map((key) => [key, queues[key].url])),
      emailSending: options.emailSending ?? localEmailSending,
    };
    const sesClient = new SESv2Client({
      endpoint: sesClientUrl,
      region: localRegion,
      credentials: { ...localCredentials },
      ...sesClientSettings,
    });
    stops.push(async () => sesClient.destroy());
    // The Scheduler emulator starts after the functions are loaded (it invokes them); its client
    // is first asked for by the reconcile below, once it runs.
    let schedulerClient: SchedulerClient | undefined;
    const dependencies = createDependencies(
      {
        dynamoDb: () => dynamoDbClient,
        sesv2: () => sesClient,
        sqs: () => sqsClient,
        scheduler: () => {
          if (schedulerClient === undefined) throw new Error('The Scheduler emulator has not started');
          return schedulerClient;
        },
      },
      config,
      clock,
      {
        // One process, one pacer: the local event sources share the configured rate.
        pacersSharingTheRate: 1,
        ...(options.recipientSources === undefined ? {} : { recipientSources: options.recipientSources }),
        ...(options.faults?.wrapMailer === undefined ? {} : { wrapMailer: options.faults.wrapMailer }),
      },
    );
    for (const definition of consultationDefinitions)
      await dependencies.consultations.seed(definition, clock.now());
    const loadedFunctions = await loadFunctions(dependencies);
    functions = loadedFunctions;

    // Lambda's SQS event sources, one per queue consumer of the manifest.
    const eventSources: EventSource[] = [];
    for (const fn of functionManifest as readonly FunctionDefinition[]) {
      if (fn.trigger.kind !== 'queue') continue;
      const definition = queueDefinitions[fn.trigger.queue];
      const queueUrl = queues[fn.trigger.queue].url;
      const { Attributes } = await sqsClient.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
      );
      const source = startEventSource({
        client: sqsClient,
        queueUrl,
        queueArn: Attributes?.QueueArn ?? '',
        region: localRegion,
        batchSize: definition.batchSize,
        maximumConcurrency: definition.maximumConcurrency,
        handler: handlerOf(fn.name) as unknown as QueueHandler,
        context: () => context(fn.name),
        ...(options.faults?.leaveBatchesAfterSuccess === undefined
          ? {}
          : { leaveBatchesAfterSuccess: options.faults.leaveBatchesAfterSuccess }),
      });
      eventSources.push(source);
      stops.push(() => source.stop());
    }

    const scheduler = await startSchedulerEmulator({
      clock,
      host,
      port: 0,
      region: localRegion,
      accountId: localAccountId,
      ...(options.schedulerPollIntervalMs === undefined
        ? {}
        : { pollIntervalMs: options.schedulerPollIntervalMs }),
      invoke: (delivery) => invokeScheduleTarget(loadedFunctions, delivery),
    });
    stops.push(() => scheduler.close());
    const startedSchedulerClient = new SchedulerClient({
      endpoint: scheduler.url,
      region: localRegion,
      credentials: { ...localCredentials },
    });
    schedulerClient = startedSchedulerClient;
    stops.push(async () => startedSchedulerClient.destroy());

    const endpoints = (): LocalEndpoints => ({
      api: apiUrl,
      dynamodb: dynamodb.endpoint,
      ses: sesLocal.frontUrl,
      sesStore: `${sesUrl}/store`,
      sesRecipientCounts: `${sesLocal.frontUrl}${recipientCountsPath}`,
      sesInbox: `${sesUrl}/`,
      scheduler: scheduler.url,
      sqs: sqs.endpoint,
      queues,
      region: localRegion,
      accountId: localAccountId,
      tables: config.tableNames,
      credentials: localCredentials,
    });
    const advanceClockTo = (at: Date) => scheduler.advanceTo(at);

    const routes: ApiRoute[] = httpFunctions.map((fn) => {
      const loaded = loadedFunctions.get(fn.name);
      if (loaded === undefined) throw new Error(`Function ${fn.name} was not loaded`);
      return {
        functionName: fn.name,
        method: fn.trigger.method,
        resource: fn.trigger.path,
        authorization: fn.trigger.authorization,
        handler: loaded.handler as unknown as ProxyHandler,
      };
    });
    const api = await startApiServer({
      routes,
      host,
      port: options.port ?? 3000,
      region: localRegion,
      accountId: localAccountId,
      stage,
      now: () => clock.now(),
      verifySignature: createSigV4Verifier({ principals: [localSecretariat], region: localRegion }),
      controlRoutes: createControlRoutes({
        endpoints,
        clockNow: () => clock.now(),
        clockSpeed: clock.speed,
        advanceClockTo,
        schedulerHistory: () => scheduler.history(),
        redeliver: (group, name) => scheduler.fire(group, name),
      }),
    });
    stops.push(() => api.close());
    apiUrl = api.url;

    // As a deploy does after seeding: schedules for what is to come (transitions and reminder
    // waves), catch-up for transitions that have passed. After the API listens: a caught-up
    // transition's email links point at it.
    const startupReconciliation: ReconcileReport[] = [];
    for (const definition of consultationDefinitions) {
      const report = await reconcileSchedules(dependencies, definition.id);
      if (report !== undefined) startupReconciliation.push(report);
    }

    const idle = async () => {
      // Twice round: an SES event recorded late may be what a re-delivered batch waited for.
      for (let round = 0; round < 2; round += 1) {
        for (const source of eventSources) await source.idle();
        await sesLocal.flush();
        await sesEvents.settled();
      }
    };
    const deadLetterCount = async (queue: QueueKey) => {
      const { Attributes } = await sqsClient.send(
        new GetQueueAttributesCommand({
          QueueUrl: queues[queue].deadLetterUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return (
        Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
      );
    };

    return {
      endpoints: endpoints(),
      clock,
      advanceClockTo,
      deliverDueSchedules: () => scheduler.runDue(),
      startupReconciliation,
      idle,
      deadLetterCount,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

type ScheduleTargetHandler = (event: unknown, context: Context) => Promise<unknown>;

/** What Lambda's Invoke does for a Scheduler target: the schedule's Input, parsed, is the event. */
async function invokeScheduleTarget(
  functions: Map<string, { definition: FunctionDefinition; handler: unknown }>,
  delivery: ScheduleDelivery,
): Promise<void> {
  const name = functionNameFromArn(delivery.targetArn);
  const target = [...functions.values()].find(
    (fn) => name !== undefined && (fn.definition.name === name || name.endsWith(`-${fn.definition.name}`)),
  );
  if (target === undefined || target.definition.trigger.kind !== 'schedule-target') {
    throw new Error(`Function not found or not a schedule target: ${delivery.targetArn}`);
  }
  const event: unknown = delivery.input === undefined ? {} : JSON.parse(delivery.input);
  const handler = target.handler as ScheduleTargetHandler;
  await handler(
    event,
    lambdaContextFor(
      target.definition.name,
      crypto.randomUUID(),
      localRegion,
      localAccountId,
      timeoutMillisecondsOf(target.definition.name),
    ),
  );
}

function timeoutMillisecondsOf(name: string): number {
  const definition = (functionManifest as readonly FunctionDefinition[]).find((fn) => fn.name === name);
  return (definition?.timeoutSeconds ?? defaultTimeoutSeconds) * 1000;
}
