import { type DynamoDBDocumentClient, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { type AuditEntry, auditEntrySchema } from '../../domain/audit-entry.ts';
import type { AuditRange, AuditTrail, PositionedAuditEntry } from '../../ports/audit-trail.ts';
import { conditionalWrite } from './conditional-write.ts';
import { tableDefinitions } from './table-definitions.ts';

/**
 * Audit entries live beside their consultation (`pk = CONSULTATION#<id>`), each under a
 * deterministic sort key so a retry cannot add a second one, and appear in the `byKind` index under
 * `gsi1pk = AUDIT#<id>`, `gsi1sk = <instant>#<sort key>`: the trail is one Query, in time order.
 * Applied transitions carry the same index attributes on their ledger item (see
 * `transition-ledger.ts`), so the trail lists them without a second write.
 */
const keys = tableDefinitions.consultations;
const [byKind] = keys.globalSecondaryIndexes;
export const consultationPartitionKey = (consultationId: string) => `CONSULTATION#${consultationId}`;
const auditSortKeyPrefix = 'AUDIT#';

export const auditIndexNames = {
  partitionKey: byKind.partitionKey.name,
  sortKey: byKind.sortKey.name,
} as const;

/** The index key values that put an item in the consultation's audit trail, in time order. */
export function auditIndexValues(consultationId: string, at: string, sortKey: string) {
  return { partitionKey: `AUDIT#${consultationId}`, sortKey: `${at}#${sortKey}` };
}

function auditIndexAttributes(consultationId: string, at: string, sortKey: string): Record<string, string> {
  const values = auditIndexValues(consultationId, at, sortKey);
  return { [auditIndexNames.partitionKey]: values.partitionKey, [auditIndexNames.sortKey]: values.sortKey };
}

export function createDynamoDbAuditTrail(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): AuditTrail {
  return {
    async record(consultationId, idempotencyKey, entry) {
      const sortKey = `${auditSortKeyPrefix}${idempotencyKey}`;
      return conditionalWrite(() =>
        documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              [keys.partitionKey.name]: consultationPartitionKey(consultationId),
              [keys.sortKey.name]: sortKey,
              ...auditIndexAttributes(consultationId, entry.at, sortKey),
              entry,
            },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': keys.partitionKey.name },
          }),
        ),
      );
    },

    async list(consultationId) {
      const entries: AuditEntry[] = [];
      for await (const { entry } of entriesOf(consultationId, {})) entries.push(entry);
      return entries;
    },

    entries: entriesOf,
  };

  /**
   * One Query of the index in time order: the sort key starts with the entry's instant, so the
   * range is a key condition (never a filter over the whole trail). `until` is exclusive and `after`
   * strict, so the items on those bounds are dropped here.
   */
  async function* entriesOf(consultationId: string, range: AuditRange): AsyncGenerator<PositionedAuditEntry> {
    const lower = [range.after, range.since?.toISOString()]
      .filter((bound): bound is string => bound !== undefined)
      .sort()
      .at(-1);
    const upper = range.until === undefined ? undefined : range.until.toISOString();
    const condition =
      lower !== undefined && upper !== undefined
        ? '#kind = :kind AND #position BETWEEN :lower AND :upper'
        : lower !== undefined
          ? '#kind = :kind AND #position >= :lower'
          : upper !== undefined
            ? '#kind = :kind AND #position <= :upper'
            : '#kind = :kind';
    if (lower !== undefined && upper !== undefined && lower > upper) return;
    const pages = paginateQuery(
      { client: documentClient, pageSize: 200 },
      {
        TableName: tableName,
        IndexName: byKind.indexName,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: {
          '#kind': byKind.partitionKey.name,
          ...(condition.includes('#position') ? { '#position': byKind.sortKey.name } : {}),
        },
        ExpressionAttributeValues: {
          ':kind': `AUDIT#${consultationId}`,
          ...(lower === undefined ? {} : { ':lower': lower }),
          ...(upper === undefined ? {} : { ':upper': upper }),
        },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const position = String(item[byKind.sortKey.name]);
        if (range.after !== undefined && position <= range.after) continue;
        const entry = auditEntrySchema.parse(item.entry);
        const at = Date.parse(entry.at);
        if (range.since !== undefined && at < range.since.getTime()) continue;
        if (range.until !== undefined && at >= range.until.getTime()) continue;
        yield { entry, position };
      }
    }
  }
}
