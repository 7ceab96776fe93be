import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbAuditTrail } from '../../shared/adapters/dynamodb/audit-trail.ts';
import { createDynamoDbConsultationRepository } from '../../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbExtensionRepository } from '../../shared/adapters/dynamodb/extension-repository.ts';
import { createDynamoDbModerationEmails } from '../../shared/adapters/dynamodb/moderation-emails.ts';
import { createDynamoDbSubmissionRepository } from '../../shared/adapters/dynamodb/submission-repository.ts';
import { wsisForum2022 } from '../../shared/domain/definitions/index.ts';
import { contentSha256, type StoredSubmission } from '../../shared/domain/submission.ts';
import { type SubmissionContent, submissionContentSchema } from '../../shared/domain/submission-content.ts';
import { changedFields, historyEventsKeptApart, withEdit } from '../../shared/domain/submission-history.ts';
import { moderated } from '../../shared/domain/workshop-moderation.ts';
import type { AuditTrail } from '../../shared/ports/audit-trail.ts';
import type { ModerationEmails } from '../../shared/ports/moderation-emails.ts';
import type { SubmissionRepository } from '../../shared/ports/submission-repository.ts';
import {
  type ModerateWorkshopRequestPorts,
  moderateWorkshopRequest,
} from '../../shared/use-cases/moderate-workshop-request.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';
import { recordingMailer, settableClock } from '../support/in-memory-ports.ts';
import { issueExampleSubmission } from '../support/issue-example-submission.ts';

const consultationId = wsisForum2022.id;
const secretariat = 'arn:aws:iam::000000000000:user/local-secretariat';
const content: SubmissionContent = submissionContentSchema.parse({
  ...issueExampleSubmission,
  call: 'workshop-request',
  workshop: {
    format: 'virtual',
    durationMinutes: 90,
    organizers: [{ organization: 'Ministry of Digital Economy', stakeholderType: 'government' }],
    coOrganizers: [],
    speakers: [],
  },
});

let sequence = 0;
function workshopRequest(changes: Partial<StoredSubmission> = {}): StoredSubmission {
  sequence += 1;
  const id = `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
  return {
    id,
    consultationId,
    call: 'workshop-request',
    reference: `WSIS22-WR-${String(sequence).padStart(6, '0')}`,
    status: 'submitted',
    version: 1,
    editTokenSha256: 'a'.repeat(64),
    createdAt: '2022-03-01T12:00:00.000Z',
    updatedAt: '2022-03-01T12:00:00.000Z',
    submittedAt: '2022-03-01T12:00:00.000Z',
    contentSha256: contentSha256(content),
    content,
    history: [
      {
        kind: 'created',
        at: '2022-03-01T12:00:00.000Z',
        actor: 'submitter',
        version: 1,
        status: 'submitted',
      },
    ],
    ...changes,
  };
}

describe.each(dynamoDbTargets)('submission history and moderation on $name', (target) => {
  let database: StartedDynamoDbTarget;
  let submissions: SubmissionRepository;
  let moderationEmails: ModerationEmails;
  let auditTrail: AuditTrail;
  let ports: ModerateWorkshopRequestPorts & {
    clock: ReturnType<typeof settableClock>;
    mailer: ReturnType<typeof recordingMailer>;
  };

  beforeAll(async () => {
    database = await target.start();
    const documents = createDocumentClient(database.client);
    const { consultations: consultationTable, submissions: submissionTable } = database.tableNames;
    submissions = createDynamoDbSubmissionRepository(documents, submissionTable);
    moderationEmails = createDynamoDbModerationEmails(documents, submissionTable);
    auditTrail = createDynamoDbAuditTrail(documents, consultationTable);
    const consultations = createDynamoDbConsultationRepository(documents, consultationTable);
    await consultations.seed(wsisForum2022, new Date('2021-08-01T00:00:00Z'));
    ports = {
      clock: settableClock('2022-03-03T09:00:00Z'),
      consultations,
      extensions: createDynamoDbExtensionRepository(documents, consultationTable),
      submissions,
      moderationEmails,
      mailer: recordingMailer(),
      auditTrail,
    };
  });
  afterAll(() => database?.close());

  const moderate = (
    submissionId: string,
    decision: 'accept' | 'reject' | 'request-changes',
    reason?: string,
  ) =>
    moderateWorkshopRequest(ports, {
      consultationId,
      submissionId,
      decision,
      message: `Decision: ${decision}.`,
      reason,
      actor: secretariat,
    });
  const sentTo = (reference: string) =>
    ports.mailer.sent.filter((email) => email.subject.includes(reference));
  const moderationEntries = async (submissionId: string) =>
    (await auditTrail.list(consultationId)).filter(
      (entry) => entry.kind === 'workshop-request-moderated' && entry.submissionId === submissionId,
    );

  it('keeps the history in the submission’s item: written with the change, and not at all by a stale write', async () => {
    const stored = workshopRequest();
    expect(await submissions.create(stored)).toBe(true);
    const edited: StoredSubmission = {
      ...stored,
      version: 2,
      content: { ...content, title: 'Edited' },
      history: [
        ...stored.history,
        { kind: 'edited', at: '2022-03-02T10:00:00.000Z', actor: 'submitter', version: 2, fields: ['title'] },
      ],
    };
    expect(await submissions.replace(edited, 1)).toBe(true);
    const stale: StoredSubmission = {
      ...stored,
      version: 2,
      status: 'withdrawn',
      history: [
        ...stored.history,
        { kind: 'withdrawn', at: '2022-03-02T10:00:01.000Z', actor: 'submitter', version: 2 },
      ],
    };
    expect(await submissions.replace(stale, 1)).toBe(false);
    const found = await submissions.find(stored.id);
    expect(found).toEqual(edited);
    expect(found?.history.map((event) => event.kind)).toEqual(['created', 'edited']);
  });

  it('fits the largest submission with the longest history in one item: edits past the bound merge', async () => {
    const wide = (length: number) => '語'.repeat(length);
    const person = {
      name: wide(200),
      organization: wide(200),
      stakeholderType: 'civil-society',
      country: 'CN',
    };
    const largest: SubmissionContent = submissionContentSchema.parse({
      ...content,
      submitter: {
        ...content.submitter,
        name: wide(200),
        organization: wide(200),
        timezone: 'Asia/Shanghai',
      },
      title: wide(300),
      body: wide(30_000),
      workshop: {
        format: 'hybrid',
        durationMinutes: 180,
        organizers: Array.from({ length: 10 }, () => ({
          organization: wide(200),
          stakeholderType: 'government',
        })),
        coOrganizers: Array.from({ length: 20 }, () => ({
          organization: wide(200),
          stakeholderType: 'academia-technical',
        })),
        speakers: Array.from({ length: 30 }, () => person),
      },
    });
    const everyField = changedFields({}, largest);
    let stored = workshopRequest({ content: largest, contentSha256: contentSha256(largest) });
    await submissions.create(stored);
    for (let version = 2; version <= historyEventsKeptApart + 300; version += 1) {
      stored = {
        ...stored,
        version,
        history: withEdit(stored.history, {
          kind: 'edited',
          at: '2022-03-02T10:00:00.000Z',
          actor: 'submitter',
          version,
          fields: everyField,
        }),
      };
    }
    expect(stored.history).toHaveLength(historyEventsKeptApart);
    expect(stored.history.at(-1)).toMatchObject({ version: historyEventsKeptApart + 300, edits: 301 });
    expect(await submissions.replace(stored, 1)).toBe(true);
    expect(await submissions.find(stored.id)).toEqual(stored);
  });

  it('claims each moderation’s email once, and a later moderation’s again', async () => {
    const id = workshopRequest().id;
    expect(await moderationEmails.claim(id, 2, '2022-03-03T09:00:00.000Z')).toBe(true);
    expect(await moderationEmails.claim(id, 2, '2022-03-03T09:00:01.000Z')).toBe(false);
    await moderationEmails.complete(id, 2, {
      status: 'sent',
      messageId: 'm-1',
      at: '2022-03-03T09:00:02.000Z',
    });
    expect(await moderationEmails.find(id, 2)).toEqual({
      submissionId: id,
      moderationVersion: 2,
      status: 'sent',
      claimedAt: '2022-03-03T09:00:00.000Z',
      completedAt: '2022-03-03T09:00:02.000Z',
    });
    expect(await moderationEmails.claim(id, 3, '2022-03-04T09:00:00.000Z')).toBe(true);
    expect(await moderationEmails.find(id, 4)).toBeUndefined();
  });

  it('stores a decision with its history event and audit entry, emails once, and answers a repeat the same', async () => {
    const stored = workshopRequest();
    await submissions.create(stored);
    const first = await moderate(stored.id, 'accept');
    expect(first).toMatchObject({ outcome: 'moderated', replayed: false, email: { status: 'sent' } });
    const repeat = await moderate(stored.id, 'accept');
    expect(repeat).toMatchObject({ outcome: 'moderated', replayed: true });
    if (first.outcome !== 'moderated' || repeat.outcome !== 'moderated') throw new Error('not moderated');
    expect(repeat.submission).toEqual(first.submission);
    expect(repeat.email).toEqual(first.email);
    expect(sentTo(stored.reference)).toHaveLength(1);

    const found = await submissions.find(stored.id);
    expect(found?.version).toBe(2);
    expect(found?.moderation).toMatchObject({ decision: 'accept', decidedBy: secretariat, version: 2 });
    expect(found?.history.at(-1)).toEqual({
      kind: 'moderated',
      at: '2022-03-03T09:00:00.000Z',
      actor: secretariat,
      version: 2,
      decision: 'accept',
    });
    const entries = await moderationEntries(stored.id);
    expect(entries).toEqual([
      expect.objectContaining({
        actor: secretariat,
        reference: stored.reference,
        before: null,
        after: expect.objectContaining({ decision: 'accept', version: 2 }),
      }),
    ]);
  });

  it('finishes a moderation a crash interrupted: a repeat records the audit entry and sends the email, once', async () => {
    const stored = workshopRequest();
    await submissions.create(stored);
    // The first request stored the decision and died before its audit entry and email.
    const interrupted = moderated(stored, {
      decision: 'reject',
      message: 'Decision: reject.',
      decidedAt: '2022-03-03T08:00:00.000Z',
      decidedBy: secretariat,
    });
    expect(await submissions.replace(interrupted, 1)).toBe(true);
    const repeat = await moderate(stored.id, 'reject');
    expect(repeat).toMatchObject({ outcome: 'moderated', replayed: true, email: { status: 'sent' } });
    expect(sentTo(stored.reference)).toHaveLength(1);
    expect(await moderationEntries(stored.id)).toEqual([
      expect.objectContaining({
        at: '2022-03-03T08:00:00.000Z',
        before: null,
        after: expect.objectContaining({ version: 2 }),
      }),
    ]);
    await moderate(stored.id, 'reject');
    expect(sentTo(stored.reference)).toHaveLength(1);
    expect(await moderationEntries(stored.id)).toHaveLength(1);
  });

  it('records a send SES refused as failed, and a repeat does not send again (at most once)', async () => {
    const stored = workshopRequest();
    await submissions.create(stored);
    ports.mailer.failNext = 1;
    const first = await moderate(stored.id, 'accept');
    expect(first).toMatchObject({ outcome: 'moderated', email: { status: 'failed' } });
    expect((await submissions.find(stored.id))?.moderation?.decision).toBe('accept');
    const repeat = await moderate(stored.id, 'accept');
    expect(repeat).toMatchObject({ outcome: 'moderated', replayed: true, email: { status: 'failed' } });
    expect(sentTo(stored.reference)).toEqual([]);
  });

  it('sends one email to twin requests racing on the same submission', async () => {
    const stored = workshopRequest();
    await submissions.create(stored);
    const results = await Promise.all([
      moderate(stored.id, 'reject'),
      moderate(stored.id, 'reject'),
      moderate(stored.id, 'reject'),
    ]);
    expect(results.map((result) => result.outcome)).toEqual(['moderated', 'moderated', 'moderated']);
    expect(results.filter((result) => result.outcome === 'moderated' && !result.replayed)).toHaveLength(1);
    expect(sentTo(stored.reference)).toHaveLength(1);
    expect(
      (await submissions.find(stored.id))?.history.filter((event) => event.kind === 'moderated'),
    ).toHaveLength(1);
    expect(await moderationEntries(stored.id)).toHaveLength(1);
  });

  it('changes a decision made only with a reason, as a new moderation with a new email', async () => {
    const stored = workshopRequest();
    await submissions.create(stored);
    await moderate(stored.id, 'accept');
    ports.clock.set('2022-03-04T09:00:00Z');
    expect(await moderate(stored.id, 'reject')).toMatchObject({ outcome: 'reason-required' });
    expect((await submissions.find(stored.id))?.version).toBe(2);
    const changed = await moderate(stored.id, 'reject', 'The slot fell through');
    expect(changed).toMatchObject({
      outcome: 'moderated',
      replayed: false,
      moderation: {
        decision: 'reject',
        version: 3,
        reason: 'The slot fell through',
        supersedes: { decision: 'accept', version: 2 },
      },
    });
    expect(sentTo(stored.reference)).toHaveLength(2);
    const entries = await moderationEntries(stored.id);
    expect(entries.at(-1)).toMatchObject({
      reason: 'The slot fell through',
      before: { decision: 'accept', version: 2 },
      after: { decision: 'reject', version: 3 },
    });
    ports.clock.set('2022-03-03T09:00:00Z');
  });

  it('asks for changes only while the submitter can make them, until their deadline or extension', async () => {
    const stored = workshopRequest();
    await submissions.create(stored);
    const asked = await moderate(stored.id, 'request-changes');
    expect(asked).toMatchObject({
      outcome: 'moderated',
      moderation: { editableUntil: '2022-03-07T13:00:00Z' },
    });

    const late = workshopRequest({
      content: { ...content, submitter: { ...content.submitter, email: 'late@example.org' } },
    });
    await submissions.create(late);
    ports.clock.set('2022-03-08T09:00:00Z');
    expect(await moderate(late.id, 'request-changes')).toEqual({
      outcome: 'submitter-cannot-edit',
      closedAt: '2022-03-07T13:00:00Z',
    });
    expect(await submissions.find(late.id)).toEqual(late);
    await ports.extensions.grant(consultationId, {
      call: 'workshop-request',
      grantee: { kind: 'email', email: 'late@example.org' },
      until: '2022-03-10T13:00:00Z',
      reason: 'Changes requested',
      grantedAt: '2022-03-08T09:00:00.000Z',
      grantedBy: secretariat,
    });
    expect(await moderate(late.id, 'request-changes')).toMatchObject({
      outcome: 'moderated',
      moderation: { editableUntil: '2022-03-10T13:00:00Z' },
    });
    ports.clock.set('2022-03-03T09:00:00Z');
  });

  it('answers concurrent-change when the submitter’s edit lands between the read and the write', async () => {
    const stored = workshopRequest();
    await submissions.create(stored);
    const edit: StoredSubmission = {
      ...stored,
      version: 2,
      content: { ...content, title: 'Edited meanwhile' },
      history: [
        ...stored.history,
        { kind: 'edited', at: '2022-03-03T09:00:00.000Z', actor: 'submitter', version: 2, fields: ['title'] },
      ],
    };
    const interleaved: SubmissionRepository = {
      ...submissions,
      async replace(submission, expectedVersion) {
        await submissions.replace(edit, expectedVersion);
        return submissions.replace(submission, expectedVersion);
      },
    };
    const result = await moderateWorkshopRequest(
      { ...ports, submissions: interleaved },
      {
        consultationId,
        submissionId: stored.id,
        decision: 'accept',
        message: 'Accepted.',
        actor: secretariat,
      },
    );
    expect(result).toEqual({ outcome: 'concurrent-change', currentVersion: 2 });
    expect(await submissions.find(stored.id)).toEqual(edit);
    expect(sentTo(stored.reference)).toEqual([]);
    expect(await moderationEntries(stored.id)).toEqual([]);
  });

  it('refuses other calls, drafts and withdrawn requests, and another consultation’s submission, writing nothing', async () => {
    const official = workshopRequest({
      call: 'official-submission',
      content: submissionContentSchema.parse(issueExampleSubmission),
    });
    const draft = workshopRequest({ status: 'draft' });
    const withdrawn = workshopRequest({ status: 'withdrawn', withdrawnAt: '2022-03-02T12:00:00.000Z' });
    for (const stored of [official, draft, withdrawn]) await submissions.create(stored);
    expect(await moderate(official.id, 'accept')).toEqual({
      outcome: 'not-a-workshop-request',
      call: 'official-submission',
    });
    expect(await moderate(draft.id, 'accept')).toEqual({ outcome: 'not-submitted', status: 'draft' });
    expect(await moderate(withdrawn.id, 'accept')).toEqual({ outcome: 'not-submitted', status: 'withdrawn' });
    expect(
      await moderateWorkshopRequest(ports, {
        consultationId: 'another-consultation',
        submissionId: draft.id,
        decision: 'accept',
        message: 'No',
        actor: secretariat,
      }),
    ).toEqual({ outcome: 'submission-not-found' });
    for (const stored of [official, draft, withdrawn]) {
      expect(await submissions.find(stored.id)).toEqual(stored);
      expect(await moderationEmails.find(stored.id, 2)).toBeUndefined();
      expect(await moderationEntries(stored.id)).toEqual([]);
    }
  });
});
