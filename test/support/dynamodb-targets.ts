import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDbClient } from '../../local/dynamodb/client.ts';
import { createTables } from '../../local/dynamodb/create-tables.ts';
import { type RunningDynamoDb, startDynalite } from '../../local/dynamodb/dynalite-server.ts';
import { detectJava, startDynamoDbLocal } from '../../local/dynamodb/dynamodb-local-server.ts';
import type { TableKey } from '../../shared/adapters/dynamodb/table-definitions.ts';

/*
 * The DynamoDB stand-ins every DynamoDB integration test runs against:
 *
 *   describe.each(dynamoDbTargets)('$name', (target) => {
 *     let db: StartedDynamoDbTarget;
 *     beforeAll(async () => { db = await target.start(); });
 *     afterAll(() => db?.close());
 *     ...
 *   });
 *
 * Both always run, except that DynamoDB Local is left out, with a loud warning, on a machine
 * without Java 17+.
 */

export type DynamoDbTargetName = 'dynalite' | 'dynamodb-local';

export interface StartedDynamoDbTarget {
  readonly name: DynamoDbTargetName;
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  /** The prefix the tables were created with. */
  readonly tablePrefix: string;
  /** Physical name of every table of the definitions, all created and ACTIVE. */
  readonly tableNames: Readonly<Record<TableKey, string>>;
  /** Destroys the client and stops the server. */
  close(): Promise<void>;
}

export interface DynamoDbTarget {
  readonly name: DynamoDbTargetName;
  /** Starts a fresh, empty server on 127.0.0.1 and creates every table in it. */
  start(): Promise<StartedDynamoDbTarget>;
}

export const testTablePrefix = 'wsis-test';

function target(name: DynamoDbTargetName, startServer: () => Promise<RunningDynamoDb>): DynamoDbTarget {
  return {
    name,
    async start() {
      const server = await startServer();
      const client = createLocalDynamoDbClient(server.endpoint);
      const close = async (): Promise<void> => {
        client.destroy();
        await server.close();
      };
      try {
        const tableNames = await createTables(client, testTablePrefix);
        return { name, endpoint: server.endpoint, client, tablePrefix: testTablePrefix, tableNames, close };
      } catch (error) {
        await close();
        throw error;
      }
    },
  };
}

const java = detectJava();

if (!java.available) {
  const rule = '!'.repeat(100);
  console.warn(
    [
      '',
      rule,
      '!!! DYNAMODB LOCAL TARGET SKIPPED: JAVA 17 (OR NEWER) IS REQUIRED FOR THE DYNAMODB LOCAL TARGET.',
      `!!! ${java.reason}.`,
      '!!! DynamoDB integration tests run against dynalite ONLY: transactions, TTL and streams go untested.',
      '!!! Install a Java 17+ runtime (e.g. `apt-get install openjdk-17-jre-headless`), or set JAVA_HOME.',
      rule,
      '',
    ].join('\n'),
  );
}

export const dynamoDbTargets: readonly DynamoDbTarget[] = [
  target('dynalite', () => startDynalite()),
  ...(java.available ? [target('dynamodb-local', () => startDynamoDbLocal({ java: java.command }))] : []),
];
