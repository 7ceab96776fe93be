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
  /**
   * What the index copies: `all` attributes (the default), or `keys-only` (the table's and the
   * index's keys), which keeps an index that is only counted or used to find ids small and cheap.
   */
  readonly projection?: 'all' | 'keys-only';
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
  /**
   * Stakeholder submissions and what keeps writing them safe under retries. Items, by `pk`:
   * - `SUBMISSION#<id>`, `sk = SUBMISSION`: the submission (content, status, version, token hash).
   *   In `byCallStatus` (`gsi1pk = <consultation>#<call>`, `gsi1sk = <status>#<stakeholder type>#<id>`),
   *   keys only, so that the counts of a call are one small Query; in `byReference`
   *   (`gsi2pk = <consultation>#<reference>`), keys only; in `byConsultation`
   *   (`gsi3pk = <consultation>`, `gsi3sk = <createdAt>#<id>`), all attributes, so that the
   *   Secretariat's list, export and statistics are Query pages, newest first, never a Scan; in
   *   `bySubmitter` (`gsi4pk = <consultation>#<submitter's address key>`, `gsi4sk = <call>#<status>#<id>`),
   *   keys only, so that a deadline reminder finds what its recipient has submitted or holds as a
   *   draft with one Query (the address key is a SHA-256, never the address).
   *   The item also holds the submission's history (one event per change, appended in the same
   *   conditional PutItem as the change) and the moderation in force of a workshop request.
   * - `SUBMISSION#<id>`, `sk = CONFIRMATION`: the claim and outcome of the confirmation email.
   * - `SUBMISSION#<id>`, `sk = MODERATION-EMAIL#<version>`: the claim and outcome of the email about
   *   the moderation that produced that version.
   * - `REFERENCE-COUNTER#<consultation>#<call>`, `sk = COUNTER`: the last reference number issued.
   * - `IDEMPOTENCY#<consultation>#<sha-256 of the key>`, `sk = IDEMPOTENCY`: a POST's key, the hash of
   *   its body and its response; expires through `expiresAt`.
   */
  submissions: {
    purpose: 'Stakeholder submissions, reference counters and idempotency records',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalSecondaryIndexes: [
      {
        indexName: 'byCallStatus',
        partitionKey: { name: 'gsi1pk', type: 'S' },
        sortKey: { name: 'gsi1sk', type: 'S' },
        projection: 'keys-only',
      },
      {
        indexName: 'byReference',
        partitionKey: { name: 'gsi2pk', type: 'S' },
        projection: 'keys-only',
      },
      {
        indexName: 'byConsultation',
        partitionKey: { name: 'gsi3pk', type: 'S' },
        sortKey: { name: 'gsi3sk', type: 'S' },
      },
      {
        indexName: 'bySubmitter',
        partitionKey: { name: 'gsi4pk', type: 'S' },
        sortKey: { name: 'gsi4sk', type: 'S' },
        projection: 'keys-only',
      },
    ],
    timeToLiveAttribute: 'expiresAt',
    tableNameEnv: 'SUBMISSIONS_TABLE_NAME',
  },
  /**
   * Email subscriptions and what guards them. Items:
   * - subscriber: `pk = CONSULTATION#<id>`, `sk = SUBSCRIBER#<address key>`; once confirmed it also
   *   carries `gsi1pk = CONFIRMED#<id>`, `gsi1sk = <address key>`, so a wave reads the confirmed
   *   subscribers of a consultation with Query pages on the sparse `confirmedSubscribers` index;
   * - confirmation token: `pk = CONFIRMATION#<token hash>`, `sk = CONFIRMATION` (only the hash is
   *   stored), expiring;
   * - confirmation-email counter per address and day: `pk = ADDRESS#<address key>`,
   *   `sk = CONFIRMATION-EMAILS#<date>`, expiring;
   * - opt-out: `pk = CONSULTATION#<id>`, `sk = OPT-OUT#<address key>`, written by one-click
   *   unsubscribe, read on the send path for subscribers and draft holders alike.
   */
  subscriptions: {
    purpose: 'Email subscriptions, confirmation tokens (hashed), opt-outs',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalSecondaryIndexes: [
      {
        indexName: 'confirmedSubscribers',
        partitionKey: { name: 'gsi1pk', type: 'S' },
        sortKey: { name: 'gsi1sk', type: 'S' },
      },
    ],
    timeToLiveAttribute: 'expiresAt',
    tableNameEnv: 'SUBSCRIPTIONS_TABLE_NAME',
  },
  /**
   * Reminder waves, one send record per (wave, recipient), and the suppression list. Items:
   * - wave: `pk = WAVE#<consultation id>#<wave id>`, `sk = WAVE` (fan-out progress);
   * - send record: same `pk`, `sk = RECIPIENT#<address key>` (state and outcome; delivery figures
   *   are one Query of the wave's partition);
   * - suppression: `pk = SUPPRESSED#<address key>`, `sk = SUPPRESSION` (bounces and complaints).
   */
  deliveries: {
    purpose: 'Reminder waves, per-recipient send records, suppressed addresses',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalSecondaryIndexes: [],
    tableNameEnv: 'DELIVERIES_TABLE_NAME',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof tableDefinitions;

export const tableKeys = Object.keys(tableDefinitions) as TableKey[];

/** Physical table name for a deployment stage or a local run, e.g. `wsis-local-consultations`. */
export function physicalTableName(prefix: string, table: TableKey): string {
  return `${prefix}-${table}`;
}
