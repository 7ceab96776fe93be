import * as z from 'zod';
import type { HttpFunctionName } from '../../functions/manifest.ts';
import {
  calendarQuery,
  consultationIdParams,
  consultationListSchema,
  consultationViewQuery,
  consultationViewSchema,
} from './consultation.ts';
import type { RouteContract } from './route-contract.ts';
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
} as const satisfies Record<HttpFunctionName, RouteContract>;
