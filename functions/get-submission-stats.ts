import { submissionRoutes } from '../shared/contracts/routes/submission-routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { consultationSubmissionStats } from '../shared/use-cases/submission-stats.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { consultationsInDynamoDb, submissionStatisticsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'consultations' | 'submissionStatistics'>) =>
  httpHandler(submissionRoutes['get-submission-stats'], async ({ params }) => {
    const stats = await consultationSubmissionStats(dependencies, params.id);
    if (stats === undefined) throw problems.consultationNotFound(params.id);
    // Counts move with every submission; a minute of caching spares the table at the deadline rush.
    return { status: 200, headers: { 'Cache-Control': 'public, max-age=60' }, json: stats };
  });

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  submissionStatistics: submissionStatisticsInDynamoDb,
});
