import * as z from 'zod';
import type { HttpFunctionName } from '../../../functions/manifest.ts';
import {
  calendarQuery,
  consultationIdParams,
  consultationListSchema,
  consultationViewQuery,
  consultationViewSchema,
} from '../consultation.ts';
import type { RouteContract } from '../route-contract.ts';

/** The public routes that read consultations: each handler imports only its area's contracts. */
export const consultationRoutes = {
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
} as const satisfies Partial<Record<HttpFunctionName, RouteContract>>;
