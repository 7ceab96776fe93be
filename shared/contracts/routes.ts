import * as z from 'zod';
import type { HttpFunctionName } from '../../functions/manifest.ts';
import {
  adminCallParams,
  adminConsultationParams,
  adminPhaseParams,
  callDatesChangeBody,
  dateChangeResponseSchema,
  extensionGrantBody,
  extensionGrantResponseSchema,
  phaseDatesChangeBody,
  reconcileReportSchema,
} from './admin.ts';
import { adminListingRouteContracts } from './admin-listing-routes.ts';
import { adminModerationRoutes } from './admin-moderation-routes.ts';
import { announcementAuditRouteContracts } from './announcement-audit-routes.ts';
import {
  calendarQuery,
  consultationIdParams,
  consultationListSchema,
  consultationViewQuery,
  consultationViewSchema,
} from './consultation.ts';
import { personalDataRouteContracts } from './personal-data-routes.ts';
import type { RouteContract } from './route-contract.ts';
import {
  consultationStatsSchema,
  createdSubmissionSchema,
  createSubmissionBody,
  idempotencyKeyHeaders,
  ifMatchHeaders,
  submissionIdParams,
  submissionMergePatch,
  submissionViewSchema,
} from './submission.ts';
import {
  confirmationPageQuery,
  confirmationRequestSchema,
  confirmationResultSchema,
  subscriptionAcceptedSchema,
  subscriptionRequestSchema,
  unsubscribeQuery,
  unsubscribeResultSchema,
  waveFiguresParams,
  waveFiguresSchema,
} from './subscriptions.ts';

const eTagHeader = { ETag: 'The version of the submission, for If-Match.' };
const withToken = { authentication: 'edit-token' as const, tags: ['submissions'] };

/** The contract of every HTTP function in the manifest, by function name. */
export const routeContracts = {
  'list-consultations': {
    summary: 'List consultations',
    description: 'Every consultation this engine runs, earliest first, with where each stands now.',
    tags: ['consultations'],
    responses: { 200: { description: 'The consultations', schema: consultationListSchema } },
    problems: [],
  },
  'get-consultation': {
    summary: 'Get a consultation',
    description:
      'The stored definition (phases, meetings, calls, reminder policy) and the state at the server clock: ' +
      'current phase, open calls, next transition and next deadline. Every instant is given in UTC and in ' +
      'official time; with `timezone`, in the reader’s zone as well.',
    tags: ['consultations'],
    params: consultationIdParams,
    query: consultationViewQuery,
    responses: { 200: { description: 'The consultation', schema: consultationViewSchema } },
    problems: [400, 404],
  },
  'get-consultation-calendar': {
    summary: 'Get a consultation’s calendar (iCalendar)',
    description:
      'RFC 5545 feed: one event per phase (meetings with venue and remote participation link), one per call ' +
      'deadline, and the Forum dates. UIDs are stable, so a subscribed calendar updates moved dates in place.',
    tags: ['consultations'],
    params: consultationIdParams,
    query: calendarQuery,
    responses: {
      200: { description: 'The calendar', mediaType: 'text/calendar', schema: z.string() },
    },
    problems: [400, 404],
  },
  'get-openapi': {
    summary: 'Get this OpenAPI document',
    tags: ['meta'],
    responses: {
      200: {
        description: 'The OpenAPI 3.1 document of this API',
        schema: z.record(z.string(), z.unknown()),
      },
    },
    problems: [],
  },
  'create-subscription': {
    summary: 'Subscribe to a consultation’s reminders',
    description:
      'Double opt-in: answers 202 and sends a confirmation email whose link confirms. The answer is the same ' +
      'whether or not the address was known, confirmed or suppressed, and confirmation emails to one address ' +
      'are limited per day.',
    tags: ['subscriptions'],
    params: consultationIdParams,
    body: subscriptionRequestSchema,
    bodyLimitBytes: 4096,
    responses: { 202: { description: 'Confirmation pending', schema: subscriptionAcceptedSchema } },
    problems: [400, 404, 413, 415],
  },
  'get-subscription-confirmation-page': {
    summary: 'Confirmation page (the link in the confirmation email)',
    description:
      'An HTML page with a button that POSTs the confirmation. Opening it changes nothing, so link scanners ' +
      'cannot confirm for people.',
    tags: ['subscriptions'],
    query: confirmationPageQuery,
    responses: { 200: { description: 'The page', mediaType: 'text/html', schema: z.string() } },
    problems: [400],
  },
  'confirm-subscription': {
    summary: 'Confirm a subscription',
    description: 'Idempotent: confirming again with the same link answers 200.',
    tags: ['subscriptions'],
    body: confirmationRequestSchema,
    bodyLimitBytes: 1024,
    responses: { 200: { description: 'Confirmed', schema: confirmationResultSchema } },
    problems: [400, 404, 413, 415],
  },
  'get-unsubscribe-page': {
    summary: 'Unsubscribe page (the link in every reminder)',
    description: 'An HTML page with a button that POSTs the unsubscribe. Opening it changes nothing.',
    tags: ['subscriptions'],
    query: unsubscribeQuery,
    responses: { 200: { description: 'The page', mediaType: 'text/html', schema: z.string() } },
    problems: [400],
  },
  unsubscribe: {
    summary: 'Unsubscribe in one click (RFC 8058)',
    description:
      'The target of `List-Unsubscribe` with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`: ' +
      'unauthenticated (the signed token is the authority), idempotent, any body ' +
      '(mail clients send `List-Unsubscribe=One-Click`).',
    tags: ['subscriptions'],
    query: unsubscribeQuery,
    responses: { 200: { description: 'Unsubscribed', schema: unsubscribeResultSchema } },
    problems: [400, 404],
  },
  'get-wave-figures': {
    summary: 'Delivery figures of a reminder wave',
    description:
      'For the Secretariat: sent, bounced, complained, suppressed, unsubscribed, failed, in progress.',
    tags: ['admin'],
    params: waveFiguresParams,
    responses: { 200: { description: 'The figures', schema: waveFiguresSchema } },
    problems: [400, 403, 404],
  },
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
  'change-call-dates': {
    summary: 'Move a call’s dates',
    description:
      'Moves a call’s opening and/or deadline (e.g. the photo contest from 7 to 11 March). Past dates stay ' +
      'as they are and new dates lie in the future; the change is stored under an optimistic lock, recorded ' +
      'in the audit trail with the signer and the reason, and the schedules are reconciled at once. The ' +
      'response shows the schedule diff. Repeating the same change answers `unchanged`.',
    tags: ['admin'],
    params: adminCallParams,
    body: callDatesChangeBody,
    responses: { 200: { description: 'Stored and reconciled', schema: dateChangeResponseSchema } },
    problems: [400, 403, 404, 409, 413, 415, 422],
  },
  'change-phase-dates': {
    summary: 'Move a phase (and its meeting)',
    description:
      'Moves a phase’s start and/or end; a meeting occupies its phase’s slot, so this also moves the ' +
      'meeting. Same rules and response as moving a call’s dates.',
    tags: ['admin'],
    params: adminPhaseParams,
    body: phaseDatesChangeBody,
    responses: { 200: { description: 'Stored and reconciled', schema: dateChangeResponseSchema } },
    problems: [400, 403, 404, 409, 413, 415, 422],
  },
  'grant-extension': {
    summary: 'Extend one submitter’s deadline',
    description:
      'Grants a submitter (by email address or organization) an extended deadline in one call, for a ' +
      'stated reason. The submission deadline check honours it; it replaces an earlier extension for ' +
      'the same grantee and call, and is recorded in the audit trail.',
    tags: ['admin'],
    params: adminCallParams,
    body: extensionGrantBody,
    responses: { 201: { description: 'Granted', schema: extensionGrantResponseSchema } },
    problems: [400, 403, 404, 413, 415, 422],
  },
  'reconcile-schedules': {
    summary: 'Reconcile the consultation’s schedules',
    description:
      'Makes the schedule group match the stored calendar (create, update, delete) and applies, once, ' +
      'past transitions not yet applied. Idempotent; run after seeding a deployment.',
    tags: ['admin'],
    params: adminConsultationParams,
    responses: { 200: { description: 'Reconciled', schema: reconcileReportSchema } },
    problems: [400, 403, 404],
  },
  ...adminListingRouteContracts,
  ...announcementAuditRouteContracts,
  ...adminModerationRoutes,
  ...personalDataRouteContracts,
} as const satisfies Record<HttpFunctionName, RouteContract>;
