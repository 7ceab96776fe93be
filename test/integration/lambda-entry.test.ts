import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lambdaContextFor, toProxyEvent } from '../../local/api-gateway/proxy-event.ts';
import { createDynamoDbConsultationRepository } from '../../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { tableDefinitions, tableKeys } from '../../shared/adapters/dynamodb/table-definitions.ts';
import { environmentVariableNames } from '../../shared/config/runtime-config.ts';
import { wsisForum2022 } from '../../shared/domain/definitions/wsis-forum-2022.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';

// The Lambda side of the composition root, as Lambda runs it: configuration from the environment,
// the DynamoDB client from the SDK's standard chain (pointed at dynalite by AWS_ENDPOINT_URL_DYNAMODB),
// Powertools around the handler, CORS on the response. The composition does not depend on the
// DynamoDB implementation, so dynalite is the only target here.
const webOrigin = 'https://forms.consultations.test';
type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const [dynalite] = dynamoDbTargets;
let database: StartedDynamoDbTarget;
let handler: ProxyHandler;
const savedEnvironment = { ...process.env };
const printed: string[] = [];

function requestFor(path: string, headers: Record<string, string>): APIGatewayProxyEvent {
  return toProxyEvent(
    {
      method: 'GET',
      url: path,
      rawHeaders: Object.entries(headers).flat(),
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
    },
    {
      resource: '/v1/consultations/{id}',
      pathParameters: { id: path.split('/').at(-1) ?? '' },
      stage: 'test',
      accountId: '000000000000',
      apiId: 'test',
      receivedAt: new Date(),
    },
  );
}

function invoke(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return handler(
    event,
    lambdaContextFor('consultation-engine-test-get-consultation', crypto.randomUUID(), 'eu-central-1', '0'),
  );
}

beforeAll(async () => {
  if (dynalite === undefined) throw new Error('No DynamoDB target');
  database = await dynalite.start();
  await createDynamoDbConsultationRepository(
    createDocumentClient(database.client),
    database.tableNames.consultations,
  ).seed(wsisForum2022, new Date('2021-08-01T00:00:00Z'));
  Object.assign(process.env, {
    // What Lambda sets in every on-demand execution environment (Powertools reads it for cold starts).
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: 'AKIALAMBDAENTRYTEST',
    AWS_SECRET_ACCESS_KEY: 'lambda-entry-test-secret',
    AWS_ENDPOINT_URL_DYNAMODB: database.endpoint,
    // Every table's name, as CDK sets them on every function.
    ...Object.fromEntries(
      tableKeys.map((key) => [tableDefinitions[key].tableNameEnv, database.tableNames[key]]),
    ),
    [environmentVariableNames.calendarUidDomain]: 'consultations.test',
    [environmentVariableNames.corsAllowedOrigins]: webOrigin,
    POWERTOOLS_SERVICE_NAME: 'consultation-engine',
    POWERTOOLS_METRICS_NAMESPACE: 'ConsultationEngine',
  });
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk, ...rest) => {
    printed.push(String(chunk));
    return write(chunk, ...(rest as []));
  });
  // Imported only now: the entry's module-level Powertools instances read the environment.
  const entry: { handler: ProxyHandler } = await import('../../functions/get-consultation.ts');
  handler = entry.handler;
});

afterAll(async () => {
  vi.restoreAllMocks();
  process.env = savedEnvironment;
  await database?.close();
});

describe('lambdaEntry (get-consultation) composed from the environment', () => {
  it('answers from DynamoDB through the SDK default chain, with CORS for the web form origin', async () => {
    const response = await invoke(requestFor('/v1/consultations/wsis-forum-2022', { Origin: webOrigin }));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ definition: { id: 'wsis-forum-2022' } });
    expect(response.headers).toMatchObject({
      'Access-Control-Allow-Origin': webOrigin,
      Vary: 'Origin',
      'Cache-Control': 'public, max-age=15',
    });
  });

  it('names no origin but its own, and keeps problem responses CORS-readable', async () => {
    const elsewhere = await invoke(
      requestFor('/v1/consultations/wsis-forum-2022', { Origin: 'https://evil.test' }),
    );
    expect(elsewhere.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
    expect(elsewhere.headers?.Vary).toBe('Origin');
    const missing = await invoke(requestFor('/v1/consultations/no-such-thing', { Origin: webOrigin }));
    expect(missing.statusCode).toBe(404);
    expect(missing.headers).toMatchObject({
      'Content-Type': 'application/problem+json',
      'Access-Control-Allow-Origin': webOrigin,
    });
  });

  it('publishes the cold-start metric once, as CloudWatch embedded metrics, and never logs the event', () => {
    const coldStarts = printed.filter((line) => line.includes('"ColdStart"'));
    expect(coldStarts).toHaveLength(1);
    expect(JSON.parse(coldStarts[0] ?? '{}')).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'ConsultationEngine' }] },
      service: 'consultation-engine',
      ColdStart: 1,
    });
    expect(printed.join('')).not.toContain('evil.test');
    expect(printed.join('')).not.toContain('No application metrics');
  });
});
