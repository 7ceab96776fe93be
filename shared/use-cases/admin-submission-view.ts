import type { StoredSubmission } from '../domain/submission.ts';
import type { SubmissionRepository } from '../ports/submission-repository.ts';
import { presentSubmission } from './submission-presentation.ts';

/**
 * A submission as the Secretariat reads it: the token holder's view, the moderation in force and
 * the whole history, oldest first. The edit token's hash is never part of it.
 */
export function presentForSecretariat(submission: StoredSubmission) {
  return {
    submission: presentSubmission(submission),
    ...(submission.moderation === undefined ? {} : { moderation: submission.moderation }),
    history: [...submission.history],
  };
}

/** One submission of one consultation; undefined when there is none, or it belongs to another. */
export async function findConsultationSubmission(
  ports: { readonly submissions: SubmissionRepository },
  consultationId: string,
  submissionId: string,
): Promise<StoredSubmission | undefined> {
  const submission = await ports.submissions.find(submissionId);
  return submission?.consultationId === consultationId ? submission : undefined;
}
