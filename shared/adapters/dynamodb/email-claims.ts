import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from './conditional-write.ts';

/**
 * The record of an email that must go out once (a submission's receipt, a moderation decision):
 * claimed with a conditional put before the email is sent, then completed, from `claimed` only,
 * with SES's message id or the reason it failed. The item's key and claim fields are the caller's.
 */
export type EmailRecordKey = Readonly<Record<string, string>>;

export type EmailRecordOutcome =
  | { readonly status: 'sent'; readonly messageId: string; readonly at: string }
  | { readonly status: 'failed'; readonly reason: string; readonly at: string };

/** Takes the one right to send; false when it was taken before. */
export function claimEmailRecord(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
  partitionKeyName: string,
  key: EmailRecordKey,
  claim: object,
): Promise<boolean> {
  return conditionalWrite(() =>
    documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...key, ...claim },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': partitionKeyName },
      }),
    ),
  );
}

export async function completeEmailRecord(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
  key: EmailRecordKey,
  outcome: EmailRecordOutcome,
): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
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
}
