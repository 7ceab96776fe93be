import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Context } from 'aws-lambda';
import { createDependencies } from '../functions/dependencies.ts';
import { type FunctionDefinition, httpFunctions } from '../functions/manifest.ts';
import { physicalTableName, tableKeys } from '../shared/adapters/dynamodb/table-definitions.ts';
import type { RuntimeConfig } from '../shared/config/runtime-config.ts';
import { consultationDefinitions } from '../shared/domain/definitions/index.ts';
import { type ReconcileReport, reconcileSchedules } from '../shared/use-cases/reconcile-schedules.ts';
import { type ApiRoute, closeServer, type ProxyHandler, startApiServer } from './api-gateway/api-server.ts';
import { lambdaContextFor } from './api-gateway/proxy-event.ts';
import { createSigV4Verifier, type IamPrincipal } from './api-gateway/sigv4-verifier.ts';
import { createControlRoutes } from './control-routes.ts';
import { createTables } from './dynamodb/create-tables.ts';
import { startDynalite } from './dynamodb/dynalite-server.ts';
import { functionNameFromArn, loadFunctions } from './function-registry.ts';
import { createLocalClock, type LocalClock } from './local-clock.ts';
import {
  type FiredSchedule,
  type ScheduleDelivery,
  startSchedulerEmulator,
} from './scheduler/scheduler-emulator.ts';
import { startSesLocal } from './ses-local.ts';

/**
 * The whole system on loopback: the API in front of the same handlers Lambda runs, DynamoDB
 * (dynalite, in process), SES (aws-ses-v2-local), and the EventBridge Scheduler emulator, all driven
 * by one clock. `npm start` runs it; the e2e tests start and stop it per suite.
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
}

export interface LocalEndpoints {
  readonly api: string;
  readonly dynamodb: string;
  readonly ses: string;
  readonly sesStore: string;
  readonly sesInbox: string;
  readonly scheduler: string;
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
export const localScheduleConfig = {
  groupPrefix: tablePrefix,
  roleArn: `arn:aws:iam::${localAccountId}:role/${tablePrefix}-scheduler`,
  deadLetterQueueArn: `arn:aws:sqs:${localRegion}:${localAccountId}:${tablePrefix}-schedule-dead-letters`,
  transitionTargetArn: `arn:aws:lambda:${localRegion}:${localAccountId}:function:${tablePrefix}-apply-transition`,
} as const;
export const localEmailSender = 'WSIS Secretariat <no-reply@consultations.localhost>';

const stage = 'local';

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

  try {
    const dynamodb = await startDynalite({ host, port: 0 });
    stops.push(() => dynamodb.close());
    const dynamoDbClient = new DynamoDBClient({
      endpoint: dynamodb.endpoint,
      region: localRegion,
      // A copy: the SDK annotates the credentials object it is given.
      credentials: { ...localCredentials },
    });
    stops.push(async () => dynamoDbClient.destroy());
    await createTables(dynamoDbClient, tablePrefix);

    const sesServer = await startSesLocal({ host, port: 0 });
    stops.push(() => closeServer(sesServer));
    const sesAddress = sesServer.address();
    const sesUrl = `http://${host}:${typeof sesAddress === 'object' && sesAddress !== null ? sesAddress.port : 0}`;

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
    };
    const sesClient = new SESv2Client({
      endpoint: sesUrl,
      region: localRegion,
      credentials: { ...localCredentials },
    });
    stops.push(async () => sesClient.destroy());
    // The Scheduler emulator starts after the functions are loaded (it invokes them); its client
    // is first asked for by the reconcile below, once it runs.
    let schedulerClient: SchedulerClient | undefined;
    const dependencies = createDependencies(
      {
        dynamoDb: () => dynamoDbClient,
        sesv2: () => sesClient,
        scheduler: () => {
          if (schedulerClient === undefined) throw new Error('The Scheduler emulator has not started');
          return schedulerClient;
        },
      },
      config,
      clock,
    );
    for (const definition of consultationDefinitions)
      await dependencies.consultations.seed(definition, clock.now());
    const functions = await loadFunctions(dependencies);

    const scheduler = await startSchedulerEmulator({
      clock,
      host,
      port: 0,
      region: localRegion,
      accountId: localAccountId,
      ...(options.schedulerPollIntervalMs === undefined
        ? {}
        : { pollIntervalMs: options.schedulerPollIntervalMs }),
      invoke: (delivery) => invokeScheduleTarget(functions, delivery),
    });
    stops.push(() => scheduler.close());
    const startedSchedulerClient = new SchedulerClient({
      endpoint: scheduler.url,
      region: localRegion,
      credentials: { ...localCredentials },
    });
    schedulerClient = startedSchedulerClient;
    stops.push(async () => startedSchedulerClient.destroy());

    // As a deploy does after seeding: schedules for what is to come, catch-up for what has passed.
    const startupReconciliation: ReconcileReport[] = [];
    for (const definition of consultationDefinitions) {
      const report = await reconcileSchedules(dependencies, definition.id);
      if (report !== undefined) startupReconciliation.push(report);
    }

    const endpoints = (): LocalEndpoints => ({
      api: apiUrl,
      dynamodb: dynamodb.endpoint,
      ses: sesUrl,
      sesStore: `${sesUrl}/store`,
      sesInbox: `${sesUrl}/`,
      scheduler: scheduler.url,
      region: localRegion,
      accountId: localAccountId,
      tables: config.tableNames,
      credentials: localCredentials,
    });
    const advanceClockTo = (at: Date) => scheduler.advanceTo(at);

    const routes: ApiRoute[] = httpFunctions.map((fn) => {
      const loaded = functions.get(fn.name);
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

    return {
      endpoints: endpoints(),
      clock,
      advanceClockTo,
      deliverDueSchedules: () => scheduler.runDue(),
      startupReconciliation,
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
    lambdaContextFor(target.definition.name, crypto.randomUUID(), localRegion, localAccountId),
  );
}
