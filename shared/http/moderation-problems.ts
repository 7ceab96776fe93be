import type { ModerationResult } from '../use-cases/moderate-workshop-request.ts';
import { HttpProblem } from './problem.ts';

/** The 404 of an admin route naming a submission that is not one of the consultation's. */
export function adminSubmissionNotFound(consultationId: string, submissionId: string): HttpProblem {
  return new HttpProblem({
    status: 404,
    type: '/problems/submission-not-found',
    title: 'No such submission',
    detail: `The consultation "${consultationId}" has no submission with id "${submissionId}".`,
  });
}

type Refusal = Exclude<ModerationResult, { outcome: 'moderated' }>;

/** The problem+json answer of each reason a moderation is refused; nothing was written for any. */
export function moderationProblem(
  refusal: Refusal,
  consultationId: string,
  submissionId: string,
): HttpProblem {
  switch (refusal.outcome) {
    case 'submission-not-found':
      return adminSubmissionNotFound(consultationId, submissionId);
    case 'not-a-workshop-request':
      return new HttpProblem({
        status: 422,
        type: '/problems/not-a-workshop-request',
        title: 'Only workshop requests are moderated',
        detail: `This submission answers the call "${refusal.call}", not "workshop-request".`,
        extensions: { call: refusal.call },
      });
    case 'not-submitted':
      return new HttpProblem({
        status: 409,
        type: '/problems/workshop-request-not-submitted',
        title: 'The workshop request is not submitted',
        detail:
          refusal.status === 'draft'
            ? 'The request is still a draft: the submitter has not submitted it.'
            : 'The submitter withdrew the request.',
        extensions: { status: refusal.status },
      });
    case 'reason-required':
      return new HttpProblem({
        status: 409,
        type: '/problems/moderation-decided',
        title: 'The workshop request was decided already',
        detail: `It was decided (${refusal.current.decision}) at ${refusal.current.decidedAt}; give a reason to change the decision.`,
        errors: [{ path: 'body.reason', message: 'Required to change a decision already made' }],
        extensions: { currentDecision: refusal.current.decision, decidedAt: refusal.current.decidedAt },
      });
    case 'submitter-cannot-edit':
      return new HttpProblem({
        status: 409,
        type: '/problems/submitter-cannot-edit',
        title: 'The submitter can no longer edit the request',
        detail: `Their write window closed at ${refusal.closedAt}: grant them an extension in this call, then ask for changes.`,
        extensions: { closedAt: refusal.closedAt },
      });
    case 'concurrent-change':
      return new HttpProblem({
        status: 409,
        type: '/problems/concurrent-change',
        title: 'The submission changed during the request',
        detail: 'Another change was stored first; read the submission again and decide on what it says now.',
        extensions: { currentVersion: refusal.currentVersion },
      });
  }
}
