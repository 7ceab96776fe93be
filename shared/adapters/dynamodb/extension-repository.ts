import { type DynamoDBDocumentClient, GetCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { type Extension, extensionSchema, granteeKey, granteeKeysOf } from '../../domain/extension.ts';
import type { ExtensionRepository } from '../../ports/extension-repository.ts';
import { tableDefinitions } from './table-definitions.ts';

/**
 * Extensions live beside their consultation: `pk = CONSULTATION#<id>`,
 * `sk = EXTENSION#<call>#<grantee key>`, so a submitter's extensions are two GetItems on known keys
 * and a consultation's are one Query.
 */
const keys = tableDefinitions.consultations;
const partitionKeyOf = (consultationId: string) => `CONSULTATION#${consultationId}`;
const sortKeyPrefix = 'EXTENSION#';

export function createDynamoDbExtensionRepository(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): ExtensionRepository {
  const keyOf = (consultationId: string, call: string, grantee: string) => ({
    [keys.partitionKey.name]: partitionKeyOf(consultationId),
    [keys.sortKey.name]: `${sortKeyPrefix}${call}#${grantee}`,
  });

  return {
    async grant(consultationId, extension) {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keyOf(consultationId, extension.call, granteeKey(extension.grantee)), extension },
        }),
      );
    },

    async findFor(consultationId, call, submitter) {
      const found = await Promise.all(
        granteeKeysOf(submitter).map((grantee) =>
          documentClient.send(
            new GetCommand({
              TableName: tableName,
              Key: keyOf(consultationId, call, grantee),
              ConsistentRead: true,
            }),
          ),
        ),
      );
      return found.flatMap(({ Item }) => (Item === undefined ? [] : [parse(Item)]));
    },

    async list(consultationId) {
      const extensions: Extension[] = [];
      const pages = paginateQuery(
        { client: documentClient },
        {
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': keys.partitionKey.name, '#sk': keys.sortKey.name },
          ExpressionAttributeValues: { ':pk': partitionKeyOf(consultationId), ':prefix': sortKeyPrefix },
          ConsistentRead: true,
        },
      );
      for await (const page of pages) for (const item of page.Items ?? []) extensions.push(parse(item));
      return extensions;
    },
  };
}

function parse(item: Record<string, unknown>): Extension {
  return extensionSchema.parse(item.extension);
}
