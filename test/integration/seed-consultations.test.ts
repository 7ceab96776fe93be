import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiUrlFromOutputs,
  outputsFileOf,
  seedConsultations,
  tableNameFromOutputs,
} from '../../infra/seed.ts';
import { createDynamoDbConsultationRepository } from '../../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { consultationDefinitions, wsisForum2022 } from '../../shared/domain/definitions/index.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';

describe.each(dynamoDbTargets)('seeding a deployed stage ($name)', (target) => {
  let database: StartedDynamoDbTarget;
  beforeAll(async () => {
    database = await target.start();
  });
  afterAll(() => database?.close());

  it('stores every built-in definition once, and never overwrites one on a second run', async () => {
    const first = await seedConsultations(
      database.client,
      database.tableNames.consultations,
      consultationDefinitions,
      new Date('2021-08-01T00:00:00Z'),
    );
    expect(first).toEqual(consultationDefinitions.map((definition) => ({ id: definition.id, stored: true })));
    const second = await seedConsultations(
      database.client,
      database.tableNames.consultations,
      consultationDefinitions,
      new Date('2021-09-01T00:00:00Z'),
    );
    expect(second.every((result) => !result.stored)).toBe(true);
    const stored = await createDynamoDbConsultationRepository(
      createDocumentClient(database.client),
      database.tableNames.consultations,
    ).find(wsisForum2022.id);
    expect(stored).toMatchObject({ version: 1, updatedAt: '2021-08-01T00:00:00.000Z' });
  });
});

describe('table name and API URL from the deploy outputs', () => {
  it('reads the stacks’ outputs, and says what to do when one is missing', () => {
    const outputs = JSON.stringify({
      'consultation-engine-dev-stateful': {
        ConsultationsTableName: 'consultation-engine-dev-ConsultationsTable-X1',
      },
      'consultation-engine-dev-stateless': {
        ApiUrl: 'https://example.execute-api.eu-central-1.amazonaws.com/dev/',
      },
    });
    expect(tableNameFromOutputs(outputs, 'consultation-engine-dev-stateful')).toBe(
      'consultation-engine-dev-ConsultationsTable-X1',
    );
    expect(apiUrlFromOutputs(outputs, 'consultation-engine-dev-stateless')).toBe(
      'https://example.execute-api.eu-central-1.amazonaws.com/dev/',
    );
    expect(() => tableNameFromOutputs(outputs, 'consultation-engine-prod-stateful')).toThrow(
      /deploy the stage first/,
    );
    expect(() => apiUrlFromOutputs(outputs, 'consultation-engine-prod-stateless')).toThrow(
      /no ApiUrl for stack consultation-engine-prod-stateless/,
    );
    expect(outputsFileOf('prod')).toMatch(/cdk\.outputs\.prod\.json$/);
  });
});
