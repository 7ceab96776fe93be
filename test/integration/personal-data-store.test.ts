import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbAuditTrail } from '../../shared/adapters/dynamodb/audit-trail.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbExtensionRepository } from '../../shared/adapters/dynamodb/extension-repository.ts';
import { createDynamoDbPersonalDataStore } from '../../shared/adapters/dynamodb/personal-data-store.ts';
import { createDynamoDbSendRecords } from '../../shared/adapters/dynamodb/send-records.ts';
import { createDynamoDbSubmissionRepository } from '../../shared/adapters/dynamodb/submission-repository.ts';
import { createDynamoDbSubscriptionRepository } from '../../shared/adapters/dynamodb/subscription-repository.ts';
import { createDynamoDbSuppressionList } from '../../shared/adapters/dynamodb/suppression-list.ts';
import { addressKey } from '../../shared/domain/email-address.ts';
import { erasedEmailAddress } from '../../shared/domain/personal-data.ts';
import { contentSha256, type StoredSubmission } from '../../shared/domain/submission.ts';
import { type SubmissionContent, submissionContentSchema } from '../../shared/domain/submission-content.ts';
import type { PersonalDataStore } from '../../shared/ports/personal-data-store.ts';
import type { SendRecords, WaveRef } from '../../shared/ports/send-records.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';
import { issueExampleSubmission } from '../support/issue-example-submission.ts';

const wsis = 'wsis-forum-2022';
const person = 'Erin.Okafor@Example.org';
const personKey = addressKey(person);
const other = 'kwame.mensah@example.org';
const wave: WaveRef = { consultationId: wsis, waveId: 'deadline-20220307T1300Z-P14D' };

function submission(id: string, content: SubmissionContent): StoredSubmission {
  return {
    history: [],
    id,
    consultationId: wsis,
    call: content.call,
    reference: `WSIS22-XX-${id.slice(-6)}`,
    status: 'submitted',
    version: 1,
    editTokenSha256: 'a'.repeat(64),
    createdAt: '2022-03-06T12:00:00.000Z',
    updatedAt: '2022-03-06T12:00:00.000Z',
    contentSha256: contentSha256(content),
    content,
  };
}

const bySubmitter = submissionContentSchema.parse({
  ...issueExampleSubmission,
  submitter: { ...issueExampleSubmission.submitter, email: person.toUpperCase() },
});
const byOther = submissionContentSchema.parse({
  ...issueExampleSubmission,
  submitter: { ...issueExampleSubmission.submitter, email: other },
});
const nominatingPerson = submissionContentSchema.parse({
  ...issueExampleSubmission,
  submitter: { ...issueExampleSubmission.submitter, email: other },
  call: 'hltf-nomination',
  nomination: {
    nominee: {
      name: 'Nadia Karam',
      position: 'Minister',
      organization: 'Ministry of Telecommunications',
      email: 'nadia.karam@example.lb',
      stakeholderType: 'government',
      country: 'LB',
    },
    nominator: { name: 'Erin Okafor', organization: 'NCC', email: person },
    bio: 'Drafted the national broadband plan.',
  },
});

describe.each(dynamoDbTargets)('personal-data store on $name', (target) => {
  let database: StartedDynamoDbTarget;
  let store: PersonalDataStore;
  let sendRecords: SendRecords;
  let documents: ReturnType<typeof createDocumentClient>;

  beforeAll(async () => {
    database = await target.start();
    documents = createDocumentClient(database.client);
    store = createDynamoDbPersonalDataStore(documents, database.tableNames);
    sendRecords = createDynamoDbSendRecords(documents, database.tableNames.deliveries);
    const submissions = createDynamoDbSubmissionRepository(documents, database.tableNames.submissions);
    await submissions.create(submission('00000000-0000-4000-8000-000000000001', bySubmitter));
    await submissions.create(submission('00000000-0000-4000-8000-000000000002', byOther));
    await submissions.create(submission('00000000-0000-4000-8000-000000000003', nominatingPerson));
  });
  afterAll(() => database?.close());

  it('finds the submissions naming an address as submitter or nominator, in any case (Scan), and no other', async () => {
    expect(await store.submissionIdsNaming(`  ${person.toLowerCase()}`)).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000003',
    ]);
    expect(await store.submissionIdsNaming('nobody@example.org')).toEqual([]);
  });

  it('pages through a consultation’s submissions call after call (Query, keys only)', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.submissionIdsOf(wsis, ['official-submission', 'hltf-nomination'], cursor, 1);
      seen.push(...page.submissionIds);
      cursor = page.cursor;
      pages += 1;
    } while (cursor !== undefined && pages < 10);
    expect(seen.sort()).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
      '00000000-0000-4000-8000-000000000003',
    ]);
    expect(
      (await store.submissionIdsOf('another-one', ['official-submission'], undefined, 10)).submissionIds,
    ).toEqual([]);
  });

  it('reads and deletes a subscription, its opt-out and the daily counters by address key', async () => {
    const subscriptions = createDynamoDbSubscriptionRepository(documents, database.tableNames.subscriptions);
    const now = new Date('2022-02-21T12:00:00Z');
    await subscriptions.savePending({
      consultationId: wsis,
      addressKey: personKey,
      email: person.toLowerCase(),
      language: 'en',
      requestedAt: now,
      tokenHash: 'hash',
      tokenExpiresAt: new Date('2022-02-28T12:00:00Z'),
    });
    await subscriptions.countConfirmationEmail(personKey, '2022-02-21', 3);
    await subscriptions.countConfirmationEmail(personKey, '2022-02-22', 3);
    await subscriptions.unsubscribe(wsis, personKey, now);

    expect((await store.subscription(wsis, personKey))?.subscription).toMatchObject({
      email: person.toLowerCase(),
      status: 'unsubscribed',
      unsubscribedAt: now.toISOString(),
    });
    expect(await store.optOut(wsis, personKey)).toEqual({
      consultationId: wsis,
      optedOutAt: now.toISOString(),
    });
    expect(await store.confirmationEmailCounters(personKey)).toEqual([
      { day: '2022-02-21', count: 1 },
      { day: '2022-02-22', count: 1 },
    ]);
    expect(await store.subscriptionKeysOf(wsis)).toEqual([personKey]);

    expect(await store.deleteSubscription(wsis, personKey)).toBe(true);
    expect(await store.deleteSubscription(wsis, personKey)).toBe(false);
    expect(await store.deleteConfirmationEmailCounters(personKey)).toBe(2);
    expect(await store.deleteConfirmationEmailCounters(personKey)).toBe(0);
    expect(await store.subscription(wsis, personKey)).toBeUndefined();
    // The opt-out is only deleted when asked (retention), never with the subscription.
    expect(await store.subscriptionKeysOf(wsis)).toEqual([personKey]);
    expect(await store.deleteOptOut(wsis, personKey)).toBe(true);
    expect(await store.subscriptionKeysOf(wsis)).toEqual([]);
  });

  it('moves a send record to an anonymous key with the same figures, once, and resumes a half-done move', async () => {
    const at = new Date('2022-02-21T13:00:30Z');
    for (const [index, key] of [personKey, 'k1', 'k2'].entries()) {
      await sendRecords.claim(wave, key, `attempt-${index}`, at);
      await sendRecords.markSent(wave, key, `attempt-${index}`, `message-${index}`, at);
    }
    await sendRecords.recordEvent(wave, personKey, { kind: 'bounced', at });
    await sendRecords.claim({ ...wave, consultationId: 'another-one' }, personKey, 'x', at);
    const figures = await sendRecords.figures(wave);

    expect((await store.sendRecordsOf(personKey)).map((held) => held.wave.consultationId).sort()).toEqual([
      'another-one',
      wsis,
    ]);
    expect(
      (await store.sendRecordsOfConsultation(wsis)).map((held) => held.record.addressKey).sort(),
    ).toEqual([personKey, 'k1', 'k2'].sort());

    expect(await store.anonymizeSendRecord(wave, personKey)).toBe(true);
    expect(await store.anonymizeSendRecord(wave, personKey)).toBe(false);
    expect(await sendRecords.figures(wave)).toEqual(figures);
    expect((await store.sendRecordsOf(personKey)).map((held) => held.wave.consultationId)).toEqual([
      'another-one',
    ]);
    expect(
      (await store.sendRecordsOfConsultation(wsis)).map((held) => held.record.addressKey).sort(),
    ).toEqual(['k1', 'k2']);

    // A crash after the twin was written and before the original went: the retry finishes the
    // move under the same anonymous key, so the wave still counts k1 once.
    const original = { pk: `WAVE#${wsis}#${wave.waveId}`, sk: 'RECIPIENT#k1' };
    await documents.send(
      new UpdateCommand({
        TableName: database.tableNames.deliveries,
        Key: original,
        UpdateExpression: 'SET erasedAs = :id',
        ExpressionAttributeValues: { ':id': 'half-done' },
      }),
    );
    const { Item } = await documents.send(
      new GetCommand({ TableName: database.tableNames.deliveries, Key: original }),
    );
    const { erasedAs: _name, ...twin } = Item ?? {};
    await documents.send(
      new PutCommand({
        TableName: database.tableNames.deliveries,
        Item: { ...twin, sk: 'RECIPIENT#ERASED-half-done' },
      }),
    );
    expect(await store.anonymizeSendRecord(wave, 'k1')).toBe(true);
    expect(await sendRecords.figures(wave)).toEqual(figures);
  });

  it('removes the address in clear from a suppression, which stays keyed by the address key', async () => {
    const suppressions = createDynamoDbSuppressionList(documents, database.tableNames.deliveries);
    await suppressions.suppress({
      addressKey: personKey,
      email: person.toLowerCase(),
      reason: 'bounce',
      at: new Date('2022-02-21T13:05:00Z'),
      detail: 'Permanent',
    });
    expect(await store.suppression(personKey)).toMatchObject({ reason: 'bounce', addressInClear: true });
    expect(await store.forgetSuppressedAddress(personKey)).toBe(true);
    expect(await store.forgetSuppressedAddress(personKey)).toBe(false);
    expect(await store.suppression(personKey)).toMatchObject({ reason: 'bounce', addressInClear: false });
    expect(await suppressions.suppressedAmong([personKey])).toEqual(new Set([personKey]));
  });

  it('deletes an extension granted to the address and rewrites the audit entry that named it', async () => {
    const extensions = createDynamoDbExtensionRepository(documents, database.tableNames.consultations);
    const auditTrail = createDynamoDbAuditTrail(documents, database.tableNames.consultations);
    const grant = {
      call: 'official-submission' as const,
      grantee: { kind: 'email' as const, email: person },
      until: '2022-03-10T13:00:00Z',
      reason: 'Outage',
      grantedAt: '2022-03-01T09:00:00.000Z',
      grantedBy: 'arn:aws:iam::000000000000:user/secretariat',
    };
    await extensions.grant(wsis, grant);
    await extensions.grant(wsis, { ...grant, grantee: { kind: 'organization', organization: 'NCC' } });
    await auditTrail.record(wsis, 'extension#1', {
      kind: 'extension-granted',
      at: grant.grantedAt,
      actor: grant.grantedBy,
      reason: grant.reason,
      call: grant.call,
      grantee: grant.grantee,
      until: grant.until,
    });

    const [named, ...more] = await store.auditEntriesNaming(wsis, person.toUpperCase());
    expect(more).toEqual([]);
    expect(named?.entry).toMatchObject({ kind: 'extension-granted', grantee: { email: person } });
    expect(await store.auditEntriesNaming(wsis, 'any')).toHaveLength(1);
    if (named?.entry.kind !== 'extension-granted') throw new Error('Expected the extension entry');
    await store.replaceAuditEntry(wsis, named.entryKey, {
      ...named.entry,
      grantee: { kind: 'email', email: erasedEmailAddress },
    });
    expect(await store.auditEntriesNaming(wsis, person)).toEqual([]);
    expect(await auditTrail.list(wsis)).toEqual([
      expect.objectContaining({
        kind: 'extension-granted',
        reason: 'Outage',
        grantee: { kind: 'email', email: erasedEmailAddress },
      }),
    ]);

    expect(await store.deleteEmailExtension(wsis, 'official-submission', person.toLowerCase())).toBe(true);
    expect(await store.deleteEmailExtension(wsis, 'official-submission', person)).toBe(false);
    expect((await extensions.list(wsis)).map((extension) => extension.grantee.kind)).toEqual([
      'organization',
    ]);
  });
});
