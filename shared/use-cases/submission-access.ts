import { bearerToken, editTokenMatches } from '../domain/edit-token.ts';
import { ifMatchSatisfied, type StoredSubmission } from '../domain/submission.ts';
import type { SubmissionRepository } from '../ports/submission-repository.ts';
import { refuse } from './submission-refusal.ts';

/**
 * The submission a request names, for the holder of its edit token only. A missing token is told
 * apart from a wrong one (401 and 403), so a form can ask for the link again; ids are random UUIDs,
 * so telling "no such submission" apart reveals nothing guessable.
 */
export async function loadForTokenHolder(
  ports: { readonly submissions: SubmissionRepository },
  request: { readonly submissionId: string; readonly authorization: string | undefined },
): Promise<{ readonly submission: StoredSubmission; readonly editToken: string }> {
  const editToken = bearerToken(request.authorization);
  if (editToken === undefined) return refuse({ kind: 'edit-token-missing' });
  const submission = await ports.submissions.find(request.submissionId);
  if (submission === undefined)
    return refuse({ kind: 'submission-not-found', submissionId: request.submissionId });
  if (!editTokenMatches(editToken, submission.editTokenSha256))
    return refuse({ kind: 'edit-token-rejected' });
  return { submission, editToken };
}

/** An If-Match given must name the current version; absent, the caller decides whether that is allowed. */
export function checkIfMatch(ifMatch: string | undefined, submission: StoredSubmission): void {
  if (ifMatch !== undefined && !ifMatchSatisfied(ifMatch, submission.version)) {
    refuse({ kind: 'precondition-failed', currentVersion: submission.version });
  }
}

export function refuseIfWithdrawn(submission: StoredSubmission): void {
  if (submission.status === 'withdrawn') {
    refuse({ kind: 'submission-withdrawn', withdrawnAt: submission.withdrawnAt ?? submission.updatedAt });
  }
}
