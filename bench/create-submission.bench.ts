import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createHandler } from '../functions/create-submission.ts';
import { createDependencies } from '../functions/dependencies.ts';
import { closeServer } from '../local/api-gateway/api-server.ts';
import { lambdaContextFor, toProxyEvent } from '../local/api-gateway/proxy-event.ts';
import { createLocalDynamoDbClient } from '../local/dynamodb/client.ts';
import { createTables } from '../local/dynamodb/create-tables.ts';
import { startDynalite } from '../local/dynamodb/dynalite-server.ts';
import { createLocalClock } from '../local/local-clock.ts';
import { startSesLocal } from '../local/ses-local.ts';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import { wsisForum2022 } from '../shared/domain/definitions/index.ts';
import { issueExampleSubmission } from '../test/support/issue-example-submission.ts';

/**
 * The full create-submission handler (middy, contract validation, the deadline gate's reads, the
 * reference counter, the conditional put; with `submitted`, also the receipt's claim, the SES send
 * and its record) against a bare PutItem of the same item, on the same in-process dynalite, measured
 * side by side in one run: iterations alternate, so drift in the machine hits both alike. Prints
 * medians and their ratio (target: at most 1.5).
 */
const warmUp = 50;
const iterations = 400;

const body = issueExampleSubmission;

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0
    ? ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
    : (sorted[middle] ?? 0);
}

export async function runBenchmark(): Promise<void> {
  const dynamodb = await startDynalite({ host: '127.0.0.1', port: 0 });
  const client = createLocalDynamoDbClient(dynamodb.endpoint);
  const ses: Server = await startSesLocal({ host: '127.0.0.1', port: 0 });
  const sesClient = new SESv2Client({
    endpoint: `http://127.0.0.1:${(ses.address() as AddressInfo).port}`,
    region: 'eu-central-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const tableNames = await createTables(client, 'bench');
    const clock = createLocalClock({ startAt: new Date('2022-03-06T12:00:00Z'), speed: 0 });
    const dependencies = createDependencies(
      {
        dynamoDb: () => client,
        sesv2: () => sesClient,
        scheduler: () => {
          throw new Error('Submissions never manage schedules');
        },
        sqs: () => {
          throw new Error('Submissions never queue reminders');
        },
      },
      {
        tableNames,
        calendarUidDomain: 'bench.localhost',
        email: { from: 'Bench <no-reply@bench.localhost>' },
        publicBaseUrl: 'http://127.0.0.1',
      },
      clock,
    );
    await dependencies.consultations.seed(wsisForum2022, clock.now());
    const handler = createHandler(dependencies) as unknown as ProxyHandler;
    const documents = createDocumentClient(client);

    const event = (status: 'draft' | 'submitted') =>
      toProxyEvent(
        {
          method: 'POST',
          url: `/v1/consultations/${wsisForum2022.id}/submissions`,
          rawHeaders: ['Content-Type', 'application/json'],
          body: Buffer.from(JSON.stringify({ ...body, status })),
          sourceIp: '127.0.0.1',
        },
        {
          resource: '/v1/consultations/{id}/submissions',
          pathParameters: { id: wsisForum2022.id },
          stage: 'bench',
          accountId: '000000000000',
          apiId: 'bench',
          receivedAt: clock.now(),
        },
      );
    const context = lambdaContextFor('create-submission', 'bench', 'eu-central-2', '000000000000');
    const create = async (status: 'draft' | 'submitted') => {
      const result = await handler(event(status), context);
      if (result.statusCode !== 201) throw new Error(`create answered ${result.statusCode}: ${result.body}`);
      return JSON.parse(result.body) as { id: string };
    };

    // The very item the handler stores, put again under fresh keys: the bare write to compare with.
    const { id } = await create('draft');
    const { Item: stored } = await documents.send(
      new GetCommand({
        TableName: tableNames.submissions,
        Key: { pk: `SUBMISSION#${id}`, sk: 'SUBMISSION' },
      }),
    );
    if (stored === undefined) throw new Error('The created submission was not found');
    let copies = 0;
    const barePut = async () => {
      copies += 1;
      await documents.send(
        new PutCommand({
          TableName: tableNames.submissions,
          Item: {
            ...stored,
            pk: `SUBMISSION#bench-copy-${copies}`,
            gsi1sk: `draft#government#copy-${copies}`,
          },
        }),
      );
    };

    const measure = async (operation: () => Promise<unknown>, samples: number[]) => {
      const start = process.hrtime.bigint();
      await operation();
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    };
    for (const status of ['draft', 'submitted'] as const) {
      for (let index = 0; index < warmUp; index += 1) {
        await create(status);
        await barePut();
      }
      const handlerSamples: number[] = [];
      const putSamples: number[] = [];
      for (let index = 0; index < iterations; index += 1) {
        // Alternate which goes first, so neither always runs on a warmer cache.
        if (index % 2 === 0) {
          await measure(() => create(status), handlerSamples);
          await measure(barePut, putSamples);
        } else {
          await measure(barePut, putSamples);
          await measure(() => create(status), handlerSamples);
        }
      }
      const handlerMedian = median(handlerSamples);
      const putMedian = median(putSamples);
      console.log(
        [
          `create-submission (${status === 'draft' ? 'draft: no receipt' : 'submitted: with the receipt through SES local'})`,
          `  full handler median ${handlerMedian.toFixed(3)} ms over ${iterations} runs`,
          `  bare PutItem median ${putMedian.toFixed(3)} ms over ${iterations} runs`,
          `  ratio ${(handlerMedian / putMedian).toFixed(2)} (target <= 1.5)`,
        ].join('\n'),
      );
    }
  } finally {
    sesClient.destroy();
    client.destroy();
    await closeServer(ses);
    await dynamodb.close();
  }
}
