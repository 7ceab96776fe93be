import type { HttpFunctionName } from '../../../functions/manifest.ts';
import type { RouteContract } from '../route-contract.ts';
import { waveFiguresParams, waveFiguresSchema } from '../subscriptions.ts';

/**
 * The Secretariat's view of reminder waves (IAM-signed). Apart from the other admin routes because its
 * schemas live with the subscriptions': the calendar functions need not build those.
 */
export const reminderRoutes = {
  'get-wave-figures': {
    summary: 'Delivery figures of a reminder wave',
    description:
      'For the Secretariat: sent, bounced, complained, suppressed, unsubscribed, already submitted (deadline waves), failed, in progress.',
    tags: ['admin'],
    params: waveFiguresParams,
    responses: { 200: { description: 'The figures', schema: waveFiguresSchema } },
    problems: [400, 403, 404],
  },
} as const satisfies Partial<Record<HttpFunctionName, RouteContract>>;
