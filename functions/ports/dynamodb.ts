import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbAuditTrail } from '../../shared/adapters/dynamodb/audit-trail.ts';
import { createDynamoDbConsultationRepository } from '../../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbExtensionRepository } from '../../shared/adapters/dynamodb/extension-repository.ts';
import { createDynamoDbSubmissionRepository } from '../../shared/adapters/dynamodb/submission-repository.ts';
import { createDynamoDbSubmissionStatistics } from '../../shared/adapters/dynamodb/submission-statistics.ts';
import { createDynamoDbTransitionLedger } from '../../shared/adapters/dynamodb/transition-ledger.ts';
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
