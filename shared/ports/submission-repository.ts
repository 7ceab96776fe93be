import type { CallKind } from '../domain/consultation-definition.ts';
import type { StoredSubmission, SubmissionReceipt } from '../domain/submission.ts';

/**
 * A POST's Idempotency-Key as stored: the hash of the key (never the key), the hash of the body it
 * came with, and the response it got, so that a retry gets the same answer. The edit token is kept
 * sealed with a key derived from the idempotency key itself: only a client presenting that key can
 * have it back, and the table never holds a usable token.
 */
export interface IdempotencyRecord {
  readonly consultationId: string;
  readonly keySha256: string;
  readonly requestSha256: string;
  readonly receipt: SubmissionReceipt;
  readonly sealedEditToken: string;
  readonly createdAt: string;
  /** Epoch seconds after which DynamoDB may delete the record (TTL). */
  readonly expiresAt: number;
}

export type ConfirmationOutcome =
  | { readonly status: 'sent'; readonly messageId: string; readonly at: string }
  | { readonly status: 'failed'; readonly reason: string; readonly at: string };

export interface ConfirmationRecord {
  readonly submissionId: string;
  readonly status: 'claimed' | 'sent' | 'failed';
  readonly claimedAt: string;
  readonly completedAt?: string;
  readonly messageId?: string;
}

export interface SubmissionRepository {
  find(id: string): Promise<StoredSubmission | undefined>;
  findByReference(consultationId: string, reference: string): Promise<StoredSubmission | undefined>;
  /** The next reference number of a call: 1, 2, 3... (a number taken by a failed write is skipped). */
  nextReferenceNumber(consultationId: string, call: CallKind): Promise<number>;
  /** Stores a new submission; false when one with its id exists already. */
  create(submission: StoredSubmission): Promise<boolean>;
  /** Stores a changed submission; false when the stored version is no longer `expectedVersion`. */
  replace(submission: StoredSubmission, expectedVersion: number): Promise<boolean>;
  findIdempotencyRecord(consultationId: string, keySha256: string): Promise<IdempotencyRecord | undefined>;
  /** Stores the record unless the key is taken; false when another request took it first. */
  recordIdempotency(record: IdempotencyRecord): Promise<boolean>;
  /** Takes the one right to send a submission's confirmation; false when it was taken before. */
  claimConfirmation(submissionId: string, at: string): Promise<boolean>;
  completeConfirmation(submissionId: string, outcome: ConfirmationOutcome): Promise<void>;
  findConfirmation(submissionId: string): Promise<ConfirmationRecord | undefined>;
}
