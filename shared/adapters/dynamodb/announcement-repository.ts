import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Announcement } from '../../domain/announcement.ts';
import type { AnnouncementRepository, StoredAnnouncement } from '../../ports/announcement-repository.ts';
import { consultationPartitionKey } from './audit-trail.ts';
import { conditionalWrite } from './conditional-write.ts';
import { tableDefinitions } from './table-definitions.ts';

/**
 * Announcements live beside their consultation: `pk = CONSULTATION#<id>`,
 * `sk = ANNOUNCEMENT#<announcement id>`, with their texts (an announcement wave is read from here,
 * where a reminder wave is derived from the calendar). The id derives from the Idempotency-Key, so
 * the conditional put is what makes a retried POST find the first one.
 */
const keys = tableDefinitions.consultations;
const pk = keys.partitionKey.name;
const sk = keys.sortKey.name;

const keyOf = (consultationId: string, announcementId: string) => ({
  [pk]: consultationPartitionKey(consultationId),
  [sk]: `ANNOUNCEMENT#${announcementId}`,
});

function fromItem(item: Record<string, unknown>): StoredAnnouncement {
  // Written only by `create` below, from a validated announcement.
  const announcement = item.announcement as Announcement;
  return {
    ...announcement,
    ...(typeof item.startScheduledAt === 'string' ? { startScheduledAt: item.startScheduledAt } : {}),
  };
}

export function createDynamoDbAnnouncementRepository(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): AnnouncementRepository {
  const find = async (consultationId: string, announcementId: string) => {
    const { Item } = await documentClient.send(
      new GetCommand({
        TableName: tableName,
        Key: keyOf(consultationId, announcementId),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : fromItem(Item);
  };
  return {
    async create(announcement) {
      const created = await conditionalWrite(() =>
        documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keyOf(announcement.consultationId, announcement.id), announcement },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': pk },
          }),
        ),
      );
      if (created) return { outcome: 'created' };
      const existing = await find(announcement.consultationId, announcement.id);
      if (existing === undefined) throw new Error('The announcement vanished after a conflicting write');
      return { outcome: 'exists', existing };
    },

    find,

    async markStartScheduled(consultationId, announcementId, at) {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(consultationId, announcementId),
          UpdateExpression: 'SET startScheduledAt = if_not_exists(startScheduledAt, :at)',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      );
    },
  };
}
