import { entityTag, type StoredSubmission } from '../domain/submission.ts';
import { presentSubmission } from '../use-cases/submission-presentation.ts';
import type { HttpResult } from './http-handler.ts';

/** The 200 answer of every route that returns one submission: its view, its ETag, never cached. */
export function submissionResult(submission: StoredSubmission): HttpResult {
  return {
    status: 200,
    // `private, no-store`: the body holds personal data and is read with a bearer token.
    headers: { ETag: entityTag(submission.version), 'Cache-Control': 'private, no-store' },
    json: presentSubmission(submission),
  };
}
