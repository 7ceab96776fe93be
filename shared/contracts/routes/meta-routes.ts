import * as z from 'zod';
import type { HttpFunctionName } from '../../../functions/manifest.ts';
import type { RouteContract } from '../route-contract.ts';

/** The route that describes the API itself. */
export const metaRoutes = {
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
} as const satisfies Partial<Record<HttpFunctionName, RouteContract>>;
