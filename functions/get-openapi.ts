import { buildOpenApiDocument } from '../shared/contracts/openapi.ts';
import { routeContracts } from '../shared/contracts/routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';

export const createHandler = (_dependencies: Uses) => {
  // Built once per cold start: the document only changes with a deploy.
  const document = buildOpenApiDocument();
  return httpHandler(routeContracts['get-openapi'], async () => ({
    status: 200,
    headers: { 'Cache-Control': 'public, max-age=300' },
    json: document,
  }));
};

export const handler = lambdaEntry(createHandler, {});
