import { type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { StakeholderType } from '../../domain/consultation-definition.ts';
import { stakeholderTypes } from '../../domain/stakeholder-type.ts';
import type { SubmissionStatus } from '../../domain/submission.ts';
import type { CallSubmissionCounts, SubmissionStatistics } from '../../ports/submission-statistics.ts';
import { callPartition } from './submission-repository.ts';
import { tableDefinitions } from './table-definitions.ts';

/**
 * Counts come from the submissions themselves, not from counters kept beside them: each submission
 * item carries `gsi1sk = <status>#<stakeholder type>#<id>` in the keys-only `byCallStatus` index,
 * which DynamoDB updates in the same write as the item. A retried or concurrent request can then
 * never count a submission twice or miss a status change (there is no second write to lose), and
 * the Query reads about a hundred bytes per submission: a few thousand submissions are one page.
 * The index is eventually consistent, so a submission made in the last moment may show a
 * fraction of a second late.
 */
const [byCallStatus] = tableDefinitions.submissions.globalSecondaryIndexes;

export function createDynamoDbSubmissionStatistics(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
  /** Items per Query page; DynamoDB's 1 MB pages by default (tests set it low to cross pages). */
  options: { readonly pageSize?: number } = {},
): SubmissionStatistics {
  return {
    async countsFor(consultationId, call) {
      const byStatus: Record<SubmissionStatus, number> = { draft: 0, submitted: 0, withdrawn: 0 };
      const submittedByStakeholderType = Object.fromEntries(
        stakeholderTypes.map((type) => [type, 0]),
      ) as Record<StakeholderType, number>;
      const pages = paginateQuery(
        { client: documentClient },
        {
          TableName: tableName,
          IndexName: byCallStatus.indexName,
          KeyConditionExpression: '#call = :call',
          ExpressionAttributeNames: {
            '#call': byCallStatus.partitionKey.name,
            '#entry': byCallStatus.sortKey.name,
          },
          ExpressionAttributeValues: { ':call': callPartition(consultationId, call) },
          ProjectionExpression: '#entry',
          ...(options.pageSize === undefined ? {} : { Limit: options.pageSize }),
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const entry = item[byCallStatus.sortKey.name];
          if (typeof entry !== 'string') continue;
          const [status, stakeholderType] = entry.split('#');
          if (status === 'draft' || status === 'submitted' || status === 'withdrawn') byStatus[status] += 1;
          if (status === 'submitted' && isStakeholderType(stakeholderType)) {
            submittedByStakeholderType[stakeholderType] += 1;
          }
        }
      }
      return {
        call,
        submitted: byStatus.submitted,
        drafts: byStatus.draft,
        withdrawn: byStatus.withdrawn,
        submittedByStakeholderType,
      } satisfies CallSubmissionCounts;
    },
  };
}

function isStakeholderType(value: string | undefined): value is StakeholderType {
  return stakeholderTypes.some((type) => type === value);
}
