import * as z from 'zod';
import type { HttpFunctionName } from '../../../functions/manifest.ts';
import { consultationIdParams } from '../consultation-id-params.ts';
import type { RouteContract } from '../route-contract.ts';
import {
  confirmationPageQuery,
  confirmationRequestSchema,
  confirmationResultSchema,
  subscriptionAcceptedSchema,
  subscriptionRequestSchema,
  unsubscribeQuery,
  unsubscribeResultSchema,
} from '../subscriptions.ts';

/** Reminder subscriptions: double opt-in and one-click unsubscribe. */
export const subscriptionRoutes = {
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
} as const satisfies Partial<Record<HttpFunctionName, RouteContract>>;
