import { adminListingRouteContracts } from '../shared/contracts/routes/admin-listing-routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { adminSubmissionStats } from '../shared/use-cases/admin-submission-stats.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { consultationsInDynamoDb, submissionCatalogInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'consultations' | 'submissionCatalog'>) =>
  httpHandler(adminListingRouteContracts['get-admin-stats'], async ({ params, caller }) => {
    adminActor(caller);
    const stats = await adminSubmissionStats(dependencies, params.id);
    if (stats === undefined) throw problems.consultationNotFound(params.id);
    return { status: 200, headers: { 'Cache-Control': 'no-store' }, json: stats };
  });

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  submissionCatalog: submissionCatalogInDynamoDb,
});
