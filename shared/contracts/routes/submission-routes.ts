import type { HttpFunctionName } from '../../../functions/manifest.ts';
import { consultationIdParams } from '../consultation-id-params.ts';
import type { RouteContract } from '../route-contract.ts';
import {
  consultationStatsSchema,
  createdSubmissionSchema,
  createSubmissionBody,
  idempotencyKeyHeaders,
  ifMatchHeaders,
  submissionIdParams,
  submissionMergePatch,
  submissionViewSchema,
} from '../submission.ts';

const eTagHeader = { ETag: 'The version of the submission, for If-Match.' };
const withToken = { authentication: 'edit-token' as const, tags: ['submissions'] };

/** Stakeholders' submissions to the calls, and their public counts. */
export const submissionRoutes = {
  'create-submission': {
    summary: 'Create a submission',
    description:
      'Creates a draft or (by default) a submitted submission to one of the consultation’s calls, while the ' +
      'call accepts writes at the server clock (opensAt <= t < closesAt, or until an extension granted to the ' +
      'submitter): otherwise 409 `call-not-open` or `call-closed`, and nothing is written. A submitted ' +
      'submission gets a receipt by email in the submitter’s language. The answer holds the edit token, ' +
      'shown this once. With `Idempotency-Key`, a retry with the same body answers the same submission.',
    tags: ['submissions'],
    params: consultationIdParams,
    headers: idempotencyKeyHeaders,
    body: createSubmissionBody,
    responses: {
      201: {
        description: 'Created (or, for a repeated Idempotency-Key and body, created before)',
        schema: createdSubmissionSchema,
        headers: { Location: 'The submission’s URL.', ...eTagHeader },
      },
    },
    problems: [400, 404, 409, 413, 415, 422],
  },
  'get-submission': {
    summary: 'Get a submission',
    description: 'The submission as stored, for the holder of its edit token, with its ETag.',
    ...withToken,
    params: submissionIdParams,
    responses: {
      200: { description: 'The submission', schema: submissionViewSchema, headers: eTagHeader },
    },
    problems: [400, 401, 403, 404],
  },
  'update-submission': {
    summary: 'Edit a submission',
    description:
      'A JSON merge patch (RFC 7396) of the editable fields, based on the version named by If-Match: 428 ' +
      'without it, 412 when another change came first. The merged submission is validated as a whole. ' +
      'Only while the call accepts writes (409 otherwise); a withdrawn submission cannot change.',
    ...withToken,
    params: submissionIdParams,
    headers: ifMatchHeaders(true),
    body: submissionMergePatch,
    bodyMediaType: 'application/merge-patch+json',
    responses: {
      200: { description: 'The edited submission', schema: submissionViewSchema, headers: eTagHeader },
    },
    problems: [400, 401, 403, 404, 409, 412, 413, 415, 428],
  },
  'submit-submission': {
    summary: 'Submit a draft',
    description:
      'A draft becomes submitted, while the call accepts writes, and the receipt is emailed (once). ' +
      'Submitting a submitted submission changes nothing.',
    ...withToken,
    params: submissionIdParams,
    headers: ifMatchHeaders(false),
    responses: {
      200: { description: 'The submitted submission', schema: submissionViewSchema, headers: eTagHeader },
    },
    problems: [400, 401, 403, 404, 409, 412],
  },
  'withdraw-submission': {
    summary: 'Withdraw a submission',
    description:
      'The submission becomes withdrawn, while the call accepts writes; the record stays. Withdrawing ' +
      'again changes nothing.',
    ...withToken,
    params: submissionIdParams,
    headers: ifMatchHeaders(false),
    responses: {
      200: { description: 'The withdrawn submission', schema: submissionViewSchema, headers: eTagHeader },
    },
    problems: [400, 401, 403, 404, 409, 412],
  },
  'get-submission-stats': {
    summary: 'Get submission statistics',
    description:
      'Counts of each call’s submissions by status, and of submitted ones by stakeholder type. No personal data.',
    tags: ['submissions'],
    params: consultationIdParams,
    responses: { 200: { description: 'The counts', schema: consultationStatsSchema } },
    problems: [400, 404],
  },
} as const satisfies Partial<Record<HttpFunctionName, RouteContract>>;
