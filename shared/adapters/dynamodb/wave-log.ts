import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { WaveRef } from '../../ports/send-records.ts';
import type { FanOutProgress, WaveLog } from '../../ports/wave-log.ts';
import { wavePartition } from './send-records.ts';
import { tableDefinitions } from './table-definitions.ts';

const keys = tableDefinitions.deliveries;
const pk = keys.partitionKey.name;
const sk = keys.sortKey.name;
const keyOf = (wave: WaveRef) => ({ [pk]: wavePartition(wave), [sk]: 'WAVE' });

function progressFrom(item: Record<string, unknown>): FanOutProgress {
  return {
    sourceIndex: typeof item.sourceIndex === 'number' ? item.sourceIndex : 0,
    ...(typeof item.cursor === 'string' ? { cursor: item.cursor } : {}),
    queuedRecipients: typeof item.queuedRecipients === 'number' ? item.queuedRecipients : 0,
  };
}

/** The wave item (`sk = WAVE`) beside the wave's send records: lease, progress, completion. */
export function createDynamoDbWaveLog(documentClient: DynamoDBDocumentClient, tableName: string): WaveLog {
  return {
    async begin(wave, kind, at, leaseUntil) {
      try {
        await documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keyOf(wave),
              kind,
              status: 'fanning-out',
              startedAt: at.toISOString(),
              leaseUntil: leaseUntil.toISOString(),
              sourceIndex: 0,
              queuedRecipients: 0,
            },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': pk },
          }),
        );
        return { outcome: 'started' };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      try {
        const { Attributes } = await documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(wave),
            UpdateExpression: 'SET leaseUntil = :leaseUntil',
            ConditionExpression: '#status = :fanningOut AND leaseUntil <= :at',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':fanningOut': 'fanning-out',
              ':at': at.toISOString(),
              ':leaseUntil': leaseUntil.toISOString(),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { outcome: 'resumed', progress: progressFrom(Attributes ?? {}) };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const { Item } = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keyOf(wave), ConsistentRead: true }),
      );
      return Item?.status === 'queued' ? { outcome: 'done' } : { outcome: 'busy' };
    },

    async saveProgress(wave, progress, leaseUntil) {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(wave),
          UpdateExpression:
            progress.cursor === undefined
              ? 'SET sourceIndex = :sourceIndex, queuedRecipients = :queued, leaseUntil = :leaseUntil REMOVE #cursor'
              : 'SET sourceIndex = :sourceIndex, queuedRecipients = :queued, leaseUntil = :leaseUntil, #cursor = :cursor',
          ExpressionAttributeNames: { '#cursor': 'cursor' },
          ExpressionAttributeValues: {
            ':sourceIndex': progress.sourceIndex,
            ':queued': progress.queuedRecipients,
            ':leaseUntil': leaseUntil.toISOString(),
            ...(progress.cursor === undefined ? {} : { ':cursor': progress.cursor }),
          },
        }),
      );
    },

    async complete(wave, progress, at) {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(wave),
          UpdateExpression:
            'SET #status = :queued, queuedAt = :at, queuedRecipients = :queuedCount REMOVE #cursor',
          ExpressionAttributeNames: { '#status': 'status', '#cursor': 'cursor' },
          ExpressionAttributeValues: {
            ':queued': 'queued',
            ':at': at.toISOString(),
            ':queuedCount': progress.queuedRecipients,
          },
        }),
      );
    },

    async find(wave) {
      const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: keyOf(wave) }));
      if (Item === undefined) return undefined;
      return {
        status: Item.status === 'queued' ? 'queued' : 'fanning-out',
        queuedRecipients: progressFrom(Item).queuedRecipients,
      };
    },
  };
}
