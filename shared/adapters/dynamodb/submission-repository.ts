import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { callKinds } from '../../domain/consultation-definition.ts';
import { addressKey } from '../../domain/email-address.ts';
import type { StoredSubmission } from '../../domain/submission.ts';
import { submissionStatuses } from '../../domain/submission.ts';
import { submissionContentSchema } from '../../domain/submission-content.ts';
import { submissionHistoryEventSchema } from '../../domain/submission-history.ts';
import { moderationStateSchema } from '../../domain/workshop-moderation.ts';
import type {
  ConfirmationRecord,
  IdempotencyRecord,
  SubmissionRepository,
} from '../../ports/submission-repository.ts';
import { conditionalWrite } from './conditional-write.ts';
import { claimEmailRecord, completeEmailRecord } from './email-claims.ts';
import { tableDefinitions } from './table-definitions.ts';

const table = tableDefinitions.submissions;
const [byCallStatus, byReference, byConsultation, bySubmitter] = table.globalSecondaryIndexes;
const pk = table.partitionKey.name;
const sk = table.sortKey.name;

const submissionKey = (id: string) => ({ [pk]: `SUBMISSION#${id}`, [sk]: 'SUBMISSION' });
const confirmationKey = (id: string) => ({ [pk]: `SUBMISSION#${id}`, [sk]: 'CONFIRMATION' });
const counterKey = (consultationId: string, call: string) => ({
  [pk]: `REFERENCE-COUNTER#${consultationId}#${call}`,
  [sk]: 'COUNTER',
});
const idempotencyKey = (consultationId: string, keySha256: string) => ({
  [pk]: `IDEMPOTENCY#${consultationId}#${keySha256}`,
  [sk]: 'IDEMPOTENCY',
});

/** The partition of `byCallStatus` that holds one call's submissions. */
export const callPartition = (consultationId: string, call: string) => `${consultationId}#${call}`;

/**
 * The `byConsultation` index key of a submission: the consultation, then `<createdAt>#<id>`, so a
 * descending Query lists newest first with the id breaking ties, and a position is one sort key.
 */
export const consultationListingSortKey = (createdAt: string, id: string) => `${createdAt}#${id}`;

function consultationListingKey(submission: StoredSubmission): Record<string, string> {
  return {
    [byConsultation.partitionKey.name]: submission.consultationId,
    [byConsultation.sortKey.name]: consultationListingSortKey(submission.createdAt, submission.id),
  };
}

/** The partition of `bySubmitter` that holds one submitter's submissions in a consultation. */
export const submitterPartition = (consultationId: string, submitterAddressKey: string) =>
  `${consultationId}#${submitterAddressKey}`;

/**
 * The `bySubmitter` index key: written from the submission as it is stored, so a status change
 * (submitted, withdrawn) or an erasure (the address becomes the erased placeholder) moves it in
 * the same PutItem; only the address key (SHA-256) is copied, never the address.
 */
function submitterKey(submission: StoredSubmission): Record<string, string> {
  return {
    [bySubmitter.partitionKey.name]: submitterPartition(
      submission.consultationId,
      addressKey(submission.content.submitter.email),
    ),
    [bySubmitter.sortKey.name]: `${submission.call}#${submission.status}#${submission.id}`,
  };
}

/** Stored items are parsed like any input: a record that no longer validates fails loudly here. */
export const storedSubmissionSchema = z.object({
  id: z.string(),
  consultationId: z.string(),
  call: z.enum(callKinds),
  reference: z.string(),
  status: z.enum(submissionStatuses),
  version: z.int().min(1),
  editTokenSha256: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().optional(),
  withdrawnAt: z.string().optional(),
  personalDataErasedAt: z.string().optional(),
  contentSha256: z.string(),
  content: submissionContentSchema,
  // The history lives in the submission's own item: one PutItem writes a change and its event
  // together (dynalite has no TransactWriteItems), and the version condition keeps a retry from
  // adding a second event. Items written before the history existed read as having none.
  history: z.array(submissionHistoryEventSchema).default([]),
  moderation: moderationStateSchema.optional(),
});

const idempotencyRecordSchema = z.object({
  consultationId: z.string(),
  keySha256: z.string(),
  requestSha256: z.string(),
  receipt: z.object({
    id: z.string(),
    reference: z.string(),
    call: z.enum(callKinds),
    status: z.enum(['draft', 'submitted']),
    createdAt: z.string(),
    submittedAt: z.string().optional(),
    contentSha256: z.string(),
  }),
  sealedEditToken: z.string(),
  createdAt: z.string(),
  expiresAt: z.number(),
});

const confirmationRecordSchema = z.object({
  submissionId: z.string(),
  status: z.enum(['claimed', 'sent', 'failed']),
  claimedAt: z.string(),
  completedAt: z.string().optional(),
  messageId: z.string().optional(),
});

function submissionItem(submission: StoredSubmission): Record<string, unknown> {
  return {
    ...submissionKey(submission.id),
    [byCallStatus.partitionKey.name]: callPartition(submission.consultationId, submission.call),
    [byCallStatus.sortKey.name]:
      `${submission.status}#${submission.content.submitter.stakeholderType}#${submission.id}`,
    [byReference.partitionKey.name]: `${submission.consultationId}#${submission.reference}`,
    ...consultationListingKey(submission),
    ...submitterKey(submission),
    ...submission,
  };
}

export function createDynamoDbSubmissionRepository(
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): SubmissionRepository {
  const getItem = async (key: Record<string, string>) =>
    (await documentClient.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true })))
      .Item;

  return {
    async find(id) {
      const item = await getItem(submissionKey(id));
      return item === undefined ? undefined : storedSubmissionSchema.parse(item);
    },

    async findByReference(consultationId, reference) {
      const { Items } = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: byReference.indexName,
          KeyConditionExpression: '#reference = :reference',
          ExpressionAttributeNames: { '#reference': byReference.partitionKey.name },
          ExpressionAttributeValues: { ':reference': `${consultationId}#${reference}` },
        }),
      );
      const key = Items?.[0]?.[pk];
      if (typeof key !== 'string') return undefined;
      return this.find(key.slice('SUBMISSION#'.length));
    },

    async nextReferenceNumber(consultationId, call) {
      // ADD is atomic: concurrent creators each get their own number, never the same one.
      const { Attributes } = await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: counterKey(consultationId, call),
          UpdateExpression: 'ADD #last :one',
          ExpressionAttributeNames: { '#last': 'lastNumber' },
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return z.int().min(1).parse(Attributes?.lastNumber);
    },

    create(submission) {
      return conditionalWrite(() =>
        documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: submissionItem(submission),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': pk },
          }),
        ),
      );
    },

    replace(submission, expectedVersion) {
      return conditionalWrite(() =>
        documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: submissionItem(submission),
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
        ),
      );
    },

    async findIdempotencyRecord(consultationId, keySha256) {
      const item = await getItem(idempotencyKey(consultationId, keySha256));
      return item === undefined ? undefined : idempotencyRecordSchema.parse(item);
    },

    recordIdempotency(record: IdempotencyRecord) {
      return conditionalWrite(() =>
        documentClient.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...idempotencyKey(record.consultationId, record.keySha256), ...record },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': pk },
          }),
        ),
      );
    },

    claimConfirmation(submissionId, at) {
      const claim: ConfirmationRecord = { submissionId, status: 'claimed', claimedAt: at };
      return claimEmailRecord(documentClient, tableName, pk, confirmationKey(submissionId), claim);
    },

    completeConfirmation(submissionId, outcome) {
      return completeEmailRecord(documentClient, tableName, confirmationKey(submissionId), outcome);
    },

    async findConfirmation(submissionId) {
      const item = await getItem(confirmationKey(submissionId));
      return item === undefined ? undefined : confirmationRecordSchema.parse(item);
    },
  };
}
