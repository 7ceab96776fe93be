import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type KeySchemaElement,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  type KeyAttribute,
  physicalTableName,
  type TableDefinition,
  type TableKey,
  tableDefinitions,
  tableKeys,
} from '../../shared/adapters/dynamodb/table-definitions.ts';

export interface CreateTableOptions {
  /** How long to wait for the table and its indexes to become ACTIVE (default 30 s). */
  timeoutMs?: number;
}

export interface CreatedTable {
  readonly tableName: string;
  /** False when the table was already there (with the same keys and indexes). */
  readonly created: boolean;
  /**
   * `enabled`: TTL is on for the definition's attribute; `unsupported`: the target has no
   * UpdateTimeToLive (dynalite); `none`: the definition has no TTL attribute.
   */
  readonly timeToLive: 'enabled' | 'unsupported' | 'none';
  /** DescribeTable's answer once the table and all its indexes are ACTIVE. */
  readonly description: TableDescription;
}

/**
 * Creates every table of `tableDefinitions` as `<prefix>-<table>` and waits until all are ACTIVE.
 * Idempotent: tables that exist already are accepted when their keys and indexes match.
 * Returns the physical table names.
 */
export async function createTables(
  client: DynamoDBClient,
  prefix: string,
  options: CreateTableOptions = {},
): Promise<Record<TableKey, string>> {
  const created = await Promise.all(
    tableKeys.map(async (key): Promise<[TableKey, string]> => {
      const definition: TableDefinition = tableDefinitions[key];
      const table = await createTable(client, physicalTableName(prefix, key), definition, options);
      return [key, table.tableName];
    }),
  );
  return Object.fromEntries(created) as Record<TableKey, string>;
}

/** Creates one table from a definition (or accepts a matching existing one), then waits for ACTIVE. */
export async function createTable(
  client: DynamoDBClient,
  tableName: string,
  definition: TableDefinition,
  options: CreateTableOptions = {},
): Promise<CreatedTable> {
  const input = createTableInput(tableName, definition);
  let created = true;
  try {
    await client.send(new CreateTableCommand(input));
  } catch (error) {
    if (errorName(error) !== 'ResourceInUseException') throw error;
    created = false;
  }
  const description = await waitUntilActive(client, tableName, options.timeoutMs ?? 30_000);
  if (!created) assertSameKeys(tableName, input, description);
  const timeToLive = definition.timeToLiveAttribute
    ? await enableTimeToLive(client, tableName, definition.timeToLiveAttribute)
    : 'none';
  return { tableName, created, timeToLive, description };
}

/** The CreateTable request for a definition: on-demand billing, each index with its projection. */
export function createTableInput(tableName: string, definition: TableDefinition): CreateTableCommandInput {
  const attributes = new Map<string, KeyAttribute['type']>();
  const declare = (attribute: KeyAttribute | undefined): void => {
    if (!attribute) return;
    const known = attributes.get(attribute.name);
    if (known && known !== attribute.type) {
      throw new Error(
        `${tableName}: attribute ${attribute.name} is declared both ${known} and ${attribute.type}`,
      );
    }
    attributes.set(attribute.name, attribute.type);
  };
  declare(definition.partitionKey);
  declare(definition.sortKey);
  for (const index of definition.globalSecondaryIndexes) {
    declare(index.partitionKey);
    declare(index.sortKey);
  }

  const attributeDefinitions: AttributeDefinition[] = [...attributes].map(([name, type]) => ({
    AttributeName: name,
    AttributeType: type,
  }));
  const input: CreateTableCommandInput = {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributeDefinitions,
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
  };
  if (definition.globalSecondaryIndexes.length > 0) {
    input.GlobalSecondaryIndexes = definition.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: { ProjectionType: index.projection === 'keys-only' ? 'KEYS_ONLY' : 'ALL' },
    }));
  }
  return input;
}

function keySchema(partitionKey: KeyAttribute, sortKey: KeyAttribute | undefined): KeySchemaElement[] {
  const schema: KeySchemaElement[] = [{ AttributeName: partitionKey.name, KeyType: 'HASH' }];
  if (sortKey) schema.push({ AttributeName: sortKey.name, KeyType: 'RANGE' });
  return schema;
}

async function waitUntilActive(
  client: DynamoDBClient,
  tableName: string,
  timeoutMs: number,
): Promise<TableDescription> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (
      table?.TableStatus === 'ACTIVE' &&
      (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE')
    ) {
      return table;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Table ${tableName} is not ACTIVE after ${timeoutMs} ms (status ${table?.TableStatus})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** An existing table with other keys would make every adapter fail later, far from the cause. */
function assertSameKeys(tableName: string, wanted: CreateTableCommandInput, actual: TableDescription): void {
  const describeKeys = (schema: KeySchemaElement[] | undefined): string =>
    (schema ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(',');
  const indexes = (list: { IndexName?: string; KeySchema?: KeySchemaElement[] }[] | undefined): string =>
    (list ?? [])
      .map((index) => `${index.IndexName}(${describeKeys(index.KeySchema)})`)
      .sort()
      .join(' ');
  const want = `${describeKeys(wanted.KeySchema)} ${indexes(wanted.GlobalSecondaryIndexes)}`;
  const have = `${describeKeys(actual.KeySchema)} ${indexes(actual.GlobalSecondaryIndexes)}`;
  if (want !== have) {
    throw new Error(`Table ${tableName} exists with other keys or indexes: has [${have}], wanted [${want}]`);
  }
}

async function enableTimeToLive(
  client: DynamoDBClient,
  tableName: string,
  attributeName: string,
): Promise<'enabled' | 'unsupported'> {
  const { TimeToLiveDescription: current } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  const status = current?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') {
    if (current?.AttributeName === attributeName) return 'enabled';
    throw new Error(`Table ${tableName} has TTL on ${current?.AttributeName}, wanted ${attributeName}`);
  }
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: attributeName, Enabled: true },
      }),
    );
    return 'enabled';
  } catch (error) {
    // dynalite implements DescribeTimeToLive but not UpdateTimeToLive.
    if (errorName(error) === 'UnknownOperationException') return 'unsupported';
    throw error;
  }
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
