/**
 * Why a submission request is refused, in the consultation's terms. Use cases throw it; the HTTP
 * layer maps each reason to its problem type and status (shared/http/submission-problems.ts), so
 * the rules stay free of HTTP.
 */
export interface InvalidField {
  /** Where the value is, e.g. `body.submitter.country`. */
  readonly path: string;
  readonly message: string;
}

export type RefusalReason =
  | { readonly kind: 'consultation-not-found'; readonly consultationId: string }
  | { readonly kind: 'submission-not-found'; readonly submissionId: string }
  | { readonly kind: 'invalid-content'; readonly errors: readonly InvalidField[] }
  | { readonly kind: 'edit-token-missing' }
  | { readonly kind: 'edit-token-rejected' }
  | { readonly kind: 'call-not-open'; readonly opensAt: string }
  | { readonly kind: 'call-closed'; readonly closedAt: string }
  | { readonly kind: 'idempotency-key-reused' }
  | { readonly kind: 'precondition-required' }
  | { readonly kind: 'precondition-failed'; readonly currentVersion: number }
  | { readonly kind: 'submission-withdrawn'; readonly withdrawnAt: string };

export class SubmissionRefusal extends Error {
  readonly reason: RefusalReason;

  constructor(reason: RefusalReason) {
    super(`Submission request refused: ${reason.kind}`);
    this.name = 'SubmissionRefusal';
    this.reason = reason;
  }
}

export const refuse = (reason: RefusalReason): never => {
  throw new SubmissionRefusal(reason);
};
