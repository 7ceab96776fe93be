import type { StoredSubmission } from '../domain/submission.ts';
import type { ModerationEmails } from '../ports/moderation-emails.ts';
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

/** What became of an email the engine owed the submitter: never its address or content. */
export interface EmailState {
  readonly status: 'claimed' | 'sent' | 'failed';
  readonly claimedAt: string;
  readonly completedAt?: string;
}

const emailState = (record: EmailState): EmailState => ({
  status: record.status,
  claimedAt: record.claimedAt,
  ...(record.completedAt === undefined ? {} : { completedAt: record.completedAt }),
});

/** One submission of one consultation; undefined when there is none, or it belongs to another. */
export async function findConsultationSubmission(
  ports: { readonly submissions: SubmissionRepository },
  consultationId: string,
  submissionId: string,
): Promise<StoredSubmission | undefined> {
  const submission = await ports.submissions.find(submissionId);
  return submission?.consultationId === consultationId ? submission : undefined;
}

/**
 * The Secretariat's whole view of one submission: as presented above, and what became of the
 * emails it caused (the receipt, the email about the moderation in force), so that a `failed` or
 * an interrupted (`claimed`) send can be followed up without asking a developer.
 */
export async function viewForSecretariat(
  ports: { readonly submissions: SubmissionRepository; readonly moderationEmails: ModerationEmails },
  consultationId: string,
  submissionId: string,
) {
  const submission = await findConsultationSubmission(ports, consultationId, submissionId);
  if (submission === undefined) return undefined;
  const { moderation } = submission;
  const [receipt, moderationEmail] = await Promise.all([
    ports.submissions.findConfirmation(submission.id),
    moderation === undefined ? undefined : ports.moderationEmails.find(submission.id, moderation.version),
  ]);
  return {
    ...presentForSecretariat(submission),
    emails: {
      ...(receipt === undefined ? {} : { receipt: emailState(receipt) }),
      ...(moderationEmail === undefined ? {} : { moderation: emailState(moderationEmail) }),
    },
  };
}
