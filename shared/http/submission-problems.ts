import { entityTag } from '../domain/submission.ts';
import { SubmissionRefusal } from '../use-cases/submission-refusal.ts';
import { HttpProblem, problems } from './problem.ts';

/**
 * The problem+json answer of each reason a submission request is refused. Deadline refusals carry
 * the instant that decided them, so a form can say "closed at 14:00 CET" without a second request.
 */
export function submissionProblem(refusal: SubmissionRefusal): HttpProblem {
  const reason = refusal.reason;
  switch (reason.kind) {
    case 'consultation-not-found':
      return problems.consultationNotFound(reason.consultationId);
    case 'submission-not-found':
      return new HttpProblem({
        status: 404,
        type: '/problems/submission-not-found',
        title: 'No such submission',
        detail: `There is no submission with id "${reason.submissionId}".`,
      });
    case 'invalid-content':
      return problems.validation(reason.errors);
    case 'edit-token-missing':
      return new HttpProblem({
        status: 401,
        type: '/problems/edit-token-required',
        title: 'The edit token is required',
        detail: 'Send the edit token the submission was created with as `Authorization: Bearer <token>`.',
        headers: { 'WWW-Authenticate': 'Bearer realm="submissions"' },
      });
    case 'edit-token-rejected':
      return new HttpProblem({
        status: 403,
        type: '/problems/edit-token-rejected',
        title: 'The edit token does not open this submission',
        detail: 'Use the edit link of the receipt, or the token the creating request answered.',
      });
    case 'call-not-open':
      return new HttpProblem({
        status: 409,
        type: '/problems/call-not-open',
        title: 'The call does not accept submissions yet',
        detail: `The call opens at ${reason.opensAt}.`,
        extensions: { opensAt: reason.opensAt },
      });
    case 'call-closed':
      return new HttpProblem({
        status: 409,
        type: '/problems/call-closed',
        title: 'The call is closed',
        detail: `The call closed at ${reason.closedAt}; nothing was changed.`,
        extensions: { closedAt: reason.closedAt },
      });
    case 'idempotency-key-reused':
      return new HttpProblem({
        status: 422,
        type: '/problems/idempotency-key-reused',
        title: 'The Idempotency-Key was used with another body',
        detail: 'A key stands for one request: send a new key for a different submission.',
      });
    case 'precondition-required':
      return new HttpProblem({
        status: 428,
        type: '/problems/if-match-required',
        title: 'If-Match is required',
        detail: 'Send the ETag of the version you edited as If-Match, so that no one else’s change is lost.',
      });
    case 'precondition-failed':
      return new HttpProblem({
        status: 412,
        type: '/problems/stale-version',
        title: 'The submission changed since you read it',
        detail: 'Read it again (GET) and apply your change to the current version.',
        extensions: { currentETag: entityTag(reason.currentVersion) },
      });
    case 'submission-withdrawn':
      return new HttpProblem({
        status: 409,
        type: '/problems/submission-withdrawn',
        title: 'The submission is withdrawn',
        detail: `It was withdrawn at ${reason.withdrawnAt} and can no longer change.`,
        extensions: { withdrawnAt: reason.withdrawnAt },
      });
  }
}

/** Runs a use case and turns its refusals into problems for the HTTP layer. */
export async function answeringRefusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SubmissionRefusal) throw submissionProblem(error);
    throw error;
  }
}
