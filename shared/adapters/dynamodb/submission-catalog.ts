import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { actionLines } from '../../domain/action-lines.ts';
import { callKinds } from '../../domain/consultation-definition.ts';
import { countryCodes } from '../../domain/country-codes.ts';
import { stakeholderTypes } from '../../domain/stakeholder-type.ts';
import { type StoredSubmission, submissionStatuses } from '../../domain/submission.ts';
import {
  type ListingPosition,
  matchesSubmissionFilter,
  positionOf,
  type SubmissionFilter,
} from '../../domain/submission-listing.ts';
import { countriesOfRegion, countriesOfSubRegion } from '../../domain/un-m49-regions.ts';
import type { SubmissionCatalog, SubmissionFacts } from '../../ports/submission-catalog.ts';
import { consultationListingSortKey, storedSubmissionSchema } from './submission-repository.ts';
import { tableDefinitions } from './table-definitions.ts';

/**
 * The submissions of a consultation through the `byConsultation` index (`gsi3pk = <consultation>`,
 * `gsi3sk = <createdAt>#<id>`, all attributes), read newest first with descending Query pages.
 *
 * The filter's simple fields go into a FilterExpression, so DynamoDB returns only matching items
 * (it still reads, and bills, the whole page: a filter saves transfer and parsing, not capacity);
 * free text is matched in code, as DynamoDB's `contains` is case-sensitive. Every item is checked
 * in code against the whole filter too, so the two can never disagree. A page is filled across as
 * many Query pages as it takes, and one more match is looked for: the cursor is given only when
 * there is something after it. Resuming is a key condition `gsi3sk < <position>`, so a walk never
 * repeats or skips a submission.
 */
const [, , byConsultation] = tableDefinitions.submissions.globalSecondaryIndexes;

const factsSchema = z.object({
  call: z.enum(callKinds),
  status: z.enum(submissionStatuses),
  content: z.object({
    submitter: z.object({ stakeholderType: z.enum(stakeholderTypes), country: z.enum(countryCodes) }),
    actionLines: z.array(z.enum(actionLines)),
    sdgs: z.array(z.int()),
  }),
});

interface FilterExpressionParts {
  readonly FilterExpression?: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, unknown>;
}

function filterExpression(filter: SubmissionFilter): FilterExpressionParts {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conditions: string[] = [];
  const submitter = '#content.#submitter';
  const useContent = () => {
    names['#content'] = 'content';
    names['#submitter'] = 'submitter';
  };
  if (filter.call !== undefined) {
    names['#call'] = 'call';
    values[':call'] = filter.call;
    conditions.push('#call = :call');
  }
  if (filter.status !== undefined) {
    names['#status'] = 'status';
    values[':status'] = filter.status;
    conditions.push('#status = :status');
  }
  if (filter.stakeholderType !== undefined) {
    useContent();
    names['#stakeholderType'] = 'stakeholderType';
    values[':stakeholderType'] = filter.stakeholderType;
    conditions.push(`${submitter}.#stakeholderType = :stakeholderType`);
  }
  const countryIn = (label: string, countries: readonly string[]) => {
    useContent();
    names['#country'] = 'country';
    const placeholders = countries.map((country, index) => {
      values[`:${label}${index}`] = country;
      return `:${label}${index}`;
    });
    // Every region has fewer than DynamoDB's 100 IN operands (a unit test holds them to it).
    conditions.push(`${submitter}.#country IN (${placeholders.join(', ')})`);
  };
  if (filter.country !== undefined) countryIn('country', [filter.country]);
  if (filter.region !== undefined) countryIn('region', countriesOfRegion(filter.region));
  if (filter.subRegion !== undefined) countryIn('subRegion', countriesOfSubRegion(filter.subRegion));
  if (filter.actionLine !== undefined) {
    names['#content'] = 'content';
    names['#actionLines'] = 'actionLines';
    values[':actionLine'] = filter.actionLine;
    conditions.push('contains(#content.#actionLines, :actionLine)');
  }
  if (filter.sdg !== undefined) {
    names['#content'] = 'content';
    names['#sdgs'] = 'sdgs';
    values[':sdg'] = filter.sdg;
    conditions.push('contains(#content.#sdgs, :sdg)');
  }
  return {
    ...(conditions.length === 0 ? {} : { FilterExpression: conditions.join(' AND ') }),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

export function createDynamoDbSubmissionCatalog(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
  /** Items read per Query page; DynamoDB's 1 MB pages by default (tests set it low to cross pages). */
  options: { readonly pageSize?: number } = {},
): SubmissionCatalog {
  async function* queryPages(
    consultationId: string,
    parts: FilterExpressionParts,
    after: ListingPosition | undefined,
    projection?: string,
  ): AsyncGenerator<Record<string, unknown>[]> {
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const result = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: byConsultation.indexName,
          KeyConditionExpression:
            after === undefined
              ? '#listing = :consultation'
              : '#listing = :consultation AND #position < :after',
          ...(parts.FilterExpression === undefined ? {} : { FilterExpression: parts.FilterExpression }),
          ...(projection === undefined ? {} : { ProjectionExpression: projection }),
          ExpressionAttributeNames: {
            ...parts.ExpressionAttributeNames,
            '#listing': byConsultation.partitionKey.name,
            ...(after === undefined ? {} : { '#position': byConsultation.sortKey.name }),
          },
          ExpressionAttributeValues: {
            ...parts.ExpressionAttributeValues,
            ':consultation': consultationId,
            ...(after === undefined
              ? {}
              : { ':after': consultationListingSortKey(after.createdAt, after.id) }),
          },
          ScanIndexForward: false,
          ...(exclusiveStartKey === undefined ? {} : { ExclusiveStartKey: exclusiveStartKey }),
          ...(options.pageSize === undefined ? {} : { Limit: options.pageSize }),
        }),
      );
      yield result.Items ?? [];
      exclusiveStartKey = result.LastEvaluatedKey;
    } while (exclusiveStartKey !== undefined);
  }

  async function* matching(
    consultationId: string,
    filter: SubmissionFilter,
    after?: ListingPosition,
  ): AsyncGenerator<StoredSubmission> {
    for await (const items of queryPages(consultationId, filterExpression(filter), after)) {
      for (const item of items) {
        const submission = storedSubmissionSchema.parse(item);
        if (matchesSubmissionFilter(submission, filter)) yield submission;
      }
    }
  }

  return {
    async page(consultationId, filter, { limit, after }) {
      const found: StoredSubmission[] = [];
      // One more than asked for: whether a next page exists is known before the cursor is given.
      for await (const submission of matching(consultationId, filter, after)) {
        found.push(submission);
        if (found.length > limit) break;
      }
      const submissions = found.slice(0, limit);
      const last = submissions.at(-1);
      return {
        submissions,
        next: found.length > limit && last !== undefined ? positionOf(last) : undefined,
      };
    },

    all(consultationId, filter) {
      return matching(consultationId, filter);
    },

    async *facts(consultationId) {
      const parts: FilterExpressionParts = {
        ExpressionAttributeNames: {
          '#call': 'call',
          '#status': 'status',
          '#content': 'content',
          '#submitter': 'submitter',
          '#stakeholderType': 'stakeholderType',
          '#country': 'country',
          '#actionLines': 'actionLines',
          '#sdgs': 'sdgs',
        },
        ExpressionAttributeValues: {},
      };
      // Only the non-personal fields are read: statistics cannot depend on what erasure removes.
      const projection =
        '#call, #status, #content.#submitter.#stakeholderType, #content.#submitter.#country, ' +
        '#content.#actionLines, #content.#sdgs';
      for await (const items of queryPages(consultationId, parts, undefined, projection)) {
        for (const item of items) {
          const parsed = factsSchema.parse(item);
          yield {
            call: parsed.call,
            status: parsed.status,
            stakeholderType: parsed.content.submitter.stakeholderType,
            country: parsed.content.submitter.country,
            actionLines: parsed.content.actionLines,
            sdgs: parsed.content.sdgs,
          } satisfies SubmissionFacts;
        }
      }
    },
  };
}
