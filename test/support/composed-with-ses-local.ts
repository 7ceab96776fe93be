import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import {
  type CompositionOptions,
  createDependencies,
  type Dependencies,
} from '../../functions/dependencies.ts';
import { closeServer } from '../../local/api-gateway/api-server.ts';
import { startSesLocal } from '../../local/ses-local.ts';
import type { TableKey } from '../../shared/adapters/dynamodb/table-definitions.ts';
import { sesClientSettings } from '../../shared/adapters/ses/ses-mailer.ts';
import type { RuntimeConfig } from '../../shared/config/runtime-config.ts';
import type { Clock } from '../../shared/ports/clock.ts';

export interface ComposedWithSesLocal {
  readonly dependencies: Dependencies;
  /** aws-ses-v2-local, in this process: `${sesUrl}/store` lists what it accepted. */
  readonly sesUrl: string;
  /** Destroys the SES client and stops SES local (the database is the caller's). */
  close(): Promise<void>;
}

/**
 * The composition root as Lambda builds it, on a started DynamoDB and an aws-ses-v2-local of its
 * own, for tests and benchmarks of use cases and handlers without the whole local runtime. The
 * Scheduler and SQS clients throw: what is composed here never needs them. aws-ses-v2-local keeps
 * one store per process, so it is cleared first.
 */
export async function composeWithSesLocal(
  database: { readonly client: DynamoDBClient; readonly tableNames: Readonly<Record<TableKey, string>> },
  clock: Clock,
  config: Partial<RuntimeConfig> = {},
  options: CompositionOptions = {},
): Promise<ComposedWithSesLocal> {
  const ses: Server = await startSesLocal({ host: '127.0.0.1', port: 0 });
  const sesUrl = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
  await fetch(`${sesUrl}/clear-store`, { method: 'POST' });
  const sesClient = new SESv2Client({
    ...sesClientSettings,
    endpoint: sesUrl,
    region: 'eu-central-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const dependencies = createDependencies(
    {
      dynamoDb: () => database.client,
      sesv2: () => sesClient,
      scheduler: () => {
        throw new Error('Nothing composed here manages schedules');
      },
      sqs: () => {
        throw new Error('Nothing composed here queues messages');
      },
    },
    {
      tableNames: database.tableNames,
      calendarUidDomain: 'test.localhost',
      email: { from: 'Test <no-reply@test.localhost>' },
      publicBaseUrl: 'http://127.0.0.1',
      ...config,
    },
    clock,
    options,
  );
  return {
    dependencies,
    sesUrl,
    async close() {
      sesClient.destroy();
      await closeServer(ses);
    },
  };
}
