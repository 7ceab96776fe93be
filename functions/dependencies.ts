import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { createDynamoDbAuditTrail } from '../shared/adapters/dynamodb/audit-trail.ts';
import { createDynamoDbConsultationRepository } from '../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbExtensionRepository } from '../shared/adapters/dynamodb/extension-repository.ts';
import { createDynamoDbSubmissionRepository } from '../shared/adapters/dynamodb/submission-repository.ts';
import { createDynamoDbSubmissionStatistics } from '../shared/adapters/dynamodb/submission-statistics.ts';
import { createDynamoDbTransitionLedger } from '../shared/adapters/dynamodb/transition-ledger.ts';
import { createEventBridgeScheduleGateway } from '../shared/adapters/scheduler/eventbridge-schedule-gateway.ts';
import { createSesMailer } from '../shared/adapters/ses/ses-mailer.ts';
import {
  type RuntimeConfig,
  requireEmailConfig,
  requireScheduleConfig,
} from '../shared/config/runtime-config.ts';
import type { AuditTrail } from '../shared/ports/audit-trail.ts';
import type { Clock } from '../shared/ports/clock.ts';
import type { ConsultationRepository } from '../shared/ports/consultation-repository.ts';
import type { ExtensionRepository } from '../shared/ports/extension-repository.ts';
import { type IdentifierSource, randomIdentifiers } from '../shared/ports/identifiers.ts';
import type { Mailer } from '../shared/ports/mailer.ts';
import type { ScheduleGateway } from '../shared/ports/schedule-gateway.ts';
import type { SubmissionRepository } from '../shared/ports/submission-repository.ts';
import type { SubmissionStatistics } from '../shared/ports/submission-statistics.ts';
import type { TransitionLedger } from '../shared/ports/transition-ledger.ts';

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
}

/** How to get each AWS client; each is called at most once per composition. */
export interface AwsClientFactories {
  readonly dynamoDb: () => DynamoDBClient;
  readonly sesv2: () => SESv2Client;
  readonly scheduler: () => SchedulerClient;
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
  const mailer = once(() => createSesMailer(clients.sesv2(), requireEmailConfig(config)));
  const schedules = once(() =>
    createEventBridgeScheduleGateway(clients.scheduler(), requireScheduleConfig(config)),
  );
  const transitionLedger = once(() =>
    createDynamoDbTransitionLedger(documents(), config.tableNames.consultations),
  );
  const auditTrail = once(() => createDynamoDbAuditTrail(documents(), config.tableNames.consultations));
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
  };
}
