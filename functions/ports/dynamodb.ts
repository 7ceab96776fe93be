import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbAnnouncementRepository } from '../../shared/adapters/dynamodb/announcement-repository.ts';
import { createDynamoDbAuditTrail } from '../../shared/adapters/dynamodb/audit-trail.ts';
import { createDynamoDbConsultationRepository } from '../../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbDraftHolders } from '../../shared/adapters/dynamodb/draft-holders.ts';
import { createDynamoDbExtensionRepository } from '../../shared/adapters/dynamodb/extension-repository.ts';
import { createDynamoDbModerationEmails } from '../../shared/adapters/dynamodb/moderation-emails.ts';
import { createDynamoDbPersonalDataStore } from '../../shared/adapters/dynamodb/personal-data-store.ts';
import { createDynamoDbSendRecords } from '../../shared/adapters/dynamodb/send-records.ts';
import { createDynamoDbSubmissionCatalog } from '../../shared/adapters/dynamodb/submission-catalog.ts';
import { createDynamoDbSubmissionRepository } from '../../shared/adapters/dynamodb/submission-repository.ts';
import { createDynamoDbSubmissionStatistics } from '../../shared/adapters/dynamodb/submission-statistics.ts';
import { createDynamoDbSubmitterStandings } from '../../shared/adapters/dynamodb/submitter-standings.ts';
import { createDynamoDbSubscriptionRepository } from '../../shared/adapters/dynamodb/subscription-repository.ts';
import { createDynamoDbSuppressionList } from '../../shared/adapters/dynamodb/suppression-list.ts';
import { createDynamoDbTransitionLedger } from '../../shared/adapters/dynamodb/transition-ledger.ts';
import { createDynamoDbWaveLog } from '../../shared/adapters/dynamodb/wave-log.ts';
import { subscriberRecipients } from '../../shared/use-cases/subscriber-recipients.ts';
import type { PortFactory } from '../lambda-entry.ts';
import { traced } from '../observability.ts';

/**
 * The DynamoDB-backed ports, for Lambda entry points that use them. A function's bundle holds the
 * DynamoDB client only if its entry imports this module; the ports a function composes share one
 * client. Which table each port reads or writes is what the manifest's `access` list must grant.
 */
let documents: DynamoDBDocumentClient | undefined;

function documentClient(): DynamoDBDocumentClient {
  documents ??= createDocumentClient(traced(new DynamoDBClient({})));
  return documents;
}

/** Consultations table. */
export const consultationsInDynamoDb: PortFactory<'consultations'> = (config) =>
  createDynamoDbConsultationRepository(documentClient(), config.tableNames.consultations);

/** Consultations table (deadline extensions live beside their consultation). */
export const extensionsInDynamoDb: PortFactory<'extensions'> = (config) =>
  createDynamoDbExtensionRepository(documentClient(), config.tableNames.consultations);

/** Consultations table (the ledger of applied transitions). */
export const transitionLedgerInDynamoDb: PortFactory<'transitionLedger'> = (config) =>
  createDynamoDbTransitionLedger(documentClient(), config.tableNames.consultations);

/** Consultations table (the audit trail of each consultation). */
export const auditTrailInDynamoDb: PortFactory<'auditTrail'> = (config) =>
  createDynamoDbAuditTrail(documentClient(), config.tableNames.consultations);

/** Submissions table. */
export const submissionsInDynamoDb: PortFactory<'submissions'> = (config) =>
  createDynamoDbSubmissionRepository(documentClient(), config.tableNames.submissions);

/** Submissions table, read only (counts through its keys-only index). */
export const submissionStatisticsInDynamoDb: PortFactory<'submissionStatistics'> = (config) =>
  createDynamoDbSubmissionStatistics(documentClient(), config.tableNames.submissions);

/** Subscriptions table (subscribers, confirmation tokens, opt-outs). */
export const subscriptionsInDynamoDb: PortFactory<'subscriptions'> = (config) =>
  createDynamoDbSubscriptionRepository(documentClient(), config.tableNames.subscriptions);

/** Deliveries table (the suppression list). */
export const suppressionsInDynamoDb: PortFactory<'suppressions'> = (config) =>
  createDynamoDbSuppressionList(documentClient(), config.tableNames.deliveries);

/** Deliveries table (one send record per wave and recipient). */
export const sendRecordsInDynamoDb: PortFactory<'sendRecords'> = (config) =>
  createDynamoDbSendRecords(documentClient(), config.tableNames.deliveries);

/** Deliveries table (each wave's fan-out progress). */
export const waveLogInDynamoDb: PortFactory<'waveLog'> = (config) =>
  createDynamoDbWaveLog(documentClient(), config.tableNames.deliveries);

/**
 * A wave's recipients: confirmed subscribers (subscriptions table, sparse index) and draft holders
 * (submissions table, `byCallStatus` and the items), each read page by page with Query.
 */
export const recipientSourcesInDynamoDb: PortFactory<'recipientSources'> = (config) => ({
  'confirmed-subscribers': subscriberRecipients(
    createDynamoDbSubscriptionRepository(documentClient(), config.tableNames.subscriptions),
  ),
  'draft-holders': createDynamoDbDraftHolders(documentClient(), config.tableNames.submissions),
});

/** Submissions table, read only (the `byConsultation` index: the Secretariat's list, export, stats). */
export const submissionCatalogInDynamoDb: PortFactory<'submissionCatalog'> = (config) =>
  createDynamoDbSubmissionCatalog(documentClient(), config.tableNames.submissions);

/** Consultations table (the Secretariat's announcements live beside their consultation). */
export const announcementsInDynamoDb: PortFactory<'announcements'> = (config) =>
  createDynamoDbAnnouncementRepository(documentClient(), config.tableNames.consultations);

/** Submissions table (the claim and outcome of each moderation email, beside its submission). */
export const moderationEmailsInDynamoDb: PortFactory<'moderationEmails'> = (config) =>
  createDynamoDbModerationEmails(documentClient(), config.tableNames.submissions);

/**
 * What is held about a person, across all four tables (the manifest's access list of a function
 * composing it must grant each table it reads or writes).
 */
export const personalDataInDynamoDb: PortFactory<'personalData'> = (config) =>
  createDynamoDbPersonalDataStore(documentClient(), config.tableNames);

/** Submissions table, read only (`bySubmitter`, then the items): what a reminder's recipient holds. */
export const submitterStandingsInDynamoDb: PortFactory<'submitterStandings'> = (config) =>
  createDynamoDbSubmitterStandings(documentClient(), config.tableNames.submissions);
