import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reindexSubmissions } from '../../infra/reindex-submissions.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbSubmissionCatalog } from '../../shared/adapters/dynamodb/submission-catalog.ts';
import { createDynamoDbSubmissionRepository } from '../../shared/adapters/dynamodb/submission-repository.ts';
import { createDynamoDbSubmitterStandings } from '../../shared/adapters/dynamodb/submitter-standings.ts';
import {
  type GlobalSecondaryIndexDefinition,
  tableDefinitions,
} from '../../shared/adapters/dynamodb/table-definitions.ts';
import { addressKey } from '../../shared/domain/email-address.ts';
import { contentSha256, type StoredSubmission } from '../../shared/domain/submission.ts';
import { submissionContentSchema } from '../../shared/domain/submission-content.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';
import { issueExampleSubmission } from '../support/issue-example-submission.ts';

const wsis = 'wsis-forum-2022';
const address = 'older.submitter@example.org';

function olderSubmission(index: number): StoredSubmission {
  const content = submissionContentSchema.parse({
    ...issueExampleSubmission,
    title: `Stored before the indexes ${index}`,
    submitter: { ...issueExampleSubmission.submitter, email: address },
  });
  return {
    id: `00000000-0000-4000-a000-${String(index).padStart(12, '0')}`,
    consultationId: wsis,
    call: 'official-submission',
    reference: `WSIS22-OS-${String(index).padStart(6, '0')}`,
    status: 'submitted',
    version: 3,
    editTokenSha256: 'b'.repeat(64),
    createdAt: `2022-02-0${index}T10:00:00.000Z`,
    updatedAt: `2022-02-0${index}T10:00:00.000Z`,
    submittedAt: `2022-02-0${index}T10:00:00.000Z`,
    history: [],
    contentSha256: contentSha256(content),
    content,
  };
}

/** The attributes of the indexes added after the first submissions were stored. */
const laterIndexes: readonly GlobalSecondaryIndexDefinition[] =
  tableDefinitions.submissions.globalSecondaryIndexes.filter((index) =>
    ['byConsultation', 'bySubmitter'].includes(index.indexName),
  );

describe.each(dynamoDbTargets)('reindexing submissions stored before an index on $name', (target) => {
  let database: StartedDynamoDbTarget;

  beforeAll(async () => {
    database = await target.start();
  });
  afterAll(() => database?.close());

  it('gives old items the keys of the new indexes, changing nothing else, and can run again', async () => {
    const documents = createDocumentClient(database.client);
    const table = database.tableNames.submissions;
    const repository = createDynamoDbSubmissionRepository(documents, table);
    const catalog = createDynamoDbSubmissionCatalog(documents, table);
    const standings = createDynamoDbSubmitterStandings(documents, table);
    const older = [olderSubmission(1), olderSubmission(2)];
    for (const submission of older) {
      expect(await repository.create(submission)).toBe(true);
      // As an item written before those indexes existed: without their key attributes.
      const names = laterIndexes.flatMap((index) => [
        index.partitionKey.name,
        ...(index.sortKey === undefined ? [] : [index.sortKey.name]),
      ]);
      await database.client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: `SUBMISSION#${submission.id}` }, sk: { S: 'SUBMISSION' } },
          UpdateExpression: `REMOVE ${names.map((_, position) => `#a${position}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(
            names.map((name, position) => [`#a${position}`, name]),
          ),
        }),
      );
    }
    const listed = async () =>
      (await catalog.page(wsis, {}, { limit: 10 })).submissions.map((submission) => submission.id).sort();
    const submittedBy = async () =>
      (await standings.among(wsis, ['official-submission'], [addressKey(address)])).get(addressKey(address));
    expect(await listed()).toEqual([]);
    expect(await submittedBy()).toBeUndefined();

    expect(await reindexSubmissions(database.client, table)).toEqual({
      submissions: 2,
      rewritten: 2,
      changedMeanwhile: 0,
    });
    expect(await listed()).toEqual(older.map((submission) => submission.id).sort());
    expect(await submittedBy()).toHaveLength(2);
    for (const submission of older) expect(await repository.find(submission.id)).toEqual(submission);

    expect(await reindexSubmissions(database.client, table)).toEqual({
      submissions: 2,
      rewritten: 2,
      changedMeanwhile: 0,
    });
  });
});
