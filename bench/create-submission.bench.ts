import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createHandler } from '../functions/create-submission.ts';
import { lambdaContextFor, toProxyEvent } from '../local/api-gateway/proxy-event.ts';
import { createLocalDynamoDbClient } from '../local/dynamodb/client.ts';
import { createTables } from '../local/dynamodb/create-tables.ts';
import { startDynalite } from '../local/dynamodb/dynalite-server.ts';
import { createLocalClock } from '../local/local-clock.ts';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import { sesClientSettings } from '../shared/adapters/ses/ses-mailer.ts';
import { wsisForum2022 } from '../shared/domain/definitions/index.ts';
import { composeWithSesLocal } from '../test/support/composed-with-ses-local.ts';
import { issueExampleSubmission } from '../test/support/issue-example-submission.ts';
import { storedEmails } from '../test/support/ses-store.ts';

/**
 * The full create-submission handler (middy, contract validation, the deadline gate's reads, the
 * reference counter, the conditional put; with `submitted`, also the receipt's claim, the SES send
 * and its record) against a bare PutItem of the same item, on the same in-process dynalite, measured
 * side by side in one run: iterations alternate, so drift in the machine hits both alike. Prints
 * medians and their ratio (target: at most 1.5).
 *
 * Beside them, the storage floor: the round trips the issue's rules leave the handler, made bare
 * with the SDK and nothing else: the consistent read of the stored calendar with the two extension
 * reads at once (the deadline gate), the reference counter's atomic ADD, the conditional put; with
 * `submitted`, also the receipt's claim, the SES send of an email as large as the receipt, and its
 * record. Its ratios show how much of the gap to a bare PutItem the rules' own round trips make,
 * and how much the handler's work (middy, validation, hashing, the token, rendering) adds to them.
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
  const tableNames = await createTables(client, 'bench');
  const clock = createLocalClock({ startAt: new Date('2022-03-06T12:00:00Z'), speed: 0 });
  const composed = await composeWithSesLocal({ client, tableNames }, clock, {
    calendarUidDomain: 'bench.localhost',
    email: { from: 'Bench <no-reply@bench.localhost>' },
  });
  const { dependencies, sesUrl } = composed;
  // The storage floor's own SES client, built as the mailer's is.
  const sesClient = new SESv2Client({
    ...sesClientSettings,
    endpoint: sesUrl,
    region: 'eu-central-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
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

    // An email as large as the receipt the handler sends, for the floor's SES send.
    await create('submitted');
    const receipt = (await storedEmails(`${sesUrl}/store`)).at(-1);
    if (receipt === undefined) throw new Error('The receipt was not found in the SES store');

    // The round trips the rules require, bare: what no implementation of them can go below.
    const storageFloor = async (status: 'draft' | 'submitted') => {
      copies += 1;
      const consultationKey = `CONSULTATION#${wsisForum2022.id}`;
      const get = (sk: string) =>
        documents.send(
          new GetCommand({
            TableName: tableNames.consultations,
            Key: { pk: consultationKey, sk },
            ConsistentRead: true,
          }),
        );
      await Promise.all([
        get('DEFINITION'),
        get('EXTENSION#floor#email'),
        get('EXTENSION#floor#organization'),
      ]);
      await documents.send(
        new UpdateCommand({
          TableName: tableNames.submissions,
          Key: { pk: 'REFERENCE-COUNTER#bench-floor', sk: 'COUNTER' },
          UpdateExpression: 'ADD #last :one',
          ExpressionAttributeNames: { '#last': 'lastNumber' },
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      const pk = `SUBMISSION#bench-floor-${copies}`;
      await documents.send(
        new PutCommand({
          TableName: tableNames.submissions,
          Item: { ...stored, pk, gsi1sk: `draft#government#floor-${copies}` },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      if (status === 'draft') return;
      await documents.send(
        new PutCommand({
          TableName: tableNames.submissions,
          Item: { pk, sk: 'CONFIRMATION', status: 'claimed', claimedAt: new Date().toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      const { MessageId } = await sesClient.send(
        new SendEmailCommand({
          FromEmailAddress: receipt.from,
          Destination: { ToAddresses: [...receipt.destination.to] },
          ReplyToAddresses: [...receipt.replyTo],
          Content: {
            Simple: {
              Subject: { Data: receipt.subject, Charset: 'UTF-8' },
              Body: {
                Html: { Data: receipt.body.html ?? '', Charset: 'UTF-8' },
                Text: { Data: receipt.body.text ?? '', Charset: 'UTF-8' },
              },
            },
          },
        }),
      );
      await documents.send(
        new UpdateCommand({
          TableName: tableNames.submissions,
          Key: { pk, sk: 'CONFIRMATION' },
          UpdateExpression: 'SET #status = :sent, messageId = :messageId',
          ConditionExpression: '#status = :claimed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':claimed': 'claimed',
            ':messageId': MessageId ?? '',
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
        await storageFloor(status);
      }
      const handlerSamples: number[] = [];
      const putSamples: number[] = [];
      const floorSamples: number[] = [];
      const operations = [
        () => measure(() => create(status), handlerSamples),
        () => measure(barePut, putSamples),
        () => measure(() => storageFloor(status), floorSamples),
      ];
      for (let index = 0; index < iterations; index += 1) {
        // Rotate which goes first, so none always runs on a warmer cache.
        for (let step = 0; step < operations.length; step += 1) {
          await operations[(index + step) % operations.length]?.();
        }
      }
      const handlerMedian = median(handlerSamples);
      const putMedian = median(putSamples);
      const floorMedian = median(floorSamples);
      console.log(
        [
          `create-submission (${status === 'draft' ? 'draft: no receipt' : 'submitted: with the receipt through SES local'})`,
          `  full handler median ${handlerMedian.toFixed(3)} ms over ${iterations} runs`,
          `  bare PutItem median ${putMedian.toFixed(3)} ms over ${iterations} runs`,
          `  storage floor median ${floorMedian.toFixed(3)} ms over ${iterations} runs (the round trips the rules require, bare)`,
          `  ratio ${(handlerMedian / putMedian).toFixed(2)} (target <= 1.5)`,
          `  storage floor / bare PutItem ${(floorMedian / putMedian).toFixed(2)}; full handler / storage floor ${(handlerMedian / floorMedian).toFixed(2)}`,
        ].join('\n'),
      );
    }
  } finally {
    sesClient.destroy();
    await composed.close();
    client.destroy();
    await dynamodb.close();
  }
}
