import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { ModerationEmailRecord, ModerationEmails } from '../../ports/moderation-emails.ts';
import { conditionalWrite } from './conditional-write.ts';
import { tableDefinitions } from './table-definitions.ts';

/**
 * Moderation email records live beside their submission (`pk = SUBMISSION#<id>`,
 * `sk = MODERATION-EMAIL#<version>`), like the receipt's `CONFIRMATION` record: claimed with a
 * conditional put before the email is sent. They hold no address and no message, only the state.
 */
const table = tableDefinitions.submissions;
const pk = table.partitionKey.name;
const sk = table.sortKey.name;

const recordKey = (submissionId: string, moderationVersion: number) => ({
  [pk]: `SUBMISSION#${submissionId}`,
  [sk]: `MODERATION-EMAIL#${String(moderationVersion).padStart(6, '0')}`,
});

const recordSchema = z.object({
  submissionId: z.string(),
  moderationVersion: z.int().min(1),
  status: z.enum(['claimed', 'sent', 'failed']),
  claimedAt: z.string(),
  completedAt: z.string().optional(),
});

export function createDynamoDbModerationEmails(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): ModerationEmails {
  return {
    claim(submissionId, moderationVersion, at) {
      const claim: ModerationEmailRecord = {
        submissionId,
        moderationVersion,
        status: 'claimed',
        claimedAt: at,
      };
      return conditionalWrite(() =>
        documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...recordKey(submissionId, moderationVersion), ...claim },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': pk },
          }),
        ),
      );
    },

    async complete(submissionId, moderationVersion, outcome) {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: recordKey(submissionId, moderationVersion),
          UpdateExpression:
            outcome.status === 'sent'
              ? 'SET #status = :status, completedAt = :at, messageId = :detail'
              : 'SET #status = :status, completedAt = :at, failure = :detail',
          ConditionExpression: '#status = :claimed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': outcome.status,
            ':at': outcome.at,
            ':detail': outcome.status === 'sent' ? outcome.messageId : outcome.reason,
            ':claimed': 'claimed',
          },
        }),
      );
    },

    async find(submissionId, moderationVersion) {
      const { Item } = await documentClient.send(
        new GetCommand({
          TableName: tableName,
          Key: recordKey(submissionId, moderationVersion),
          ConsistentRead: true,
        }),
      );
      return Item === undefined ? undefined : recordSchema.parse(Item);
    },
  };
}
