import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { ModerationEmailRecord, ModerationEmails } from '../../ports/moderation-emails.ts';
import { claimEmailRecord, completeEmailRecord } from './email-claims.ts';
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
      return claimEmailRecord(
        documentClient,
        tableName,
        pk,
        recordKey(submissionId, moderationVersion),
        claim,
      );
    },

    complete(submissionId, moderationVersion, outcome) {
      return completeEmailRecord(
        documentClient,
        tableName,
        recordKey(submissionId, moderationVersion),
        outcome,
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
