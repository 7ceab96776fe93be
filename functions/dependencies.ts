import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createDynamoDbAnnouncementRepository } from '../shared/adapters/dynamodb/announcement-repository.ts';
import { createDynamoDbAuditTrail } from '../shared/adapters/dynamodb/audit-trail.ts';
import { createDynamoDbConsultationRepository } from '../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbDraftHolders } from '../shared/adapters/dynamodb/draft-holders.ts';
import { createDynamoDbExtensionRepository } from '../shared/adapters/dynamodb/extension-repository.ts';
import { createDynamoDbModerationEmails } from '../shared/adapters/dynamodb/moderation-emails.ts';
import { createDynamoDbPersonalDataStore } from '../shared/adapters/dynamodb/personal-data-store.ts';
import { createDynamoDbSendRecords } from '../shared/adapters/dynamodb/send-records.ts';
import { createDynamoDbSubmissionCatalog } from '../shared/adapters/dynamodb/submission-catalog.ts';
import { createDynamoDbSubmissionRepository } from '../shared/adapters/dynamodb/submission-repository.ts';
import { createDynamoDbSubmissionStatistics } from '../shared/adapters/dynamodb/submission-statistics.ts';
import { createDynamoDbSubmitterStandings } from '../shared/adapters/dynamodb/submitter-standings.ts';
import { createDynamoDbSubscriptionRepository } from '../shared/adapters/dynamodb/subscription-repository.ts';
import { createDynamoDbSuppressionList } from '../shared/adapters/dynamodb/suppression-list.ts';
import { createDynamoDbTransitionLedger } from '../shared/adapters/dynamodb/transition-ledger.ts';
import { createDynamoDbWaveLog } from '../shared/adapters/dynamodb/wave-log.ts';
import { createEventBridgeScheduleGateway } from '../shared/adapters/scheduler/eventbridge-schedule-gateway.ts';
import { createSesMailer } from '../shared/adapters/ses/ses-mailer.ts';
import { createSqsReminderQueue } from '../shared/adapters/sqs/reminder-queue.ts';
import {
  type RuntimeConfig,
  requireEmailConfig,
  requireQueueUrl,
  requireScheduleConfig,
} from '../shared/config/runtime-config.ts';
import type { AnnouncementRepository } from '../shared/ports/announcement-repository.ts';
import type { AuditTrail } from '../shared/ports/audit-trail.ts';
import type { Clock } from '../shared/ports/clock.ts';
import type { ConsultationRepository } from '../shared/ports/consultation-repository.ts';
import type { ExtensionRepository } from '../shared/ports/extension-repository.ts';
import { type IdentifierSource, randomIdentifiers } from '../shared/ports/identifiers.ts';
import type { Mailer } from '../shared/ports/mailer.ts';
import type { ModerationEmails } from '../shared/ports/moderation-emails.ts';
import type { PersonalDataStore } from '../shared/ports/personal-data-store.ts';
import type { RecipientSources } from '../shared/ports/recipient-source.ts';
import type { ReminderQueue } from '../shared/ports/reminder-queue.ts';
import type { ScheduleGateway } from '../shared/ports/schedule-gateway.ts';
import type { SendPacer } from '../shared/ports/send-pacer.ts';
import type { SendRecords } from '../shared/ports/send-records.ts';
import type { SubmissionCatalog } from '../shared/ports/submission-catalog.ts';
import type { SubmissionRepository } from '../shared/ports/submission-repository.ts';
import type { SubmissionStatistics } from '../shared/ports/submission-statistics.ts';
import type { SubmitterStandings } from '../shared/ports/submitter-standings.ts';
import type { SubscriptionRepository } from '../shared/ports/subscription-repository.ts';
import type { SuppressionList } from '../shared/ports/suppression-list.ts';
import type { TransitionLedger } from '../shared/ports/transition-ledger.ts';
import type { WaveLog } from '../shared/ports/wave-log.ts';
import { subscriberRecipients } from '../shared/use-cases/subscriber-recipients.ts';
import { createSendPacer } from './ports/pacing.ts';

/**
 * The composition root: the only place that turns configuration and AWS clients into the ports the
 * use cases take. The local runtime and the tests build all of it here, from clients pointed at the
 * emulators and the local clock. In Lambda, `lambda-entry.ts` composes only the ports an entry names,
 * from the factories in `ports/`, so that a bundle holds only the AWS clients its function uses; this
 * module is then imported for its types alone.
 *
 * Every port is built on first use.
 */
export interface Dependencies {
  readonly clock: Clock;
  readonly config: RuntimeConfig;
  readonly consultations: ConsultationRepository;
  readonly extensions: ExtensionRepository;
  readonly mailer: Mailer;
  readonly submissions: SubmissionRepository;
  readonly submissionStatistics: SubmissionStatistics;
  readonly identifiers: IdentifierSource;
  readonly schedules: ScheduleGateway;
  readonly transitionLedger: TransitionLedger;
  readonly auditTrail: AuditTrail;
  readonly subscriptions: SubscriptionRepository;
  readonly suppressions: SuppressionList;
  readonly sendRecords: SendRecords;
  readonly waveLog: WaveLog;
  readonly reminderQueue: ReminderQueue;
  /** `confirmed-subscribers` (subscriptions table) and `draft-holders` (submissions table). */
  readonly recipientSources: RecipientSources;
  /** Paces reminder sends; one per execution environment. */
  readonly pacer: SendPacer;
  /** The Secretariat's list, export and statistics of a consultation's submissions. */
  readonly submissionCatalog: SubmissionCatalog;
  /** The Secretariat's announcements (consultations table), read as waves by the fan-out. */
  readonly announcements: AnnouncementRepository;
  /** The claim and outcome of each moderation email (submissions table). */
  readonly moderationEmails: ModerationEmails;
  /** What is held about a person across the tables, for data-protection requests and retention. */
  readonly personalData: PersonalDataStore;
  /** What each recipient of a deadline reminder has submitted or holds as a draft (submissions table). */
  readonly submitterStandings: SubmitterStandings;
}

/** How to get each AWS client; each is called at most once per composition. */
export interface AwsClientFactories {
  readonly dynamoDb: () => DynamoDBClient;
  /** Built with `sesClientSettings`: see the SES mailer on why the SDK must not resend. */
  readonly sesv2: () => SESv2Client;
  readonly scheduler: () => SchedulerClient;
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
  /** Replaces recipient sources by name, e.g. a test's stand-in. */
  readonly recipientSources?: RecipientSources;
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
  const submissions = once(() =>
    createDynamoDbSubmissionRepository(documents(), config.tableNames.submissions),
  );
  const submissionStatistics = once(() =>
    createDynamoDbSubmissionStatistics(documents(), config.tableNames.submissions),
  );
  const mailer = once(() => {
    const mailer = createSesMailer(clients.sesv2(), requireEmailConfig(config));
    return options.wrapMailer === undefined ? mailer : options.wrapMailer(mailer);
  });
  const schedules = once(() =>
    createEventBridgeScheduleGateway(clients.scheduler(), requireScheduleConfig(config)),
  );
  const transitionLedger = once(() =>
    createDynamoDbTransitionLedger(documents(), config.tableNames.consultations),
  );
  const auditTrail = once(() => createDynamoDbAuditTrail(documents(), config.tableNames.consultations));
  const subscriptions = once(() =>
    createDynamoDbSubscriptionRepository(documents(), config.tableNames.subscriptions),
  );
  const suppressions = once(() => createDynamoDbSuppressionList(documents(), config.tableNames.deliveries));
  const sendRecords = once(() => createDynamoDbSendRecords(documents(), config.tableNames.deliveries));
  const waveLog = once(() => createDynamoDbWaveLog(documents(), config.tableNames.deliveries));
  const reminderQueue = once(() =>
    createSqsReminderQueue(clients.sqs(), requireQueueUrl(config, 'reminders')),
  );
  const recipientSources = once(
    (): RecipientSources => ({
      'confirmed-subscribers': subscriberRecipients(subscriptions()),
      'draft-holders': createDynamoDbDraftHolders(documents(), config.tableNames.submissions),
      ...options.recipientSources,
    }),
  );
  const pacer = once(() => createSendPacer(config, options.pacersSharingTheRate));
  const submitterStandings = once(() =>
    createDynamoDbSubmitterStandings(documents(), config.tableNames.submissions),
  );
  const submissionCatalog = once(() =>
    createDynamoDbSubmissionCatalog(documents(), config.tableNames.submissions),
  );
  const announcements = once(() =>
    createDynamoDbAnnouncementRepository(documents(), config.tableNames.consultations),
  );
  const moderationEmails = once(() =>
    createDynamoDbModerationEmails(documents(), config.tableNames.submissions),
  );
  const personalData = once(() => createDynamoDbPersonalDataStore(documents(), config.tableNames));
  return {
    clock,
    config,
    get schedules() {
      return schedules();
    },
    get transitionLedger() {
      return transitionLedger();
    },
    get auditTrail() {
      return auditTrail();
    },
    get consultations() {
      return consultations();
    },
    get extensions() {
      return extensions();
    },
    get mailer() {
      return mailer();
    },
    get submissions() {
      return submissions();
    },
    get submissionStatistics() {
      return submissionStatistics();
    },
    identifiers: randomIdentifiers,
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
    get submissionCatalog() {
      return submissionCatalog();
    },
    get announcements() {
      return announcements();
    },
    get moderationEmails() {
      return moderationEmails();
    },
    get personalData() {
      return personalData();
    },
    get submitterStandings() {
      return submitterStandings();
    },
  };
}
