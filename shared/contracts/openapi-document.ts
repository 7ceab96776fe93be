import { buildOpenApiDocument } from './openapi.ts';

/**
 * The OpenAPI document as `GET /v1/openapi.json` serves it: JSON text. Imported as
 * `#openapi-document` (package.json `imports`): run from source (local runtime, tests), this module
 * generates it from the contracts; the Lambda bundle of `get-openapi` gets instead a module holding
 * the text generated from the same contracts at build time (`infra/constructs/function-bundling.ts`),
 * so the function neither imports zod and every route's schemas nor converts them at cold start.
 */
export const servedOpenApiDocument = (): string => JSON.stringify(buildOpenApiDocument());
