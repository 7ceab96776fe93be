import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { createDynamoDbConsultationRepository } from '../shared/adapters/dynamodb/consultation-repository.ts';
import { createDynamoDbExtensionRepository } from '../shared/adapters/dynamodb/extension-repository.ts';
import { createDynamoDbSendRecords } from '../shared/adapters/dynamodb/send-records.ts';
import { createDynamoDbSubscriptionRepository } from '../shared/adapters/dynamodb/subscription-repository.ts';
import { createDynamoDbSuppressionList } from '../shared/adapters/dynamodb/suppression-list.ts';
import { createDynamoDbWaveLog } from '../shared/adapters/dynamodb/wave-log.ts';
import { createIntervalPacer } from '../shared/adapters/pacing/interval-pacer.ts';
import { createSesMailer } from '../shared/adapters/ses/ses-mailer.ts';
import { queueDefinitions } from '../shared/adapters/sqs/queue-definitions.ts';
import { createSqsReminderQueue } from '../shared/adapters/sqs/reminder-queue.ts';
import {
  defaultEmailSending,
  environmentVariableNames,
  type RuntimeConfig,
  readRuntimeConfig,
} from '../shared/config/runtime-config.ts';
import { type Clock, systemClock } from '../shared/ports/clock.ts';
import type { ConsultationRepository } from '../shared/ports/consultation-repository.ts';
import type { ExtensionRepository } from '../shared/ports/extension-repository.ts';
import type { Mailer } from '../shared/ports/mailer.ts';
import type { RecipientSources } from '../shared/ports/recipient-source.ts';
import type { ReminderQueue } from '../shared/ports/reminder-queue.ts';
import type { SendPacer } from '../shared/ports/send-pacer.ts';
import type { SendRecords } from '../shared/ports/send-records.ts';
import type { SubscriptionRepository } from '../shared/ports/subscription-repository.ts';
import type { SuppressionList } from '../shared/ports/suppression-list.ts';
import type { WaveLog } from '../shared/ports/wave-log.ts';
import { subscriberRecipients } from '../shared/use-cases/subscriber-recipients.ts';

/**
 * The composition root: the only place that turns configuration and AWS clients into the ports the
 * use cases take. Lambda builds it once per cold start from its environment; the local runtime and
 * the tests build it from clients pointed at the emulators and the local clock.
 *
 * Every port is built on first use, so a function pays at cold start only for the clients it uses.
 */
export interface Dependencies {
  readonly clock: Clock;
  readonly config: RuntimeConfig;
  readonly consultations: ConsultationRepository;
  readonly extensions: ExtensionRepository;
  readonly mailer: Mailer;
  readonly subscriptions: SubscriptionRepository;
  readonly suppressions: SuppressionList;
  readonly sendRecords: SendRecords;
  readonly waveLog: WaveLog;
  readonly reminderQueue: ReminderQueue;
  readonly recipientSources: RecipientSources;
  /** Paces reminder sends; one per execution environment. */
  readonly pacer: SendPacer;
}

/** How to get each AWS client; each is called at most once per composition. */
export interface AwsClientFactories {
  readonly dynamoDb: () => DynamoDBClient;
  /** Built with `maxAttempts: 1`: see the SES mailer on why the SDK must not resend. */
  readonly sesv2: () => SESv2Client;
  readonly sqs: () => SQSClient;
}

export interface CompositionOptions {
  /**
   * How many pacers share the configured send rate. In Lambda every concurrent invocation of the
   * sender has its own (the queue's maximum concurrency); the local runtime runs them all on one.
   */
  readonly pacersSharingTheRate?: number;
  /** Wraps the mailer, e.g. for the local runtime's fault injection. */
  readonly wrapMailer?: (mailer: Mailer) => Mailer;
  /** Recipient sources beyond the confirmed subscribers, e.g. draft holders. */
  readonly extraRecipientSources?: RecipientSources;
}

/**
 * How every SES client is built. One attempt: the SDK's own retries would resend an email whose
 * answer was lost, which only the send records can do safely. A request timeout: a call that never
 * answers must end as an unknown outcome (settled by SES's Send event) rather than hold the sender
 * until its invocation times out.
 */
export const sesClientSettings = {
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
} as const;

export function createDocumentClient(dynamoDb: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(dynamoDb, { marshallOptions: { removeUndefinedValues: true } });
}

function once<T>(create: () => T): () => T {
  let value: T | undefined;
  let created = false;
  return () => {
    if (!created) {
      value = create();
      created = true;
    }
    return value as T;
  };
}

export function createDependencies(
  clients: AwsClientFactories,
  config: RuntimeConfig,
  clock: Clock,
  options: CompositionOptions = {},
): Dependencies {
  const documents = once(() => createDocumentClient(clients.dynamoDb()));
  const consultations = once(() =>
    createDynamoDbConsultationRepository(documents(), config.tableNames.consultations),
  );
  const extensions = once(() =>
    createDynamoDbExtensionRepository(documents(), config.tableNames.consultations),
  );
  const mailer = once(() => {
    if (config.email === undefined) {
      throw new Error(`This function sends email but ${environmentVariableNames.emailFrom} is not set`);
    }
    const mailer = createSesMailer(clients.sesv2(), config.email);
    return options.wrapMailer === undefined ? mailer : options.wrapMailer(mailer);
  });
  const subscriptions = once(() =>
    createDynamoDbSubscriptionRepository(documents(), config.tableNames.subscriptions),
  );
  const suppressions = once(() => createDynamoDbSuppressionList(documents(), config.tableNames.deliveries));
  const sendRecords = once(() => createDynamoDbSendRecords(documents(), config.tableNames.deliveries));
  const waveLog = once(() => createDynamoDbWaveLog(documents(), config.tableNames.deliveries));
  const reminderQueue = once(() => {
    const queueUrl = config.queueUrls?.reminders;
    if (queueUrl === undefined) {
      throw new Error(
        `This function queues reminders but ${queueDefinitions.reminders.queueUrlEnv} is not set`,
      );
    }
    return createSqsReminderQueue(clients.sqs(), queueUrl);
  });
  const recipientSources = once(
    (): RecipientSources => ({
      'confirmed-subscribers': subscriberRecipients(subscriptions()),
      ...options.extraRecipientSources,
    }),
  );
  const pacer = once(() => {
    const sending = config.emailSending ?? defaultEmailSending;
    const rate = Math.min(sending.ratePerSecond, sending.sesMaxSendRate);
    const share = options.pacersSharingTheRate ?? queueDefinitions.reminders.maximumConcurrency;
    return createIntervalPacer(rate / share);
  });
  return {
    clock,
    config,
    get consultations() {
      return consultations();
    },
    get extensions() {
      return extensions();
    },
    get mailer() {
      return mailer();
    },
    get subscriptions() {
      return subscriptions();
    },
    get suppressions() {
      return suppressions();
    },
    get sendRecords() {
      return sendRecords();
    },
    get waveLog() {
      return waveLog();
    },
    get reminderQueue() {
      return reminderQueue();
    },
    get recipientSources() {
      return recipientSources();
    },
    get pacer() {
      return pacer();
    },
  };
}

let lambdaDependencies: Dependencies | undefined;

/** Built on first use, then kept for the life of the execution environment. */
function dependenciesFromEnvironment(): Dependencies {
  lambdaDependencies ??= createDependencies(
    {
      dynamoDb: () => new DynamoDBClient({}),
      sesv2: () => new SESv2Client(sesClientSettings),
      sqs: () => new SQSClient({}),
    },
    readRuntimeConfig(process.env),
    systemClock,
  );
  return lambdaDependencies;
}

type Handler<TEvent, TResult> = (event: TEvent, context: Context) => Promise<TResult>;

/** The Lambda entry point for a handler factory: composes from the environment once, then delegates. */
export function lambdaEntry<TEvent, TResult>(
  createHandler: (dependencies: Dependencies) => Handler<TEvent, TResult>,
): Handler<TEvent, TResult> {
  let handler: Handler<TEvent, TResult> | undefined;
  return (event, context) => {
    handler ??= createHandler(dependenciesFromEnvironment());
    return handler(event, context);
  };
}
