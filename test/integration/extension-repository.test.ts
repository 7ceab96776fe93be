import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbExtensionRepository } from '../../shared/adapters/dynamodb/extension-repository.ts';
import type { Extension } from '../../shared/domain/extension.ts';
import type { ExtensionRepository } from '../../shared/ports/extension-repository.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';

const byEmail: Extension = {
  call: 'photo-contest',
  grantee: { kind: 'email', email: 'amina.diallo@example.org' },
  until: '2022-03-11T13:00:00Z',
  reason: 'Photo contest extended',
  grantedAt: '2022-03-06T09:00:00Z',
  grantedBy: 'secretariat',
};
const byOrganization: Extension = {
  ...byEmail,
  grantee: { kind: 'organization', organization: 'Ministry of Digital Economy' },
  until: '2022-03-09T13:00:00Z',
};

describe.each(dynamoDbTargets)('extension repository on $name', (target) => {
  let database: StartedDynamoDbTarget;
  let repository: ExtensionRepository;

  beforeAll(async () => {
    database = await target.start();
    repository = createDynamoDbExtensionRepository(
      createDocumentClient(database.client),
      database.tableNames.consultations,
    );
  });
  afterAll(() => database?.close());

  it('finds a submitter’s extensions by email and by organization, for that call only', async () => {
    await repository.grant('wsis-forum-2022', byEmail);
    await repository.grant('wsis-forum-2022', byOrganization);
    const submitter = { email: 'AMINA.DIALLO@example.org', organization: 'ministry of digital economy' };
    const found = await repository.findFor('wsis-forum-2022', 'photo-contest', submitter);
    expect(found).toHaveLength(2);
    expect(found).toEqual(expect.arrayContaining([byEmail, byOrganization]));
    expect(await repository.findFor('wsis-forum-2022', 'workshop-request', submitter)).toEqual([]);
    expect(await repository.findFor('another-consultation', 'photo-contest', submitter)).toEqual([]);
  });

  it('replaces an extension granted again to the same grantee, and lists them all', async () => {
    const later = { ...byEmail, until: '2022-03-14T13:00:00Z', reason: 'Extended again' };
    await repository.grant('wsis-forum-2022', later);
    const listed = await repository.list('wsis-forum-2022');
    expect(listed).toHaveLength(2);
    expect(listed).toEqual(expect.arrayContaining([later, byOrganization]));
  });
});
