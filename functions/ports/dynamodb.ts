import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbConsultationRepository } from '../../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbExtensionRepository } from '../../shared/adapters/dynamodb/extension-repository.ts';
import type { PortFactory } from '../lambda-entry.ts';
import { traced } from '../observability.ts';

/**
 * The DynamoDB-backed ports, for Lambda entry points that use them. A function's bundle holds the
 * DynamoDB client only if its entry imports this module.
 */
let documents: DynamoDBDocumentClient | undefined;

function documentClient(): DynamoDBDocumentClient {
  documents ??= createDocumentClient(traced(new DynamoDBClient({})));
  return documents;
}

export const consultationsInDynamoDb: PortFactory<'consultations'> = (config) =>
  createDynamoDbConsultationRepository(documentClient(), config.tableNames.consultations);

export const extensionsInDynamoDb: PortFactory<'extensions'> = (config) =>
  createDynamoDbExtensionRepository(documentClient(), config.tableNames.consultations);
