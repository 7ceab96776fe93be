import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { appliedKey } from '../../domain/schedule-plan.ts';
import type { TransitionKey, TransitionLedger } from '../../ports/transition-ledger.ts';
import { auditIndexNames, auditIndexValues, consultationPartitionKey } from './audit-trail.ts';
import { conditionalWrite } from './conditional-write.ts';
import { tableDefinitions } from './table-definitions.ts';

/**
 * One item per (transition, scheduled instant): `pk = CONSULTATION#<id>`,
 * `sk = TRANSITION#<transition id>#<scheduled instant>`, with `status` applying or applied. A claim
 * is a conditional put that succeeds on a new key or on an expired claim; completing is a
 * conditional update on the claim id that also adds the audit index attributes and the entry.
 */
const keys = tableDefinitions.consultations;
const sortKeyPrefix = 'TRANSITION#';

interface LedgerItem {
  readonly status: 'applying' | 'applied';
  readonly transitionId: string;
  readonly scheduledAt: string;
}

export function createDynamoDbTransitionLedger(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): TransitionLedger {
  const sortKeyOf = (key: TransitionKey) => `${sortKeyPrefix}${key.transitionId}#${key.scheduledAt}`;
  const keyOf = (key: TransitionKey) => ({
    [keys.partitionKey.name]: consultationPartitionKey(key.consultationId),
    [keys.sortKey.name]: sortKeyOf(key),
  });

  return {
    async claim(key, at, leaseUntil) {
      const claimId = randomUUID();
      try {
        await documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keyOf(key),
              status: 'applying',
              transitionId: key.transitionId,
              scheduledAt: key.scheduledAt,
              claimId,
              claimedAt: at.toISOString(),
              leaseUntil: leaseUntil.getTime(),
            },
            ConditionExpression: 'attribute_not_exists(#pk) OR (#status = :applying AND #leaseUntil < :now)',
            ExpressionAttributeNames: {
              '#pk': keys.partitionKey.name,
              '#status': 'status',
              '#leaseUntil': 'leaseUntil',
            },
            ExpressionAttributeValues: { ':applying': 'applying', ':now': at.getTime() },
          }),
        );
        return { status: 'claimed', claimId };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      // dynalite returns no old item on a failed condition, so read what stopped the claim.
      const { Item } = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: keyOf(key), ConsistentRead: true }),
      );
      return (Item as LedgerItem | undefined)?.status === 'applied'
        ? { status: 'already-applied' }
        : { status: 'in-progress' };
    },

    async complete(key, claimId, entry) {
      // Catch-up applies several transitions at one instant; they then list in scheduled order.
      const index = auditIndexValues(key.consultationId, entry.at, `${key.scheduledAt}#${sortKeyOf(key)}`);
      return conditionalWrite(() =>
        documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(key),
            UpdateExpression:
              'SET #status = :applied, #entry = :entry, #gsiPk = :gsiPk, #gsiSk = :gsiSk REMOVE #leaseUntil',
            ConditionExpression: '#claimId = :claimId AND #status = :applying',
            ExpressionAttributeNames: {
              '#status': 'status',
              '#entry': 'entry',
              '#claimId': 'claimId',
              '#leaseUntil': 'leaseUntil',
              '#gsiPk': auditIndexNames.partitionKey,
              '#gsiSk': auditIndexNames.sortKey,
            },
            ExpressionAttributeValues: {
              ':applied': 'applied',
              ':applying': 'applying',
              ':claimId': claimId,
              ':entry': entry,
              ':gsiPk': index.partitionKey,
              ':gsiSk': index.sortKey,
            },
          }),
        ),
      );
    },

    async release(key, claimId) {
      try {
        await documentClient.send(
          new DeleteCommand({
            TableName: tableName,
            Key: keyOf(key),
            ConditionExpression: '#claimId = :claimId AND #status = :applying',
            ExpressionAttributeNames: { '#claimId': 'claimId', '#status': 'status' },
            ExpressionAttributeValues: { ':claimId': claimId, ':applying': 'applying' },
          }),
        );
      } catch (error) {
        // Another attempt took the expired claim over; it is theirs to finish.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async appliedKeys(consultationId) {
      const applied = new Set<string>();
      const pages = paginateQuery(
        { client: documentClient },
        {
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': keys.partitionKey.name, '#sk': keys.sortKey.name },
          ExpressionAttributeValues: {
            ':pk': consultationPartitionKey(consultationId),
            ':prefix': sortKeyPrefix,
          },
          ConsistentRead: true,
        },
      );
      for await (const page of pages) {
        for (const item of (page.Items ?? []) as LedgerItem[]) {
          if (item.status === 'applied') applied.add(appliedKey(item.transitionId, item.scheduledAt));
        }
      }
      return applied;
    },
  };
}
