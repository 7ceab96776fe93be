import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbConsultationRepository } from '../../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import type { ConsultationDefinition } from '../../shared/domain/consultation-definition.ts';
import { wsisForum2022 } from '../../shared/domain/definitions/wsis-forum-2022.ts';
import type { ConsultationRepository } from '../../shared/ports/consultation-repository.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';

describe.each(dynamoDbTargets)('consultation repository on $name', (target) => {
  let database: StartedDynamoDbTarget;
  let repository: ConsultationRepository;

  beforeAll(async () => {
    database = await target.start();
    repository = createDynamoDbConsultationRepository(
      createDocumentClient(database.client),
      database.tableNames.consultations,
    );
  });
  afterAll(() => database?.close());

  it('seeds a definition once and reads it back exactly', async () => {
    expect(await repository.seed(wsisForum2022, new Date('2021-08-01T00:00:00Z'))).toBe(true);
    const stored = await repository.find('wsis-forum-2022');
    expect(stored).toEqual({ definition: wsisForum2022, version: 1, updatedAt: '2021-08-01T00:00:00.000Z' });
  });

  it('never overwrites a stored definition when seeded again', async () => {
    const moved: ConsultationDefinition = {
      ...wsisForum2022,
      calls: wsisForum2022.calls.map((call) =>
        call.kind === 'photo-contest' ? { ...call, closesAt: '2022-03-11T13:00:00Z' } : call,
      ),
    };
    expect(await repository.seed(moved, new Date('2021-09-01T00:00:00Z'))).toBe(false);
    const stored = await repository.find('wsis-forum-2022');
    expect(stored?.definition).toEqual(wsisForum2022);
    expect(stored?.updatedAt).toBe('2021-08-01T00:00:00.000Z');
  });

  it('lists consultations earliest first through the index, and finds nothing for an unknown id', async () => {
    const earlier: ConsultationDefinition = {
      ...wsisForum2022,
      id: 'wsis-forum-2021',
      phases: wsisForum2022.phases.map((phase) => ({
        ...phase,
        startsAt: phase.startsAt.replace('2021-', '2020-').replace('2022-', '2021-'),
        endsAt: phase.endsAt.replace('2021-', '2020-').replace('2022-', '2021-'),
      })),
    };
    await repository.seed(earlier, new Date('2020-08-01T00:00:00Z'));
    const listed = await repository.list();
    expect(listed.map((stored) => stored.definition.id)).toEqual(['wsis-forum-2021', 'wsis-forum-2022']);
    expect(await repository.find('no-such-consultation')).toBeUndefined();
  });
});
