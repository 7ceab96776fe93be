/**
 * The one definition of every DynamoDB table's keys and indexes. CDK creates the tables from it,
 * the local runtime and the tests create the same tables in dynalite / DynamoDB Local from it, and
 * the adapters read their key names from it. Pure data: no SDK import.
 */
export type KeyType = 'S' | 'N';

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

export interface GlobalSecondaryIndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableDefinition {
  /** What the table holds, for people reading a template or a console. */
  readonly purpose: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes: readonly GlobalSecondaryIndexDefinition[];
  /** Attribute holding an epoch-seconds expiry, when items of this table expire. */
  readonly timeToLiveAttribute?: string;
  /** Environment variable through which a function learns the physical table name. */
  readonly tableNameEnv: string;
}

export const tableDefinitions = {
  /**
   * Consultation definitions and their calendar. Items: `pk = CONSULTATION#<id>`, `sk = DEFINITION`;
   * listed through `byKind` (`gsi1pk = CONSULTATION`, `gsi1sk = <first instant>#<id>`) so that
   * listing consultations is a Query, never a Scan.
   */
  consultations: {
    purpose: 'Consultation definitions and calendars',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalSecondaryIndexes: [
      {
        indexName: 'byKind',
        partitionKey: { name: 'gsi1pk', type: 'S' },
        sortKey: { name: 'gsi1sk', type: 'S' },
      },
    ],
    tableNameEnv: 'CONSULTATIONS_TABLE_NAME',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof tableDefinitions;

export const tableKeys = Object.keys(tableDefinitions) as TableKey[];

/** Physical table name for a deployment stage or a local run, e.g. `wsis-local-consultations`. */
export function physicalTableName(prefix: string, table: TableKey): string {
  return `${prefix}-${table}`;
}
