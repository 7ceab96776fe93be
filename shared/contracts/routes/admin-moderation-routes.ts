import type { HttpFunctionName } from '../../../functions/manifest.ts';
import {
  adminSubmissionParams,
  adminSubmissionSchema,
  moderationBody,
  moderationResponseSchema,
} from '../admin-moderation.ts';
import type { RouteContract } from '../route-contract.ts';

/** The Secretariat's routes on one submission: read it whole, moderate a workshop request. */
export const adminModerationRoutes = {
  'admin-get-submission': {
    summary: 'Get a submission with its history (Secretariat)',
    description:
      'The whole submission (content, status, reference, version, moderation state) and every change it ' +
      'went through, oldest first: created, edited (the names of the fields, not their values), submitted, ' +
      'withdrawn, moderated, each with when, who (`submitter` or the signer’s ARN) and the version after. ' +
      '404 when the submission is not one of this consultation’s.',
    tags: ['admin'],
    params: adminSubmissionParams,
    responses: { 200: { description: 'The submission', schema: adminSubmissionSchema } },
    problems: [400, 403, 404],
  },
  'moderate-workshop-request': {
    summary: 'Accept, reject or ask for changes to a workshop request',
    description:
      'For a submitted workshop request: stores the decision (a history event and an audit entry) and ' +
      'emails the submitter, in their language, the decision and the message. `request-changes` tells them ' +
      'to edit through the edit link of their receipt until their deadline (or extension), and is refused ' +
      'when that has passed (409 `submitter-cannot-edit`: grant an extension first). Repeating the same ' +
      'decision and message answers the same result (`Idempotent-Replayed: true`) and sends nothing; another ' +
      'decision or message is a new moderation and a new email. Changing a decision already made (accepted ' +
      'or rejected) needs a `reason`. 422 for another call, 409 for a draft or withdrawn request or when ' +
      'the submission changed during the request.',
    tags: ['admin'],
    params: adminSubmissionParams,
    body: moderationBody,
    bodyLimitBytes: 32 * 1024,
    responses: {
      200: {
        description: 'Moderated (or, for a repeated request, moderated before)',
        schema: moderationResponseSchema,
        headers: { 'Idempotent-Replayed': '`true` when the request repeated the moderation in force.' },
      },
    },
    problems: [400, 403, 404, 409, 413, 415, 422],
  },
} as const satisfies Partial<Record<HttpFunctionName, RouteContract>>;
