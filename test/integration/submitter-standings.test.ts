import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbSubmissionRepository } from '../../shared/adapters/dynamodb/submission-repository.ts';
import { createDynamoDbSubmitterStandings } from '../../shared/adapters/dynamodb/submitter-standings.ts';
import type { CallKind } from '../../shared/domain/consultation-definition.ts';
import { addressKey } from '../../shared/domain/email-address.ts';
import { erasedEmailAddress } from '../../shared/domain/personal-data.ts';
import type { SubmissionRepository } from '../../shared/ports/submission-repository.ts';
import type { SubmitterStandings } from '../../shared/ports/submitter-standings.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';
import { storedSubmissionMaker } from '../support/stored-submissions.ts';

const submission = storedSubmissionMaker({ idBlock: '9000', titlePrefix: 'Title' });

const sorted = <T extends { readonly title: string }>(list: readonly T[] | undefined) =>
  [...(list ?? [])].sort((a, b) => a.title.localeCompare(b.title));

describe.each(dynamoDbTargets)('submitter standings (bySubmitter) on $name', (target) => {
  let database: StartedDynamoDbTarget;
  let repository: SubmissionRepository;
  let standings: SubmitterStandings;
  const calls: CallKind[] = ['official-submission', 'photo-contest'];

  beforeAll(async () => {
    database = await target.start();
    const documents = createDocumentClient(database.client);
    repository = createDynamoDbSubmissionRepository(documents, database.tableNames.submissions);
    standings = createDynamoDbSubmitterStandings(documents, database.tableNames.submissions);
  });
  afterAll(() => database?.close());

  it('finds each address’s submissions in the given calls of the consultation, by address key', async () => {
    const drafting = submission('Both.Kinds@example.org', 'draft');
    const photo = submission('both.kinds@example.org', 'submitted', 'photo-contest');
    const elsewhere = submission('both.kinds@example.org', 'draft', 'official-submission', 'another');
    const other = submission('other@example.org', 'submitted');
    for (const stored of [drafting, photo, elsewhere, other]) {
      expect(await repository.create(stored)).toBe(true);
    }
    const found = await standings.among('wsis-forum-2022', calls, [
      addressKey('both.kinds@example.org'),
      addressKey('other@example.org'),
      addressKey('nobody@example.org'),
    ]);
    expect(sorted(found.get(addressKey('both.kinds@example.org')))).toEqual(
      sorted([
        { call: 'official-submission', status: 'draft', title: drafting.content.title },
        { call: 'photo-contest', status: 'submitted', title: photo.content.title },
      ]),
    );
    expect(found.get(addressKey('other@example.org'))).toEqual([
      { call: 'official-submission', status: 'submitted', title: other.content.title },
    ]);
    expect(found.has(addressKey('nobody@example.org'))).toBe(false);
    // A call outside the ones asked about is left out.
    const official = await standings.among(
      'wsis-forum-2022',
      ['official-submission'],
      [addressKey('both.kinds@example.org')],
    );
    expect(official.get(addressKey('both.kinds@example.org'))).toEqual([
      { call: 'official-submission', status: 'draft', title: drafting.content.title },
    ]);
  });

  it('follows a submission’s status and its erasure, which rewrite the index key with the item', async () => {
    const draft = submission('changing@example.org', 'draft');
    expect(await repository.create(draft)).toBe(true);
    const key = addressKey('changing@example.org');
    const submitted = { ...draft, status: 'submitted' as const, version: 2 };
    expect(await repository.replace(submitted, 1)).toBe(true);
    expect((await standings.among('wsis-forum-2022', calls, [key])).get(key)).toEqual([
      { call: 'official-submission', status: 'submitted', title: draft.content.title },
    ]);
    const erasedContent = {
      ...submitted.content,
      submitter: { ...submitted.content.submitter, email: erasedEmailAddress },
    };
    const erased = { ...submitted, version: 3, content: erasedContent };
    expect(await repository.replace(erased, 2)).toBe(true);
    expect((await standings.among('wsis-forum-2022', calls, [key])).has(key)).toBe(false);
    // Only SHA-256 address keys are indexed: the erased item's index key names nobody.
    const item = await database.client.send(
      new GetItemCommand({
        TableName: database.tableNames.submissions,
        Key: { pk: { S: `SUBMISSION#${draft.id}` }, sk: { S: 'SUBMISSION' } },
      }),
    );
    expect(item.Item?.gsi4pk?.S).toBe(`wsis-forum-2022#${addressKey(erasedEmailAddress)}`);
    expect(JSON.stringify(item.Item)).not.toContain('changing@example.org');
  });
});
