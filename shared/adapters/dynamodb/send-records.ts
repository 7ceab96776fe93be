import { type DynamoDBDocumentClient, PutCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type DeliveryFigures,
  type SendRecord,
  type SendRecords,
  sendStates,
  type WaveRef,
} from '../../ports/send-records.ts';
import { batchGetItems } from './batch-get.ts';
import { conditionalWrite } from './conditional-write.ts';
import { tableDefinitions } from './table-definitions.ts';

/**
 * Send records in the deliveries table: `pk = WAVE#<consultation>#<wave>`, `sk = RECIPIENT#<key>`.
 * One partition per wave keeps delivery figures a single Query; at the send rates SES allows an
 * account (hundreds per second, a few writes per email) it stays under a partition's 1,000 writes/s.
 */
const keys = tableDefinitions.deliveries;
const pk = keys.partitionKey.name;
const sk = keys.sortKey.name;
/** The sort key of a send record is this and the recipient's address key. */
export const recipientPrefix = 'RECIPIENT#';

export const wavePartition = (wave: WaveRef) => `WAVE#${wave.consultationId}#${wave.waveId}`;
const keyOf = (wave: WaveRef, addressKey: string) => ({
  [pk]: wavePartition(wave),
  [sk]: `${recipientPrefix}${addressKey}`,
});

/** A send record from its item (in the deliveries table, under whatever wave partition it lives). */
export function recordFrom(item: Record<string, unknown>): SendRecord {
  const state = sendStates.find((candidate) => candidate === item.state);
  if (state === undefined) throw new Error(`Send record with state ${String(item.state)}`);
  const text = (name: string) => (typeof item[name] === 'string' ? { [name]: item[name] as string } : {});
  return {
    addressKey: String(item[sk]).slice(recipientPrefix.length),
    state,
    ...text('attempt'),
    ...text('claimedAt'),
    ...text('sentAt'),
    ...text('messageId'),
    ...text('failure'),
    ...(item.bounced === true ? { bounced: true } : {}),
    ...(item.complained === true ? { complained: true } : {}),
  };
}

export function createDynamoDbSendRecords(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): SendRecords {
  const names = { '#state': 'state', '#pk': pk };

  return {
    async getMany(wave, addressKeys) {
      const items = await batchGetItems(
        documentClient,
        tableName,
        [...new Set(addressKeys)].map((key) => keyOf(wave, key)),
      );
      return new Map(
        items.map((item) => {
          const record = recordFrom(item);
          return [record.addressKey, record] as const;
        }),
      );
    },

    claim(wave, addressKey, attempt, at, previous) {
      if (previous === undefined) {
        return conditionalWrite(() =>
          documentClient.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...keyOf(wave, addressKey), state: 'sending', attempt, claimedAt: at.toISOString() },
              ConditionExpression: 'attribute_not_exists(#pk)',
              ExpressionAttributeNames: { '#pk': pk },
            }),
          ),
        );
      }
      return conditionalWrite(() =>
        documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(wave, addressKey),
            UpdateExpression: 'SET #state = :sending, attempt = :attempt, claimedAt = :at',
            ConditionExpression:
              previous.state === 'pending'
                ? '#state = :pending'
                : '#state = :sending AND attempt = :previous',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':attempt': attempt,
              ':at': at.toISOString(),
              ...(previous.state === 'pending'
                ? { ':pending': 'pending' }
                : { ':previous': previous.attempt ?? '' }),
            },
          }),
        ),
      );
    },

    async markSent(wave, addressKey, attempt, messageId, at) {
      // SES's Send event may have marked it already; either way it is sent, once.
      await conditionalWrite(() =>
        documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(wave, addressKey),
            UpdateExpression:
              'SET #state = :sent, messageId = :messageId, sentAt = if_not_exists(sentAt, :at)',
            ConditionExpression: 'attempt = :attempt AND #state IN (:sending, :sent)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':sent': 'sent',
              ':sending': 'sending',
              ':attempt': attempt,
              ':messageId': messageId,
              ':at': at.toISOString(),
            },
          }),
        ),
      );
    },

    async release(wave, addressKey, attempt) {
      await conditionalWrite(() =>
        documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(wave, addressKey),
            UpdateExpression: 'SET #state = :pending',
            ConditionExpression: '#state = :sending AND attempt = :attempt',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':pending': 'pending', ':sending': 'sending', ':attempt': attempt },
          }),
        ),
      );
    },

    async fail(wave, addressKey, attempt, reason, at) {
      await conditionalWrite(() =>
        documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(wave, addressKey),
            UpdateExpression: 'SET #state = :failed, failure = :reason, failedAt = :at',
            ConditionExpression: '#state = :sending AND attempt = :attempt',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':failed': 'failed',
              ':sending': 'sending',
              ':attempt': attempt,
              ':reason': reason,
              ':at': at.toISOString(),
            },
          }),
        ),
      );
    },

    async skip(wave, addressKey, state, at) {
      await conditionalWrite(() =>
        documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keyOf(wave, addressKey), state, skippedAt: at.toISOString() },
            ConditionExpression: 'attribute_not_exists(#pk) OR #state = :pending',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':pending': 'pending' },
          }),
        ),
      );
    },

    async recordEvent(wave, addressKey, event) {
      if (event.kind === 'accepted') {
        await conditionalWrite(() =>
          documentClient.send(
            new UpdateCommand({
              TableName: tableName,
              Key: keyOf(wave, addressKey),
              UpdateExpression:
                'SET #state = :sent, messageId = :messageId, sentAt = if_not_exists(sentAt, :at), acceptedAt = :at',
              ConditionExpression: '#state IN (:sending, :pending, :sent)',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: {
                ':sent': 'sent',
                ':sending': 'sending',
                ':pending': 'pending',
                ':messageId': event.messageId,
                ':at': event.at.toISOString(),
              },
            }),
          ),
        );
        return;
      }
      await conditionalWrite(() =>
        documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(wave, addressKey),
            UpdateExpression: `SET ${event.kind} = :true, ${event.kind}At = :at`,
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#pk': pk },
            ExpressionAttributeValues: { ':true': true, ':at': event.at.toISOString() },
          }),
        ),
      );
    },

    async figures(wave) {
      const counts = {
        recipients: 0,
        sent: 0,
        bounced: 0,
        complained: 0,
        suppressed: 0,
        unsubscribed: 0,
        alreadySubmitted: 0,
        failed: 0,
        inProgress: 0,
      };
      const pages = paginateQuery(
        { client: documentClient },
        {
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ProjectionExpression: '#sk, #state, bounced, complained',
          ExpressionAttributeNames: { '#pk': pk, '#sk': sk, '#state': 'state' },
          ExpressionAttributeValues: { ':pk': wavePartition(wave), ':prefix': recipientPrefix },
          ConsistentRead: true,
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const record = recordFrom(item);
          counts.recipients += 1;
          if (record.bounced === true) counts.bounced += 1;
          if (record.complained === true) counts.complained += 1;
          switch (record.state) {
            case 'sent':
            case 'suppressed':
            case 'unsubscribed':
            case 'failed':
              counts[record.state] += 1;
              break;
            case 'already-submitted':
              counts.alreadySubmitted += 1;
              break;
            case 'pending':
            case 'sending':
              counts.inProgress += 1;
              break;
          }
        }
      }
      return counts satisfies DeliveryFigures;
    },
  };
}
