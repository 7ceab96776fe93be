import { adminModerationRoutes } from '../shared/contracts/routes/admin-moderation-routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { adminSubmissionNotFound } from '../shared/http/moderation-problems.ts';
import { viewForSecretariat } from '../shared/use-cases/admin-submission-view.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { moderationEmailsInDynamoDb, submissionsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'submissions' | 'moderationEmails'>) =>
  httpHandler(adminModerationRoutes['admin-get-submission'], async ({ params, caller }) => {
    adminActor(caller);
    const view = await viewForSecretariat(dependencies, params.id, params.submissionId);
    if (view === undefined) throw adminSubmissionNotFound(params.id, params.submissionId);
    return { status: 200, headers: { 'Cache-Control': 'no-store' }, json: view };
  });

export const handler = lambdaEntry(createHandler, {
  submissions: submissionsInDynamoDb,
  moderationEmails: moderationEmailsInDynamoDb,
});
