import { createConnection } from 'node:net';
import { networkInterfaces } from 'node:os';
import {
  ConditionalCheckFailedException,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, createTables } from '../../local/dynamodb/create-tables.ts';
import { detectJava, startDynamoDbLocal } from '../../local/dynamodb/dynamodb-local-server.ts';
import {
  physicalTableName,
  type TableDefinition,
  tableDefinitions,
  tableKeys,
} from '../../shared/adapters/dynamodb/table-definitions.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';

/** Resolves to 'connected' or the connection error's code. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

function nonLoopbackIpv4Addresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => address.family === 'IPv4' && !address.internal)
    .map((address) => address.address);
}

describe('DynamoDB targets', () => {
  it('are both present when Java 17+ is installed (DynamoDB Local is left out only without Java)', () => {
    const expected = detectJava().available ? ['dynalite', 'dynamodb-local'] : ['dynalite'];
    expect(dynamoDbTargets.map((target) => target.name)).toEqual(expected);
  });

  it('refuses to start DynamoDB Local without Java, saying loudly that Java 17 is required', async () => {
    await expect(startDynamoDbLocal({ java: '/nonexistent/bin/java' })).rejects.toThrow(
      /JAVA 17 \(OR NEWER\) IS REQUIRED FOR THE DYNAMODB LOCAL TARGET: `\/nonexistent\/bin\/java` was not found/,
    );
  });
});

describe.each(dynamoDbTargets)('DynamoDB target $name', (target) => {
  let db: StartedDynamoDbTarget;

  beforeAll(async () => {
    db = await target.start();
  });

  afterAll(async () => {
    await db?.close();
  });

  it('listens on 127.0.0.1 and on no other interface', async () => {
    const url = new URL(db.endpoint);
    expect(url.hostname).toBe('127.0.0.1');
    const port = Number(url.port);
    expect(await tryConnect('127.0.0.1', port)).toBe('connected');
    for (const address of nonLoopbackIpv4Addresses()) {
      expect(await tryConnect(address, port), `connecting on ${address}`).toBe('ECONNREFUSED');
    }
  });

  it('creates every table of the definitions, with its keys, on-demand billing and each GSI’s projection', async () => {
    const { TableNames } = await db.client.send(new ListTablesCommand({}));
    expect(TableNames?.slice().sort()).toEqual(
      tableKeys.map((key) => physicalTableName(db.tablePrefix, key)).sort(),
    );

    for (const key of tableKeys) {
      const definition: TableDefinition = tableDefinitions[key];
      expect(db.tableNames[key]).toBe(physicalTableName(db.tablePrefix, key));
      const { Table: table } = await db.client.send(
        new DescribeTableCommand({ TableName: db.tableNames[key] }),
      );

      expect(table?.TableStatus).toBe('ACTIVE');
      expect(table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table?.KeySchema).toEqual([
        { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
        ...(definition.sortKey ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' }] : []),
      ]);

      const keyAttributes = [
        definition.partitionKey,
        definition.sortKey,
        ...definition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
      ].filter((attribute) => attribute !== undefined);
      const expectedAttributes = new Map(keyAttributes.map((attribute) => [attribute.name, attribute.type]));
      expect(
        new Map(
          (table?.AttributeDefinitions ?? []).map((attribute) => [
            attribute.AttributeName,
            attribute.AttributeType,
          ]),
        ),
      ).toEqual(expectedAttributes);

      // DynamoDB Local lists a table's indexes in an order of its own: compare them by name.
      const indexes = (table?.GlobalSecondaryIndexes ?? [])
        .map((index) => ({
          IndexName: index.IndexName,
          KeySchema: index.KeySchema,
          Projection: index.Projection,
          IndexStatus: index.IndexStatus,
        }))
        .sort((a, b) => (a.IndexName ?? '').localeCompare(b.IndexName ?? ''));
      expect(indexes).toEqual(
        [...definition.globalSecondaryIndexes]
          .sort((a, b) => a.indexName.localeCompare(b.indexName))
          .map((index) => ({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
              ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : []),
            ],
            Projection: { ProjectionType: index.projection === 'keys-only' ? 'KEYS_ONLY' : 'ALL' },
            IndexStatus: 'ACTIVE',
          })),
      );
    }
  });

  it('is idempotent: a second createTables keeps the existing tables and their items', async () => {
    const table = db.tableNames.consultations;
    const item = { pk: { S: 'CONSULTATION#idempotent' }, sk: { S: 'DEFINITION' } };
    await db.client.send(new PutItemCommand({ TableName: table, Item: item }));

    await expect(createTables(db.client, db.tablePrefix)).resolves.toEqual(db.tableNames);

    const { TableNames } = await db.client.send(new ListTablesCommand({}));
    expect(TableNames).toHaveLength(tableKeys.length);
    const { Item } = await db.client.send(
      new GetItemCommand({ TableName: table, Key: item, ConsistentRead: true }),
    );
    expect(Item).toEqual(item);
  });

  it('refuses to accept an existing table whose keys differ from the definition', async () => {
    const other: TableDefinition = {
      purpose: 'same name, other keys',
      partitionKey: { name: 'id', type: 'S' },
      globalSecondaryIndexes: [],
      tableNameEnv: 'UNUSED',
    };
    await expect(createTable(db.client, db.tableNames.consultations, other)).rejects.toThrow(
      /exists with other keys or indexes/,
    );
  });

  it('a conditional PutItem (attribute_not_exists) succeeds once, then fails with ConditionalCheckFailedException', async () => {
    const put = new PutItemCommand({
      TableName: db.tableNames.consultations,
      Item: { pk: { S: 'CONSULTATION#conditional' }, sk: { S: 'DEFINITION' }, title: { S: 'first' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    await expect(db.client.send(put)).resolves.toBeDefined();

    const second = new PutItemCommand({
      TableName: db.tableNames.consultations,
      Item: { pk: { S: 'CONSULTATION#conditional' }, sk: { S: 'DEFINITION' }, title: { S: 'second' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    const failure = await db.client.send(second).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConditionalCheckFailedException);
    expect((failure as ConditionalCheckFailedException).name).toBe('ConditionalCheckFailedException');

    const { Item } = await db.client.send(
      new GetItemCommand({
        TableName: db.tableNames.consultations,
        Key: { pk: { S: 'CONSULTATION#conditional' }, sk: { S: 'DEFINITION' } },
        ConsistentRead: true,
      }),
    );
    expect(Item?.title).toEqual({ S: 'first' });
  });

  it('queries the byKind GSI: only that partition, sorted by its sort key, with every attribute projected', async () => {
    const table = db.tableNames.consultations;
    const consultations = [
      { id: 'c', first: '2022-05-30T07:00:00Z' },
      { id: 'a', first: '2022-03-15T09:00:00Z' },
      { id: 'b', first: '2022-04-01T12:00:00Z' },
    ];
    for (const { id, first } of consultations) {
      await db.client.send(
        new PutItemCommand({
          TableName: table,
          Item: {
            pk: { S: `CONSULTATION#${id}` },
            sk: { S: 'DEFINITION' },
            gsi1pk: { S: 'CONSULTATION' },
            gsi1sk: { S: `${first}#${id}` },
            title: { S: `Consultation ${id}` },
          },
        }),
      );
    }
    // Another partition of the same index, which the query must not return.
    await db.client.send(
      new PutItemCommand({
        TableName: table,
        Item: {
          pk: { S: 'OTHER#x' },
          sk: { S: 'DEFINITION' },
          gsi1pk: { S: 'OTHER' },
          gsi1sk: { S: '2022-01-01T00:00:00Z#x' },
        },
      }),
    );

    const all = await db.client.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'byKind',
        KeyConditionExpression: 'gsi1pk = :kind',
        ExpressionAttributeValues: { ':kind': { S: 'CONSULTATION' } },
      }),
    );
    expect(all.Items?.map((item) => item.pk?.S)).toEqual([
      'CONSULTATION#a',
      'CONSULTATION#b',
      'CONSULTATION#c',
    ]);
    expect(all.Items?.[0]?.title).toEqual({ S: 'Consultation a' });

    const fromApril = await db.client.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'byKind',
        KeyConditionExpression: 'gsi1pk = :kind AND gsi1sk >= :from',
        ExpressionAttributeValues: { ':kind': { S: 'CONSULTATION' }, ':from': { S: '2022-04-01' } },
        ScanIndexForward: false,
      }),
    );
    expect(fromApril.Items?.map((item) => item.pk?.S)).toEqual(['CONSULTATION#c', 'CONSULTATION#b']);
  });

  it('turns TTL on where the target supports UpdateTimeToLive, and tolerates dynalite not having it', async () => {
    const withTtl: TableDefinition = {
      purpose: 'expiring items',
      partitionKey: { name: 'pk', type: 'S' },
      globalSecondaryIndexes: [],
      timeToLiveAttribute: 'expiresAt',
      tableNameEnv: 'UNUSED',
    };
    const tableName = `${db.tablePrefix}-expiring`;
    const first = await createTable(db.client, tableName, withTtl);
    const again = await createTable(db.client, tableName, withTtl);
    expect([first.created, again.created]).toEqual([true, false]);

    const { TimeToLiveDescription } = await db.client.send(
      new DescribeTimeToLiveCommand({ TableName: tableName }),
    );
    if (target.name === 'dynamodb-local') {
      expect([first.timeToLive, again.timeToLive]).toEqual(['enabled', 'enabled']);
      expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    } else {
      expect([first.timeToLive, again.timeToLive]).toEqual(['unsupported', 'unsupported']);
      expect(TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
    }
  });

  // Last: it stops the server (afterAll's close() is then a no-op).
  it('close() stops the server, and a second close() is harmless', async () => {
    const port = Number(new URL(db.endpoint).port);
    await db.close();
    await db.close();
    expect(await tryConnect('127.0.0.1', port)).toBe('ECONNREFUSED');
  });
});
