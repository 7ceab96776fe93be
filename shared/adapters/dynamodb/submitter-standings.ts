import { type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { callKinds } from '../../domain/consultation-definition.ts';
import { addressKey } from '../../domain/email-address.ts';
import { submissionStatuses } from '../../domain/submission.ts';
import type { SubmissionStanding, SubmitterStandings } from '../../ports/submitter-standings.ts';
import { batchGetItems } from './batch-get.ts';
import { submitterPartition } from './submission-repository.ts';
import { tableDefinitions } from './table-definitions.ts';

const table = tableDefinitions.submissions;
const bySubmitter = table.globalSecondaryIndexes[3];

const standingSchema = z.object({
  call: z.enum(callKinds),
  status: z.enum(submissionStatuses),
  content: z.object({ title: z.string(), submitter: z.object({ email: z.string() }) }),
});

/**
 * Per recipient, one Query of `bySubmitter` (`<consultation>#<address key>`); the index is keys-only
 * and eventually consistent, so the items are then read consistently (one BatchGetItem for the
 * whole batch) and their own call, status and address decide: a submission submitted a moment ago
 * counts as submitted, one whose address was erased or changed names someone else.
 */
export function createDynamoDbSubmitterStandings(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): SubmitterStandings {
  return {
    async among(consultationId, calls, addressKeys) {
      const wanted = new Set(addressKeys);
      const keys: Record<string, string>[] = [];
      await Promise.all(
        [...wanted].map(async (key) => {
          const pages = paginateQuery(
            { client: documentClient },
            {
              TableName: tableName,
              IndexName: bySubmitter.indexName,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': bySubmitter.partitionKey.name },
              ExpressionAttributeValues: { ':pk': submitterPartition(consultationId, key) },
            },
          );
          for await (const page of pages) {
            for (const item of page.Items ?? []) {
              // `<call>#<status>#<id>`: only the wave's calls are read further.
              const call = String(item[bySubmitter.sortKey.name]).split('#')[0];
              if (!calls.some((candidate) => candidate === call)) continue;
              keys.push({
                [table.partitionKey.name]: String(item[table.partitionKey.name]),
                [table.sortKey.name]: String(item[table.sortKey.name]),
              });
            }
          }
        }),
      );
      const items = await batchGetItems(documentClient, tableName, keys, {
        projection: '#call, #status, #content.#title, #content.#submitter.#email',
        names: {
          '#call': 'call',
          '#status': 'status',
          '#content': 'content',
          '#title': 'title',
          '#submitter': 'submitter',
          '#email': 'email',
        },
      });
      const standings = new Map<string, SubmissionStanding[]>();
      for (const item of items) {
        const stored = standingSchema.parse(item);
        const key = addressKey(stored.content.submitter.email);
        if (!wanted.has(key) || !calls.includes(stored.call)) continue;
        const list = standings.get(key) ?? [];
        list.push({ call: stored.call, status: stored.status, title: stored.content.title });
        standings.set(key, list);
      }
      return standings;
    },
  };
}
