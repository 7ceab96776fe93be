import { servedOpenApiDocument } from '#openapi-document';
import { metaRoutes } from '../shared/contracts/routes/meta-routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';

export const createHandler = (_dependencies: Uses) => {
  // The document only changes with a deploy: in Lambda it was generated when the bundle was built.
  const document = servedOpenApiDocument();
  return httpHandler(metaRoutes['get-openapi'], async () => ({
    status: 200,
    headers: { 'Cache-Control': 'public, max-age=300' },
    text: document,
    contentType: 'application/json; charset=utf-8',
  }));
};

export const handler = lambdaEntry(createHandler, {});
