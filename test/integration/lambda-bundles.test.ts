import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptionsFor, functionBundling } from '../../infra/constructs/function-bundling.ts';
import { toProxyEvent } from '../../local/api-gateway/proxy-event.ts';
import { createDynamoDbConsultationRepository } from '../../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { tableDefinitions, tableKeys } from '../../shared/adapters/dynamodb/table-definitions.ts';
import { environmentVariableNames } from '../../shared/config/runtime-config.ts';
import { buildOpenApiDocument } from '../../shared/contracts/openapi.ts';
import { wsisForum2022 } from '../../shared/domain/definitions/wsis-forum-2022.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';

// The bundles Lambda runs differ from the source the other tests run in three ways: the SDK takes
// credentials from the environment only (an alias for its default chain), get-openapi serves the
// document generated at build time, and modules a function does not use are left out
// (`sideEffects: false`). Each bundle here is built as CDK builds it and invoked in a fresh Node.js
// process with only what Lambda would give it: an environment and an event.
const run = promisify(execFile);
const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const [dynalite] = dynamoDbTargets;
let database: StartedDynamoDbTarget;
let bundleDirectory: string;

async function bundleOf(name: string): Promise<string> {
  const outfile = path.join(bundleDirectory, name, functionBundling.outputFileName);
  await build({
    ...esbuildOptionsFor(path.join(repositoryRoot, 'functions', `${name}.ts`), outfile, {
      powertoolsTracer: false,
    }),
    absWorkingDir: repositoryRoot,
    logLevel: 'silent',
  });
  return outfile;
}

// Runs in the child: imports the bundle as Lambda's runtime does, and invokes its handler once.
const invoker = `
const [bundle, event] = process.argv.slice(1);
const { handler } = await import(bundle);
const context = {
  functionName: 'consultation-engine-test', functionVersion: '$LATEST', memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:consultation-engine-test',
  awsRequestId: 'bundle-test', logGroupName: 'test', logStreamName: 'test',
  callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 10000,
};
const result = await handler(JSON.parse(event), context);
process.stdout.write('\\n' + JSON.stringify(result));
`;

async function invokeBundle(
  bundle: string,
  event: APIGatewayProxyEvent,
  environment: Record<string, string>,
): Promise<APIGatewayProxyResult> {
  const { stdout } = await run(
    process.execPath,
    [
      '--enable-source-maps',
      '--input-type=module',
      '--eval',
      invoker,
      pathToFileURL(bundle).href,
      JSON.stringify(event),
    ],
    // Nothing inherited: no HOME with an AWS config or credentials file, no profile.
    { env: { PATH: process.env.PATH ?? '', ...environment }, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as APIGatewayProxyResult;
}

function getEvent(resource: string, url: string, pathParameters: Record<string, string>) {
  return toProxyEvent(
    { method: 'GET', url, rawHeaders: [], body: Buffer.alloc(0), sourceIp: '127.0.0.1' },
    {
      resource,
      pathParameters,
      stage: 'test',
      accountId: '000000000000',
      apiId: 'test',
      receivedAt: new Date(),
    },
  );
}

function lambdaEnvironment(): Record<string, string> {
  return {
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: 'eu-central-1',
    // How Lambda hands a function its role's credentials.
    AWS_ACCESS_KEY_ID: 'AKIABUNDLETEST',
    AWS_SECRET_ACCESS_KEY: 'bundle-test-secret',
    AWS_SESSION_TOKEN: 'bundle-test-session',
    AWS_ENDPOINT_URL_DYNAMODB: database.endpoint,
    ...Object.fromEntries(
      tableKeys.map((key) => [tableDefinitions[key].tableNameEnv, database.tableNames[key]]),
    ),
    [environmentVariableNames.calendarUidDomain]: 'consultations.test',
    POWERTOOLS_SERVICE_NAME: 'consultation-engine',
    POWERTOOLS_METRICS_NAMESPACE: 'ConsultationEngine',
  };
}

beforeAll(async () => {
  if (dynalite === undefined) throw new Error('No DynamoDB target');
  bundleDirectory = mkdtempSync(path.join(tmpdir(), 'consultation-lambda-bundles-'));
  database = await dynalite.start();
  await createDynamoDbConsultationRepository(
    createDocumentClient(database.client),
    database.tableNames.consultations,
  ).seed(wsisForum2022, new Date('2021-08-01T00:00:00Z'));
});

afterAll(async () => {
  await database?.close();
  if (bundleDirectory !== undefined) rmSync(bundleDirectory, { recursive: true, force: true });
});

describe('the Lambda bundles, invoked as Lambda runs them', () => {
  it('get-consultation reads DynamoDB with the credentials the environment holds', async () => {
    const bundle = await bundleOf('get-consultation');
    // The SDK's default chain and the STS/SSO clients it brings are not in the bundle.
    expect(readFileSync(bundle, 'utf8')).not.toContain('AssumeRoleWithWebIdentity');
    const response = await invokeBundle(
      bundle,
      getEvent('/v1/consultations/{id}', '/v1/consultations/wsis-forum-2022', { id: 'wsis-forum-2022' }),
      lambdaEnvironment(),
    );
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ definition: { id: 'wsis-forum-2022' } });
  });

  it('fails without credentials in the environment instead of looking elsewhere', async () => {
    const bundle = await bundleOf('get-consultation');
    const { AWS_ACCESS_KEY_ID: _key, AWS_SECRET_ACCESS_KEY: _secret, ...withoutKeys } = lambdaEnvironment();
    const response = await invokeBundle(
      bundle,
      getEvent('/v1/consultations/{id}', '/v1/consultations/wsis-forum-2022', { id: 'wsis-forum-2022' }),
      withoutKeys,
    );
    expect(response.statusCode).toBe(500);
    expect(response.headers).toMatchObject({ 'Content-Type': 'application/problem+json' });
  });

  it('get-openapi serves the document built with the bundle, equal to the one generated live', async () => {
    const bundle = await bundleOf('get-openapi');
    const response = await invokeBundle(
      bundle,
      getEvent('/v1/openapi.json', '/v1/openapi.json', {}),
      lambdaEnvironment(),
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ 'Content-Type': 'application/json; charset=utf-8' });
    expect(JSON.parse(response.body)).toEqual(buildOpenApiDocument());
  });
});
