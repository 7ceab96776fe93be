import { consultationRoutes } from '../shared/contracts/routes/consultation-routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { viewConsultation } from '../shared/use-cases/view-consultation.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { consultationsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'consultations'>) =>
  httpHandler(consultationRoutes['get-consultation'], async ({ params, query }) => {
    const view = await viewConsultation(dependencies, { id: params.id, readerTimeZone: query.timezone });
    if (view === undefined) throw problems.consultationNotFound(params.id);
    // The state depends on the instant; a short cache keeps "open calls" honest near a deadline.
    return { status: 200, headers: { 'Cache-Control': 'public, max-age=15' }, json: view };
  });

export const handler = lambdaEntry(createHandler, { consultations: consultationsInDynamoDb });
