import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  paginateScan,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type AuditEntry, auditEntrySchema } from '../../domain/audit-entry.ts';
import { normalizeEmailAddress } from '../../domain/email-address.ts';
import { granteeKey } from '../../domain/extension.ts';
import { languageSchema } from '../../domain/localized-text.ts';
import { stakeholderTypeSchema } from '../../domain/stakeholder-type.ts';
import type {
  AuditEntryHolding,
  PersonalDataStore,
  SendRecordHolding,
} from '../../ports/personal-data-store.ts';
import type { WaveRef } from '../../ports/send-records.ts';
import { consultationPartitionKey } from './audit-trail.ts';
import { conditionalWrite } from './conditional-write.ts';
import { recipientPrefix, recordFrom } from './send-records.ts';
import { callPartition } from './submission-repository.ts';
import { tableDefinitions } from './table-definitions.ts';

export interface PersonalDataTableNames {
  readonly consultations: string;
  readonly submissions: string;
  readonly subscriptions: string;
  readonly deliveries: string;
}

/**
 * The personal-data store over the four tables. Key shapes are those of the adapters that write
 * the records (submission-repository, subscription-repository, send-records, suppression-list,
 * extension-repository, audit-trail); this module only reads, deletes and rewrites them.
 */
const submissionsTable = tableDefinitions.submissions;
const [byCallStatus] = submissionsTable.globalSecondaryIndexes;
const subscriptionsTable = tableDefinitions.subscriptions;
const deliveriesTable = tableDefinitions.deliveries;
const consultationsTable = tableDefinitions.consultations;
const [byKind] = consultationsTable.globalSecondaryIndexes;

/** Send records moved off their address key live under `RECIPIENT#ERASED-<random>`. */
const anonymousRecipientPrefix = `${recipientPrefix}ERASED-`;

const addressesProjection = z.object({
  pk: z.string(),
  content: z.object({
    submitter: z.object({ email: z.string() }),
    nomination: z
      .object({
        nominee: z.object({ email: z.string() }),
        nominator: z.object({ email: z.string() }),
      })
      .optional(),
  }),
});

const submissionCursorSchema = z.object({
  call: z.int().min(0),
  after: z.record(z.string(), z.string()).optional(),
});

/** `WAVE#<consultation id>#<wave id>`; consultation ids are slugs, so the first `#` after them splits. */
function waveOf(partitionKey: string): WaveRef {
  const [, consultationId = '', ...waveId] = partitionKey.split('#');
  return { consultationId, waveId: waveId.join('#') };
}

export function createDynamoDbPersonalDataStore(
  documentClient: DynamoDBDocumentClient,
  tables: PersonalDataTableNames,
): PersonalDataStore {
  const subPk = subscriptionsTable.partitionKey.name;
  const subSk = subscriptionsTable.sortKey.name;
  const subscriberKey = (consultationId: string, key: string) => ({
    [subPk]: `CONSULTATION#${consultationId}`,
    [subSk]: `SUBSCRIBER#${key}`,
  });
  const optOutKey = (consultationId: string, key: string) => ({
    [subPk]: `CONSULTATION#${consultationId}`,
    [subSk]: `OPT-OUT#${key}`,
  });
  const delPk = deliveriesTable.partitionKey.name;
  const delSk = deliveriesTable.sortKey.name;
  const suppressionKey = (key: string) => ({ [delPk]: `SUPPRESSED#${key}`, [delSk]: 'SUPPRESSION' });
  const conPk = consultationsTable.partitionKey.name;
  const conSk = consultationsTable.sortKey.name;

  const get = async (tableName: string, key: Record<string, string>) =>
    (await documentClient.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true })))
      .Item;

  const deleteExisting = (tableName: string, key: Record<string, string>, partitionKeyName: string) =>
    conditionalWrite(() =>
      documentClient.send(
        new DeleteCommand({
          TableName: tableName,
          Key: key,
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': partitionKeyName },
        }),
      ),
    );

  const scanSendRecords = async (
    filter: string,
    values: Record<string, string>,
  ): Promise<SendRecordHolding[]> => {
    const found: SendRecordHolding[] = [];
    const pages = paginateScan(
      { client: documentClient },
      {
        TableName: tables.deliveries,
        FilterExpression: filter,
        ExpressionAttributeNames: { '#pk': delPk, '#sk': delSk },
        ExpressionAttributeValues: values,
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        found.push({ wave: waveOf(String(item[delPk])), record: recordFrom(item) });
      }
    }
    return found;
  };

  return {
    async submissionIdsNaming(address) {
      const wanted = normalizeEmailAddress(address);
      const ids: string[] = [];
      // No index leads from an address to the submissions naming it (the address lives inside the
      // content, as sent); an index on it would copy addresses into one more place to erase.
      const pages = paginateScan(
        { client: documentClient },
        {
          TableName: tables.submissions,
          FilterExpression: '#sk = :submission',
          ProjectionExpression:
            '#pk, #content.#submitter.#email, #content.#nomination.#nominee.#email, #content.#nomination.#nominator.#email',
          ExpressionAttributeNames: {
            '#pk': submissionsTable.partitionKey.name,
            '#sk': submissionsTable.sortKey.name,
            '#content': 'content',
            '#submitter': 'submitter',
            '#nomination': 'nomination',
            '#nominee': 'nominee',
            '#nominator': 'nominator',
            '#email': 'email',
          },
          ExpressionAttributeValues: { ':submission': 'SUBMISSION' },
          ConsistentRead: true,
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const { pk, content } = addressesProjection.parse(item);
          const addresses = [
            content.submitter.email,
            content.nomination?.nominee.email,
            content.nomination?.nominator.email,
          ];
          if (
            addresses.some(
              (candidate) => candidate !== undefined && normalizeEmailAddress(candidate) === wanted,
            )
          ) {
            ids.push(pk.slice('SUBMISSION#'.length));
          }
        }
      }
      return ids.sort();
    },

    async submissionIdsOf(consultationId, calls, cursor, limit) {
      const position =
        cursor === undefined
          ? { call: 0 }
          : submissionCursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
      const call = calls[position.call];
      if (call === undefined) return { submissionIds: [] };
      const result = await documentClient.send(
        new QueryCommand({
          TableName: tables.submissions,
          IndexName: byCallStatus.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': byCallStatus.partitionKey.name },
          ExpressionAttributeValues: { ':pk': callPartition(consultationId, call) },
          Limit: limit,
          ...(position.after === undefined ? {} : { ExclusiveStartKey: position.after }),
        }),
      );
      const submissionIds = (result.Items ?? []).map((item) =>
        String(item[submissionsTable.partitionKey.name]).slice('SUBMISSION#'.length),
      );
      const after = result.LastEvaluatedKey as Record<string, string> | undefined;
      const next =
        after !== undefined
          ? { call: position.call, after }
          : position.call + 1 < calls.length
            ? { call: position.call + 1 }
            : undefined;
      return {
        submissionIds,
        ...(next === undefined
          ? {}
          : { cursor: Buffer.from(JSON.stringify(next), 'utf8').toString('base64url') }),
      };
    },

    async subscription(consultationId, key) {
      const item = await get(tables.subscriptions, subscriberKey(consultationId, key));
      if (item === undefined) return undefined;
      const text = (name: string) => (typeof item[name] === 'string' ? { [name]: item[name] as string } : {});
      const status = z.enum(['pending', 'confirmed', 'unsubscribed']).parse(item.status);
      return {
        subscription: {
          consultationId,
          addressKey: key,
          email: String(item.email),
          language: languageSchema.parse(item.language),
          status,
          requestedAt: String(item.requestedAt),
          ...(typeof item.timeZone === 'string' ? { timeZone: item.timeZone } : {}),
          ...(typeof item.stakeholderType === 'string'
            ? { stakeholderType: stakeholderTypeSchema.parse(item.stakeholderType) }
            : {}),
          ...(typeof item.country === 'string' ? { country: item.country } : {}),
          ...text('confirmedAt'),
          ...text('unsubscribedAt'),
        },
      };
    },

    async optOut(consultationId, key) {
      const item = await get(tables.subscriptions, optOutKey(consultationId, key));
      return item === undefined ? undefined : { consultationId, optedOutAt: String(item.optedOutAt) };
    },

    async confirmationEmailCounters(key) {
      const counters: { day: string; count: number }[] = [];
      const pages = paginateQuery(
        { client: documentClient },
        {
          TableName: tables.subscriptions,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': subPk, '#sk': subSk },
          ExpressionAttributeValues: { ':pk': `ADDRESS#${key}`, ':prefix': 'CONFIRMATION-EMAILS#' },
          ConsistentRead: true,
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          counters.push({
            day: String(item[subSk]).slice('CONFIRMATION-EMAILS#'.length),
            count: typeof item.count === 'number' ? item.count : 0,
          });
        }
      }
      return counters;
    },

    deleteSubscription: (consultationId, key) =>
      deleteExisting(tables.subscriptions, subscriberKey(consultationId, key), subPk),

    deleteOptOut: (consultationId, key) =>
      deleteExisting(tables.subscriptions, optOutKey(consultationId, key), subPk),

    async deleteConfirmationEmailCounters(key) {
      let deleted = 0;
      for (const counter of await this.confirmationEmailCounters(key)) {
        const removed = await deleteExisting(
          tables.subscriptions,
          { [subPk]: `ADDRESS#${key}`, [subSk]: `CONFIRMATION-EMAILS#${counter.day}` },
          subPk,
        );
        if (removed) deleted += 1;
      }
      return deleted;
    },

    async subscriptionKeysOf(consultationId) {
      const addressKeys = new Set<string>();
      // Two Queries, one per prefix: a Query cannot filter on its own sort key.
      for (const prefix of ['SUBSCRIBER#', 'OPT-OUT#']) {
        const pages = paginateQuery(
          { client: documentClient },
          {
            TableName: tables.subscriptions,
            KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
            ProjectionExpression: '#sk',
            ExpressionAttributeNames: { '#pk': subPk, '#sk': subSk },
            ExpressionAttributeValues: { ':pk': `CONSULTATION#${consultationId}`, ':prefix': prefix },
            ConsistentRead: true,
          },
        );
        for await (const page of pages) {
          for (const item of page.Items ?? []) addressKeys.add(String(item[subSk]).slice(prefix.length));
        }
      }
      return [...addressKeys].sort();
    },

    sendRecordsOf: (key) =>
      scanSendRecords('begins_with(#pk, :wave) AND #sk = :recipient', {
        ':wave': 'WAVE#',
        ':recipient': `${recipientPrefix}${key}`,
      }),

    sendRecordsOfConsultation: (consultationId) =>
      scanSendRecords(
        'begins_with(#pk, :wave) AND begins_with(#sk, :recipient) AND NOT begins_with(#sk, :anonymous)',
        {
          ':wave': `WAVE#${consultationId}#`,
          ':recipient': recipientPrefix,
          ':anonymous': anonymousRecipientPrefix,
        },
      ),

    async anonymizeSendRecord(wave, key) {
      const oldKey = {
        [delPk]: `WAVE#${wave.consultationId}#${wave.waveId}`,
        [delSk]: `${recipientPrefix}${key}`,
      };
      // 1. Name the record's anonymous twin on the record itself, once: a retry reuses the name.
      let current: Record<string, unknown> | undefined;
      try {
        const { Attributes } = await documentClient.send(
          new UpdateCommand({
            TableName: tables.deliveries,
            Key: oldKey,
            UpdateExpression: 'SET erasedAs = if_not_exists(erasedAs, :id)',
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#pk': delPk },
            ExpressionAttributeValues: { ':id': randomUUID() },
            ReturnValues: 'ALL_NEW',
          }),
        );
        current = Attributes;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
      if (current === undefined) return false;
      const { [delPk]: _pk, [delSk]: _sk, erasedAs, failure, ...kept } = current;
      // 2. The twin: same state and flags, under a key that leads back to nobody. An SES failure
      // message may quote the address, so only the fact that it failed is kept.
      await conditionalWrite(() =>
        documentClient.send(
          new PutCommand({
            TableName: tables.deliveries,
            Item: {
              [delPk]: oldKey[delPk],
              [delSk]: `${anonymousRecipientPrefix}${String(erasedAs)}`,
              ...kept,
              ...(failure === undefined ? {} : { failure: 'detail erased with the address' }),
            },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': delPk },
          }),
        ),
      );
      // 3. The original goes.
      await documentClient.send(new DeleteCommand({ TableName: tables.deliveries, Key: oldKey }));
      return true;
    },

    async suppression(key) {
      const item = await get(tables.deliveries, suppressionKey(key));
      if (item === undefined) return undefined;
      return {
        reason: String(item.reason),
        ...(typeof item.detail === 'string' ? { detail: item.detail } : {}),
        suppressedAt: String(item.suppressedAt),
        addressInClear: typeof item.email === 'string',
      };
    },

    forgetSuppressedAddress: (key) =>
      conditionalWrite(() =>
        documentClient.send(
          new UpdateCommand({
            TableName: tables.deliveries,
            Key: suppressionKey(key),
            UpdateExpression: 'REMOVE email',
            ConditionExpression: 'attribute_exists(email)',
          }),
        ),
      ),

    deleteEmailExtension: (consultationId, call, address) =>
      deleteExisting(
        tables.consultations,
        {
          [conPk]: consultationPartitionKey(consultationId),
          [conSk]: `EXTENSION#${call}#${granteeKey({ kind: 'email', email: address })}`,
        },
        conPk,
      ),

    async auditEntriesNaming(consultationId, address) {
      const wanted = address === 'any' ? undefined : normalizeEmailAddress(address);
      const found: AuditEntryHolding[] = [];
      const pages = paginateQuery(
        { client: documentClient },
        {
          TableName: tables.consultations,
          IndexName: byKind.indexName,
          KeyConditionExpression: '#kind = :kind',
          ExpressionAttributeNames: { '#kind': byKind.partitionKey.name },
          ExpressionAttributeValues: { ':kind': `AUDIT#${consultationId}` },
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const entry: AuditEntry = auditEntrySchema.parse(item.entry);
          if (entry.kind !== 'extension-granted' || entry.grantee.kind !== 'email') continue;
          if (wanted !== undefined && normalizeEmailAddress(entry.grantee.email) !== wanted) continue;
          found.push({ entryKey: String(item[conSk]), entry });
        }
      }
      return found;
    },

    async replaceAuditEntry(consultationId, entryKey, entry) {
      await documentClient.send(
        new UpdateCommand({
          TableName: tables.consultations,
          Key: { [conPk]: consultationPartitionKey(consultationId), [conSk]: entryKey },
          UpdateExpression: 'SET #entry = :entry',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#entry': 'entry', '#pk': conPk },
          ExpressionAttributeValues: { ':entry': entry },
        }),
      );
    },
  };
}
