import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbSubmissionRepository } from '../../shared/adapters/dynamodb/submission-repository.ts';
import { createDynamoDbSubmissionStatistics } from '../../shared/adapters/dynamodb/submission-statistics.ts';
import { contentSha256, type StoredSubmission } from '../../shared/domain/submission.ts';
import { type SubmissionContent, submissionContentSchema } from '../../shared/domain/submission-content.ts';
import type { IdempotencyRecord, SubmissionRepository } from '../../shared/ports/submission-repository.ts';
import type { SubmissionStatistics } from '../../shared/ports/submission-statistics.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';
import { issueExampleSubmission } from '../support/issue-example-submission.ts';

const content: SubmissionContent = submissionContentSchema.parse({
  ...issueExampleSubmission,
  body: 'We propose a session on community networks.',
  actionLines: ['C2', 'C7.e-health'],
});

function submission(id: string, changes: Partial<StoredSubmission> = {}): StoredSubmission {
  return {
    id,
    consultationId: 'wsis-forum-2022',
    call: 'official-submission',
    reference: `WSIS22-OS-${id.slice(-6)}`,
    status: 'submitted',
    version: 1,
    editTokenSha256: 'a'.repeat(64),
    createdAt: '2022-03-06T12:00:00.000Z',
    updatedAt: '2022-03-06T12:00:00.000Z',
    submittedAt: '2022-03-06T12:00:00.000Z',
    contentSha256: contentSha256(content),
    content,
    history: [
      {
        kind: 'created',
        at: '2022-03-06T12:00:00.000Z',
        actor: 'submitter',
        version: 1,
        status: 'submitted',
      },
    ],
    ...changes,
  };
}

describe.each(dynamoDbTargets)('submission repository and statistics on $name', (target) => {
  let database: StartedDynamoDbTarget;
  let repository: SubmissionRepository;
  let statistics: SubmissionStatistics;

  beforeAll(async () => {
    database = await target.start();
    const documents = createDocumentClient(database.client);
    repository = createDynamoDbSubmissionRepository(documents, database.tableNames.submissions);
    statistics = createDynamoDbSubmissionStatistics(documents, database.tableNames.submissions);
  });
  afterAll(() => database?.close());

  it('stores a submission once, reads it back exactly, and finds it by reference', async () => {
    const stored = submission('00000000-0000-4000-8000-000000000001');
    expect(await repository.create(stored)).toBe(true);
    expect(await repository.create({ ...stored, status: 'draft' })).toBe(false);
    expect(await repository.find(stored.id)).toEqual(stored);
    expect(await repository.findByReference('wsis-forum-2022', stored.reference)).toEqual(stored);
    expect(await repository.findByReference('another-consultation', stored.reference)).toBeUndefined();
    expect(await repository.find('00000000-0000-4000-8000-00000000ffff')).toBeUndefined();
  });

  it('replaces only the version it was based on', async () => {
    const stored = submission('00000000-0000-4000-8000-000000000002');
    await repository.create(stored);
    const edited = { ...stored, version: 2, content: { ...content, title: 'Edited' } };
    expect(await repository.replace(edited, 1)).toBe(true);
    expect(
      await repository.replace({ ...stored, version: 2, content: { ...content, title: 'Lost' } }, 1),
    ).toBe(false);
    expect((await repository.find(stored.id))?.content.title).toBe('Edited');
  });

  it('hands out reference numbers one by one, each to one caller, per call', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 25 }, () => repository.nextReferenceNumber('wsis-forum-2022', 'photo-contest')),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
    expect(await repository.nextReferenceNumber('wsis-forum-2022', 'regional-input')).toBe(1);
    expect(await repository.nextReferenceNumber('another-consultation', 'photo-contest')).toBe(1);
  });

  it('keeps an idempotency key for the first request only', async () => {
    const record: IdempotencyRecord = {
      consultationId: 'wsis-forum-2022',
      keySha256: 'b'.repeat(64),
      requestSha256: 'c'.repeat(64),
      receipt: {
        id: '00000000-0000-4000-8000-000000000003',
        reference: 'WSIS22-OS-000003',
        call: 'official-submission',
        status: 'draft',
        createdAt: '2022-03-06T12:00:00.000Z',
        contentSha256: 'd'.repeat(64),
      },
      sealedEditToken: 'sealed',
      createdAt: '2022-03-06T12:00:00.000Z',
      expiresAt: 1_646_654_400,
    };
    const outcomes = await Promise.all([
      repository.recordIdempotency(record),
      repository.recordIdempotency({ ...record, requestSha256: 'e'.repeat(64) }),
    ]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const kept = await repository.findIdempotencyRecord('wsis-forum-2022', record.keySha256);
    expect(kept?.receipt).toEqual(record.receipt);
    expect(await repository.findIdempotencyRecord('another-consultation', record.keySha256)).toBeUndefined();
  });

  it('lets exactly one of many concurrent claims send a receipt, and records its outcome', async () => {
    const id = '00000000-0000-4000-8000-000000000004';
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => repository.claimConfirmation(id, '2022-03-06T12:00:00.000Z')),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await repository.findConfirmation(id)).toMatchObject({ status: 'claimed' });
    await repository.completeConfirmation(id, {
      status: 'sent',
      messageId: 'm-1',
      at: '2022-03-06T12:00:01.000Z',
    });
    expect(await repository.findConfirmation(id)).toEqual({
      submissionId: id,
      status: 'sent',
      claimedAt: '2022-03-06T12:00:00.000Z',
      completedAt: '2022-03-06T12:00:01.000Z',
      messageId: 'm-1',
    });
    expect(await repository.claimConfirmation(id, '2022-03-06T12:05:00.000Z')).toBe(false);
  });

  it('counts a call’s submissions by status and stakeholder type, following every change', async () => {
    const call = 'workshop-request' as const;
    const base = (id: string, changes: Partial<StoredSubmission> = {}) =>
      submission(id, { call, content: { ...content, call: 'official-submission' }, ...changes });
    const civil = {
      ...content,
      submitter: { ...content.submitter, stakeholderType: 'civil-society' as const },
    };
    await repository.create(base('10000000-0000-4000-8000-000000000001'));
    await repository.create(base('10000000-0000-4000-8000-000000000002', { content: civil }));
    await repository.create(base('10000000-0000-4000-8000-000000000003', { status: 'draft' }));
    const withdrawn = base('10000000-0000-4000-8000-000000000004');
    await repository.create(withdrawn);
    await repository.replace({ ...withdrawn, status: 'withdrawn', version: 2 }, 1);

    expect(await statistics.countsFor('wsis-forum-2022', call)).toEqual({
      call,
      submitted: 2,
      drafts: 1,
      withdrawn: 1,
      submittedByStakeholderType: {
        government: 1,
        'private-sector': 0,
        'civil-society': 1,
        'academia-technical': 0,
        'international-organization': 0,
      },
    });
    expect((await statistics.countsFor('wsis-forum-2022', 'hltf-nomination')).submitted).toBe(0);
  });

  it('counts past one Query page', async () => {
    const call = 'regional-input' as const;
    const total = 230;
    await Promise.all(
      Array.from({ length: total }, (_, index) =>
        repository.create(submission(`20000000-0000-4000-8000-${String(index).padStart(12, '0')}`, { call })),
      ),
    );
    const paged = createDynamoDbSubmissionStatistics(
      createDocumentClient(database.client),
      database.tableNames.submissions,
      { pageSize: 50 },
    );
    expect((await paged.countsFor('wsis-forum-2022', call)).submitted).toBe(total);
  });
});
