import type { StoredSubmission } from '../domain/submission.ts';

/**
 * A submission as its token holder reads it: the content at the top level (the same shape as the
 * body that created it, so that a JSON merge patch applies to this very document) and the
 * server-kept fields beside it, which a patch may not change.
 */
export function presentSubmission(submission: StoredSubmission) {
  return {
    ...submission.content,
    id: submission.id,
    reference: submission.reference,
    consultationId: submission.consultationId,
    status: submission.status,
    version: submission.version,
    createdAt: submission.createdAt,
    updatedAt: submission.updatedAt,
    ...(submission.submittedAt === undefined ? {} : { submittedAt: submission.submittedAt }),
    ...(submission.withdrawnAt === undefined ? {} : { withdrawnAt: submission.withdrawnAt }),
    contentSha256: submission.contentSha256,
  };
}

export type SubmissionView = ReturnType<typeof presentSubmission>;

/** The fields of the view that the server keeps; `call` among them, as it fixes the reference. */
export const serverKeptFields = [
  'id',
  'reference',
  'consultationId',
  'call',
  'status',
  'version',
  'createdAt',
  'updatedAt',
  'submittedAt',
  'withdrawnAt',
  'contentSha256',
] as const;
