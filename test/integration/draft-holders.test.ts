import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbDraftHolders } from '../../shared/adapters/dynamodb/draft-holders.ts';
import { createDynamoDbSubmissionRepository } from '../../shared/adapters/dynamodb/submission-repository.ts';
import { wsisForum2022 } from '../../shared/domain/definitions/index.ts';
import { findReminderWave, type ReminderWave } from '../../shared/domain/reminder-wave.ts';
import type { WaveRecipient } from '../../shared/domain/wave-recipient.ts';
import type { RecipientSource } from '../../shared/ports/recipient-source.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';
import { storedSubmissionMaker } from '../support/stored-submissions.ts';

const submission = storedSubmissionMaker({
  idBlock: '8000',
  titlePrefix: 'Draft',
  submitter: { timezone: 'Africa/Dakar' },
});

async function everyPage(source: RecipientSource, wave: ReminderWave, limit: number) {
  const recipients: WaveRecipient[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await source.page('wsis-forum-2022', wave, cursor, limit);
    recipients.push(...page.recipients);
    cursor = page.cursor;
    pages += 1;
  } while (cursor !== undefined);
  return { recipients, pages };
}

describe.each(dynamoDbTargets)('draft-holders recipient source on $name', (target) => {
  let database: StartedDynamoDbTarget;
  let source: RecipientSource;
  const deadlineWave = findReminderWave(wsisForum2022, 'deadline-20220307T1300Z-P2D');
  const meetingWave = findReminderWave(wsisForum2022, 'meeting-phase-5-P1D');

  beforeAll(async () => {
    database = await target.start();
    const documents = createDocumentClient(database.client);
    const repository = createDynamoDbSubmissionRepository(documents, database.tableNames.submissions);
    source = createDynamoDbDraftHolders(documents, database.tableNames.submissions);
    for (const stored of [
      ...Array.from({ length: 7 }, (_, index) => submission(`drafter-${index}@example.org`, 'draft')),
      submission('photographer@example.org', 'draft', 'photo-contest'),
      submission('done@example.org', 'submitted'),
      submission('gone@example.org', 'withdrawn'),
      submission('elsewhere@example.org', 'draft', 'official-submission', 'another-consultation'),
    ]) {
      expect(await repository.create(stored)).toBe(true);
    }
  });
  afterAll(() => database?.close());

  it('yields every draft holder of the wave’s calls, page by page, with language, zone and title', async () => {
    if (deadlineWave === undefined) throw new Error('No such wave');
    const { recipients, pages } = await everyPage(source, deadlineWave, 3);
    expect(pages).toBeGreaterThan(3);
    expect(recipients.map((recipient) => recipient.email).sort()).toEqual([
      ...Array.from({ length: 7 }, (_, index) => `drafter-${index}@example.org`),
      'photographer@example.org',
    ]);
    expect(recipients.find((recipient) => recipient.email === 'photographer@example.org')).toMatchObject({
      language: 'fr',
      timeZone: 'Africa/Dakar',
      source: 'draft-holder',
      drafts: [{ call: 'photo-contest', title: expect.stringMatching(/^Draft \d+$/) }],
    });
  });

  it('has nobody for a meeting wave', async () => {
    if (meetingWave === undefined) throw new Error('No such wave');
    expect(await source.page('wsis-forum-2022', meetingWave, undefined, 10)).toEqual({ recipients: [] });
  });
});
