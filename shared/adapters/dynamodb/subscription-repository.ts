import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { languageSchema } from '../../domain/localized-text.ts';
import { stakeholderTypeSchema } from '../../domain/stakeholder-type.ts';
import type { Subscription } from '../../domain/subscription.ts';
import type { SubscriptionRepository } from '../../ports/subscription-repository.ts';
import { batchGetItems, decodeCursor, encodeCursor } from './batch-get.ts';
import { conditionalWrite } from './conditional-write.ts';
import { tableDefinitions } from './table-definitions.ts';

const keys = tableDefinitions.subscriptions;
const [confirmedIndex] = keys.globalSecondaryIndexes;
const pk = keys.partitionKey.name;
const sk = keys.sortKey.name;

const consultationPartition = (consultationId: string) => `CONSULTATION#${consultationId}`;
const subscriberKey = (consultationId: string, addressKey: string) => ({
  [pk]: consultationPartition(consultationId),
  [sk]: `SUBSCRIBER#${addressKey}`,
});
const optOutKey = (consultationId: string, addressKey: string) => ({
  [pk]: consultationPartition(consultationId),
  [sk]: `OPT-OUT#${addressKey}`,
});
const confirmedPartition = (consultationId: string) => `CONFIRMED#${consultationId}`;
const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

export function createDynamoDbSubscriptionRepository(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): SubscriptionRepository {
  return {
    async find(consultationId, addressKey) {
      const { Item } = await documentClient.send(
        new GetCommand({
          TableName: tableName,
          Key: subscriberKey(consultationId, addressKey),
          ConsistentRead: true,
        }),
      );
      return Item === undefined ? undefined : subscriptionFrom(Item);
    },

    savePending(request) {
      return conditionalWrite(() =>
        documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...subscriberKey(request.consultationId, request.addressKey),
              consultationId: request.consultationId,
              addressKey: request.addressKey,
              email: request.email,
              language: request.language,
              timeZone: request.timeZone,
              stakeholderType: request.stakeholderType,
              country: request.country,
              status: 'pending',
              requestedAt: request.requestedAt.toISOString(),
              tokenHash: request.tokenHash,
              tokenExpiresAt: request.tokenExpiresAt.toISOString(),
              // An unconfirmed request disappears by itself a while after its link expired.
              expiresAt: epochSeconds(request.tokenExpiresAt) + 86_400,
            },
            ConditionExpression: 'attribute_not_exists(#pk) OR #status <> :confirmed',
            ExpressionAttributeNames: { '#pk': pk, '#status': 'status' },
            ExpressionAttributeValues: { ':confirmed': 'confirmed' },
          }),
        ),
      );
    },

    countConfirmationEmail(addressKey, day, limit) {
      return conditionalWrite(() =>
        documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { [pk]: `ADDRESS#${addressKey}`, [sk]: `CONFIRMATION-EMAILS#${day}` },
            UpdateExpression: 'ADD #count :one SET expiresAt = :expiresAt',
            ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: {
              ':one': 1,
              ':limit': limit,
              ':expiresAt': epochSeconds(new Date(`${day}T00:00:00Z`)) + 2 * 86_400,
            },
          }),
        ),
      );
    },

    async confirm(consultationId, addressKey, tokenHash, at) {
      const confirmed = await conditionalWrite(() =>
        documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: subscriberKey(consultationId, addressKey),
            UpdateExpression:
              'SET #status = :confirmed, confirmedAt = :at, #gpk = :gpk, #gsk = :gsk REMOVE expiresAt',
            ConditionExpression: '#status = :pending AND tokenHash = :hash AND tokenExpiresAt > :at',
            ExpressionAttributeNames: {
              '#status': 'status',
              '#gpk': confirmedIndex.partitionKey.name,
              '#gsk': confirmedIndex.sortKey.name,
            },
            ExpressionAttributeValues: {
              ':confirmed': 'confirmed',
              ':pending': 'pending',
              ':hash': tokenHash,
              ':at': at.toISOString(),
              ':gpk': confirmedPartition(consultationId),
              ':gsk': addressKey,
            },
          }),
        ),
      );
      if (confirmed) {
        // Subscribing again after an unsubscribe lifts the opt-out.
        await documentClient.send(
          new DeleteCommand({ TableName: tableName, Key: optOutKey(consultationId, addressKey) }),
        );
        return 'confirmed';
      }
      const { Item } = await documentClient.send(
        new GetCommand({
          TableName: tableName,
          Key: subscriberKey(consultationId, addressKey),
          ConsistentRead: true,
        }),
      );
      return Item?.status === 'confirmed' && Item.tokenHash === tokenHash ? 'already-confirmed' : 'invalid';
    },

    async unsubscribe(consultationId, addressKey, at) {
      await documentClient
        .send(
          new PutCommand({
            TableName: tableName,
            Item: { ...optOutKey(consultationId, addressKey), optedOutAt: at.toISOString() },
            // The first opt-out instant is the one worth keeping.
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': pk },
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
      await conditionalWrite(() =>
        documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: subscriberKey(consultationId, addressKey),
            UpdateExpression:
              'SET #status = :unsubscribed, unsubscribedAt = :at REMOVE #gpk, #gsk, tokenHash',
            ConditionExpression: 'attribute_exists(#pk) AND #status <> :unsubscribed',
            ExpressionAttributeNames: {
              '#pk': pk,
              '#status': 'status',
              '#gpk': confirmedIndex.partitionKey.name,
              '#gsk': confirmedIndex.sortKey.name,
            },
            ExpressionAttributeValues: { ':unsubscribed': 'unsubscribed', ':at': at.toISOString() },
          }),
        ),
      );
    },

    async optedOutAmong(consultationId, addressKeys) {
      const items = await batchGetItems(
        documentClient,
        tableName,
        [...new Set(addressKeys)].map((key) => optOutKey(consultationId, key)),
        { projection: '#sk', names: { '#sk': sk } },
      );
      return new Set(items.map((item) => String(item[sk]).slice('OPT-OUT#'.length)));
    },

    async confirmedPage(consultationId, cursor, limit) {
      const exclusiveStartKey = decodeCursor(cursor);
      const result = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: confirmedIndex.indexName,
          KeyConditionExpression: '#gpk = :gpk',
          ExpressionAttributeNames: { '#gpk': confirmedIndex.partitionKey.name },
          ExpressionAttributeValues: { ':gpk': confirmedPartition(consultationId) },
          Limit: limit,
          ...(exclusiveStartKey === undefined ? {} : { ExclusiveStartKey: exclusiveStartKey }),
        }),
      );
      const next = encodeCursor(result.LastEvaluatedKey);
      return {
        subscribers: (result.Items ?? []).map(subscriptionFrom),
        ...(next === undefined ? {} : { cursor: next }),
      };
    },
  };
}

/** Stored items are parsed like any input: a malformed one fails loudly here. */
function subscriptionFrom(item: Record<string, unknown>): Subscription {
  const text = (name: string): string => {
    const value = item[name];
    if (typeof value !== 'string') throw new Error(`Subscription item without ${name}`);
    return value;
  };
  const optionalText = (name: string): string | undefined =>
    typeof item[name] === 'string' ? (item[name] as string) : undefined;
  const status = text('status');
  if (status !== 'pending' && status !== 'confirmed' && status !== 'unsubscribed') {
    throw new Error(`Subscription item with status ${status}`);
  }
  const timeZone = optionalText('timeZone');
  const stakeholderType = optionalText('stakeholderType');
  const country = optionalText('country');
  const confirmedAt = optionalText('confirmedAt');
  return {
    consultationId: text('consultationId'),
    addressKey: text('addressKey'),
    email: text('email'),
    language: languageSchema.parse(item.language),
    status,
    requestedAt: text('requestedAt'),
    ...(timeZone === undefined ? {} : { timeZone }),
    ...(stakeholderType === undefined
      ? {}
      : { stakeholderType: stakeholderTypeSchema.parse(stakeholderType) }),
    ...(country === undefined ? {} : { country }),
    ...(confirmedAt === undefined ? {} : { confirmedAt }),
  };
}
