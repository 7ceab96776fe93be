import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { consultationSpan } from '../../domain/calendar.ts';
import {
  type ConsultationDefinition,
  parseConsultationDefinition,
} from '../../domain/consultation-definition.ts';
import type { ConsultationRepository, StoredConsultation } from '../../ports/consultation-repository.ts';
import { conditionalWrite } from './conditional-write.ts';
import { tableDefinitions } from './table-definitions.ts';

const keys = tableDefinitions.consultations;
const [byKind] = keys.globalSecondaryIndexes;
const definitionSortKey = 'DEFINITION';
const consultationKind = 'CONSULTATION';

const partitionKeyOf = (id: string) => `CONSULTATION#${id}`;

interface ConsultationItem {
  readonly id: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly definition: unknown;
}

export function createDynamoDbConsultationRepository(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): ConsultationRepository {
  return {
    async find(id) {
      const { Item } = await documentClient.send(
        new GetCommand({
          TableName: tableName,
          Key: { [keys.partitionKey.name]: partitionKeyOf(id), [keys.sortKey.name]: definitionSortKey },
          ConsistentRead: true,
        }),
      );
      return Item === undefined ? undefined : fromItem(Item as ConsultationItem);
    },

    async list() {
      const consultations: StoredConsultation[] = [];
      const pages = paginateQuery(
        { client: documentClient },
        {
          TableName: tableName,
          IndexName: byKind.indexName,
          KeyConditionExpression: '#kind = :kind',
          ExpressionAttributeNames: { '#kind': byKind.partitionKey.name },
          ExpressionAttributeValues: { ':kind': consultationKind },
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) consultations.push(fromItem(item as ConsultationItem));
      }
      return consultations;
    },

    async seed(definition, at) {
      return conditionalWrite(() =>
        documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: toItem(definition, 1, at),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': keys.partitionKey.name },
          }),
        ),
      );
    },

    async update(definition, expectedVersion, at) {
      const item = toItem(definition, expectedVersion + 1, at);
      try {
        await documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: item,
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'version-conflict';
        throw error;
      }
      return { definition, version: expectedVersion + 1, updatedAt: at.toISOString() };
    },
  };
}

function toItem(definition: ConsultationDefinition, version: number, at: Date): Record<string, unknown> {
  const firstInstant = consultationSpan(definition).startsAt;
  return {
    [keys.partitionKey.name]: partitionKeyOf(definition.id),
    [keys.sortKey.name]: definitionSortKey,
    [byKind.partitionKey.name]: consultationKind,
    [byKind.sortKey.name]: `${firstInstant}#${definition.id}`,
    id: definition.id,
    version,
    updatedAt: at.toISOString(),
    definition,
  };
}

/** Stored data is parsed like any input: a definition that no longer validates fails loudly here. */
function fromItem(item: ConsultationItem): StoredConsultation {
  return {
    definition: parseConsultationDefinition(item.definition),
    version: item.version,
    updatedAt: item.updatedAt,
  };
}
