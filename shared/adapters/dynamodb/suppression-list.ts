import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SuppressionList } from '../../ports/suppression-list.ts';
import { batchGetItems } from './batch-get.ts';
import { tableDefinitions } from './table-definitions.ts';

const keys = tableDefinitions.deliveries;
const pk = keys.partitionKey.name;
const sk = keys.sortKey.name;
const prefix = 'SUPPRESSED#';
const keyOf = (addressKey: string) => ({ [pk]: `${prefix}${addressKey}`, [sk]: 'SUPPRESSION' });

export function createDynamoDbSuppressionList(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): SuppressionList {
  return {
    async suppress(suppression) {
      try {
        await documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keyOf(suppression.addressKey),
              email: suppression.email,
              reason: suppression.reason,
              detail: suppression.detail,
              suppressedAt: suppression.at.toISOString(),
            },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': pk },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async suppressedAmong(addressKeys) {
      const items = await batchGetItems(documentClient, tableName, [...new Set(addressKeys)].map(keyOf), {
        projection: '#pk',
        names: { '#pk': pk },
      });
      return new Set(items.map((item) => String(item[pk]).slice(prefix.length)));
    },
  };
}
