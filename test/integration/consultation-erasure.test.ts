import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbAuditTrail } from '../../shared/adapters/dynamodb/audit-trail.ts';
import { createDynamoDbConsultationRepository } from '../../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbExtensionRepository } from '../../shared/adapters/dynamodb/extension-repository.ts';
import { createDynamoDbPersonalDataStore } from '../../shared/adapters/dynamodb/personal-data-store.ts';
import { createDynamoDbSubmissionRepository } from '../../shared/adapters/dynamodb/submission-repository.ts';
import { createDynamoDbTransitionLedger } from '../../shared/adapters/dynamodb/transition-ledger.ts';
import { wsisForum2022 } from '../../shared/domain/definitions/index.ts';
import { erasedEmailAddress, erasedText } from '../../shared/domain/personal-data.ts';
import { contentSha256 } from '../../shared/domain/submission.ts';
import { submissionContentSchema } from '../../shared/domain/submission-content.ts';
import {
  type EraseConsultationPersonalDataPorts,
  eraseConsultationPersonalData,
} from '../../shared/use-cases/erase-consultation-personal-data.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';
import { settableClock } from '../support/in-memory-ports.ts';
import { issueExampleSubmission } from '../support/issue-example-submission.ts';

const wsis = wsisForum2022.id;
const content = submissionContentSchema.parse(issueExampleSubmission);

describe.each(dynamoDbTargets)('retention erasure of a consultation on $name', (target) => {
  let database: StartedDynamoDbTarget;
  let ports: EraseConsultationPersonalDataPorts;
  const clock = settableClock('2024-06-03T21:59:00Z');

  beforeAll(async () => {
    database = await target.start();
    const documents = createDocumentClient(database.client);
    const tables = database.tableNames;
    ports = {
      clock,
      consultations: createDynamoDbConsultationRepository(documents, tables.consultations),
      submissions: createDynamoDbSubmissionRepository(documents, tables.submissions),
      extensions: createDynamoDbExtensionRepository(documents, tables.consultations),
      personalData: createDynamoDbPersonalDataStore(documents, tables),
      transitionLedger: createDynamoDbTransitionLedger(documents, tables.consultations),
      auditTrail: createDynamoDbAuditTrail(documents, tables.consultations),
    };
    await ports.consultations.seed(wsisForum2022, new Date('2021-08-01T00:00:00Z'));
    await ports.submissions.create({
      history: [],
      id: '00000000-0000-4000-8000-000000000001',
      consultationId: wsis,
      call: 'official-submission',
      reference: 'WSIS22-OS-000001',
      status: 'submitted',
      version: 1,
      editTokenSha256: 'a'.repeat(64),
      createdAt: '2022-03-06T12:00:00.000Z',
      updatedAt: '2022-03-06T12:00:00.000Z',
      contentSha256: contentSha256(content),
      content,
    });
  });
  afterAll(() => database?.close());

  it('ignores an unknown consultation and a delivery before the retention instant, erasing nothing', async () => {
    expect(await eraseConsultationPersonalData(ports, 'another-one')).toEqual({
      outcome: 'ignored',
      reason: 'unknown-consultation',
    });
    expect(await eraseConsultationPersonalData(ports, wsis)).toEqual({
      outcome: 'ignored',
      reason: 'not-yet-due',
    });
    expect(
      (await ports.submissions.find('00000000-0000-4000-8000-000000000001'))?.content.submitter.email,
    ).toBe(issueExampleSubmission.submitter.email);
  });

  it('erases once at the instant and records it; a later delivery finds it done', async () => {
    clock.set('2024-06-03T22:00:20Z');
    const first = await eraseConsultationPersonalData(ports, wsis);
    expect(first).toMatchObject({ outcome: 'erased', erased: { submissions: 1 } });
    const stored = await ports.submissions.find('00000000-0000-4000-8000-000000000001');
    expect(stored?.content.submitter).toMatchObject({
      name: erasedText,
      email: erasedEmailAddress,
      organization: issueExampleSubmission.submitter.organization,
      country: 'SN',
    });
    expect(stored?.version).toBe(2);
    expect(await eraseConsultationPersonalData(ports, wsis)).toEqual({ outcome: 'already-erased' });
    expect(await ports.transitionLedger.appliedKeys(wsis)).toContain(
      'personal-data-erasure@2024-06-03T22:00:00.000Z',
    );
    const trail = await ports.auditTrail.list(wsis);
    expect(trail.filter((entry) => entry.kind === 'personal-data-erased')).toHaveLength(1);
    expect(trail).toContainEqual(
      expect.objectContaining({
        kind: 'transition-applied',
        transitionId: 'personal-data-erasure',
        lateBySeconds: 20,
      }),
    );
  });
});
