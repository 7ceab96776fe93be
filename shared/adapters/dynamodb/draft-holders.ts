import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { callKinds } from '../../domain/consultation-definition.ts';
import { addressKey } from '../../domain/email-address.ts';
import { languages } from '../../domain/localized-text.ts';
import { erasedEmailAddress } from '../../domain/personal-data.ts';
import type { WaveRecipient } from '../../domain/wave-recipient.ts';
import type { RecipientSource } from '../../ports/recipient-source.ts';
import { batchGetItems } from './batch-get.ts';
import { callPartition } from './submission-repository.ts';
import { tableDefinitions } from './table-definitions.ts';

const table = tableDefinitions.submissions;
const [byCallStatus] = table.globalSecondaryIndexes;

/** Where a fan-out is: which call of the wave, and the Query position inside it. */
const cursorSchema = z.object({
  call: z.int().min(0),
  after: z.record(z.string(), z.string()).optional(),
});

/** What a reminder needs from a stored submission; the rest (its text) is never read. */
const draftSchema = z.object({
  call: z.enum(callKinds),
  status: z.string(),
  content: z.object({
    title: z.string(),
    submitter: z.object({
      email: z.string(),
      language: z.enum(languages),
      timezone: z.string().optional(),
    }),
  }),
});

function encode(cursor: z.infer<typeof cursorSchema>): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decode(cursor: string | undefined): z.infer<typeof cursorSchema> {
  if (cursor === undefined) return { call: 0 };
  return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
}

/**
 * The `draft-holders` source: every submitter with a draft in one of a deadline wave's calls, with
 * the titles of those drafts. Per call, a Query page of `byCallStatus` (`<consultation>#<call>`,
 * sort key beginning `draft#`) finds the drafts; the index is keys-only (it exists to count), so one
 * BatchGetItem per page reads the submitter's address, language and zone and the title from the
 * items, consistently, and drops a draft submitted since the index was written. No Scan.
 *
 * One page covers one call. A submitter holding drafts in two calls of a shared wave appears once
 * per call; the send records let only the first through, and the sender reads the recipient's
 * drafts in every call of the wave again when it sends (`SubmitterStandings`), so that one email
 * names them all, whichever source or page queued the address first. Meeting waves have no draft
 * holders.
 */
export function createDynamoDbDraftHolders(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): RecipientSource {
  return {
    async page(consultationId, wave, cursor, limit) {
      if (wave.kind !== 'deadline') return { recipients: [] };
      const position = decode(cursor);
      const call = wave.calls[position.call];
      if (call === undefined) return { recipients: [] };
      const result = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: byCallStatus.indexName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :draft)',
          ExpressionAttributeNames: {
            '#pk': byCallStatus.partitionKey.name,
            '#sk': byCallStatus.sortKey.name,
          },
          ExpressionAttributeValues: { ':pk': callPartition(consultationId, call), ':draft': 'draft#' },
          Limit: limit,
          ...(position.after === undefined ? {} : { ExclusiveStartKey: position.after }),
        }),
      );
      const keys = (result.Items ?? []).map((item) => ({
        [table.partitionKey.name]: String(item[table.partitionKey.name]),
        [table.sortKey.name]: String(item[table.sortKey.name]),
      }));
      const items = await batchGetItems(documentClient, tableName, keys, {
        projection: '#call, #status, #content.#title, #content.#submitter',
        names: {
          '#call': 'call',
          '#status': 'status',
          '#content': 'content',
          '#title': 'title',
          '#submitter': 'submitter',
        },
      });
      const byAddress = new Map<string, WaveRecipient & { drafts: { call: typeof call; title: string }[] }>();
      for (const item of items) {
        const draft = draftSchema.parse(item);
        if (draft.status !== 'draft') continue;
        const { email, language, timezone } = draft.content.submitter;
        // An erased draft names nobody: there is no one to remind.
        if (email === erasedEmailAddress) continue;
        const key = addressKey(email);
        const holder = byAddress.get(key) ?? {
          email,
          language,
          ...(timezone === undefined ? {} : { timeZone: timezone }),
          source: 'draft-holder' as const,
          drafts: [],
        };
        holder.drafts.push({ call: draft.call, title: draft.content.title });
        byAddress.set(key, holder);
      }
      const after = result.LastEvaluatedKey as Record<string, string> | undefined;
      const next =
        after !== undefined
          ? encode({ call: position.call, after })
          : position.call + 1 < wave.calls.length
            ? encode({ call: position.call + 1 })
            : undefined;
      return { recipients: [...byAddress.values()], ...(next === undefined ? {} : { cursor: next }) };
    },
  };
}
